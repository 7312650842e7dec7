package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"hash/fnv"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// tokenBuckets is how many rate-limit buckets each kind of interaction
// answer shares: enough for answers to go out in parallel, few enough that
// the limiter's memory does not grow with interactions.
const tokenBuckets = 64

// tokenBucket names the discordgo rate-limit bucket of a REST call made with
// an interaction token. discordgo v0.29.0 keys its own calls' buckets by URL,
// token included, and never frees them (~470 bytes per interaction). A
// bucket is held for the length of a request, so the token's hash picks one
// of a fixed few. What Discord says of one token's limits says nothing of
// another's, so those responses' bucket headers are dropped (limits.RoundTrip)
// and a shared bucket never waits for a token it does not serve.
func tokenBucket(kind, token string) string {
	h := fnv.New32a()
	h.Write([]byte(token))
	return "interaction-token/" + kind + "/" + strconv.FormatUint(uint64(h.Sum32()%tokenBuckets), 10)
}

// maxGlobalRetries bounds how often one request is retried after global 429s.
const maxGlobalRetries = 3

// limits is the HTTP side of Discord's rate limits that discordgo v0.29.0
// lacks: a global 429 (X-RateLimit-Global, Retry-After, often without
// X-RateLimit-Reset-After, which discordgo needs to notice it) pauses every
// request, not only the one that got it.
type limits struct {
	next  http.RoundTripper
	log   *slog.Logger
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error

	mu     sync.Mutex
	paused time.Time // no request leaves before this
}

func newLimits(next http.RoundTripper) *limits {
	return &limits{next: next, log: slog.New(slog.DiscardHandler), now: time.Now, sleep: sleepCtx}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (l *limits) RoundTrip(r *http.Request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		if err := l.waitPause(r.Context()); err != nil {
			return nil, err
		}
		resp, err := l.next.RoundTrip(r)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			if d, global := globalLimit(resp); global {
				l.pause(d)
				l.log.Warn("Discord's global rate limit: every request paused", "for", d)
				if attempt < maxGlobalRetries && (r.Body == nil || r.GetBody != nil) {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if r, err = rewind(r); err != nil {
						return nil, err
					}
					continue
				}
			}
		}
		if tokenRoute(r.URL.Path) {
			for _, h := range []string{"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Reset-After", "X-RateLimit-Bucket"} {
				resp.Header.Del(h)
			}
		}
		return resp, nil
	}
}

// waitPause waits out a global pause, which may be extended meanwhile.
func (l *limits) waitPause(ctx context.Context) error {
	for {
		l.mu.Lock()
		d := l.paused.Sub(l.now())
		l.mu.Unlock()
		if d <= 0 {
			return nil
		}
		if err := l.sleep(ctx, d); err != nil {
			return err
		}
	}
}

func (l *limits) pause(d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if until := l.now().Add(d); until.After(l.paused) {
		l.paused = until
	}
}

// globalLimit reports whether a 429 is Discord's global limit, and for how long.
func globalLimit(resp *http.Response) (time.Duration, bool) {
	global := strings.EqualFold(resp.Header.Get("X-RateLimit-Global"), "true") || strings.EqualFold(resp.Header.Get("X-RateLimit-Scope"), "global")
	var body struct {
		Global     bool    `json:"global"`
		RetryAfter float64 `json:"retry_after"`
	}
	if resp.Body != nil {
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(raw))
		_ = json.Unmarshal(raw, &body)
	}
	if !global && !body.Global {
		return 0, false
	}
	secs, err := strconv.ParseFloat(resp.Header.Get("Retry-After"), 64)
	if err != nil || secs <= 0 {
		secs = body.RetryAfter
	}
	if secs <= 0 {
		secs = 1
	}
	return time.Duration(secs * float64(time.Second)), true
}

// rewind returns a copy of r ready to be sent again.
func rewind(r *http.Request) (*http.Request, error) {
	c := r.Clone(r.Context())
	if r.GetBody != nil {
		b, err := r.GetBody()
		if err != nil {
			return nil, err
		}
		c.Body = b
	}
	return c, nil
}

// tokenRoute: paths authorised by an interaction token rather than the bot's.
func tokenRoute(path string) bool {
	return strings.Contains(path, "/interactions/") || strings.Contains(path, "/webhooks/")
}
