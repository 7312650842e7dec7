package bot

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands"
)

// countingListener counts, on the server's side, the bytes each connection
// has read and which connections the server closed; ready is closed once
// want connections have each read threshold bytes or been closed.
type countingListener struct {
	net.Listener
	threshold int64
	want      int64
	settled   atomic.Int64 // read threshold bytes, or closed before
	closed    atomic.Int64 // closed by the server
	ready     chan struct{}
	readyOnce sync.Once
	allClosed chan struct{} // closed once want connections were closed by the server
}

func newCountingListener(t *testing.T, threshold int64, want int) *countingListener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return &countingListener{Listener: ln, threshold: threshold, want: int64(want), ready: make(chan struct{}), allClosed: make(chan struct{})}
}

func (l *countingListener) settle() {
	if l.settled.Add(1) == l.want {
		l.readyOnce.Do(func() { close(l.ready) })
	}
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &countingConn{Conn: c, l: l}, nil
}

type countingConn struct {
	net.Conn
	l         *countingListener
	n         atomic.Int64
	full      atomic.Bool
	closeOnce sync.Once
}

func (c *countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if c.n.Add(int64(n)) >= c.l.threshold && c.full.CompareAndSwap(false, true) {
		c.l.settle()
	}
	return n, err
}

func (c *countingConn) Close() error {
	c.closeOnce.Do(func() {
		if c.l.closed.Add(1) == c.l.want {
			close(c.l.allClosed)
		}
		if c.full.CompareAndSwap(false, true) {
			c.l.settle()
		}
	})
	return c.Conn.Close()
}

func heapInuse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// slowPost sends a chunked POST to the interactions endpoint with a
// well-formed but forged signature, then sends bodies of body bytes out of
// the one shared chunk (no body is allocated), then waits for the server to
// answer or close. It returns the status code (0: closed without one).
func slowPost(addr string, stamp string, body int, chunk []byte) (int, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second)) // only if the server never closes it
	sig := strings.Repeat("ab", ed25519.SignatureSize)
	fmt.Fprintf(c, "POST /interactions HTTP/1.1\r\nHost: bot\r\nX-Signature-Ed25519: %s\r\nX-Signature-Timestamp: %s\r\nTransfer-Encoding: chunked\r\n\r\n", sig, stamp)
	for sent := 0; sent < body; sent += len(chunk) {
		if _, err := fmt.Fprintf(c, "%x\r\n", len(chunk)); err != nil {
			break
		}
		if _, err := c.Write(chunk); err != nil {
			break
		}
		if _, err := io.WriteString(c, "\r\n"); err != nil {
			break
		}
	}
	// Never the last chunk: the body is left hanging.
	line, err := bufio.NewReader(c).ReadString('\n')
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		return 0, errors.New("the server kept the connection open")
	}
	if err != nil {
		return 0, nil // reset: closed by the server all the same
	}
	f := strings.Fields(line)
	if len(f) < 2 {
		return 0, fmt.Errorf("status line %q", line)
	}
	return strconv.Atoi(f[1])
}

func interactionsForTest(t *testing.T, now func() time.Time) (http.Handler, ed25519.PrivateKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	app := commands.New(commands.Config{DB: testDB(t), Clock: now})
	s, err := NewSession("not-a-real-token", "")
	if err != nil {
		t.Fatal(err)
	}
	return NewGateway(s, app, slog.New(slog.DiscardHandler), "").InteractionsHandler(pub, now), priv
}

// Bound on the heap held by 200 connections stalled just under the body
// limit: each holds its body buffer (at most about 2 x 64 KB as it grows),
// the server's 4 KB read and write buffers and the test's own end of the
// connection: 200 x ~140 KB = 28 MB in the worst case. Before the limits,
// 150 such connections with 1 MB bodies held 500 MB.
const slowConnsHeapBound = 32 << 20

// TestSlowBodiesHeldBoundedThenClosed: 200 connections from anywhere each
// start a large body and stall just under the limit. The bot holds a
// bounded amount of memory for them, and its read timeout closes them all.
func TestSlowBodiesHeldBoundedThenClosed(t *testing.T) {
	now := time.Date(2026, 4, 13, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	h, _ := interactionsForTest(t, clock)
	const conns = 200
	// 2 s: long enough that, on a loaded machine, all 200 are still held when measured.
	limits := HTTPLimits{ReadTimeout: 2 * time.Second, WriteTimeout: 3 * time.Second, PerIPInFlight: conns}
	sent := 60 << 10 // bytes of body before stalling: the most a connection can make the bot hold
	ln := newCountingListener(t, int64(sent), conns)
	// One address stands for many (a botnet): the per-address cap is
	// raised so the timeouts and the body limit alone are tested.
	srv := serveOn(ln, guard(h, newIPLimiter(clock, conns, 0, 0, perIPEntries)), limits, slog.New(slog.DiscardHandler))
	defer srv.Close()
	chunk := make([]byte, 4<<10)
	before := heapInuse()
	start := time.Now()
	var wg sync.WaitGroup
	codes := make(chan int, conns)
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, err := slowPost(ln.Addr().String(), strconv.FormatInt(now.Unix(), 10), sent, chunk)
			if err != nil {
				t.Error(err)
			}
			codes <- code
		}()
	}
	select {
	case <-ln.ready:
	case <-time.After(15 * time.Second):
		t.Fatalf("only %d of %d connections got their body read", ln.settled.Load(), conns)
	}
	during := heapInuse()
	held := conns - ln.closed.Load()
	growth := int64(during) - int64(before)
	t.Logf("%d connections held, heap in use %d -> %d KB (+%d KB, %d KB each)", held, before>>10, during>>10, growth>>10, growth/max(held, 1)>>10)
	if growth > slowConnsHeapBound {
		t.Errorf("heap grew by %d MB with %d stalled connections, want under %d MB", growth>>20, held, slowConnsHeapBound>>20)
	}
	if held < conns/2 {
		t.Errorf("only %d connections were still open when measured: the measure says little", held)
	}
	wg.Wait()
	close(codes)
	if took := time.Since(start); took < limits.ReadTimeout {
		t.Errorf("closed after %s, before the read timeout %s", took, limits.ReadTimeout)
	}
	// The client may read the answer before the server's Close has run.
	select {
	case <-ln.allClosed:
	case <-time.After(15 * time.Second):
		t.Errorf("the server closed %d of %d connections", ln.closed.Load(), conns)
	}
	for code := range codes {
		if code != http.StatusBadRequest && code != 0 {
			t.Errorf("a stalled body got %d", code)
		}
	}
}

// TestOversizedBodiesCutAtLimit: bodies over 64 KB are refused with 413: at
// once when their length is declared, after 64 KB when it is not, and the
// connection is closed then, not read to the end.
func TestOversizedBodiesCutAtLimit(t *testing.T) {
	now := time.Date(2026, 4, 13, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	h, priv := interactionsForTest(t, clock)
	const conns = 200
	ln := newCountingListener(t, 1<<62, conns) // only closing settles a connection
	srv := serveOn(ln, guard(h, newIPLimiter(clock, conns, 0, 0, perIPEntries)), HTTPLimits{PerIPInFlight: conns}, slog.New(slog.DiscardHandler))
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/interactions"

	// 65 KB, declared and correctly signed: 413 without reading it.
	body := `{"type":1,"pad":"` + strings.Repeat("x", 65<<10) + `"}`
	r := signed(t, priv, now, body)
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header = r.Header
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("65 KB body: %d, want 413", res.StatusCode)
	}
	// 64 KB exactly is still taken (and answered: a PING).
	body = `{"type":1,"pad":"` + strings.Repeat("x", 64<<10-len(`{"type":1,"pad":""}`)) + `"}`
	r = signed(t, priv, now, body)
	req, _ = http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header = r.Header
	if res, err = http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("64 KB body: %d, want 200", res.StatusCode)
	}

	// 200 connections sending 1 MB bodies of unknown length as fast as they
	// can: each is cut off after the limit; none is read to its end.
	chunk := make([]byte, 16<<10)
	before := heapInuse()
	var wg sync.WaitGroup
	var refused atomic.Int64
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, err := slowPost(ln.Addr().String(), strconv.FormatInt(now.Unix(), 10), 1<<20, chunk)
			if err != nil {
				t.Error(err)
			}
			if code == http.StatusRequestEntityTooLarge || code == 0 {
				refused.Add(1)
			} else {
				t.Errorf("a 1 MB body got %d", code)
			}
		}()
	}
	wg.Wait()
	select {
	case <-ln.ready:
	case <-time.After(5 * time.Second):
		t.Fatalf("the server closed %d of %d connections", ln.closed.Load(), conns)
	}
	if growth := int64(heapInuse()) - int64(before); growth > slowConnsHeapBound {
		t.Errorf("heap grew by %d MB", growth>>20)
	}
	if refused.Load() != conns {
		t.Errorf("%d of %d refused", refused.Load(), conns)
	}
}

// zeros is an endless body that allocates nothing and counts what is read.
type zeros struct{ read atomic.Int64 }

func (z *zeros) Read(p []byte) (int, error) {
	clear(p)
	z.read.Add(int64(len(p)))
	return len(p), nil
}

// TestForgedInteractionsRefusedEarly: a bad or stale signature is refused
// before anything past the limit is read, and nothing after the check
// (JSON decoding, the database) runs.
func TestForgedInteractionsRefusedEarly(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	now := time.Date(2026, 4, 13, 9, 0, 0, 0, time.UTC)
	var reached []string
	h := verifiedBody(pub, func() time.Time { return now }, func(w http.ResponseWriter, r *http.Request, body []byte) {
		reached = append(reached, string(body))
	})
	stamp := strconv.FormatInt(now.Unix(), 10)
	post := func(sig, stamp string, body io.Reader, length int64) int {
		r := httptest.NewRequest(http.MethodPost, "/interactions", body)
		r.ContentLength = length
		r.Header.Set("X-Signature-Ed25519", sig)
		r.Header.Set("X-Signature-Timestamp", stamp)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	forged := strings.Repeat("ab", ed25519.SignatureSize)
	stale := strconv.FormatInt(now.Add(-6*time.Minute).Unix(), 10)
	for _, c := range []struct {
		name, sig, stamp string
		length           int64
		code             int
		maxRead          int64
	}{
		{"no signature", "", stamp, -1, 401, 0},
		{"not hex", strings.Repeat("zz", 64), stamp, -1, 401, 0},
		{"stale", forged, stale, -1, 401, 0},
		{"from the future", forged, strconv.FormatInt(now.Add(6*time.Minute).Unix(), 10), -1, 401, 0},
		{"declared too long", forged, stamp, 65 << 10, 413, 0},
		{"endless, forged", forged, stamp, -1, 413, maxInteractionBody + 64<<10},
	} {
		z := &zeros{}
		if code := post(c.sig, c.stamp, z, c.length); code != c.code {
			t.Errorf("%s: %d, want %d", c.name, code, c.code)
		}
		if n := z.read.Load(); n > c.maxRead {
			t.Errorf("%s: %d bytes read, want at most %d", c.name, n, c.maxRead)
		}
	}
	// A forged signature over a body of normal size: read, checked, refused.
	if code := post(forged, stamp, strings.NewReader(`{"type":2}`), 10); code != 401 {
		t.Errorf("forged: %d", code)
	}
	// Signed by another key.
	_, other, _ := ed25519.GenerateKey(nil)
	if code := post(hex.EncodeToString(ed25519.Sign(other, []byte(stamp+`{"type":2}`))), stamp, strings.NewReader(`{"type":2}`), -1); code != 401 {
		t.Errorf("other key: %d", code)
	}
	if len(reached) != 0 {
		t.Fatalf("refused requests reached the handler: %q", reached)
	}
	// Discord's, with its length declared or not: the handler gets the body.
	for _, length := range []int64{10, -1} {
		body := `{"type":1}`
		if code := post(hex.EncodeToString(ed25519.Sign(priv, []byte(stamp+body))), stamp, strings.NewReader(body), length); code != 200 {
			t.Errorf("signed, length %d: %d", length, code)
		}
	}
	if len(reached) != 2 || reached[0] != `{"type":1}` || reached[1] != `{"type":1}` {
		t.Errorf("handler got %q", reached)
	}
}

// TestPerAddressLimits: beyond 16 requests in flight from one address, or
// past its rate, 429; other addresses are not affected; the map of
// addresses stays bounded and never forgets one with requests in flight.
func TestPerAddressLimits(t *testing.T) {
	now := time.Date(2026, 4, 13, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	block := make(chan struct{})
	entered := make(chan struct{})
	h := guard(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.RemoteAddr, ":4001") {
			return // the one that should be refused: if let in, answers 200 at once
		}
		entered <- struct{}{}
		<-block
	}), newIPLimiter(clock, perIPInFlight, 0, 0, perIPEntries))
	get := func(remote string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, "/healthz", nil)
		r.RemoteAddr = remote
		r.Header.Set("X-Forwarded-For", "10.9.9.9") // not trusted
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	var wg sync.WaitGroup
	for range perIPInFlight {
		wg.Add(1)
		go func() { defer wg.Done(); get("203.0.113.7:4000") }()
		<-entered
	}
	w := get("203.0.113.7:4001")
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" || w.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("17th in flight: %d %v", w.Code, w.Header())
	}
	// Same /64 in IPv6: the same client.
	v6 := newIPLimiter(clock, 1, 0, 0, perIPEntries)
	rel, ok := v6.acquire(clientKey("[2001:db8:1:2::1]:443"))
	if _, ok2 := v6.acquire(clientKey("[2001:db8:1:2:ffff::9]:443")); !ok || ok2 {
		t.Errorf("IPv6 /64 not grouped: %v %v", ok, ok2)
	}
	rel()
	// Another address still gets through.
	wg.Add(1)
	go func() { defer wg.Done(); get("198.51.100.1:5000") }()
	<-entered
	close(block)
	wg.Wait()

	// Rate: a burst, then one per 1/rate.
	l := newIPLimiter(clock, 100, 2, 3, perIPEntries)
	for i := range 3 {
		r, ok := l.acquire("a")
		if !ok {
			t.Fatalf("burst request %d refused", i)
		}
		r()
	}
	if _, ok := l.acquire("a"); ok {
		t.Error("4th request at once allowed past a burst of 3")
	}
	now = now.Add(500 * time.Millisecond)
	if r, ok := l.acquire("a"); !ok {
		t.Error("refused after a refill of one")
	} else {
		r()
	}
	if _, ok := l.acquire("a"); ok {
		t.Error("one refill gave two requests")
	}

	// Bounded: 4 addresses at most; the idle ones seen longest ago go first,
	// one in flight stays.
	b := newIPLimiter(clock, 1, 0, 0, 4)
	busy, _ := b.acquire("busy")
	for _, k := range []string{"k1", "k2", "k3", "k4", "k5", "k6"} {
		now = now.Add(time.Second)
		r, ok := b.acquire(k)
		if !ok {
			t.Fatalf("%s refused", k)
		}
		r()
	}
	if len(b.m) > 4 || b.m["busy"] == nil || b.m["k6"] == nil {
		t.Errorf("entries: %v", b.m)
	}
	if _, ok := b.acquire("busy"); ok {
		t.Error("the busy address lost its count")
	}
	busy()
	full := newIPLimiter(clock, 1, 0, 0, 2)
	full.acquire("x")
	full.acquire("y")
	if _, ok := full.acquire("z"); ok {
		t.Error("a full map of busy addresses let a new one in")
	}
}

// TestHealthFromMemory: a flood of /healthz asks the database once a second
// at most, and a failing database shows.
func TestHealthFromMemory(t *testing.T) {
	now := time.Date(2026, 4, 13, 9, 0, 0, 0, time.UTC)
	var pings atomic.Int64
	var fail atomic.Bool
	h := NewHealth(func(context.Context) error {
		pings.Add(1)
		if fail.Load() {
			return fmt.Errorf("disk I/O error")
		}
		return nil
	}, func() bool { return true }, func() time.Time { return now })
	get := func() (int, string) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/healthz", nil))
		return w.Code, w.Body.String()
	}
	var wg sync.WaitGroup
	for range 512 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if code, _ := get(); code != 200 {
				t.Errorf("healthz %d", code)
			}
		}()
	}
	wg.Wait()
	if n := pings.Load(); n != 1 {
		t.Errorf("512 requests in the same second: %d database checks, want 1", n)
	}
	fail.Store(true)
	now = now.Add(999 * time.Millisecond)
	if code, _ := get(); code != 200 || pings.Load() != 1 {
		t.Errorf("checked again within the second (%d checks)", pings.Load())
	}
	now = now.Add(time.Millisecond)
	if code, body := get(); code != 503 || !strings.Contains(body, `"database":"failing"`) || pings.Load() != 2 {
		t.Errorf("failing database: %d %s, %d checks", code, body, pings.Load())
	}
	// The real probe is a read on the reader pool.
	db := testDB(t)
	if err := NewHealth(db.ReadCheck, nil, time.Now).ping(context.Background()); err != nil {
		t.Errorf("read check: %v", err)
	}
}

// TestCalendarFeedRevalidation: the feed carries its tag and no shared
// cache may keep it; asking again with the tag gets 304 and no body.
func TestCalendarFeedRevalidation(t *testing.T) {
	content := "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
	tag := `"abc"`
	h := OpsHandler(NewHealth(nil, nil, time.Now), func(ctx context.Context, token string) (commands.Feed, bool, error) {
		if token != "good" {
			return commands.Feed{}, false, nil
		}
		return commands.Feed{Data: []byte(content), ETag: tag}, true, nil
	})
	get := func(inm string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, "/calendar/good.ics", nil)
		if inm != "" {
			r.Header.Set("If-None-Match", inm)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	w := get("")
	if w.Code != 200 || w.Body.String() != content || w.Header().Get("ETag") != tag || w.Header().Get("Cache-Control") != "private, no-cache" {
		t.Errorf("feed: %d %v", w.Code, w.Header())
	}
	if w = get(tag); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
		t.Errorf("matching tag: %d, %d bytes", w.Code, w.Body.Len())
	}
	if w = get(`"old"`); w.Code != 200 || w.Body.String() != content {
		t.Errorf("other tag: %d", w.Code)
	}
	tag = `"new"` // the events changed
	if w = get(`"abc"`); w.Code != 200 || w.Header().Get("ETag") != `"new"` {
		t.Errorf("changed feed, old tag: %d %v", w.Code, w.Header())
	}
}
