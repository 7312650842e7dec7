package bot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/tierslieux/tiersbot/commands"
	"github.com/tierslieux/tiersbot/storage"
)

// Metrics are the bot's Prometheus metrics, on a registry of their own.
type Metrics struct {
	reg          *prometheus.Registry
	interactions *prometheus.CounterVec
	latency      *prometheus.HistogramVec
	jobs         *prometheus.CounterVec
}

// NewMetrics registers the metrics; outbox depth and age are read from the
// database at each scrape.
func NewMetrics(db *storage.DB, now func() time.Time) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		interactions: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tiersbot_interactions_total",
			Help: "Interactions handled, by command and outcome (ok, refused, error, replay)."}, []string{"command", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "tiersbot_interaction_seconds",
			Help:    "Time to handle an interaction, before answering Discord.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}}, []string{"command"}),
		jobs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tiersbot_job_runs_total",
			Help: "Scheduled job runs, by job and result (ok, failed)."}, []string{"job", "result"}),
	}
	stats := func() (int, time.Time) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		var n int
		var oldest time.Time
		_ = db.Read(ctx, func(tx *storage.Tx) error {
			var err error
			n, oldest, err = tx.OutboxStats(ctx)
			return err
		})
		return n, oldest
	}
	m.reg.MustRegister(m.interactions, m.latency, m.jobs,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "tiersbot_outbox_pending", Help: "Messages waiting in the outbox."},
			func() float64 { n, _ := stats(); return float64(n) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "tiersbot_outbox_oldest_seconds", Help: "Age of the oldest waiting outbox message."},
			func() float64 {
				_, oldest := stats()
				if oldest.IsZero() {
					return 0
				}
				return now().Sub(oldest).Seconds()
			}),
	)
	return m
}

// ObserveInteraction is the App's Observe hook.
func (m *Metrics) ObserveInteraction(name, outcome string, took time.Duration) {
	m.interactions.WithLabelValues(name, outcome).Inc()
	m.latency.WithLabelValues(name).Observe(took.Seconds())
}

// ObserveJob is the Scheduler's Observe hook.
func (m *Metrics) ObserveJob(job string, failed bool) {
	result := "ok"
	if failed {
		result = "failed"
	}
	m.jobs.WithLabelValues(job, result).Inc()
}

// FeedFunc renders a public calendar feed; ok is false for an unknown token.
type FeedFunc func(ctx context.Context, token string) (feed commands.Feed, ok bool, err error)

// Handler serves the metrics, on a listener of their own (--metrics-addr):
// they say how busy the network is and are for the operator only.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// OpsHandler serves /healthz and, if feeds is set, the public calendar
// feeds /calendar/{token}.ics.
func OpsHandler(health http.Handler, feeds FeedFunc) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", health)
	if feeds != nil {
		mux.HandleFunc("GET /calendar/{file}", func(w http.ResponseWriter, r *http.Request) {
			token, isICS := strings.CutSuffix(r.PathValue("file"), ".ics")
			if !isICS || token == "" {
				http.NotFound(w, r)
				return
			}
			feed, ok, err := feeds(r.Context(), token)
			if err != nil {
				http.Error(w, "calendar unavailable, try again later", http.StatusServiceUnavailable)
				return
			}
			if !ok {
				w.Header().Set("Cache-Control", "no-store")
				http.NotFound(w, r) // unknown and revoked look the same
				return
			}
			w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
			// The link is a secret: no shared cache keeps a copy, and the
			// calendar app asks again each time (a 304 when unchanged), so a
			// revoked link stops working at once.
			w.Header().Set("Cache-Control", "private, no-cache")
			w.Header().Set("ETag", feed.ETag)
			http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(feed.Data))
		})
	}
	return mux
}

// maxSignatureAge bounds replays of a captured signed request.
const maxSignatureAge = 5 * time.Minute

// InteractionsHandler serves Discord's HTTP interactions endpoint, as an
// alternative to the gateway: Ed25519 signatures checked first (bad or
// stale: 401; httpguard.go), PING answered, everything else through the
// same router.
func (g *Gateway) InteractionsHandler(pub ed25519.PublicKey, now func() time.Time) http.Handler {
	return verifiedBody(pub, now, func(w http.ResponseWriter, r *http.Request, body []byte) {
		var i discordgo.Interaction
		if err := json.Unmarshal(body, &i); err != nil {
			if i.ID == "" {
				http.Error(w, "bad interaction", http.StatusBadRequest)
				return
			}
			// The envelope decoded, its data did not: refused below, with an answer.
			g.log.Warn("interaction data unreadable", "transport", "http", "id", i.ID, "err", err)
		}
		if i.Type == discordgo.InteractionPing {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"type":1}`))
			return
		}
		g.serveInteraction(w, &i)
	})
}

// serveInteraction answers an HTTP interaction under the same deferral rule
// as the gateway: the first answer is the HTTP response; a deferred answer
// follows through REST once the response is written.
func (g *Gateway) serveInteraction(w http.ResponseWriter, i *discordgo.Interaction) {
	defer g.recovered("HTTP interaction")
	g.mu.Lock()
	if g.closing {
		g.mu.Unlock()
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	g.inflight.Add(1)
	g.mu.Unlock()
	req := g.intake(i, "http")
	if req == nil {
		defer g.inflight.Done()
		resp := refusal(i)
		if resp == nil {
			http.Error(w, "bad interaction", http.StatusBadRequest)
			return
		}
		writeInteractionResponse(w, resp)
		return
	}
	first, then := g.answer(i, req)
	if first == nil {
		g.inflight.Done()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	ok := writeInteractionResponse(w, first)
	if then == nil {
		g.inflight.Done()
		return
	}
	// Discord has the deferral only once this handler returns: edit after.
	returned := make(chan struct{})
	defer close(returned)
	go func() {
		defer g.inflight.Done()
		<-returned
		then(ok)
	}()
}

// writeInteractionResponse writes an interaction response as an HTTP body,
// multipart when it carries files.
func writeInteractionResponse(w http.ResponseWriter, resp *discordgo.InteractionResponse) bool {
	if resp.Data != nil && len(resp.Data.Files) > 0 {
		ct, payload, err := discordgo.MultipartBodyWithJSON(resp, resp.Data.Files)
		if err != nil {
			http.Error(w, "encode", http.StatusInternalServerError)
			return false
		}
		w.Header().Set("Content-Type", ct)
		_, err = w.Write(payload)
		return err == nil
	}
	body, err := json.Marshal(resp)
	if err != nil {
		http.Error(w, "encode", http.StatusInternalServerError)
		return false
	}
	w.Header().Set("Content-Type", "application/json")
	_, err = w.Write(body)
	return err == nil
}

// ParsePublicKey reads DISCORD_PUBLIC_KEY (hex, as the developer portal shows it).
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("DISCORD_PUBLIC_KEY: want the 64 hex characters of the application's public key")
	}
	return ed25519.PublicKey(b), nil
}
