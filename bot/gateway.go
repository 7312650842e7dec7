package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands"
	"github.com/tierslieux/tiersbot/storage"
)

// Gateway is the bot on Discord: a discordgo session receiving interactions
// over the gateway, answering them, and posting the outbox.
type Gateway struct {
	s        *discordgo.Session
	app      *commands.App
	db       *storage.DB
	log      *slog.Logger
	devGuild string

	appID     string
	ready     chan *discordgo.Ready
	connected atomic.Bool
	inflight  sync.WaitGroup
	mu        sync.Mutex // orders inflight.Add before Close's Wait
	closing   bool
	work      context.Context // handlers' context: survives shutdown so in-flight work finishes
	// DeferAfter is how long a handler may run before the interaction is
	// deferred: Discord wants an answer within 3 s.
	DeferAfter time.Duration
	// FormWait replaces DeferAfter for routes that may answer with a form,
	// which Discord takes only as the first answer (see answer).
	FormWait time.Duration
	// handle runs a request (the App's Handle; tests slow it down).
	handle func(context.Context, *commands.Request) *commands.Response
	// after makes the deferral timers (time.After; tests fire them by hand).
	after func(time.Duration) <-chan time.Time
	// files reads the images given to commands (attachments.go).
	files fetcher
}

// NewSession builds a discordgo session; apiBase ("" for Discord itself)
// sends every REST call, and so the gateway discovery, to another base URL.
func NewSession(token, apiBase string) (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + token)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	s.Identify.Intents = discordgo.IntentsGuilds
	s.StateEnabled = false
	s.ShouldReconnectOnError = true
	s.ShouldRetryOnRateLimit = true
	s.MaxRestRetries = 3
	s.LogLevel = discordgo.LogError
	// Interaction answers go out concurrently; Go's default of 2 idle
	// connections per host makes every other one open a new connection
	// (HTTP/1.1 proxies, the fake Discord). Discord itself speaks HTTP/2.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 64
	var rt http.RoundTripper = transport
	if apiBase != "" {
		u, err := url.Parse(apiBase)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return nil, fmt.Errorf("TIERSBOT_DISCORD_API %q: want a base URL like http://127.0.0.1:8081", apiBase)
		}
		rt = &rewrite{base: u, next: transport}
	}
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: newLimits(rt)}
	return s, nil
}

// rewrite sends requests for Discord's hosts to another base URL, keeping the path.
type rewrite struct {
	base *url.URL
	next http.RoundTripper
}

func (t *rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme = t.base.Scheme
	r.URL.Host = t.base.Host
	if p := strings.TrimSuffix(t.base.Path, "/"); p != "" {
		r.URL.Path = p + r.URL.Path
	}
	r.Host = t.base.Host
	return t.next.RoundTrip(r)
}

// NewGateway wires a session to the app; nothing is opened yet.
func NewGateway(s *discordgo.Session, app *commands.App, log *slog.Logger, devGuild string) *Gateway {
	g := &Gateway{s: s, app: app, db: app.DB(), log: log, devGuild: devGuild, ready: make(chan *discordgo.Ready, 1),
		DeferAfter: defaultDeferAfter, FormWait: defaultFormWait, handle: app.Handle, after: time.After, files: newFetcher("")}
	if l, ok := s.Client.Transport.(*limits); ok {
		l.log = log
	}
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) { g.connected.Store(true) })
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) { g.connected.Store(false) })
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		g.connected.Store(true)
		select {
		case g.ready <- r:
		default:
		}
	})
	s.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) { g.onInteraction(ic.Interaction) })
	return g
}

// Connected reports whether the gateway is up (for health checks).
func (g *Gateway) Connected() bool { return g.connected.Load() }

// OpenREST is Open without the gateway websocket, for the HTTP interactions
// endpoint: it learns the application id and registers the commands.
func (g *Gateway) OpenREST(ctx context.Context) error {
	g.work = context.WithoutCancel(ctx)
	u, err := g.s.User("@me", discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("reach Discord: %w", redact(err, g.s.Token))
	}
	g.appID = u.ID // a bot user's id is its application's id
	g.connected.Store(true)
	return g.register(ctx)
}

// Open connects, waits for READY and registers the commands if they changed.
func (g *Gateway) Open(ctx context.Context) error {
	g.work = context.WithoutCancel(ctx)
	if err := g.s.Open(); err != nil {
		return fmt.Errorf("connect to Discord: %w", redact(err, g.s.Token))
	}
	select {
	case r := <-g.ready:
		g.appID = r.User.ID
		if r.Application != nil && r.Application.ID != "" {
			g.appID = r.Application.ID
		}
		g.log.Info("connected to Discord", "bot", r.User.Username, "guilds", len(r.Guilds))
	case <-time.After(30 * time.Second):
		return errors.New("connect to Discord: no READY within 30 s")
	case <-ctx.Done():
		return ctx.Err()
	}
	return g.register(ctx)
}

// register bulk-overwrites the command definitions only when they differ from
// the last registered ones (Discord rate-limits command creation).
func (g *Gateway) register(ctx context.Context) error {
	defs := commands.Catalog()
	raw, err := json.Marshal(defs)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(raw)
	hash := hex.EncodeToString(sum[:])
	key := "commands:" + g.appID + ":" + g.devGuild
	var old string
	if err := g.db.Read(ctx, func(tx *storage.Tx) error {
		old, err = tx.Get(ctx, key)
		return err
	}); err != nil {
		return err
	}
	if old == hash {
		g.log.Info("commands unchanged, not registered again")
		return nil
	}
	if _, err := g.s.ApplicationCommandBulkOverwrite(g.appID, g.devGuild, defs, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("register commands: %w", redact(err, g.s.Token))
	}
	g.log.Info("commands registered", "count", len(defs), "guild", g.devGuild)
	return g.db.Write(ctx, func(tx *storage.Tx) error { return tx.Set(ctx, key, hash) })
}

// Close stops taking interactions, lets in-flight ones finish, then disconnects.
func (g *Gateway) Close() {
	g.mu.Lock()
	g.closing = true
	g.mu.Unlock()
	g.inflight.Wait()
	if err := g.s.Close(); err != nil {
		g.log.Warn("closing the gateway", "err", err)
	}
}

func (g *Gateway) onInteraction(i *discordgo.Interaction) {
	defer g.recovered("gateway interaction")
	if i == nil {
		g.log.Warn("malformed interaction refused", "transport", "gateway", "err", "no interaction")
		return
	}
	g.mu.Lock()
	if g.closing {
		g.mu.Unlock()
		return
	}
	g.inflight.Add(1)
	g.mu.Unlock()
	defer g.inflight.Done()
	ctx, cancel := context.WithTimeout(g.workCtx(), handlerTimeout)
	defer cancel()
	req := g.intake(i, "gateway")
	if req == nil {
		if resp := refusal(i); resp != nil && i.Token != "" {
			if err := g.callback(ctx, i, resp); err != nil {
				g.log.Warn("could not refuse malformed interaction", "err", redact(err, g.s.Token))
			}
		}
		return
	}
	first, then := g.answer(i, req)
	if first == nil {
		return
	}
	if err := g.callback(ctx, i, first); err != nil {
		g.log.Warn("could not answer interaction", "command", req.Command, "custom_id", req.CustomID, "err", redact(err, g.s.Token))
		if then != nil {
			go then(false) // the handler finishes; its answer would be refused too
		}
		return
	}
	if then != nil {
		then(true)
	}
}

// messageSend is discordgo's MessageSend plus the nonce fields it lacks:
// with enforce_nonce, Discord returns the first message instead of posting a
// duplicate when the same nonce comes again within minutes.
type messageSend struct {
	Content         string                            `json:"content,omitempty"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds"`
	Components      []discordgo.MessageComponent      `json:"components"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions,omitempty"`
	Nonce           string                            `json:"nonce,omitempty"`
	EnforceNonce    bool                              `json:"enforce_nonce,omitempty"`
}

// Send implements Sender for the outbox.
func (g *Gateway) Send(ctx context.Context, kind, target string, m commands.Message, nonce string) (string, error) {
	opt := discordgo.WithContext(ctx)
	channel := target
	switch kind {
	case commands.OutDM:
		ch, err := g.s.UserChannelCreate(target, opt)
		if err != nil {
			return "", classify(err)
		}
		channel = ch.ID
	case commands.OutEdit:
		ch, msgID, ok := strings.Cut(target, "/")
		if !ok {
			return "", &PermanentError{Err: fmt.Errorf("bad edit target %q", target)}
		}
		comps := toComponents(m.Components)
		_, err := g.s.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: msgID, Channel: ch, Content: &m.Content, Embeds: &m.Embeds,
			Components: &comps, AllowedMentions: noPings(m.PingUsers)}, opt)
		if err != nil {
			return "", classify(err)
		}
		return target, nil
	case commands.OutDelete:
		ch, msgID, ok := strings.Cut(target, "/")
		if !ok {
			return "", &PermanentError{Err: fmt.Errorf("bad delete target %q", target)}
		}
		var rest *discordgo.RESTError
		if err := g.s.ChannelMessageDelete(ch, msgID, opt); err != nil &&
			!(errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusNotFound) { // already gone: done
			return "", classify(err)
		}
		return target, nil
	case commands.OutEventCreate, commands.OutEventUpdate, commands.OutEventDelete:
		return g.sendEvent(ctx, kind, target, m.Event)
	case commands.OutThread:
		return g.startThread(ctx, target, m.Thread)
	case commands.OutChannel:
	default:
		return "", &PermanentError{Err: fmt.Errorf("unknown outbox kind %q", kind)}
	}
	body := messageSend{Content: m.Content, Embeds: m.Embeds, Components: toComponents(m.Components),
		AllowedMentions: noPings(m.PingUsers), Nonce: nonce, EnforceNonce: nonce != ""}
	if body.Embeds == nil {
		body.Embeds = []*discordgo.MessageEmbed{}
	}
	endpoint := discordgo.EndpointChannelMessages(channel)
	var resp []byte
	var err error
	if len(m.Files) > 0 {
		ct, payload, merr := discordgo.MultipartBodyWithJSON(body, toFiles(m.Files))
		if merr != nil {
			return "", &PermanentError{Err: merr}
		}
		resp, err = g.s.RequestRaw(http.MethodPost, endpoint, ct, payload, endpoint, 0, opt)
	} else {
		resp, err = g.s.RequestWithBucketID(http.MethodPost, endpoint, body, endpoint, opt)
	}
	if err != nil {
		return "", classify(err)
	}
	var msg discordgo.Message
	if err := json.Unmarshal(resp, &msg); err != nil {
		return "", fmt.Errorf("decode posted message: %w", err)
	}
	return channel + "/" + msg.ID, nil
}

// startThread starts a public thread on a posted message ("channelID/messageID")
// and returns the thread's channel id. Discord refuses a second thread on one
// message; a retry after a lost answer finds the thread by the message's id,
// which is also the thread's.
func (g *Gateway) startThread(ctx context.Context, target string, t *commands.Thread) (string, error) {
	ch, msgID, ok := strings.Cut(target, "/")
	if !ok || t == nil {
		return "", &PermanentError{Err: fmt.Errorf("bad thread target %q", target)}
	}
	th, err := g.s.MessageThreadStartComplex(ch, msgID, &discordgo.ThreadStart{Name: t.Name, AutoArchiveDuration: 10080}, discordgo.WithContext(ctx))
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Message != nil && rest.Message.Code == discordgo.ErrCodeThreadAlreadyCreatedForThisMessage {
		return msgID, nil
	}
	if err != nil {
		return "", classify(err)
	}
	return th.ID, nil
}

// sendEvent creates, updates or deletes a Discord scheduled event (external, with a location).
func (g *Gateway) sendEvent(ctx context.Context, kind, target string, e *commands.ScheduledEvent) (string, error) {
	opt := discordgo.WithContext(ctx)
	if kind == commands.OutEventCreate {
		if e == nil {
			return "", &PermanentError{Err: errors.New("scheduled event without data")}
		}
		ev, err := g.s.GuildScheduledEventCreate(target, scheduledParams(e), opt)
		if err != nil {
			return "", classify(err)
		}
		return target + "/" + ev.ID, nil
	}
	guild, id, ok := strings.Cut(target, "/")
	if !ok {
		return "", &PermanentError{Err: fmt.Errorf("bad scheduled event target %q", target)}
	}
	if kind == commands.OutEventDelete {
		if err := g.s.GuildScheduledEventDelete(guild, id, opt); err != nil {
			return "", classify(err)
		}
		return target, nil
	}
	if e == nil {
		return "", &PermanentError{Err: errors.New("scheduled event without data")}
	}
	if _, err := g.s.GuildScheduledEventEdit(guild, id, scheduledParams(e), opt); err != nil {
		return "", classify(err)
	}
	return target, nil
}

func scheduledParams(e *commands.ScheduledEvent) *discordgo.GuildScheduledEventParams {
	start, end := e.Start, e.End
	return &discordgo.GuildScheduledEventParams{
		Name: e.Name, Description: e.Description,
		ScheduledStartTime: &start, ScheduledEndTime: &end,
		PrivacyLevel:   discordgo.GuildScheduledEventPrivacyLevelGuildOnly,
		EntityType:     discordgo.GuildScheduledEventEntityTypeExternal,
		EntityMetadata: &discordgo.GuildScheduledEventEntityMetadata{Location: e.Location},
	}
}

// classify marks Discord's definite refusals (4xx but 429) as permanent.
func classify(err error) error {
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Response != nil {
		c := rest.Response.StatusCode
		if c >= 400 && c < 500 && c != http.StatusTooManyRequests && c != http.StatusRequestTimeout {
			return &PermanentError{Err: err}
		}
	}
	return err
}

// redactor is a slog handler that removes the token from every log line,
// whatever part of the bot or of discordgo's errors carries it.
type redactor struct {
	next  slog.Handler
	token string
}

func (h redactor) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }
func (h redactor) WithAttrs(as []slog.Attr) slog.Handler {
	for i := range as {
		as[i] = h.attr(as[i])
	}
	return redactor{h.next.WithAttrs(as), h.token}
}
func (h redactor) WithGroup(name string) slog.Handler {
	return redactor{h.next.WithGroup(name), h.token}
}
func (h redactor) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, strings.ReplaceAll(r.Message, h.token, "[token]"), r.PC)
	r.Attrs(func(a slog.Attr) bool { out.AddAttrs(h.attr(a)); return true })
	return h.next.Handle(ctx, out)
}

func (h redactor) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		if strings.Contains(v.String(), h.token) {
			return slog.String(a.Key, strings.ReplaceAll(v.String(), h.token, "[token]"))
		}
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.Any(a.Key, redact(err, h.token))
		}
		if s := fmt.Sprint(v.Any()); strings.Contains(s, h.token) {
			return slog.String(a.Key, strings.ReplaceAll(s, h.token, "[token]"))
		}
	case slog.KindGroup:
		as := v.Group()
		for i := range as {
			as[i] = h.attr(as[i])
		}
		return slog.Attr{Key: a.Key, Value: slog.GroupValue(as...)}
	}
	return a
}

// redact removes the token from an error's text: errors end up in logs.
func redact(err error, token string) error {
	if err == nil {
		return nil
	}
	tok := strings.TrimPrefix(token, "Bot ")
	if tok == "" || !strings.Contains(err.Error(), tok) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), tok, "[token]"))
}
