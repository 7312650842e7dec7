package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/bot/discordtest"
	"github.com/tierslieux/tiersbot/commands"
	"github.com/tierslieux/tiersbot/storage"
)

// serveClocked runs the bot on db with an injected clock until stop is called.
func serveClocked(t *testing.T, fake *discordtest.Server, db *storage.DB, clock *fakeClock) (*e2e, *commands.App, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan struct{}), make(chan error, 1)
	var app *commands.App
	go func() {
		done <- Serve(ctx, Config{Token: "t", APIBase: fake.URL(), DB: db, Log: testLog(t), Ready: func() { close(ready) }, Clock: clock.Now,
			OnApp: func(a *commands.App) { app = a }})
	}()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("bot stopped before ready: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("bot not ready within 20 s")
	}
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			cancel()
			if err := <-done; err != nil {
				t.Errorf("bot stopped with %v", err)
			}
		}
	}
	t.Cleanup(stop)
	return &e2e{t: t, fake: fake, db: db, stop: func() {}, done: done, stopped: true}, app, stop
}

// The organiser's "who came?" DM through the strict fake: sent when the
// event ends, once even across a restart; its button opens the list in the
// DM; the select there saves the attendance.
func TestE2EAttendanceNudge(t *testing.T) {
	fake := startFake(t)
	db := testDB(t)
	paris := parisOrUTC()
	clock := newFakeClock(time.Date(2026, 4, 13, 10, 0, 0, 0, paris))
	e, app, stop := serveClocked(t, fake, db, clock)
	g := e2eGuild
	const ruche = "610000000000000011"
	anim := discordtest.User{ID: "700000000000000009", Name: "Nadia", Roles: []string{"500000000000000001"}, Locale: "fr"}
	e.send(discordtest.Command(g, "c", e2eCoord, "space", discordtest.Sub("add", discordtest.Str("name", "La Ruche"), discordtest.Str("town", "Crest"),
		discordtest.Channel("channel", ruche), discordtest.Role("animator_role", "500000000000000001"))))
	for _, f := range []map[string]string{
		{"title": "Atelier soudure", "start": "demain 14h", "duration": "2h"}, // ends 16:00
		{"title": "Repair café", "start": "demain 16h", "duration": "2h"},     // ends 18:00
	} {
		cb := e.send(discordtest.Command(g, ruche, anim, "event", discordtest.Sub("create", discordtest.Str("space", "La Ruche"))))
		has(t, cbText(e.send(discordtest.ModalSubmit(g, ruche, anim, cb.Data.CustomID, f))), "est annoncé")
	}
	ann, err := fake.WaitMessage(ctxT(t), func(m *discordgo.Message) bool {
		return m.ChannelID == ruche && len(m.Embeds) == 1 && strings.Contains(m.Embeds[0].Title, "Atelier soudure")
	})
	if err != nil {
		t.Fatal(err)
	}
	has(t, cbText(e.send(discordtest.Click(g, ruche, e2eAlice, ann.ID, discordtest.Buttons(ann.Components)["Je viens"]))), "you're going")

	isNudge := func(title string) func(*discordgo.Message) bool {
		return func(m *discordgo.Message) bool {
			return strings.Contains(m.Content, title) && strings.Contains(m.Content, "Qui était là")
		}
	}
	// 16:05 the next day: the workshop is over.
	at := time.Date(2026, 4, 14, 16, 5, 0, 0, paris)
	clock.Set(at)
	if err := app.AttendanceNudges(context.Background(), at); err != nil {
		t.Fatal(err)
	}
	nudge, err := fake.WaitDM(ctxT(t), anim.ID, isNudge("Atelier soudure"))
	if err != nil {
		t.Fatal(err)
	}
	button := discordtest.Buttons(nudge.Components)["Noter les présences"]
	if button == "" {
		t.Fatalf("nudge without its button: %+v", nudge.Components)
	}

	// A restart: the new process runs the job again at 18:05, when the repair
	// café is over too. The workshop's nudge is not sent again: the café's
	// comes after it in the same DM's order, so once it is here, a second
	// workshop nudge would be too.
	stop()
	e, app, _ = serveClocked(t, fake, db, clock)
	at = time.Date(2026, 4, 14, 18, 5, 0, 0, paris)
	clock.Set(at)
	if err := app.AttendanceNudges(context.Background(), at); err != nil {
		t.Fatal(err)
	}
	if _, err := fake.WaitDM(ctxT(t), anim.ID, isNudge("Repair café")); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range fake.DMs(anim.ID) {
		if isNudge("Atelier soudure")(m) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d workshop nudges after a restart, want 1", n)
	}

	// The button opens the list in the DM; the select saves it.
	cb := e.send(discordtest.DMClick(nudge.ChannelID, anim, nudge.ID, button))
	has(t, cbText(cb), "Atelier soudure")
	if cb.Type != discordgo.InteractionResponseChannelMessageWithSource || len(cb.Data.Components) == 0 {
		t.Fatalf("the list: %+v", cb)
	}
	sel, ok := cb.Data.Components[0].Components[0].(*discordgo.SelectMenu)
	if !ok || len(sel.Options) != 1 || sel.Options[0].Value != e2eAlice.ID {
		t.Fatalf("the list's select: %+v", cb.Data.Components[0].Components[0])
	}
	pick := discordtest.DMClick(nudge.ChannelID, anim, nudge.ID, sel.CustomID)
	pick["data"] = map[string]any{"custom_id": sel.CustomID, "component_type": 3, "values": []string{e2eAlice.ID}}
	cb = e.send(pick)
	if cb.Type != discordgo.InteractionResponseUpdateMessage {
		t.Errorf("saving updates the list, got %v", cb.Type)
	}
	has(t, cbText(cb), "Atelier soudure", "enregistrées")
	// Someone else pressing the organiser's button (a forwarded message): refused.
	has(t, cbText(e.send(discordtest.DMClick(nudge.ChannelID, e2eAlice, nudge.ID, button))), "no longer valid")
}
