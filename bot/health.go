package bot

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// healthEvery is how often /healthz asks the database at most: a monitor
// polls every few seconds, and a flood of requests must not reach the
// database (it once wrote a row per request and slowed check-ins 70-fold).
const healthEvery = time.Second

// Health answers /healthz from memory: the gateway's state as it is, the
// database's as a cheap read found it at most healthEvery ago.
type Health struct {
	ping      func(context.Context) error // nil: no database to check
	connected func() bool                 // nil: no gateway (HTTP interactions)
	now       func() time.Time

	mu      sync.Mutex // held during a check: one at a time, others wait for its result
	checked time.Time
	dbErr   error
}

// NewHealth checks the database with ping (storage.DB.ReadCheck).
func NewHealth(ping func(context.Context) error, connected func() bool, now func() time.Time) *Health {
	return &Health{ping: ping, connected: connected, now: now}
}

// status returns the components' states and whether all are fine.
func (h *Health) status(ctx context.Context) (map[string]string, bool) {
	st := map[string]string{"gateway": "connected", "database": "readable"}
	ok := true
	if h.connected != nil && !h.connected() {
		st["gateway"], ok = "disconnected", false
	}
	if h.ping != nil {
		h.mu.Lock()
		if now := h.now(); h.checked.IsZero() || now.Sub(h.checked) >= healthEvery || now.Before(h.checked) {
			ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
			h.dbErr = h.ping(ctx)
			cancel()
			h.checked = now
		}
		err := h.dbErr
		h.mu.Unlock()
		if err != nil {
			st["database"], ok = "failing", false
		}
	}
	return st, ok
}

// ServeHTTP is /healthz: 200 when all is fine, 503 otherwise, and which.
func (h *Health) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	st, ok := h.status(r.Context())
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if !ok {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	json.NewEncoder(w).Encode(st)
}
