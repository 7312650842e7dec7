package bot

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/bot/discordtest"
	"github.com/tierslieux/tiersbot/commands"
	"github.com/tierslieux/tiersbot/storage"
)

// Discord's two refusals of a scheduled event, through the fake and the real
// client: 30038 (the server holds 100) is nobody's to fix, so nobody is told
// and the occurrence waits for room; 403 is a permission to grant, so the
// organiser is told once and it is not tried again.
func TestScheduledEventRefusals(t *testing.T) {
	fake := startFake(t)
	db := testDB(t)
	ctx := context.Background()
	g := e2eGuild
	now := time.Date(2026, 4, 13, 9, 0, 0, 0, time.UTC)
	clock := newFakeClock(now)
	s, err := NewSession("t", fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	app := commands.New(commands.Config{DB: db, Clock: clock.Now})
	gw := NewGateway(s, app, slog.New(slog.DiscardHandler), "")
	ob := NewOutbox(db, gw, clock.Now, slog.New(slog.DiscardHandler), newTestRand())
	const organiser = "700000000000000009"
	handle := func(command string, opts map[string]string) string {
		t.Helper()
		res := app.Handle(ctx, &commands.Request{ID: command + opts["name"], Kind: commands.KindCommand, GuildID: g, ChannelID: "c",
			User: commands.User{ID: e2eCoord.ID, Name: "Camille", Permissions: commands.PermManageGuild}, Locale: "en", Command: command, Options: opts})
		return res.Content
	}
	has(t, handle("space add", map[string]string{"name": "La Ruche", "town": "Crest"}), "added")
	var spaceID int64
	addEvent := func(title string, start time.Time) {
		t.Helper()
		err := db.Write(ctx, func(tx *storage.Tx) error {
			sp, err := tx.Spaces(ctx, g)
			if err != nil {
				return err
			}
			spaceID = sp[0].ID
			series, err := tx.AddSeries(ctx, g, spaceID, "", organiser, now)
			if err != nil {
				return err
			}
			_, err = tx.AddEvent(ctx, storage.Event{GuildID: g, SeriesID: series, SpaceID: spaceID, Title: title, TitleKey: strings.ToLower(title),
				OrganizerID: organiser, Start: start, End: start.Add(time.Hour)})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	topUp := func() {
		t.Helper()
		if err := app.PublishDueEvents(ctx, clock.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := ob.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
	}
	creations := func(status int) int {
		n := 0
		for _, c := range fake.Calls() {
			if c.Method == http.MethodPost && c.Path == "/guilds/"+g+"/scheduled-events" && c.Status == status {
				n++
			}
		}
		return n
	}
	ours := func() int {
		n := 0
		for _, e := range fake.ScheduledEvents(g) {
			if e.EntityMetadata.Location == "La Ruche, Crest" {
				n++
			}
		}
		return n
	}

	// 97 events made by hand, and a count that has not seen them yet.
	var byHand []string
	for range 97 {
		byHand = append(byHand, fake.AddScheduledEvent(g, "Fait à la main", 1))
	}
	fake.ExpectRefusal(discordtest.CodeMaxScheduledEvents, "/guilds/")
	for d := 1; d <= 5; d++ {
		addEvent("Atelier", now.AddDate(0, 0, d))
	}
	topUp()
	// The fourth is refused; the fifth, which would be too, is not sent.
	if ok, full := creations(200), creations(400); ok != 3 || full != 1 || ours() != 3 {
		t.Fatalf("a server with 97 events: %d created, %d refused (30038), %d of ours on Discord; want 3, 1, 3", ok, full, ours())
	}
	if n := len(fake.DMs(organiser)); n != 0 {
		t.Errorf("the organiser got %d DMs about a full server, want none", n)
	}
	// The next top-ups within the hour do not knock again.
	clock.Add(time.Minute)
	topUp()
	if full := creations(400); full != 1 {
		t.Errorf("%d refusals after a second top-up, want still 1", full)
	}
	// Ten events made by hand end; the count sees it; the two get their turn.
	for _, id := range byHand[:10] {
		fake.SetScheduledEventStatus(g, id, 3)
	}
	clock.Add(time.Hour)
	if err := gw.CountScheduledEvents(ctx, clock.Now()); err != nil {
		t.Fatal(err)
	}
	var others int
	db.Read(ctx, func(tx *storage.Tx) (err error) { others, err = tx.OtherScheduledEvents(ctx, g); return })
	if others != 87 {
		t.Errorf("counted %d events not the bot's, want 87", others)
	}
	topUp()
	if ok, ev := creations(200), ours(); ok != 5 || ev != 5 {
		t.Errorf("after room freed up: %d created, %d of ours on Discord; want 5 and 5", ok, ev)
	}

	// Without the permission: the organiser is told once, and it is not retried.
	fake.FailNext(1, http.MethodPost, "/guilds/"+g+"/scheduled-events", discordtest.Fault{Status: 403, Code: 50013, Message: "Missing Permissions"})
	addEvent("Repair café", now.AddDate(0, 0, 6))
	topUp()
	dm, err := fake.WaitDM(ctxT(t), organiser, func(m *discordgo.Message) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	has(t, dm.Content, "Repair café", "Gérer les événements")
	clock.Add(time.Hour)
	topUp()
	attempts := 0
	for _, c := range fake.Calls() {
		if c.Method == http.MethodPost && c.Path == "/guilds/"+g+"/scheduled-events" && strings.Contains(string(c.Body), "Repair café") {
			attempts++
		}
	}
	if attempts != 1 || len(fake.DMs(organiser)) != 1 {
		t.Errorf("after a 403: %d attempts and %d DMs, want 1 and 1", attempts, len(fake.DMs(organiser)))
	}
}
