package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/bot/discordtest"
	"github.com/tierslieux/tiersbot/commands"
)

// The automatic check-out end to end: the DM reaches the member with its
// button; the button, clicked in the DM (no guild), opens the form; the
// form, submitted in the DM, corrects the check-out and updates the DM.
func TestE2EAutomaticCheckoutCorrectedFromDM(t *testing.T) {
	fake := startFake(t)
	db := testDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan error, 1)
	var app *commands.App
	paris := parisOrUTC()
	clock := newFakeClock(time.Date(2026, 4, 14, 14, 0, 0, 0, paris)) // a Tuesday
	go func() {
		done <- Serve(ctx, Config{Token: "t", APIBase: fake.URL(), DB: db, Log: testLog(t), Ready: func() { close(ready) }, Clock: clock.Now,
			OnApp: func(a *commands.App) { app = a }})
	}()
	defer func() { cancel(); <-done }()
	<-ready
	e := &e2e{t: t, fake: fake, db: db, stop: func() {}, done: done, stopped: true}
	g := e2eGuild
	e.send(discordtest.Command(g, "c", e2eCoord, "space", discordtest.Sub("add", discordtest.Str("name", "La Ruche"), discordtest.Str("town", "Crest"), discordtest.Str("closes_at", "18h30"))))
	has(t, cbText(e.send(discordtest.Command(g, "c", e2eAlice, "checkin"))), "La Ruche")

	closing := time.Date(2026, 4, 14, 19, 0, 0, 0, paris)
	clock.Set(closing)
	if n, err := app.CloseAtClosingTime(context.Background(), closing); err != nil || n != 1 {
		t.Fatalf("closing: %d, %v", n, err)
	}
	dm, err := fake.WaitDM(ctxT(t), e2eAlice.ID, func(m *discordgo.Message) bool { return len(m.Components) > 0 })
	if err != nil {
		t.Fatal(err)
	}
	has(t, dm.Content, "I checked you out of **La Ruche**", "Left earlier?")
	button := discordtest.Buttons(dm.Components)["I left at…"]
	if button == "" {
		t.Fatalf("no button in %+v", dm.Components)
	}
	cb := e.send(discordtest.DMClick(dm.ChannelID, e2eAlice, dm.ID, button))
	if cb.Type != discordgo.InteractionResponseModal {
		t.Fatalf("click answered %v: %s", cb.Type, cb.Raw)
	}
	submit := discordtest.ModalSubmit("", dm.ChannelID, e2eAlice, button, map[string]string{"left": "16h30"})
	delete(submit, "guild_id")
	delete(submit, "member")
	submit["user"] = map[string]any{"id": e2eAlice.ID, "username": e2eAlice.Name, "global_name": e2eAlice.Name, "discriminator": "0"}
	submit["message"] = map[string]any{"id": dm.ID, "channel_id": dm.ChannelID, "content": "", "flags": 0}
	cb = e.send(submit)
	if cb.Type != discordgo.InteractionResponseUpdateMessage || !strings.Contains(cb.Data.Content, "Corrected") || !strings.Contains(cb.Data.Content, "2h30") {
		t.Errorf("form answered %v: %s", cb.Type, cb.Raw)
	}
}
