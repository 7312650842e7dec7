package bot

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/bot/discordtest"
	"github.com/tierslieux/tiersbot/storage"
)

const e2eGuild = "800000000000000001"

var (
	e2eCoord = discordtest.User{ID: "700000000000000001", Name: "Camille", Permissions: 1 << 5, Locale: "fr"}
	e2eAlice = discordtest.User{ID: "700000000000000002", Name: "Alice", Locale: "en-US"}
	e2eBob   = discordtest.User{ID: "700000000000000003", Name: "Bob", Locale: "fr"}
)

// e2e runs the real bot (discordgo client included) against the fake Discord.
type e2e struct {
	t       *testing.T
	fake    *discordtest.Server
	db      *storage.DB
	stop    context.CancelFunc
	done    chan error
	stopped bool
}

func startFake(t *testing.T) *discordtest.Server {
	t.Helper()
	fake, err := discordtest.New(discordtest.Config{Guilds: []string{e2eGuild}, T: t})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	return fake
}

func startBot(t *testing.T, fake *discordtest.Server, db *storage.DB) *e2e {
	t.Helper()
	return startBotLog(t, fake, db, testLog(t))
}

// startBotLog starts the bot logging to log.
func startBotLog(t *testing.T, fake *discordtest.Server, db *storage.DB, log *slog.Logger) *e2e {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	e := &e2e{t: t, fake: fake, db: db, stop: cancel, done: make(chan error, 1)}
	go func() {
		e.done <- Serve(ctx, Config{Token: "test-token", APIBase: fake.URL(), DB: db, Log: log, Ready: func() { close(ready) }})
	}()
	select {
	case <-ready:
	case err := <-e.done:
		t.Fatalf("bot stopped before ready: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("bot not ready within 20 s")
	}
	t.Cleanup(e.shutdown)
	return e
}

func (e *e2e) shutdown() {
	if e.stopped {
		return
	}
	e.stopped = true
	e.stop()
	select {
	case err := <-e.done:
		if err != nil {
			e.t.Errorf("bot stopped with %v", err)
		}
	case <-time.After(20 * time.Second):
		e.t.Error("bot did not stop within 20 s")
	}
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// send dispatches an interaction and returns the bot's answer to it.
func (e *e2e) send(i discordtest.Interaction) discordtest.Callback {
	e.t.Helper()
	id := e.fake.SendInteraction(i)
	cb, err := e.fake.WaitCallback(ctxT(e.t), id)
	if err != nil {
		e.t.Fatalf("no answer to %v: %v", i["data"], err)
	}
	return cb
}

func cbText(r discordtest.Callback) string {
	var b strings.Builder
	b.WriteString(r.Data.Content)
	for _, e := range r.Data.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + ": " + f.Value)
		}
		if e.Footer != nil {
			b.WriteString("\n" + e.Footer.Text)
		}
	}
	for _, c := range r.Data.Choices {
		b.WriteString("\n" + c.Name + "=" + fmt.Sprint(c.Value))
	}
	return b.String()
}

func msgText(m *discordgo.Message) string {
	var b strings.Builder
	b.WriteString(m.Content)
	for _, e := range m.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		if e.Footer != nil {
			b.WriteString("\n" + e.Footer.Text)
		}
	}
	return b.String()
}

func testLog(t *testing.T) *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}

func has(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("lacks %q in:\n%s", w, got)
		}
	}
}

func fileDB(t *testing.T, path string) *storage.DB {
	t.Helper()
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestE2EFoundation(t *testing.T) {
	fake := startFake(t)
	path := filepath.Join(t.TempDir(), "e2e.db")
	db := fileDB(t, path)
	e := startBot(t, fake, db)
	g, ch := e2eGuild, "600000000000000001"

	// Commands registered once, globally, with French localizations.
	if n := fake.CommandPuts(); n != 1 {
		t.Fatalf("%d command registrations, want 1", n)
	}
	if fake.Token() != "Bot test-token" {
		t.Errorf("identified with %q", fake.Token())
	}
	found := false
	for _, c := range fake.Commands("") {
		if c.Name == "checkin" {
			found = true
			if c.NameLocalizations == nil || (*c.NameLocalizations)[discordgo.French] != "arrivee" {
				t.Errorf("checkin has no French name: %v", c.NameLocalizations)
			}
		}
	}
	if !found {
		t.Fatal("checkin not registered")
	}

	// The coordinator adds a space linked to a channel.
	cb := e.send(discordtest.Command(g, "c-admin", e2eCoord, "space", discordtest.Sub("add",
		discordtest.Str("name", "La Ruche"), discordtest.Str("town", "Crest"), discordtest.Channel("channel", ch), discordtest.Int("capacity", 12))))
	has(t, cbText(cb), "Lieu **La Ruche** (Crest) ajouté")

	// A plain member cannot configure the network, in their language.
	cb = e.send(discordtest.Command(g, ch, e2eAlice, "setup", discordtest.Str("language", "en")))
	has(t, cbText(cb), "Only the network's coordination")
	if !cb.Ephemeral() {
		t.Error("a refusal must be ephemeral")
	}

	// /checkin in the space's channel, with a note that tries to ping everyone.
	cb = e.send(discordtest.Command(g, ch, e2eAlice, "checkin", discordtest.Str("note", "@everyone coffee at 10")))
	has(t, cbText(cb), "Welcome to **La Ruche**, Alice")
	if am := cb.Data.AllowedMentions; am == nil || am.Parse == nil || len(am.Parse) != 0 {
		t.Errorf("allowed mentions not locked down: %+v", am)
	}
	// /whoshere from another channel, by name.
	cb = e.send(discordtest.Command(g, "c-other", e2eBob, "whoshere", discordtest.Str("space", "la ruche")))
	has(t, cbText(cb), "Qui est là à la Ruche", "**Alice**", "1 / 12 places", "@\u200beveryone")

	// Autocomplete for spaces: the value is the space id, which resolves.
	cb = e.send(discordtest.Autocomplete(g, ch, e2eBob, "checkin", discordtest.Focused(discordtest.Str("space", "ruc"))))
	if cb.Type != discordgo.InteractionApplicationCommandAutocompleteResult || len(cb.Data.Choices) != 1 || cb.Data.Choices[0].Name != "La Ruche — Crest" {
		t.Fatalf("autocomplete: %+v", cb.Data.Choices)
	}

	// The front desk goes out through the outbox; a click on it checks in.
	cb = e.send(discordtest.Command(g, "c-admin", e2eCoord, "space", discordtest.Sub("desk", discordtest.Str("space", fmt.Sprint(cb.Data.Choices[0].Value)))))
	has(t, cbText(cb), "Accueil de la **Ruche** publié")
	desk, err := fake.WaitMessage(ctxT(t), func(m *discordgo.Message) bool { return m.ChannelID == ch && len(m.Components) > 0 })
	if err != nil {
		t.Fatal(err)
	}
	buttons := discordtest.Buttons(desk.Components)
	if buttons["J'arrive"] == "" || buttons["Je pars"] == "" {
		t.Fatalf("desk buttons: %v", buttons)
	}
	cb = e.send(discordtest.Click(g, ch, e2eBob, desk.ID, buttons["J'arrive"]))
	has(t, cbText(cb), "Bienvenue à la **Ruche**, Bob", "2 personnes sur place")

	// A tampered custom id is refused and changes nothing.
	cb = e.send(discordtest.Click(g, ch, e2eBob, desk.ID, "desk:in:99999"))
	has(t, cbText(cb), "Ce bouton n'est plus valable")
	cb = e.send(discordtest.Command(g, "c-other", e2eBob, "whoshere", discordtest.Str("space", "la ruche")))
	has(t, cbText(cb), "2 / 12 places")

	// A gateway drop loses no interaction: sent while down, answered after the resume, once.
	fake.DropConnection()
	id := fake.SendInteraction(discordtest.Command(g, ch, e2eAlice, "checkout"))
	cbk, err := fake.WaitCallback(ctxT(t), id)
	if err != nil {
		t.Fatalf("interaction lost across the drop: %v", err)
	}
	has(t, cbText(cbk), "Checked out of **La Ruche**")
	if fake.Resumes() < 1 {
		t.Error("the client did not resume")
	}
	if n := fake.Callbacks(id); n != 1 {
		t.Errorf("%d answers to one interaction", n)
	}

	// Restart on the same database: the same definitions are not registered again.
	e.shutdown()
	db.Close()
	db2 := fileDB(t, path)
	defer db2.Close()
	startBot(t, fake, db2)
	if n := fake.CommandPuts(); n != 1 {
		t.Errorf("commands registered again after a restart: %d", n)
	}
}
