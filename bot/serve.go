package bot

import (
	"context"
	"log/slog"
	"math/rand/v2"
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
}

// Serve runs the bot until ctx is cancelled, then shuts down in order: stop
// taking interactions and finish those in flight, stop the jobs, flush the
// outbox worker. The caller closes the database after.
func Serve(ctx context.Context, cfg Config) error {
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
	app := commands.New(commands.Config{DB: cfg.DB, Clock: cfg.Clock, Log: cfg.Log, Rand: cfg.Rand, Wake: func() { ob.Wake() }})
	gw := NewGateway(s, app, cfg.Log, cfg.DevGuild)
	if cfg.DeferAfter > 0 {
		gw.DeferAfter = cfg.DeferAfter
	}
	ob = NewOutbox(cfg.DB, gw, cfg.Clock, cfg.Log, cfg.Rand)
	sched, err := NewScheduler(parisOrUTC(), cfg.Clock, cfg.Log, app.Jobs()...)
	if err != nil {
		return err
	}
	if err := gw.Open(ctx); err != nil {
		s.Close()
		return err
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
