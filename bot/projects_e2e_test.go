package bot

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/bot/discordtest"
	"github.com/tierslieux/tiersbot/commands"
	"github.com/tierslieux/tiersbot/storage"
)

// startClockedBot serves the bot against fake with an injected clock and
// returns the App too, for tests that run jobs at chosen times.
func startClockedBot(t *testing.T, fake *discordtest.Server, db *storage.DB, clock *fakeClock) (*e2e, *commands.App) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan error, 1)
	var app *commands.App
	go func() {
		done <- Serve(ctx, Config{Token: "t", APIBase: fake.URL(), DB: db, Log: testLog(t), Ready: func() { close(ready) }, Clock: clock.Now,
			OnApp: func(a *commands.App) { app = a }})
	}()
	t.Cleanup(func() { cancel(); <-done })
	<-ready
	return &e2e{t: t, fake: fake, db: db, stop: func() {}, done: done, stopped: true}, app
}

// Projects end to end through the strict fake: the form, the card in two
// channels and a thread started on the space's card (Discord's "start
// thread from message", checked against its OpenAPI description), "I can
// help" asked of the holder by DM and accepted (both pinged only then),
// news with an image posted in the thread, a stage change announced there,
// and Monday's digest counting the project.
func TestE2EProjects(t *testing.T) {
	fake := startFake(t)
	paris := parisOrUTC()
	clock := newFakeClock(time.Date(2026, 4, 15, 10, 0, 0, 0, paris))
	monday := time.Date(2026, 4, 20, 8, 0, 0, 0, paris)
	e, app := startClockedBot(t, fake, testDB(t), clock)
	g := e2eGuild
	const ruche, annonces, digest = "610000000000000031", "610000000000000032", "610000000000000033"
	e.send(discordtest.Command(g, "c", e2eCoord, "setup", discordtest.Channel("announce_channel", annonces), discordtest.Channel("digest_channel", digest)))
	e.send(discordtest.Command(g, "c", e2eCoord, "space", discordtest.Sub("add", discordtest.Str("name", "La Ruche"), discordtest.Str("town", "Crest"),
		discordtest.Channel("channel", ruche))))
	e.send(discordtest.Command(g, "c", e2eAlice, "skill", discordtest.Sub("offer", discordtest.Str("skill", "Soudure"))))

	// Bob opens the form and starts the project.
	cb := e.send(discordtest.Command(g, ruche, e2eBob, "project", discordtest.Sub("create")))
	if cb.Type != discordgo.InteractionResponseModal || len(cb.Data.Components) != 3 {
		t.Fatalf("expected the project form, got %+v", cb)
	}
	cb = e.send(discordtest.ModalSubmit(g, ruche, e2eBob, cb.Data.CustomID, map[string]string{
		"title": "Imprimante 3D en kit", "pitch": "Construire une imprimante @everyone", "needs": "soudure, financement participatif"}))
	has(t, cbText(cb), "**Imprimante 3D en kit** est lancé depuis La Ruche", "<#"+ruche+">", "<#"+annonces+">", "**Soudure**\u00a0: Alice")

	cards := map[string]*discordgo.Message{}
	for _, ch := range []string{ruche, annonces} {
		m, err := fake.WaitMessage(ctxT(t), func(m *discordgo.Message) bool { return m.ChannelID == ch && len(m.Embeds) == 1 })
		if err != nil {
			t.Fatal(err)
		}
		cards[ch] = m
		if b := discordtest.Buttons(m.Components); b["Je peux aider"] == "" || b["Suivre"] == "" {
			t.Fatalf("card buttons %v", b)
		}
	}
	has(t, msgFields(cards[ruche]), "<@"+e2eBob.ID+">", "financement participatif · Soudure")
	if _, err := fake.WaitCall(ctxT(t), func(c discordtest.Call) bool {
		return c.Method == "POST" && c.Path == "/channels/"+ruche+"/messages/"+cards[ruche].ID+"/threads" && c.Status == 201
	}); err != nil {
		t.Fatal(err)
	}
	th, ok := fake.Threads()[cards[ruche].ID]
	if !ok || th.ParentID != ruche || th.Name != "Imprimante 3D en kit" || th.AutoArchiveDuration != 10080 {
		t.Fatalf("thread %+v (ok %v)", th, ok)
	}

	// Alice offers help; Bob is asked by DM, no ping until he accepts.
	has(t, cbText(e.send(discordtest.Click(g, annonces, e2eAlice, cards[annonces].ID, discordtest.Buttons(cards[annonces].Components)["Je peux aider"]))), "Offer sent")
	req, err := fake.WaitDM(ctxT(t), e2eBob.ID, func(m *discordgo.Message) bool { return len(m.Components) > 0 })
	if err != nil {
		t.Fatal(err)
	}
	has(t, req.Content, "Alice propose d'aider sur ton projet **Imprimante 3D en kit**", "Soudure")
	call, _ := fake.WaitCall(ctxT(t), func(c discordtest.Call) bool {
		return c.Method == "POST" && strings.HasSuffix(c.Path, "/messages") && strings.Contains(string(c.Body), "propose d'aider")
	})
	if !strings.Contains(string(call.Body), `"parse":[]`) || strings.Contains(string(call.Body), `"users":["`) {
		t.Errorf("the request pings someone: %s", call.Body)
	}
	has(t, cbText(e.send(discordtest.DMClick(req.ChannelID, e2eAlice, req.ID, discordtest.Buttons(req.Components)["Accepter"]))), "no longer valid")
	cb = e.send(discordtest.DMClick(req.ChannelID, e2eBob, req.ID, discordtest.Buttons(req.Components)["Accepter"]))
	has(t, cbText(cb), "présentés")
	if _, err := fake.WaitDM(ctxT(t), e2eAlice.ID, func(m *discordgo.Message) bool { return strings.Contains(m.Content, "accepted your help") }); err != nil {
		t.Fatal(err)
	}
	call, _ = fake.WaitCall(ctxT(t), func(c discordtest.Call) bool {
		return c.Method == "POST" && strings.Contains(string(c.Body), "accepted your help")
	})
	if !strings.Contains(string(call.Body), `"users":["`+e2eAlice.ID+`","`+e2eBob.ID+`"]`) {
		t.Errorf("allowed mentions of the introduction: %s", call.Body)
	}

	// News with an image, in the thread.
	upd := discordtest.Command(g, ruche, e2eBob, "project", discordtest.Sub("update", discordtest.Str("project", "imprimante"),
		discordtest.Str("text", "Le cadre est soudé !"), discordtest.Attachment("image", "990000000000000001")))
	cb = e.send(discordtest.WithAttachment(upd, "990000000000000001", "cadre.jpg", "image/jpeg", 120000))
	has(t, cbText(cb), "Tes nouvelles sont publiées")
	news, err := fake.WaitMessage(ctxT(t), func(m *discordgo.Message) bool { return m.ChannelID == th.ID && len(m.Embeds) == 1 })
	if err != nil {
		t.Fatal(err)
	}
	if news.Embeds[0].Image == nil || !strings.HasSuffix(news.Embeds[0].Image.URL, "/990000000000000001/cadre.jpg") || news.Embeds[0].Description != "Le cadre est soudé !" {
		t.Errorf("news in the thread: %+v", news.Embeds[0])
	}

	// Alice (a member) may not change the stage; Bob moves it to prototype.
	has(t, cbText(e.send(discordtest.Command(g, ruche, e2eAlice, "project", discordtest.Sub("stage", discordtest.Str("project", "imprimante"), discordtest.Str("stage", "prototype"))))), "Only the project's holder")
	has(t, cbText(e.send(discordtest.Command(g, ruche, e2eBob, "project", discordtest.Sub("stage", discordtest.Str("project", "imprimante"), discordtest.Str("stage", "prototype"))))), "idée → prototype")
	if _, err := fake.WaitMessage(ctxT(t), func(m *discordgo.Message) bool {
		return m.ChannelID == th.ID && strings.Contains(m.Content, "Nouvelle étape\u00a0: idée → **prototype**")
	}); err != nil {
		t.Fatal("the stage change is not announced in the thread")
	}
	if _, err := fake.WaitMessage(ctxT(t), func(m *discordgo.Message) bool {
		return m.ID == cards[ruche].ID && len(m.Embeds) == 1 && strings.Contains(m.Embeds[0].Title, "🛠️") && strings.Contains(msgFields(m), "1 membre")
	}); err != nil {
		t.Fatal("the card does not show the new stage")
	}

	// Monday: the digest counts the project.
	clock.Set(monday)
	if err := app.PostDueDigests(context.Background(), monday); err != nil {
		t.Fatal(err)
	}
	call, err = fake.WaitCall(ctxT(t), func(c discordtest.Call) bool {
		return c.Method == "POST" && c.Path == "/channels/"+digest+"/messages" && c.Status == 200
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Nouveaux projets", "Imprimante 3D en kit", "Changements d'étape", "financement participatif"} {
		if !bytes.Contains(call.Body, []byte(want)) {
			t.Errorf("digest lacks %q: %s", want, call.Body)
		}
	}
	if r := fake.Refusals(); len(r) > 0 {
		t.Errorf("refusals: %v", r)
	}
}
