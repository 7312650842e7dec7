package bot

import (
	"slices"
	"sync"
	"time"
)

// ipLimiter bounds, per client address, the requests in flight and, if rate
// is set, their rate (a token bucket of burst tokens refilled at rate per
// second). It remembers at most max addresses: when full, addresses with
// nothing in flight are forgotten, those longest unseen first, since a
// forgotten one starts again with a full bucket, which it nearly has anyway.
//
// Hand-written rather than golang.org/x/time/rate: the bucket is four lines,
// and the in-flight count and the bounded map, which that package does not
// do, are most of the code.
type ipLimiter struct {
	now      func() time.Time
	inFlight int     // per address
	rate     float64 // tokens per second; 0: no rate limit
	burst    float64
	max      int

	mu sync.Mutex
	m  map[string]*ipState
}

type ipState struct {
	inFlight int
	tokens   float64
	last     time.Time
}

func newIPLimiter(now func() time.Time, inFlight int, rate float64, burst, max int) *ipLimiter {
	if burst < 1 {
		burst = 1
	}
	return &ipLimiter{now: now, inFlight: inFlight, rate: rate, burst: float64(burst), max: max, m: map[string]*ipState{}}
}

// acquire takes a request slot for key; ok is false when it is over its
// limits. release gives the slot back.
func (l *ipLimiter) acquire(key string) (release func(), ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	s, found := l.m[key]
	if !found {
		if len(l.m) >= l.max && !l.evict() {
			return nil, false // every remembered address has requests in flight
		}
		s = &ipState{tokens: l.burst, last: now}
		l.m[key] = s
	}
	if l.rate > 0 {
		if dt := now.Sub(s.last).Seconds(); dt > 0 {
			s.tokens = min(l.burst, s.tokens+dt*l.rate)
		}
		s.last = now
		if s.tokens < 1 {
			return nil, false
		}
	}
	if s.inFlight >= l.inFlight {
		return nil, false
	}
	if l.rate > 0 {
		s.tokens--
	}
	s.last = now
	s.inFlight++
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			s.inFlight--
		})
	}, true
}

// evict forgets the idle addresses seen longest ago, a quarter of the map
// at a time so a stream of new addresses does not sweep on every request.
// The caller holds l.mu.
func (l *ipLimiter) evict() bool {
	type idle struct {
		key  string
		last time.Time
	}
	var cands []idle
	for k, s := range l.m {
		if s.inFlight == 0 {
			cands = append(cands, idle{k, s.last})
		}
	}
	if len(cands) == 0 {
		return false
	}
	n := max(1, l.max/4)
	if len(cands) > n {
		slices.SortFunc(cands, func(a, b idle) int { return a.last.Compare(b.last) })
		cands = cands[:n]
	}
	for _, c := range cands {
		delete(l.m, c.key)
	}
	return true
}
