package commands

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// App holds what handlers need. Build it with New.
type App struct {
	db   *storage.DB
	now  func() time.Time
	log  *slog.Logger
	rand *rand.Rand
	// randMu guards rand: requests run concurrently.
	randMu sync.Mutex
	wake   func() // tells the outbox worker there is something to send
	obs    func(name, outcome string, took time.Duration)
	// publicURL is where the bot's --http server is reachable from outside.
	publicURL string
	router    *router // commands, buttons, selects and forms (router.go)
	auto      map[string]autocompleter
	refills   map[string]refiller // forms a "Correct it" button can reopen, by verb (formfix.go)
	feeds     feedCache           // rendered public calendar feeds
}

type handler func(ctx context.Context, r *Request) (*Response, error)
type autocompleter func(ctx context.Context, r *Request, typed string) ([]Choice, error)

// Config injects the App's dependencies.
type Config struct {
	DB    *storage.DB
	Clock func() time.Time // default time.Now
	Log   *slog.Logger     // default discards
	Rand  *rand.Rand       // default seeded from the clock
	// Wake is called after a transaction queued messages in the outbox.
	Wake func()
	// Observe, if set, is told how each request ended: "ok", "refused",
	// "error" or "replay" (for metrics).
	Observe func(name, outcome string, took time.Duration)
	// PublicURL is the bot's public web address, for calendar links.
	PublicURL string
}

// New wires the handlers.
func New(cfg Config) *App {
	a := &App{db: cfg.DB, now: cfg.Clock, log: cfg.Log, rand: cfg.Rand, wake: cfg.Wake, obs: cfg.Observe, publicURL: cfg.PublicURL}
	if a.now == nil {
		a.now = time.Now
	}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	if a.rand == nil {
		seed := uint64(a.now().UnixNano())
		a.rand = rand.New(rand.NewPCG(seed, seed>>7))
	}
	if a.wake == nil {
		a.wake = func() {}
	}
	if a.obs == nil {
		a.obs = func(string, string, time.Duration) {}
	}
	a.router = newRouter()
	a.refills = map[string]refiller{}
	a.formFixRoutes()
	a.command("setup", Coordinator, a.setup)
	a.command("space add", Coordinator, a.spaceAdd)
	a.command("space edit", Coordinator, a.spaceEdit)
	a.command("space list", Anyone, a.spaceList)
	a.command("space info", Anyone, a.spaceInfo)
	a.command("space desk", Animator, a.spaceDesk)
	a.command("checkin", Anyone, a.checkin)
	a.command("checkout", Anyone, a.checkout)
	a.command("whoshere", Anyone, a.whoshere)
	a.command("checkins", Anyone, a.myCheckins)
	a.command("help", Anyone, a.help)
	a.button("desk:{action:in|out|who}:{space:id}", Anyone, a.deskClick)
	a.button("checkout", Anyone, a.checkout)
	a.auto = map[string]autocompleter{
		"space":    a.completeSpace,
		"timezone": a.completeTimezone,
	}
	// Each feature adds its commands, buttons, forms and autocompletes.
	a.eventRoutes()
	a.skillRoutes()
	a.digestRoutes()
	a.privacyRoutes()
	a.calendarRoutes()
	a.guideRoutes()
	a.checkoutFixRoutes()
	a.registerRoutes()
	a.projectRoutes()
	return a
}

// Job is work the bot does on a schedule; the bot's scheduler runs it.
type Job struct {
	Name string
	Spec string // standard 5-field cron spec, Europe/Paris unless CRON_TZ= says otherwise
	// Coalesce: when the clock jumps (console, tests), running once at the
	// latest due time is enough, because the job catches up by itself.
	Coalesce bool
	Run      func(ctx context.Context, now time.Time) error
}

// Jobs lists every scheduled job.
func (a *App) Jobs() []Job {
	jobs := []Job{
		{Name: "closing-time check-out", Spec: "* * * * *", Coalesce: true, Run: func(ctx context.Context, now time.Time) error {
			_, err := a.CloseAtClosingTime(ctx, now)
			return err
		}},
		{Name: "forget old interaction ids", Spec: "17 * * * *", Coalesce: true, Run: func(ctx context.Context, now time.Time) error {
			return a.db.Write(ctx, func(tx *storage.Tx) error {
				_, err := tx.PruneInteractions(ctx, now.Add(-24*time.Hour))
				return err
			})
		}},
		{Name: "forget refused forms", Spec: "23 * * * *", Coalesce: true, Run: a.PruneFormFixes},
	}
	jobs = append(jobs, a.eventJobs()...)
	jobs = append(jobs, a.skillJobs()...)
	jobs = append(jobs, a.retentionJobs()...)
	jobs = append(jobs, a.digestJobs()...)
	for i := range jobs {
		run := jobs[i].Run
		jobs[i].Run = func(ctx context.Context, now time.Time) error { return run(withLog(ctx, a.log), now) }
	}
	return jobs
}

// DB gives the scheduler and tools access to the database.
func (a *App) DB() *storage.DB { return a.db }

// Now is the App's clock.
func (a *App) Now() time.Time { return a.now() }

// Handle runs one request and always returns something to show: errors become
// a clear, localized message; nothing internal leaks. It returns nil only for a
// replayed interaction that was already handled (nothing must be sent).
func (a *App) Handle(ctx context.Context, r *Request) *Response {
	if r.Now.IsZero() {
		r.Now = a.now()
	}
	if r.Options == nil {
		r.Options = map[string]string{}
	}
	ctx = withLog(ctx, a.log)
	r.User.Name = memberName(r.User.Name)
	start := time.Now()
	res, err := a.safeRoute(ctx, r)
	lang := r.Lang()
	name := r.Name()
	outcome := "ok"
	defer func() { a.obs(name, outcome, time.Since(start)) }()
	var ue *UserError
	switch {
	case err == nil:
	case errors.Is(err, errReplay):
		outcome = "replay"
		a.log.Info("replayed interaction ignored", "id", r.ID, "command", r.Command, "custom_id", r.CustomID)
		return nil
	case errors.As(err, &ue):
		outcome = "refused"
		a.log.Debug("refused", "command", r.Command, "custom_id", r.CustomID, "user", r.User.ID, "reason", ue.Key)
		if r.Kind == KindAutocomplete {
			return &Response{Type: Suggest}
		}
		res = &Response{Ephemeral: true, Message: Message{Content: "⚠️ " + lang.T(ue.Key, localArgs(lang, ue.Args)...), Components: retryRows(r, ue)}}
		if rows := a.keepForm(ctx, r, ue); rows != nil { // formfix.go: a refused form is not lost
			res.Components = append(res.Components, rows...)
			res.Content += "\n" + lang.T("form.fix_hint")
		}
	default:
		outcome = "error"
		a.log.Error("handler failed", "command", r.Command, "custom_id", r.CustomID, "user", r.User.ID, "err", err)
		if r.Kind == KindAutocomplete {
			return &Response{Type: Suggest}
		}
		res = &Response{Ephemeral: true, Message: Message{Content: "😕 " + lang.T("error.internal")}}
	}
	if res == nil {
		res = &Response{Ephemeral: true, Message: Message{Content: lang.T("error.internal")}}
	}
	if res.Type == Reply || res.Type == Update {
		res.Message = fitMessage(ctx, a.log, name, res.Message)
	}
	a.log.Debug("handled", "command", r.Command, "custom_id", r.CustomID, "took", time.Since(start))
	return res
}

// safeRoute turns a handler's panic into an error: one bug must not take the
// bot down, and the user still gets an answer. The transaction was rolled back.
func (a *App) safeRoute(ctx context.Context, r *Request) (res *Response, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("panic in %s: %v", r.Name(), p)
		}
	}()
	return a.route(ctx, r)
}

func (a *App) route(ctx context.Context, r *Request) (*Response, error) {
	switch r.Kind {
	case KindCommand, KindComponent, KindModal:
		route, params, ok := a.router.match(r)
		switch {
		case ok:
			r.Params = params
			return route.run(ctx, r)
		case r.GuildID == "":
			return nil, userErr("error.guild_only")
		case r.Kind == KindCommand:
			return nil, userErr("error.unknown_command")
		}
		return nil, userErr("error.bad_button")
	case KindAutocomplete:
		if r.GuildID == "" {
			return nil, userErr("error.guild_only")
		}
		f, ok := a.auto[r.Command+" "+r.Focused] // a command's own completion first
		if !ok {
			f, ok = a.auto[r.Focused]
		}
		if !ok {
			return &Response{Type: Suggest}, nil
		}
		choices, err := f(ctx, r, r.Options[r.Focused])
		if err != nil {
			return nil, err
		}
		if len(choices) > MaxChoices {
			choices = choices[:MaxChoices]
		}
		for i := range choices {
			choices[i].Name = Truncate(choices[i].Name, MaxChoiceName)
		}
		return &Response{Type: Suggest, Choices: choices}, nil
	}
	return nil, userErr("error.unknown_command")
}

// Hint is what a transport must know of a request before its handler ends,
// to acknowledge it in time (Discord wants a first answer within 3 s).
type Hint struct {
	// Form: the answer may be a form, which Discord accepts only as the first
	// answer, never after a deferral. Such handlers validate cheaply first.
	Form bool
	// Public: replies are shown to the whole channel, so a deferral is public
	// too (every reply is private today).
	Public bool
}

// Hint tells how request r may be answered, from its route.
func (a *App) Hint(r *Request) Hint {
	route, _, ok := a.router.match(r)
	return Hint{Form: ok && route.OpensForm}
}

// UserError is a refusal the user can act on; Key names a localized message.
type UserError struct {
	Key  string
	Args []any
	// Typed and Retry: what the user typed that matched nothing, and the
	// closest names, offered as buttons that run the command again (suggest.go).
	Typed string
	Retry []Choice
	// Field is the form field the refusal is about, when the key does not
	// say it (a register question's "f12"): "Correct it" marks it.
	Field string
}

func (e *UserError) Error() string { return "refused: " + e.Key }

func userErr(key string, args ...any) error { return &UserError{Key: key, Args: args} }

var errReplay = errors.New("interaction already handled")

// write runs fn in a write transaction that also records the interaction id,
// so a replayed interaction changes nothing; wakes the outbox worker after.
func (a *App) write(ctx context.Context, r *Request, fn func(*storage.Tx) error) error {
	return a.writeJob(ctx, func(tx *storage.Tx) error {
		fresh, err := tx.MarkInteraction(ctx, r.ID, r.Now)
		if err != nil {
			return err
		}
		if !fresh {
			return errReplay
		}
		return fn(tx)
	})
}

// writeJob runs fn in a write transaction and, once it is committed, wakes
// the outbox worker if fn queued anything (woken earlier, it could look
// before the commit and miss it).
func (a *App) writeJob(ctx context.Context, fn func(*storage.Tx) error) error {
	queued := false
	err := a.db.Write(ctx, func(tx *storage.Tx) error {
		err := fn(tx)
		queued = tx.Enqueued()
		return err
	})
	if err == nil && queued {
		a.wake()
	}
	return err
}

// read runs fn in a read transaction.
func (a *App) read(ctx context.Context, fn func(*storage.Tx) error) error {
	return a.db.Read(ctx, fn)
}

// Outbox kinds, delivered by the bot's worker.
const (
	OutChannel = "channel" // post Message in channel Target
	OutDM      = "dm"      // send Message to user Target
	OutEdit    = "edit"    // edit: Target is "channelID/messageID" or "ref:OUTBOXID"
	OutDelete  = "delete"  // delete the bot's message Target, "channelID/messageID"
	// Discord scheduled events: create in guild Target; update and delete
	// target "guildID/eventID" or "ref:OUTBOXID" of the create.
	OutEventCreate = "event_create"
	OutEventUpdate = "event_update"
	OutEventDelete = "event_delete"
	// OutThread starts a thread on a posted message: Target is
	// "channelID/messageID" or "ref:OUTBOXID" of the post; the result is
	// the thread's channel id, so later posts can target "ref:" it.
	OutThread = "thread"
)

// post queues a message for the bot to send on its own, in the caller's transaction.
// A message Discord would refuse is cut here rather than lost: the outbox
// takes Discord's 400 as final.
func post(ctx context.Context, tx *storage.Tx, now time.Time, guildID, kind, target string, m Message, dedup string) (int64, error) {
	return enqueue(ctx, tx, now, storage.OutboxItem{GuildID: guildID, Kind: kind, Target: target, DedupKey: dedup}, m)
}

// postNaming is post for a message that names members (their name, note or
// mention) other than its recipient: forgetting one of them drops it if
// pending, deletes it if posted.
func postNaming(ctx context.Context, tx *storage.Tx, now time.Time, guildID, kind, target string, m Message, dedup string, names ...string) (int64, error) {
	return enqueue(ctx, tx, now, storage.OutboxItem{GuildID: guildID, Kind: kind, Target: target, DedupKey: dedup, Names: names}, m)
}

// enqueue encodes m into it and queues it, recording whom a fail notice would warn.
func enqueue(ctx context.Context, tx *storage.Tx, now time.Time, it storage.OutboxItem, m Message) (int64, error) {
	m = fitMessage(ctx, nil, it.Kind+" "+it.DedupKey, m)
	payload, err := json.Marshal(m)
	if err != nil {
		return 0, fmt.Errorf("encode %s message: %w", it.Kind, err)
	}
	it.Payload = payload
	if m.FailNotice != nil {
		it.Notice = m.FailNotice.UserID
	}
	id, _, err := tx.Enqueue(ctx, it, now)
	return id, err
}

// ephemeral builds a private text reply.
func ephemeral(content string, rows ...Row) *Response {
	return &Response{Ephemeral: true, Message: Message{Content: content, Components: rows}}
}
