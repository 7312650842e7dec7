package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/bot/discordtest"
	"github.com/tierslieux/tiersbot/commands"
)

// pad makes s exactly n characters long (the forms' maximum lengths).
func pad(s string, n int) string {
	for utf8.RuneCountInString(s) < n {
		s += " _*#~|`"
	}
	return string([]rune(s)[:n])
}

// A large network, through the real gateway and discordgo client: 30 spaces
// of 50-character names, markdown-heavy titles and skill names, 40 events in
// a week, 30 animators, 35 skills, notes of the maximum length. Every
// message the bot sends must be within Discord's limits (issue 12), which
// the fake checks on every body it receives.
func TestE2ELargeNetwork(t *testing.T) {
	fake := startFake(t)
	db := testDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan error, 1)
	var app *commands.App
	paris := parisOrUTC()
	now := time.Date(2026, 4, 13, 9, 0, 0, 0, paris) // a Monday
	clock := newFakeClock(now)
	go func() {
		done <- Serve(ctx, Config{Token: "t", APIBase: fake.URL(), DB: db, Log: testLog(t), Ready: func() { close(ready) }, Clock: clock.Now,
			OnApp: func(a *commands.App) { app = a }})
	}()
	defer func() { cancel(); <-done }()
	<-ready
	e := &e2e{t: t, fake: fake, db: db, stop: func() {}, done: done, stopped: true}
	g := e2eGuild
	const digest, annonces = "610000000000000901", "610000000000000902"
	ok := func(what string, cb discordtest.Callback) discordtest.Callback {
		t.Helper()
		if strings.Contains(cb.Data.Content, "⚠️") || strings.Contains(cb.Data.Content, "😕") {
			t.Fatalf("%s refused: %s", what, cb.Data.Content)
		}
		return cb
	}
	ok("setup", e.send(discordtest.Command(g, "c", e2eCoord, "setup", discordtest.Channel("digest_channel", digest), discordtest.Channel("announce_channel", annonces))))

	// 30 spaces, each with its channel and its animator.
	var spaces, channels []string
	var anims []discordtest.User
	for i := 0; i < 30; i++ {
		name := pad(fmt.Sprintf("L'**Atelier** _partagé_ #%02d ~~de~~ `la` |vallée|", i), 50)
		spaces, channels = append(spaces, name), append(channels, fmt.Sprintf("6100000000000010%02d", i))
		role := fmt.Sprintf("5000000000000010%02d", i)
		anims = append(anims, discordtest.User{ID: fmt.Sprintf("7000000000000010%02d", i), Name: pad(fmt.Sprintf("Animatrice_%02d **", i), 32), Roles: []string{role}, Locale: "fr"})
		ok("space add", e.send(discordtest.Command(g, "c", e2eCoord, "space", discordtest.Sub("add", discordtest.Str("name", name),
			discordtest.Str("town", pad("Saint-Jean-en-Royans **", 50)), discordtest.Channel("channel", channels[i]), discordtest.Role("animator_role", role)))))
	}
	// 30 members check in at the first space, with notes of 200 characters.
	var members []discordtest.User
	for i := 0; i < 30; i++ {
		u := discordtest.User{ID: fmt.Sprintf("7000000000000020%02d", i), Name: pad(fmt.Sprintf("Membre_%02d *", i), 32), Locale: []string{"fr", "en-US"}[i%2]}
		members = append(members, u)
		ok("checkin", e.send(discordtest.Command(g, channels[0], u, "checkin", discordtest.Str("note", pad("Je **code** _un_ #bot", 200)))))
	}
	// 40 events this week, by the 30 animators, with the longest titles and descriptions.
	for i := 0; i < 40; i++ {
		a := anims[i%30]
		cb := e.send(discordtest.Command(g, channels[i%30], a, "event", discordtest.Sub("create", discordtest.Str("space", spaces[i%30]))))
		if cb.Type != discordgo.InteractionResponseModal {
			t.Fatalf("event form: %s", cbText(cb))
		}
		start := time.Date(2026, 4, 14+i%5, 9+i/5, 0, 0, 0, paris).Format("2006-01-02 15:04")
		ok("event", e.send(discordtest.ModalSubmit(g, channels[i%30], a, cb.Data.CustomID, map[string]string{
			"title": pad(fmt.Sprintf("Atelier **%02d** _réparation_ #vélo", i), 100), "description": pad("Apporte **ton** _vélo_", 1000),
			"start": start, "duration": "2h", "capacity": "12"})))
	}
	// 35 skills: one member offers 30 with the longest notes, ten others offer the rest and the first.
	skill := func(i int) string { return pad(fmt.Sprintf("Soudure_%02d **TIG** #", i), 60) }
	for i := 0; i < 30; i++ {
		ok("skill offer", e.send(discordtest.Command(g, "c", members[0], "skill", discordtest.Sub("offer", discordtest.Str("skill", skill(i)), discordtest.Str("note", pad("Je **montre** _volontiers_", 300))))))
	}
	for i := 1; i <= 12; i++ {
		ok("skill offer", e.send(discordtest.Command(g, "c", members[i], "skill", discordtest.Sub("offer", discordtest.Str("skill", skill(0)), discordtest.Str("note", pad("Avec **plaisir** _!_", 300))))))
		if i <= 5 {
			ok("skill seek", e.send(discordtest.Command(g, "c", members[i], "skill", discordtest.Sub("seek", discordtest.Str("skill", skill(29+i))))))
		}
	}

	// The commands that list things, through the gateway.
	asks := []discordtest.Interaction{
		discordtest.Command(g, channels[0], members[1], "whoshere"),
		discordtest.Command(g, "c", members[1], "whoshere"),
		discordtest.Command(g, "c", members[2], "space", discordtest.Sub("list")),
		discordtest.Command(g, "c", members[2], "space", discordtest.Sub("info", discordtest.Str("space", spaces[0]))),
		discordtest.Command(g, "c", members[3], "event", discordtest.Sub("list")),
		discordtest.Command(g, "c", members[3], "skill", discordtest.Sub("list")),
		discordtest.Command(g, "c", members[20], "skill", discordtest.Sub("find", discordtest.Str("skill", skill(0)))),
		discordtest.Command(g, "c", members[0], "skill", discordtest.Sub("mine")),
		discordtest.Command(g, "c", members[4], "profile", discordtest.Sub("show", discordtest.Mention("member", members[0].ID))),
		discordtest.Command(g, "c", members[4], "members"),
		discordtest.Command(g, "c", e2eCoord, "digest", discordtest.Sub("preview", discordtest.Str("week", "2026-04-13"))),
	}
	attached := 0
	for _, i := range asks {
		cb := ok(fmt.Sprint(i["data"]), e.send(i))
		attached += len(cb.Files)
	}
	// Refusals that list suggestions.
	cb := e.send(discordtest.Command(g, "c", members[4], "whoshere", discordtest.Str("space", "zzz")))
	has(t, cb.Data.Content, "autres lieux")
	e.send(discordtest.Command(g, "c", members[6], "checkin"))

	// Reminders, then the week's digest on Monday.
	clock.Set(time.Date(2026, 4, 13, 19, 0, 0, 0, paris))
	if err := app.SendReminders(context.Background(), clock.Now()); err != nil {
		t.Fatal(err)
	}
	monday := time.Date(2026, 4, 20, 8, 0, 0, 0, paris)
	clock.Set(monday)
	if err := app.PostDueDigests(context.Background(), monday); err != nil {
		t.Fatal(err)
	}
	call, err := fake.WaitCall(ctxT(t), func(c discordtest.Call) bool {
		return c.Method == "POST" && c.Path == "/channels/"+digest+"/messages"
	})
	if err != nil {
		t.Fatal(err)
	}
	if call.Status != 200 || !strings.Contains(string(call.Body), "bilan complet en pièce jointe") {
		t.Errorf("digest: status %d, %.300s", call.Status, call.Body)
	}
	if len(call.Files) != 2 {
		t.Errorf("digest files: %d, want the chart and the full digest", len(call.Files))
	}
	if attached == 0 {
		t.Error("no long list came with its full text attached")
	}
	for _, p := range fake.OverLimits() {
		t.Error("Discord would refuse: " + p)
	}
	calls := fake.Calls()
	for _, c := range calls {
		if c.Status >= 400 && c.Status != 404 {
			t.Errorf("%s %s: %d %.200s", c.Method, c.Path, c.Status, c.Body)
		}
	}
	t.Logf("%d calls checked", len(calls))
}
