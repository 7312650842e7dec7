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

// Named walk-ins end to end, through the strict fake and the real discordgo
// client: an event of the "employment" type, the walk-ins form with its names
// field, three names typed (one not in Latin script), the register suggesting
// them afterwards to an animator, and the figures counting them.
func TestE2ENamedWalkins(t *testing.T) {
	fake := startFake(t)
	db := testDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan error, 1)
	paris := parisOrUTC()
	clock := newFakeClock(time.Date(2026, 4, 13, 9, 0, 0, 0, paris))
	go func() {
		done <- Serve(ctx, Config{Token: "t", APIBase: fake.URL(), DB: db, Log: testLog(t), Ready: func() { close(ready) }, Clock: clock.Now,
			OnApp: func(*commands.App) {}})
	}()
	defer func() { cancel(); <-done }()
	<-ready
	e := &e2e{t: t, fake: fake, db: db, stop: func() {}, done: done, stopped: true}
	g := e2eGuild
	const ruche = "610000000000000011"
	anim := discordtest.User{ID: "700000000000000009", Name: "Nadia", Roles: []string{"500000000000000001"}, Locale: "fr"}

	e.send(discordtest.Command(g, "c", e2eCoord, "space", discordtest.Sub("add", discordtest.Str("name", "La Ruche"), discordtest.Str("town", "Crest"),
		discordtest.Channel("channel", ruche), discordtest.Role("animator_role", "500000000000000001"))))
	cb := e.send(discordtest.Command(g, ruche, anim, "event", discordtest.Sub("create", discordtest.Str("space", "La Ruche"), discordtest.Str("type", "employment"))))
	if cb.Type != discordgo.InteractionResponseModal {
		t.Fatalf("no event form: %s", cbText(cb))
	}
	cb = e.send(discordtest.ModalSubmit(g, ruche, anim, cb.Data.CustomID, map[string]string{"title": "Matinée emploi", "start": "demain 9h", "duration": "3h"}))
	has(t, cbText(cb), "**Matinée emploi** est annoncé")
	if _, err := fake.WaitMessage(ctxT(t), func(m *discordgo.Message) bool {
		return m.ChannelID == ruche && strings.Contains(msgFields(m), "Type: Emploi / recherche d'emploi")
	}); err != nil {
		t.Fatalf("the card does not show the type: %v", err)
	}

	// After the session: the attendance answer, its walk-ins button, the form.
	clock.Set(time.Date(2026, 4, 14, 12, 30, 0, 0, paris))
	cb = e.send(discordtest.Command(g, ruche, anim, "event", discordtest.Sub("attendance", discordtest.Str("event", "Matinée emploi"))))
	walkins := discordtest.RowButtons(cb.Data.Components)["Sans inscription"]
	if walkins == "" {
		t.Fatalf("no walk-ins button: %s", cb.Raw)
	}
	cb = e.send(discordtest.Click(g, ruche, anim, "", walkins))
	if cb.Type != discordgo.InteractionResponseModal || !strings.Contains(string(cb.Raw), `"custom_id":"names"`) || !strings.Contains(string(cb.Raw), "Noms, un par ligne") {
		t.Fatalf("walk-ins form %s", cb.Raw)
	}
	cb = e.send(discordtest.ModalSubmit(g, ruche, anim, cb.Data.CustomID, map[string]string{
		"names": "Marie Dupont, Crest\nJean Martin, 26400\n王小明", "walkins": "2"}))
	has(t, cbText(cb), "**Matinée emploi**\u00a0: personnes venues sans inscription, 3 avec leur nom, 2 sans nom.",
		"Nouvelles fiches au registre (3)\u00a0: **Marie Dupont**, **Jean Martin**, **王小明**.")
	if !cb.Ephemeral() {
		t.Error("the walk-ins answer names people: it is private")
	}

	// The register suggests them to an animator as they type: names that
	// start with what is typed first.
	cb = e.send(discordtest.Autocomplete(g, ruche, anim, "register", discordtest.Sub("add", discordtest.Focused(discordtest.Str("name", "mar")))))
	var names []string
	for _, c := range cb.Data.Choices {
		names = append(names, c.Name)
	}
	if strings.Join(names, "|") != "Marie Dupont, Crest|Jean Martin, 26400|➕ Nouvelle fiche\u00a0: mar" {
		t.Errorf("suggestions %q", names)
	}
	cb = e.send(discordtest.Autocomplete(g, ruche, e2eAlice, "register", discordtest.Sub("add", discordtest.Focused(discordtest.Str("name", "mar")))))
	if len(cb.Data.Choices) != 0 {
		t.Errorf("a member is shown register names: %+v", cb.Data.Choices)
	}

	// The figures: 5 came (3 named + 2); 3 people not on Discord that day.
	err := db.Read(context.Background(), func(tx *storage.Tx) error {
		day := time.Date(2026, 4, 14, 0, 0, 0, 0, paris)
		held, err := tx.EventsHeld(context.Background(), g, day, day.AddDate(0, 0, 1))
		if err != nil {
			return err
		}
		if len(held) != 1 || held[0].Attended != 5 {
			t.Errorf("held %+v", held)
		}
		people, err := tx.PeopleReached(context.Background(), g, nil, day, day.AddDate(0, 0, 1))
		if people != (storage.PeopleCounts{People: 3, New: 3, NotOnDiscord: 3}) {
			t.Errorf("people %+v", people)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
