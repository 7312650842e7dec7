package bot

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/bot/discordtest"
)

// Events end to end: a form, announcements with buttons in two channels, a
// Discord scheduled event, RSVP clicks that update the counts, a waitlist
// promotion by DM, a cancellation that tells those going, a recurring series.
func TestE2EEvents(t *testing.T) {
	fake := startFake(t)
	e := startBot(t, fake, testDB(t))
	g := e2eGuild
	const ruche, annonces = "610000000000000011", "610000000000000012"
	anim := discordtest.User{ID: "700000000000000009", Name: "Nadia", Roles: []string{"500000000000000001"}, Locale: "fr"}
	carol := discordtest.User{ID: "700000000000000004", Name: "Carol", Locale: "en-US"}

	e.send(discordtest.Command(g, "c", e2eCoord, "setup", discordtest.Channel("announce_channel", annonces)))
	e.send(discordtest.Command(g, "c", e2eCoord, "space", discordtest.Sub("add", discordtest.Str("name", "La Ruche"), discordtest.Str("town", "Crest"),
		discordtest.Channel("channel", ruche), discordtest.Role("animator_role", "500000000000000001"))))

	// A member cannot open the form; the animator can.
	cb := e.send(discordtest.Command(g, ruche, e2eAlice, "event", discordtest.Sub("create", discordtest.Str("space", "La Ruche"))))
	has(t, cbText(cb), "Only a space's animators")
	cb = e.send(discordtest.Command(g, ruche, anim, "event", discordtest.Sub("create", discordtest.Str("space", "La Ruche"))))
	if cb.Type != discordgo.InteractionResponseModal || cb.Data.CustomID == "" || len(cb.Data.Components) != 5 {
		t.Fatalf("expected the event form, got %+v", cb)
	}
	cb = e.send(discordtest.ModalSubmit(g, ruche, anim, cb.Data.CustomID, map[string]string{
		"title": "Atelier impression 3D", "description": "Apporte une clé USB", "start": "demain 18h", "duration": "2h", "capacity": "2"}))
	has(t, cbText(cb), "**Atelier impression 3D** est annoncé", "<#"+ruche+">", "<#"+annonces+">")

	// Both announcements, with buttons; the scheduled event.
	ann := map[string]*discordgo.Message{}
	for _, ch := range []string{ruche, annonces} {
		m, err := fake.WaitMessage(ctxT(t), func(m *discordgo.Message) bool { return m.ChannelID == ch && len(m.Embeds) == 1 })
		if err != nil {
			t.Fatal(err)
		}
		ann[ch] = m
		if b := discordtest.Buttons(m.Components); b["Je viens"] == "" || b["Peut-être"] == "" || b["Je ne viens pas"] == "" {
			t.Fatalf("announcement buttons %v", b)
		}
	}
	if _, err := fake.WaitCall(ctxT(t), func(c discordtest.Call) bool {
		return c.Method == "POST" && c.Path == "/guilds/"+g+"/scheduled-events" && c.Status == 200
	}); err != nil {
		t.Fatal(err)
	}
	evs := fake.ScheduledEvents(g)
	if len(evs) != 1 || evs[0].Name != "Atelier impression 3D" || evs[0].EntityMetadata.Location != "La Ruche, Crest" || evs[0].EntityType != discordgo.GuildScheduledEventEntityTypeExternal {
		t.Fatalf("scheduled events %+v", evs)
	}

	// RSVPs: two going fill it, the third waits; the counts on both messages follow.
	going := discordtest.Buttons(ann[ruche].Components)["Je viens"]
	has(t, cbText(e.send(discordtest.Click(g, ruche, e2eAlice, ann[ruche].ID, going))), "you're going")
	has(t, cbText(e.send(discordtest.Click(g, annonces, e2eBob, ann[annonces].ID, going))), "tu viens")
	cb = e.send(discordtest.Click(g, ruche, carol, ann[ruche].ID, going))
	has(t, cbText(cb), "waitlist (#1)")
	if !cb.Ephemeral() {
		t.Error("an RSVP confirmation is private")
	}
	for _, ch := range []string{ruche, annonces} {
		if _, err := fake.WaitMessage(ctxT(t), func(m *discordgo.Message) bool {
			return m.ChannelID == ch && len(m.Embeds) == 1 && strings.Contains(msgFields(m), "1 en liste d'attente")
		}); err != nil {
			t.Fatalf("counts not updated in %s: %v", ch, err)
		}
	}
	// Alice withdraws: Carol is promoted and told by DM.
	e.send(discordtest.Click(g, ruche, e2eAlice, ann[ruche].ID, discordtest.Buttons(ann[ruche].Components)["Je ne viens pas"]))
	dm, err := fake.WaitDM(ctxT(t), carol.ID, func(*discordgo.Message) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	has(t, dm.Content, "A seat freed up")

	// Cancel: Bob and Carol (going) are told; the announcement says so; the Discord event goes.
	cb = e.send(discordtest.Command(g, "c", anim, "event", discordtest.Sub("cancel", discordtest.Str("event", "atelier"), discordtest.Str("reason", "Imprimante en panne"))))
	has(t, cbText(cb), "**Atelier impression 3D**\u00a0: 1 séance annulée", "2 personnes prévenues")
	for _, u := range []string{e2eBob.ID, carol.ID} {
		if _, err := fake.WaitDM(ctxT(t), u, func(m *discordgo.Message) bool { return strings.Contains(m.Content, "Imprimante en panne") }); err != nil {
			t.Fatalf("no cancellation DM to %s", u)
		}
	}
	if _, err := fake.WaitMessage(ctxT(t), func(m *discordgo.Message) bool {
		return m.ID == ann[ruche].ID && len(m.Embeds) == 1 && strings.Contains(m.Embeds[0].Title, "ANNULÉ") && len(m.Components) == 0
	}); err != nil {
		t.Fatal("the announcement does not show the cancellation")
	}
	if _, err := fake.WaitCall(ctxT(t), func(c discordtest.Call) bool {
		return c.Method == "DELETE" && strings.Contains(c.Path, "/scheduled-events/")
	}); err != nil {
		t.Fatal(err)
	}
	cb = e.send(discordtest.Click(g, ruche, e2eBob, ann[ruche].ID, going))
	has(t, cbText(cb), "est annulé")

	// A weekly series of 3: three scheduled events within the 14 days, one announcement now.
	cb = e.send(discordtest.Command(g, ruche, anim, "event", discordtest.Sub("create", discordtest.Str("space", "La Ruche"),
		discordtest.Str("repeat", "weekly"), discordtest.Int("count", 3))))
	cb = e.send(discordtest.ModalSubmit(g, ruche, anim, cb.Data.CustomID, map[string]string{
		"title": "Matinée emploi", "start": "demain 9h", "duration": "3h"}))
	has(t, cbText(cb), "Série de 3 séances")
	if _, err := fake.WaitCalls(ctxT(t), 1+2, func(c discordtest.Call) bool {
		return c.Method == "POST" && c.Path == "/guilds/"+g+"/scheduled-events" && c.Status == 200
	}); err != nil {
		t.Fatal(err)
	}
	cb = e.send(discordtest.Command(g, "c", e2eAlice, "event", discordtest.Sub("list")))
	if n := strings.Count(cbText(cb), "Matinée emploi"); n != 3 {
		t.Errorf("/event list shows %d occurrences of the series:\n%s", n, cbText(cb))
	}
}

func msgFields(m *discordgo.Message) string {
	var b strings.Builder
	for _, e := range m.Embeds {
		for _, f := range e.Fields {
			b.WriteString(f.Name + ": " + f.Value + "\n")
		}
	}
	return b.String()
}
