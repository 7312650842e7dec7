package bot

import (
	"bufio"
	"context"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"math/rand/v2"
	"mime"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands"
	"github.com/tierslieux/tiersbot/storage"
)

// ConsoleConfig drives the local console.
type ConsoleConfig struct {
	DB          *storage.DB
	In          io.Reader
	Out         io.Writer
	Lang        string    // "fr" or "en": the users' locale
	As          string    // the first user, a coordinator
	Now         time.Time // start of the clock; zero = the real time
	OutDir      string    // where attached files are saved; "" = a new temporary folder
	Log         *slog.Logger
	Rand        *rand.Rand
	Interactive bool // print a prompt and a welcome
	Demo        bool // load the demo network first (an empty database only)
	Echo        bool // print each line read before what it does (transcripts)
}

// ConsoleGuild is the network the console plays in.
const ConsoleGuild = "900000000000000001"

type consoleUser struct {
	commands.User
}

// console runs the same App as the gateway, from text lines.
type console struct {
	cfg    ConsoleConfig
	app    *commands.App
	outbox *Outbox
	sched  *Scheduler
	out    *bufio.Writer
	loc    *time.Location

	mu       sync.Mutex // guards now: the app and the worker read the clock
	now      time.Time
	seq      int
	users    map[string]*consoleUser // by folded name
	user     *consoleUser
	chanName string
	names    map[string]string // id -> display name (#chan, @role, user)

	lastComps []commands.Row // buttons of the most recent message that had some
	lastMsgID string         // the message they are on ("" for an ephemeral reply)
	modal     *commands.Modal
	posted    map[string]commands.Message // channel/message id -> message, for edits
	postSeq   int
	outDir    string
	cmdIndex  map[string]*discordgo.ApplicationCommandOption // "path" -> a pseudo option holding options
	cmdNames  map[string]string                              // localized command word -> canonical
	frPaths   map[string]string                              // "space edit" -> "lieu modifier", as French users see it
}

// Console reads lines from cfg.In until its end and prints what the bot does.
func Console(ctx context.Context, cfg ConsoleConfig) error {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now.IsZero() {
		cfg.Now = time.Now()
	}
	if cfg.Rand == nil {
		seed := uint64(time.Now().UnixNano())
		cfg.Rand = rand.New(rand.NewPCG(seed, seed>>3))
	}
	if cfg.As == "" {
		cfg.As = "Camille"
	}
	c := &console{cfg: cfg, out: bufio.NewWriter(cfg.Out), loc: parisOrUTC(), now: cfg.Now.Truncate(time.Minute),
		users: map[string]*consoleUser{}, names: map[string]string{}, posted: map[string]commands.Message{}}
	defer c.out.Flush()
	c.app = commands.New(commands.Config{DB: cfg.DB, Clock: c.clock, Log: cfg.Log, Rand: cfg.Rand})
	c.outbox = NewOutbox(cfg.DB, c, c.clock, cfg.Log, cfg.Rand)
	var err error
	if c.sched, err = NewScheduler(c.loc, c.clock, cfg.Log, c.app.Jobs()...); err != nil {
		return err
	}
	c.indexCommands()
	if err := c.loadNames(ctx); err != nil {
		return err
	}
	first := c.userNamed(cfg.As)
	first.Permissions = commands.PermManageGuild
	c.user = first
	c.chanName = "general"
	c.names[c.id("channel", "general")] = "#general"

	if cfg.Demo {
		c.demo(ctx)
	}
	if cfg.Interactive {
		c.printf("%s\n", c.lang().T0("console.welcome", first.Name, c.lang().Date(c.clock()), c.clock().In(c.loc).Format("15:04")))
		if empty, err := c.networkEmpty(ctx); err == nil && empty {
			c.printf("%s\n", c.lang().T0("console.offer_demo"))
		}
	}
	sc := bufio.NewScanner(cfg.In)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for {
		if cfg.Interactive {
			c.printf("%s #%s> ", c.user.Name, c.chanName)
			c.out.Flush()
		}
		if !sc.Scan() {
			break
		}
		if ctx.Err() != nil {
			break
		}
		if cfg.Echo && strings.TrimSpace(sc.Text()) != "" {
			c.printf("» %s\n", strings.TrimSpace(sc.Text()))
		}
		c.line(ctx, sc.Text())
		c.deliver(ctx)
		c.out.Flush()
	}
	return sc.Err()
}

func (c *console) clock() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *console) setClock(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

func (c *console) lang() consoleLang { return consoleLang(commands.LangOf(c.cfg.Lang)) }

func (c *console) printf(format string, args ...any) { fmt.Fprintf(c.out, format, args...) }

// id makes the stable made-up id of a named channel, role or user: the same
// name gives the same id in every session, so a saved database still matches.
func (c *console) id(kind, name string) string {
	h := fnv.New64a()
	h.Write([]byte(kind + ":" + commands.Fold(name)))
	return strconv.FormatUint(h.Sum64()>>2|1<<60, 10)
}

func (c *console) loadNames(ctx context.Context) error {
	return c.cfg.DB.Read(ctx, func(tx *storage.Tx) error {
		m, err := tx.GetPrefix(ctx, "console:name:")
		for k, v := range m {
			c.names[strings.TrimPrefix(k, "console:name:")] = v
		}
		return err
	})
}

// remember keeps the display name of a made-up id, also for later sessions.
func (c *console) remember(ctx context.Context, id, name string) {
	if c.names[id] == name {
		return
	}
	c.names[id] = name
	_ = c.cfg.DB.Write(ctx, func(tx *storage.Tx) error { return tx.Set(ctx, "console:name:"+id, name) })
}

func (c *console) userNamed(name string) *consoleUser {
	key := commands.Fold(name)
	if u, ok := c.users[key]; ok {
		return u
	}
	u := &consoleUser{commands.User{ID: c.id("user", name), Name: name}}
	c.users[key] = u
	// Remembered like channels and roles, so a later session on the same
	// database still names a DM's recipient.
	c.remember(context.Background(), u.ID, "@"+name)
	return u
}

func (c *console) line(ctx context.Context, line string) {
	line = strings.TrimSpace(line)
	switch {
	case line == "" || strings.HasPrefix(line, "#"):
		return
	case strings.HasPrefix(line, "/"):
		c.slash(ctx, line)
	case strings.HasPrefix(line, ":"):
		verb, rest, _ := strings.Cut(line[1:], " ")
		c.directive(ctx, strings.ToLower(verb), strings.TrimSpace(rest))
	default:
		c.fail("console.not_a_line")
	}
}

func (c *console) fail(key string, args ...any) {
	c.printf("[console] %s\n", c.lang().T0(key, args...))
}

func (c *console) nextID() string {
	c.seq++
	// Unique across sessions on the same database (a replayed id is ignored):
	// the wall clock, not the console's, which a new session may start again.
	return fmt.Sprintf("c%d%04d%d", time.Now().UnixNano(), c.seq, c.cfg.Rand.IntN(1_000_000))
}

func (c *console) request(kind commands.Kind) *commands.Request {
	return &commands.Request{
		ID: c.nextID(), Kind: kind, GuildID: ConsoleGuild, ChannelID: c.id("channel", c.chanName),
		User: c.user.User, Locale: c.cfg.Lang, Options: map[string]string{},
	}
}

// slash runs a slash command, checked against the catalog as Discord would.
func (c *console) slash(ctx context.Context, line string) {
	sl, err := parseSlash(line)
	if err != nil {
		c.fail("console.bad_syntax", c.wanted(err))
		return
	}
	typed := strings.Join(sl.Path, " ")
	for i, w := range sl.Path {
		if canon, ok := c.cmdNames[w]; ok {
			sl.Path[i] = canon
		}
	}
	path := strings.Join(sl.Path, " ")
	def, ok := c.cmdIndex[path]
	if !ok {
		c.fail("console.unknown_command", typed)
		return
	}
	req := c.request(commands.KindCommand)
	req.Command = path
	byName := map[string]*discordgo.ApplicationCommandOption{}
	for _, o := range def.Options {
		byName[o.Name] = o
		if fr := o.NameLocalizations[discordgo.French]; fr != "" {
			byName[fr] = o
		}
	}
	for _, t := range sl.Opts {
		o, ok := byName[strings.ToLower(t.Key)]
		if !ok {
			c.fail("console.unknown_option", t.Key, c.commandName(path), c.optionList(def))
			return
		}
		v, err := c.optionValue(ctx, o, t.Value)
		if err != nil {
			c.fail("console.bad_value", c.optionName(o), c.wanted(err))
			return
		}
		req.Options[o.Name] = v
		if o.Type == discordgo.ApplicationCommandOptionAttachment {
			addConsoleAttachment(req, o.Name, v)
		}
	}
	for _, o := range def.Options {
		if _, ok := req.Options[o.Name]; o.Required && !ok {
			c.fail("console.missing_option", c.optionName(o), c.commandName(path))
			return
		}
	}
	c.show(c.app.Handle(ctx, req))
}

// addConsoleAttachment gives an attachment option the file named: the
// console uploads nothing, so the file gets an address as Discord's would.
func addConsoleAttachment(req *commands.Request, name, file string) {
	if req.Attachments == nil {
		req.Attachments = map[string]commands.Attachment{}
	}
	at := commands.Attachment{URL: "https://cdn.discordapp.com/attachments/console/" + filepath.Base(file),
		Filename: filepath.Base(file), ContentType: mime.TypeByExtension(filepath.Ext(file)), Size: 1}
	// A local image is read, as the bot reads Discord's copy (attachments.go).
	if st, err := os.Stat(file); err == nil && st.Size() <= maxImageBytes && (at.ContentType == "image/png" || at.ContentType == "image/jpeg") {
		if data, err := os.ReadFile(file); err == nil {
			at.Data, at.Size = data, len(data)
		}
	}
	req.Attachments[name] = at
}

func (c *console) optionList(def *discordgo.ApplicationCommandOption) string {
	var names []string
	for _, o := range def.Options {
		names = append(names, c.optionName(o))
	}
	if len(names) == 0 {
		return "—"
	}
	return strings.Join(names, ", ")
}

// french: the console speaks French, so commands, options and choices are
// named as French users see them in Discord.
func (c *console) french() bool { return c.lang() == consoleLang(commands.FR) }

// commandName is a command path as the user sees it: "lieu modifier" in French.
func (c *console) commandName(path string) string {
	if fr := c.frPaths[path]; fr != "" && c.french() {
		return fr
	}
	return path
}

// optionName is an option's name as the user sees it: "salon" in French.
func (c *console) optionName(o *discordgo.ApplicationCommandOption) string {
	if fr := o.NameLocalizations[discordgo.French]; fr != "" && c.french() {
		return fr
	}
	return o.Name
}

// choiceNames lists what may be typed for a choice option: its values, or
// in French the French names (quoted when they have spaces, as typed).
func (c *console) choiceNames(o *discordgo.ApplicationCommandOption) string {
	var out []string
	for _, ch := range o.Choices {
		v := fmt.Sprint(ch.Value)
		if fr := ch.NameLocalizations[discordgo.French]; fr != "" && c.french() {
			v = fr
			if strings.Contains(fr, " ") {
				v = strconv.Quote(fr)
			}
		}
		out = append(out, v)
	}
	return strings.Join(out, ", ")
}

// wanted says, in the console's language, what is wrong with a line or
// what a refused value should be.
func (c *console) wanted(err error) string {
	var w *lineError
	if errors.As(err, &w) {
		return c.lang().T0(w.key, w.args...)
	}
	return err.Error()
}

// optionValue turns typed text into what Discord would send for that option type.
func (c *console) optionValue(ctx context.Context, o *discordgo.ApplicationCommandOption, v string) (string, error) {
	switch o.Type {
	case discordgo.ApplicationCommandOptionChannel:
		name := strings.TrimPrefix(v, "#")
		if name == "" {
			return "", lineErr("console.want_channel")
		}
		id := c.id("channel", name)
		c.remember(ctx, id, "#"+name)
		return id, nil
	case discordgo.ApplicationCommandOptionRole:
		name := strings.TrimPrefix(v, "@")
		if name == "" {
			return "", lineErr("console.want_role")
		}
		id := c.id("role", name)
		c.remember(ctx, id, "@"+name)
		return id, nil
	case discordgo.ApplicationCommandOptionUser:
		u := c.userNamed(strings.TrimPrefix(v, "@"))
		return u.ID, nil
	case discordgo.ApplicationCommandOptionInteger:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return "", lineErr("console.want_integer")
		}
		if o.MinValue != nil && float64(n) < *o.MinValue || o.MaxValue != 0 && float64(n) > o.MaxValue {
			return "", lineErr("console.want_range", *o.MinValue, o.MaxValue)
		}
		return v, nil
	case discordgo.ApplicationCommandOptionBoolean:
		switch strings.ToLower(v) {
		case "true", "yes", "oui", "vrai", "on", "1":
			return "true", nil
		case "false", "no", "non", "faux", "off", "0":
			return "false", nil
		}
		return "", lineErr("console.want_bool")
	case discordgo.ApplicationCommandOptionString:
		if len(o.Choices) > 0 {
			for _, ch := range o.Choices {
				if strings.EqualFold(fmt.Sprint(ch.Value), v) || strings.EqualFold(ch.Name, v) || strings.EqualFold(ch.NameLocalizations[discordgo.French], v) {
					return fmt.Sprint(ch.Value), nil
				}
			}
			return "", lineErr("console.want_choice", c.choiceNames(o))
		}
		if o.MaxLength > 0 && len([]rune(v)) > o.MaxLength {
			// Discord itself stops the user here; so does the console.
			return "", lineErr("console.want_at_most", o.MaxLength)
		}
	}
	return v, nil
}

func (c *console) directive(ctx context.Context, verb, rest string) {
	switch verb {
	case "as":
		c.as(ctx, rest)
	case "channel":
		name := strings.TrimPrefix(strings.TrimSpace(rest), "#")
		if name == "" || strings.ContainsAny(name, " \t") {
			c.fail("console.channel_usage")
			return
		}
		c.chanName = name
		c.remember(ctx, c.id("channel", name), "#"+name)
		c.printf("[console] %s\n", c.lang().T0("console.in_channel", name))
	case "click":
		c.click(ctx, rest)
	case "form":
		c.form(ctx, rest)
	case "select":
		c.choose(ctx, rest)
	case "clock":
		c.moveClock(ctx, rest)
	case "lang":
		if rest != "fr" && rest != "en" {
			c.fail("console.lang_usage")
			return
		}
		c.cfg.Lang = rest
	case "help":
		c.printf("%s\n", c.lang().T0("console.help"))
	case "demo":
		c.demo(ctx)
	default:
		c.fail("console.unknown_directive", verb)
	}
}

func (c *console) as(ctx context.Context, rest string) {
	toks, err := tokenize(rest, ':')
	if err != nil || len(toks) == 0 || toks[0].HasKey || toks[0].Value == "" || len(toks) > 2 {
		c.fail("console.as_usage")
		return
	}
	u := c.userNamed(toks[0].Value)
	if len(toks) == 2 {
		t := toks[1]
		switch {
		case !t.HasKey && (strings.EqualFold(t.Value, "coordinator") || strings.EqualFold(t.Value, "coordination")):
			u.Permissions |= commands.PermManageGuild
		case t.HasKey && (strings.EqualFold(t.Key, "animator") || strings.EqualFold(t.Key, "animation")):
			var s storage.Space
			err := c.cfg.DB.Read(ctx, func(tx *storage.Tx) error {
				var err error
				s, err = findSpace(ctx, tx, t.Value)
				return err
			})
			if err != nil {
				c.fail("console.no_such_space", t.Value)
				return
			}
			if s.AnimatorRole == "" {
				c.fail("console.no_animator_role", s.Name)
				return
			}
			if !u.HasRole(s.AnimatorRole) {
				u.Roles = append(u.Roles, s.AnimatorRole)
			}
		default:
			c.fail("console.as_usage")
			return
		}
	}
	c.user = u
	c.printf("[console] %s\n", c.lang().T0("console.now_as", u.Name))
}

// findSpace finds a space by exact folded name for :as animator:"SPACE".
func findSpace(ctx context.Context, tx *storage.Tx, name string) (storage.Space, error) {
	spaces, err := tx.Spaces(ctx, ConsoleGuild)
	if err != nil {
		return storage.Space{}, err
	}
	for _, s := range spaces {
		if s.Key == commands.Fold(name) {
			return s, nil
		}
	}
	return storage.Space{}, storage.ErrNotFound
}

func (c *console) click(ctx context.Context, label string) {
	label = strings.Trim(strings.TrimSpace(label), `"[]`)
	if len(c.lastComps) == 0 {
		c.fail("console.no_buttons")
		return
	}
	var exact, prefix []commands.Component
	var all []string
	for _, row := range c.lastComps {
		for _, b := range row {
			if b.Select || b.URL != "" {
				continue
			}
			all = append(all, "["+b.Label+"]")
			switch l := strings.ToLower(b.Label); {
			case l == strings.ToLower(label):
				exact = append(exact, b)
			case label != "" && strings.HasPrefix(commands.Fold(b.Label), commands.Fold(label)):
				prefix = append(prefix, b)
			}
		}
	}
	var b commands.Component
	switch {
	case len(exact) == 1:
		b = exact[0]
	case len(exact) == 0 && len(prefix) == 1:
		b = prefix[0]
	default:
		c.fail("console.which_button", label, strings.Join(all, " "))
		return
	}
	if b.Disabled {
		c.fail("console.disabled_button", b.Label)
		return
	}
	req := c.request(commands.KindComponent)
	req.CustomID, req.MessageID = b.CustomID, c.lastMsgID
	c.show(c.app.Handle(ctx, req))
}

// choose submits the select menu of the last message with the options whose
// labels are listed (comma-separated; a unique prefix is enough; none: empty).
func (c *console) choose(ctx context.Context, rest string) {
	var menu *commands.Component
	for _, row := range c.lastComps {
		for i := range row {
			if row[i].Select {
				menu = &row[i]
			}
		}
	}
	if menu == nil {
		c.fail("console.no_select")
		return
	}
	var values []string
	for _, want := range strings.Split(rest, ",") {
		want = commands.Fold(strings.Trim(strings.TrimSpace(want), `"`))
		if want == "" {
			continue
		}
		var match []commands.SelectOption
		for _, o := range menu.Options {
			if commands.Fold(o.Label) == want {
				match = []commands.SelectOption{o}
				break
			}
			if strings.HasPrefix(commands.Fold(o.Label), want) {
				match = append(match, o)
			}
		}
		if len(match) != 1 {
			var labels []string
			for _, o := range menu.Options {
				labels = append(labels, o.Label)
			}
			c.fail("console.which_option", want, strings.Join(labels, ", "))
			return
		}
		values = append(values, match[0].Value)
	}
	req := c.request(commands.KindComponent)
	req.CustomID, req.MessageID, req.Values = menu.CustomID, c.lastMsgID, values
	c.show(c.app.Handle(ctx, req))
}

func (c *console) form(ctx context.Context, rest string) {
	if c.modal == nil {
		c.fail("console.no_form")
		return
	}
	toks, err := tokenize(rest, '=')
	if err != nil {
		c.fail("console.bad_syntax", c.wanted(err))
		return
	}
	fields := map[string]string{}
	for _, f := range c.modal.Fields {
		fields[f.ID] = f.Value
	}
	for _, t := range toks {
		if !t.HasKey {
			c.fail("console.form_usage", fieldList(c.modal))
			return
		}
		id := ""
		for _, f := range c.modal.Fields {
			if strings.EqualFold(f.ID, t.Key) || commands.Fold(f.Label) == commands.Fold(t.Key) {
				id = f.ID
			}
		}
		if id == "" {
			c.fail("console.form_usage", fieldList(c.modal))
			return
		}
		fields[id] = t.Value
	}
	for _, f := range c.modal.Fields {
		if f.Required && strings.TrimSpace(fields[f.ID]) == "" {
			c.fail("console.form_required", f.ID)
			return
		}
		if f.MaxLength > 0 && len([]rune(fields[f.ID])) > f.MaxLength {
			c.fail("console.bad_value", f.ID, c.lang().T0("console.want_at_most", f.MaxLength))
			return
		}
	}
	req := c.request(commands.KindModal)
	req.CustomID, req.Fields = c.modal.CustomID, fields
	c.modal = nil
	c.show(c.app.Handle(ctx, req))
}

func fieldList(m *commands.Modal) string {
	var ids []string
	for _, f := range m.Fields {
		ids = append(ids, f.ID)
	}
	return strings.Join(ids, ", ")
}

// demo loads the demo network (demo.go) on an empty network only: mixed
// with real data it would mislead. Its fortnight ends at the console's time;
// its thousands of lines are not printed, a summary is.
func (c *console) demo(ctx context.Context) {
	empty, err := c.networkEmpty(ctx)
	if err != nil {
		c.cfg.Log.Error("console demo", "err", err)
		c.fail("console.demo_failed")
		return
	}
	if !empty {
		c.fail("console.demo_not_empty")
		return
	}
	end := c.clock()
	start := DemoStart(end, c.loc)
	c.setClock(start) // nothing has happened yet, so the clock may start earlier
	shown, me := c.out, c.user
	c.out = bufio.NewWriter(io.Discard)
	for _, line := range DemoScript(start, end, c.cfg.Lang, me.Name) {
		c.line(ctx, line)
		c.deliver(ctx)
	}
	c.out = shown
	c.user = me
	c.printf("%s\n", c.lang().T0("console.demo_loaded", len(demoSpaces), len(demoMembers), len(demoEvents), me.Name))
}

// networkEmpty: no space set up yet.
func (c *console) networkEmpty(ctx context.Context) (bool, error) {
	var n int
	err := c.cfg.DB.Read(ctx, func(tx *storage.Tx) error {
		spaces, err := tx.Spaces(ctx, ConsoleGuild)
		n = len(spaces)
		return err
	})
	return n == 0, err
}

func (c *console) moveClock(ctx context.Context, rest string) {
	to, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(rest), c.loc)
	if err != nil {
		c.fail("console.clock_usage")
		return
	}
	from := c.clock()
	if !to.After(from) {
		c.fail("console.clock_back", from.In(c.loc).Format("2006-01-02 15:04"))
		return
	}
	c.printf("[clock] %s %s\n", c.lang().Date(to.In(c.loc)), to.In(c.loc).Format("15:04"))
	c.sched.Advance(ctx, from, to, c.setClock, func() { c.deliver(ctx) })
}

func (c *console) deliver(ctx context.Context) {
	if _, err := c.outbox.DeliverDue(ctx); err != nil {
		c.cfg.Log.Error("console outbox", "err", err)
	}
}

// Send implements Sender: the console "posts" by printing.
func (c *console) Send(ctx context.Context, kind, target string, m commands.Message, nonce string) (string, error) {
	switch kind {
	case commands.OutChannel:
		c.postSeq++
		id := target + "/" + strconv.Itoa(c.postSeq)
		c.posted[id] = m
		c.printMessage("["+c.name(target)+"]", m, id)
		return id, nil
	case commands.OutDM:
		c.printMessage("[DM "+strings.TrimPrefix(c.name(target), "@")+"]", m, "")
		return "dm/" + target, nil
	case commands.OutEventCreate, commands.OutEventUpdate, commands.OutEventDelete:
		c.postSeq++
		id := target
		if kind == commands.OutEventCreate {
			id = target + "/ev" + strconv.Itoa(c.postSeq)
		}
		what := map[string]string{commands.OutEventCreate: "console.event_created", commands.OutEventUpdate: "console.event_updated", commands.OutEventDelete: "console.event_deleted"}[kind]
		line := "[" + c.lang().T0(what) + "]"
		if e := m.Event; e != nil {
			line += fmt.Sprintf(" %s — %s %s–%s, %s", e.Name, c.lang().Date(e.Start.In(c.loc)), e.Start.In(c.loc).Format("15:04"), e.End.In(c.loc).Format("15:04"), e.Location)
		}
		c.printf("%s\n", line)
		return id, nil
	case commands.OutThread:
		ch, _, _ := strings.Cut(target, "/")
		c.postSeq++
		id := "thread" + strconv.Itoa(c.postSeq)
		name := ""
		if m.Thread != nil {
			name = m.Thread.Name
		}
		c.names[id] = c.name(ch) + " › " + name
		c.printf("[%s] %s\n", c.lang().T0("console.thread_started"), c.names[id])
		return id, nil
	case commands.OutDelete:
		ch, _, _ := strings.Cut(target, "/")
		delete(c.posted, target)
		c.printf("[%s, %s]\n", c.name(ch), c.lang().T0("console.deleted"))
		return target, nil
	case commands.OutEdit:
		ch, _, _ := strings.Cut(target, "/")
		c.posted[target] = m
		c.printMessage("["+c.name(ch)+", "+c.lang().T0("console.edited")+"]", m, target)
		return target, nil
	}
	return "", &PermanentError{Err: fmt.Errorf("unknown kind %q", kind)}
}

func (c *console) name(id string) string {
	if n, ok := c.names[id]; ok {
		return n
	}
	return id
}

// show prints a handler's response.
func (c *console) show(res *commands.Response) {
	if res == nil {
		return
	}
	switch res.Type {
	case commands.OpenModal:
		c.modal = res.Modal
		c.printf("[form] %s\n", res.Modal.Title)
		for _, f := range res.Modal.Fields {
			req := ""
			if f.Required {
				req = " *"
			}
			c.printf("  %s (%s)%s", f.ID, f.Label, req)
			if f.Value != "" {
				c.printf(" = %q", f.Value)
			}
			c.printf("\n")
		}
		c.printf("  → :form %s=…\n", res.Modal.Fields[0].ID)
		return
	case commands.Suggest:
		for _, ch := range res.Choices {
			c.printf("  %s\n", ch.Name)
		}
		return
	}
	head := "[reply]"
	if res.Ephemeral {
		head = "[" + c.lang().T0("console.reply_private") + "]"
	}
	if res.Type == commands.Update {
		head = "[" + c.lang().T0("console.updated") + "]"
	}
	c.printMessage(head, res.Message, c.lastMsgIDFor(res))
}

func (c *console) lastMsgIDFor(res *commands.Response) string {
	if res.Type == commands.Update {
		return c.lastMsgID
	}
	return ""
}

func (c *console) printMessage(head string, m commands.Message, msgID string) {
	c.printf("%s\n", head)
	if m.Content != "" {
		c.printf("%s\n", indent(c.render(m.Content)))
	}
	for _, e := range m.Embeds {
		if e.Title != "" {
			c.printf("  ┃ %s\n", c.render(e.Title))
		}
		if e.Description != "" {
			for _, l := range strings.Split(strings.TrimRight(c.render(e.Description), "\n"), "\n") {
				c.printf("  ┃ %s\n", l)
			}
		}
		if e.Image != nil {
			c.printf("  ┃ [image %s]\n", e.Image.URL)
		}
		colon := ":" // Discord shows a field's name above its value; the console joins them
		if c.lang() == consoleLang(commands.FR) {
			colon = "\u00a0:"
		}
		for _, f := range e.Fields {
			lines := strings.Split(c.render(f.Value), "\n")
			if len(lines) == 1 {
				c.printf("  ┃ %s%s %s\n", c.render(f.Name), colon, lines[0])
				continue
			}
			c.printf("  ┃ %s%s\n", c.render(f.Name), colon)
			for _, l := range lines {
				c.printf("  ┃   %s\n", l)
			}
		}
		if e.Footer != nil && e.Footer.Text != "" {
			c.printf("  ┃ — %s\n", c.render(e.Footer.Text))
		}
	}
	for _, f := range m.Files {
		c.printf("  [file %s -> %s]\n", f.Name, c.saveFile(f))
	}
	if len(m.Components) > 0 {
		var b strings.Builder
		for _, row := range m.Components {
			b.WriteString("  ")
			for i, comp := range row {
				if i > 0 {
					b.WriteByte(' ')
				}
				if comp.Select {
					var opts []string
					for _, o := range comp.Options {
						if o.Default {
							opts = append(opts, "✓ "+o.Label)
							continue
						}
						opts = append(opts, o.Label)
					}
					fmt.Fprintf(&b, "[%s ▾ %s]", comp.Placeholder, strings.Join(opts, " | "))
					continue
				}
				fmt.Fprintf(&b, "[%s]", comp.Label)
			}
			b.WriteByte('\n')
		}
		c.printf("%s", b.String())
		c.lastComps, c.lastMsgID = m.Components, msgID
	}
}

func (c *console) saveFile(f commands.File) string {
	if c.outDir == "" {
		c.outDir = c.cfg.OutDir
		if c.outDir == "" {
			d, err := os.MkdirTemp("", "tiersbot-files-")
			if err != nil {
				return "(" + err.Error() + ")"
			}
			c.outDir = d
		}
		if err := os.MkdirAll(c.outDir, 0o755); err != nil {
			return "(" + err.Error() + ")"
		}
	}
	p := filepath.Join(c.outDir, filepath.Base(f.Name))
	if err := os.WriteFile(p, f.Data, 0o644); err != nil {
		return "(" + err.Error() + ")"
	}
	return p
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

var markup = regexp.MustCompile(`<(t:(-?\d+)(?::([tTdDfFR]))?|@&(\d+)|@!?(\d+)|#(\d+))>`)
var unescape = strings.NewReplacer(`\*`, `*`, `\_`, `_`, `\~`, `~`, "\\`", "`", `\|`, `|`, `\>`, `>`, `\#`, `#`, `\[`, `[`, `\]`, `]`, `\\`, `\`, "\u200b", "")

// render shows Discord markup as a reader would see it: times in the
// console's zone and language, mentions as names, escapes removed.
func (c *console) render(s string) string {
	s = markup.ReplaceAllStringFunc(s, func(m string) string {
		g := markup.FindStringSubmatch(m)
		switch {
		case g[2] != "":
			unix, _ := strconv.ParseInt(g[2], 10, 64)
			return c.timeText(time.Unix(unix, 0).In(c.loc), g[3])
		case g[4] != "":
			return c.name(g[4])
		case g[5] != "":
			return c.name(g[5])
		case g[6] != "":
			return c.name(g[6])
		}
		return m
	})
	return unescape.Replace(s)
}

func (c *console) timeText(t time.Time, style string) string {
	l := commands.LangOf(c.cfg.Lang)
	switch style {
	case "t":
		return t.Format("15:04")
	case "T":
		return t.Format("15:04:05")
	case "d":
		return t.Format("02/01/2006")
	case "D":
		return l.Date(t)
	case "R":
		return c.lang().relative(t.Sub(c.clock()))
	}
	return l.Date(t) + " " + t.Format("15:04")
}

// consoleLang adds the console's own messages to the app's languages.
type consoleLang commands.Lang

func (l consoleLang) T0(key string, args ...any) string {
	s, ok := consoleTexts().T(commands.Lang(l), key, args...)
	if !ok {
		return key
	}
	return s
}

// consoleLocales are the console's own message files (fr.toml, en.toml,
// args.toml), as the bot's are in commands/locales. See STYLE.md, "Messages".
//
//go:embed locales/*.toml
var consoleLocales embed.FS

// consoleTexts are read once; French gets what the bot's French messages
// get: typography, and commands in code spans named as in Discord.
var consoleTexts = sync.OnceValue(func() *commands.Texts {
	t, err := commands.LoadTexts(consoleLocales, "locales", commands.FrenchMessages)
	if err != nil {
		panic(fmt.Sprintf("the console's embedded message files do not load: %v", err))
	}
	return t
})

func (l consoleLang) Date(t time.Time) string { return commands.Lang(l).Date(t) }

func (l consoleLang) relative(d time.Duration) string {
	past := d < 0
	if past {
		d = -d
	}
	var n int
	var unit string
	switch {
	case d < time.Minute:
		return l.T0("console.now")
	case d < time.Hour:
		n, unit = int(d/time.Minute), "min"
	case d < 48*time.Hour:
		n, unit = int(d/time.Hour), "h"
	default:
		n, unit = int(d/(24*time.Hour)), "d"
	}
	if past {
		return l.T0("console.ago_"+unit, n)
	}
	return l.T0("console.in_"+unit, n)
}

// indexCommands maps every command path (and French words) to its options.
func (c *console) indexCommands() {
	c.cmdIndex = map[string]*discordgo.ApplicationCommandOption{}
	c.cmdNames = map[string]string{}
	c.frPaths = map[string]string{}
	for _, cmd := range commands.Catalog() {
		frCmd := cmd.Name
		if cmd.NameLocalizations != nil {
			if fr := (*cmd.NameLocalizations)[discordgo.French]; fr != "" {
				c.cmdNames[fr] = cmd.Name
				frCmd = fr
			}
		}
		subs := false
		for _, o := range cmd.Options {
			if o.Type == discordgo.ApplicationCommandOptionSubCommand {
				subs = true
				c.cmdIndex[cmd.Name+" "+o.Name] = o
				frSub := o.Name
				if fr := o.NameLocalizations[discordgo.French]; fr != "" {
					c.cmdNames[fr] = o.Name
					frSub = fr
				}
				c.frPaths[cmd.Name+" "+o.Name] = frCmd + " " + frSub
			}
		}
		if !subs {
			c.cmdIndex[cmd.Name] = &discordgo.ApplicationCommandOption{Name: cmd.Name, Options: cmd.Options}
			c.frPaths[cmd.Name] = frCmd
		}
	}
}

// CommandPaths lists the console's commands (for help and tests).
func CommandPaths() []string {
	c := &console{}
	c.indexCommands()
	var out []string
	for p := range c.cmdIndex {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
