package bot

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/tierslieux/tiersbot/commands"
	"github.com/tierslieux/tiersbot/storage"
)

// Config is what the bot needs to run on Discord.
type Config struct {
	Token    string
	APIBase  string // TIERSBOT_DISCORD_API; "" for Discord itself
	DevGuild string // register commands on this guild only (instant)
	DB       *storage.DB
	Log      *slog.Logger
	Clock    func() time.Time
	Rand     *rand.Rand
	// Ready, if set, is called once the bot is connected and its commands registered.
	Ready func()
	// DeferAfter overrides how long a slow handler runs before the interaction is deferred.
	DeferAfter time.Duration
	// HTTPAddr, if set, serves /healthz and the calendar feeds there.
	HTTPAddr string
	// MetricsAddr, if set, serves /metrics there (for the operator only).
	MetricsAddr string
	// HTTPLimits bound the HTTP listeners (zero fields: the defaults).
	HTTPLimits HTTPLimits
	// InteractionsAddr, if set, receives interactions over HTTP (Discord's
	// interactions endpoint) instead of the gateway; PublicKey verifies them.
	InteractionsAddr string
	PublicKey        ed25519.PublicKey
	// Listening, if set, is told each address actually listened on (tests use port 0).
	Listening func(name, addr string)
	// PublicURL is where HTTPAddr is reachable from outside (calendar links).
	PublicURL string
	// BackupDir, if set, gets a backup every night at 02:30; BackupKeep are kept.
	BackupDir  string
	BackupKeep int
	// OnApp, if set, receives the App once built (tests drive its jobs directly).
	OnApp func(*commands.App)
}

// Serve runs the bot until ctx is cancelled, then shuts down in order: stop
// taking interactions and finish those in flight, stop the jobs, flush the
// outbox worker. The caller closes the database after.
func Serve(ctx context.Context, cfg Config) error {
	if tok := strings.TrimPrefix(cfg.Token, "Bot "); tok != "" {
		cfg.Log = slog.New(redactor{next: cfg.Log.Handler(), token: tok})
	}
	return redact(serve(ctx, cfg), cfg.Token)
}

func serve(ctx context.Context, cfg Config) error {
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Rand == nil {
		seed := uint64(cfg.Clock().UnixNano())
		cfg.Rand = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	}
	s, err := NewSession(cfg.Token, cfg.APIBase)
	if err != nil {
		return err
	}
	var ob *Outbox
	metrics := NewMetrics(cfg.DB, cfg.Clock)
	app := commands.New(commands.Config{DB: cfg.DB, Clock: cfg.Clock, Log: cfg.Log, Rand: cfg.Rand,
		Wake: func() { ob.Wake() }, Observe: metrics.ObserveInteraction, PublicURL: cfg.PublicURL})
	if cfg.OnApp != nil {
		cfg.OnApp(app)
	}
	gw := NewGateway(s, app, cfg.Log, cfg.DevGuild)
	gw.files = newFetcher(cfg.APIBase) // the fake's files, in tests
	if cfg.DeferAfter > 0 {
		gw.DeferAfter = cfg.DeferAfter
	}
	ob = NewOutbox(cfg.DB, gw, cfg.Clock, cfg.Log, cfg.Rand)
	jobs := append(app.Jobs(), gw.ScheduledEventsCountJob())
	if cfg.BackupDir != "" {
		jobs = append(jobs, BackupJob(cfg.DB, cfg.BackupDir, cfg.BackupKeep, cfg.Log))
	}
	sched, err := NewScheduler(parisOrUTC(), cfg.Clock, cfg.Log, jobs...)
	if err != nil {
		return err
	}
	sched.Observe = metrics.ObserveJob
	var servers []*http.Server
	defer func() {
		for _, srv := range servers {
			srv.Close()
		}
	}()
	limits := cfg.HTTPLimits.withDefaults()
	listen := func(name, addr string, h http.Handler) error {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return fmt.Errorf("%s on %s: %w", name, addr, err)
		}
		servers = append(servers, serveOn(ln, h, limits, cfg.Log))
		cfg.Log.Info("listening", "what", name, "addr", ln.Addr().String())
		if cfg.Listening != nil {
			cfg.Listening(name, ln.Addr().String())
		}
		return nil
	}
	if cfg.InteractionsAddr != "" {
		if len(cfg.PublicKey) != ed25519.PublicKeySize {
			return errors.New("the HTTP interactions endpoint needs DISCORD_PUBLIC_KEY")
		}
		if err := gw.OpenREST(ctx); err != nil {
			return err
		}
		// Discord's requests come from few addresses: no rate per address
		// here, only what is in flight.
		lim := newIPLimiter(cfg.Clock, limits.PerIPInFlight, 0, 0, perIPEntries)
		if err := listen("interactions", cfg.InteractionsAddr, guard(gw.InteractionsHandler(cfg.PublicKey, cfg.Clock), lim)); err != nil {
			return err
		}
	} else if err := gw.Open(ctx); err != nil {
		s.Close()
		return err
	}
	if cfg.HTTPAddr != "" {
		health := NewHealth(cfg.DB.ReadCheck, gw.Connected, cfg.Clock)
		lim := newIPLimiter(cfg.Clock, limits.PerIPInFlight, limits.PerIPRate, limits.PerIPBurst, perIPEntries)
		if err := listen("health and calendars", cfg.HTTPAddr, guard(OpsHandler(health, app.CalendarFeed), lim)); err != nil {
			gw.Close()
			return err
		}
	}
	if cfg.MetricsAddr != "" {
		if err := listen("metrics", cfg.MetricsAddr, securityHeaders(metricsOnly(metrics.Handler()))); err != nil {
			gw.Close()
			return err
		}
	}
	workCtx, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); ob.Run(workCtx) }()
	sched.Start(workCtx)
	cfg.Log.Info("tiersbot is running")
	if cfg.Ready != nil {
		cfg.Ready()
	}

	<-ctx.Done()
	cfg.Log.Info("shutting down")
	for _, srv := range servers {
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		srv.Shutdown(shut)
		cancel()
	}
	gw.Close()
	stopCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sched.Stop(stopCtx)
	stopWork()
	wg.Wait()
	cfg.Log.Info("stopped")
	return nil
}

func parisOrUTC() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return time.UTC
	}
	return loc
}
