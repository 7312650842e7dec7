package bot

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// What every HTTP listener of the bot does before a handler runs: bounded
// time and memory per connection and per client address, the interaction
// body read once and its signature checked before anything else.

// Defaults of HTTPLimits.
const (
	// A client sends its request line and headers at once; a slow one only
	// holds a connection and its goroutine.
	readHeaderTimeout = 5 * time.Second
	// The whole request, body included: at most 64 KB, which Discord sends
	// in one go. Past it a slow body is cut off instead of held forever.
	readTimeout = 10 * time.Second
	// From the end of the headers to the end of the answer: Discord gives up
	// on an interaction after 3 s, and the largest calendar feed (about
	// 1 MB) reaches a slow phone well within this.
	writeTimeout = 30 * time.Second
	// Keep-alive lets Discord and calendar apps reuse a connection across a
	// burst, but an idle connection is closed after this, not kept forever.
	idleTimeout = 60 * time.Second
	// Discord's headers are about 1 KB; Go's default of 1 MB would let each
	// connection hold a megabyte before any handler runs.
	maxHeaderBytes = 16 << 10
	// Connections open at once on one listener: beyond it new ones wait in
	// the kernel's queue. Each holds at most a header buffer, a body and a
	// goroutine (about 100 KB), so 256 of them stay under 30 MB.
	maxConns = 256
	// Requests in flight at once from one address: more than Discord sends
	// from one address (answers take milliseconds) and far fewer than an
	// attacker needs to hold the listener.
	perIPInFlight = 16
	// Requests per second from one address on the feeds and health
	// listener, after a burst: a calendar app asks every few minutes at
	// most, a monitor every few seconds. Behind a reverse proxy every
	// client has the proxy's address, so this is kept generous.
	perIPRate  = 10
	perIPBurst = 40
	// How many client addresses the limiter remembers; past it, idle ones
	// are forgotten first (they would start afresh anyway).
	perIPEntries = 4096
	// maxInteractionBody: Discord's largest interaction (a form of five
	// 4,000-character fields with the member and channel) is about 25 KB.
	maxInteractionBody = 64 << 10
)

// HTTPLimits bound what clients can hold on the bot's HTTP listeners. A zero
// field takes its default (the constants above); tests shorten the timeouts
// to milliseconds.
type HTTPLimits struct {
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	MaxHeaderBytes                                            int
	MaxConns                                                  int // per listener
	PerIPInFlight                                             int // requests in flight per client address
	// PerIPRate and PerIPBurst, if set, also bound a client address's
	// requests per second on the feeds and health listener (not on the
	// interactions one: Discord's traffic comes from few addresses).
	PerIPRate  float64
	PerIPBurst int
}

func (l HTTPLimits) withDefaults() HTTPLimits {
	def := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.ReadHeaderTimeout, readHeaderTimeout)
	def(&l.ReadTimeout, readTimeout)
	def(&l.WriteTimeout, writeTimeout)
	def(&l.IdleTimeout, idleTimeout)
	if l.MaxHeaderBytes <= 0 {
		l.MaxHeaderBytes = maxHeaderBytes
	}
	if l.MaxConns <= 0 {
		l.MaxConns = maxConns
	}
	if l.PerIPInFlight <= 0 {
		l.PerIPInFlight = perIPInFlight
	}
	if l.PerIPRate <= 0 {
		l.PerIPRate, l.PerIPBurst = perIPRate, perIPBurst
	}
	if l.PerIPBurst <= 0 {
		l.PerIPBurst = perIPBurst
	}
	return l
}

// newServer is an http.Server with every timeout set; nothing a client
// does can keep a connection open longer than they allow.
func newServer(h http.Handler, l HTTPLimits, log *slog.Logger) *http.Server {
	l = l.withDefaults()
	return &http.Server{Handler: h,
		ReadHeaderTimeout: l.ReadHeaderTimeout, ReadTimeout: l.ReadTimeout,
		WriteTimeout: l.WriteTimeout, IdleTimeout: l.IdleTimeout,
		MaxHeaderBytes: l.MaxHeaderBytes,
		ErrorLog:       slog.NewLogLogger(log.Handler(), slog.LevelDebug)}
}

// serveOn serves h on ln with the limits: every timeout, and at most
// MaxConns connections at once. Shutdown or Close the server to stop.
func serveOn(ln net.Listener, h http.Handler, l HTTPLimits, log *slog.Logger) *http.Server {
	l = l.withDefaults()
	srv := newServer(h, l, log)
	go srv.Serve(limitListener(ln, l.MaxConns))
	return srv
}

// limitListener accepts at most n connections at once; Accept waits for
// one to close.
func limitListener(ln net.Listener, n int) net.Listener {
	return &limitedListener{Listener: ln, slots: make(chan struct{}, n), done: make(chan struct{})}
}

type limitedListener struct {
	net.Listener
	slots     chan struct{}
	done      chan struct{}
	closeOnce sync.Once
}

func (l *limitedListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitedConn{Conn: c, release: func() { <-l.slots }}, nil
}

func (l *limitedListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

type limitedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// securityHeaders are on every answer: nothing the bot serves is a page to
// render, frame or refer from. Go's server sends no Server banner.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", "default-src 'none'")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// metricsOnly serves h at /metrics and nothing else.
func metricsOnly(h http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", h)
	return mux
}

// guard wraps a public listener's handler: security headers, then the
// per-address limits (429 beyond them).
func guard(next http.Handler, lim *ipLimiter) http.Handler {
	return securityHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		release, ok := lim.acquire(clientKey(r.RemoteAddr))
		if !ok {
			w.Header().Set("Retry-After", "1")
			w.Header().Set("Connection", "close")
			http.Error(w, "too many requests", http.StatusTooManyRequests)
			return
		}
		defer release()
		next.ServeHTTP(w, r)
	}))
}

// clientKey is the address a limit applies to: the peer's IP (a
// forwarded-for header is not trusted: anyone can write one), an IPv6
// client's /64 since one host gets a whole one.
func clientKey(remote string) string {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return host
	}
	if ip.To4() == nil {
		return ip.Mask(net.CIDRMask(64, 128)).String()
	}
	return ip.String()
}

// verifiedBody reads an interaction's body once into one buffer holding the
// signed message (timestamp then body), at most maxInteractionBody bytes,
// and calls next only if Discord signed it within maxSignatureAge: a forged
// request costs a header check, or at most 64 KB and one Ed25519
// verification, and never reaches JSON decoding or the database.
func verifiedBody(pub ed25519.PublicKey, now func() time.Time, next func(w http.ResponseWriter, r *http.Request, body []byte)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		refuse := func(code int, msg string) {
			// The body is not read further: the connection is closed
			// rather than drained for reuse.
			w.Header().Set("Connection", "close")
			http.Error(w, msg, code)
		}
		if r.Method != http.MethodPost {
			refuse(http.StatusMethodNotAllowed, "POST only")
			return
		}
		stamp := r.Header.Get("X-Signature-Timestamp")
		sig, err := hex.DecodeString(r.Header.Get("X-Signature-Ed25519"))
		ts, tsErr := strconv.ParseInt(stamp, 10, 64)
		if err != nil || len(sig) != ed25519.SignatureSize || tsErr != nil || len(stamp) > 20 ||
			now().Sub(time.Unix(ts, 0)).Abs() > maxSignatureAge {
			refuse(http.StatusUnauthorized, "invalid request signature")
			return
		}
		if r.ContentLength > maxInteractionBody {
			refuse(http.StatusRequestEntityTooLarge, "request body too large")
			return
		}
		size := int64(4 << 10) // unknown length: grow as it comes, up to the limit
		if r.ContentLength >= 0 {
			size = r.ContentLength
		}
		var msg bytes.Buffer
		msg.Grow(len(stamp) + int(size) + bytes.MinRead)
		msg.WriteString(stamp)
		if _, err := msg.ReadFrom(http.MaxBytesReader(w, r.Body, maxInteractionBody)); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				refuse(http.StatusRequestEntityTooLarge, "request body too large")
				return
			}
			refuse(http.StatusBadRequest, "body not received")
			return
		}
		if !ed25519.Verify(pub, msg.Bytes(), sig) {
			refuse(http.StatusUnauthorized, "invalid request signature")
			return
		}
		next(w, r, msg.Bytes()[len(stamp):])
	})
}
