package bot

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/bot/discordtest"
)

// Skills end to end: offer, seek with its matches, find, an introduction
// accepted from a DM button, one declined, autocomplete, merge, profile and
// the paged directory.
func TestE2ESkills(t *testing.T) {
	fake := startFake(t)
	e := startBot(t, fake, testDB(t))
	g := e2eGuild
	carol := discordtest.User{ID: "700000000000000004", Name: "Carol", Locale: "en-US"}
	skill := func(sub string, u discordtest.User, opts ...discordtest.Option) discordtest.Callback {
		return e.send(discordtest.Command(g, "c", u, "skill", discordtest.Sub(sub, opts...)))
	}
	e.send(discordtest.Command(g, "c", e2eCoord, "space", discordtest.Sub("add", discordtest.Str("name", "La Ruche"), discordtest.Str("town", "Crest"))))

	has(t, cbText(skill("offer", e2eAlice, discordtest.Str("skill", "Impression 3D"), discordtest.Str("level", "expert"))), "You offer **Impression 3D**")
	has(t, cbText(skill("offer", carol, discordtest.Str("skill", "impression-3d"))), "You offer **Impression 3D**")
	cb := skill("seek", e2eBob, discordtest.Str("skill", "IMPRESSION 3D"), discordtest.Str("note", "un vase @everyone"))
	has(t, cbText(cb), "cherches **Impression 3D**", "2 membres la proposent")
	see := discordtest.RowButtons(cb.Data.Components)["Voir qui la propose"]
	if see == "" {
		t.Fatalf("no button to see offers: %+v", cb.Data.Components)
	}

	// Autocomplete with a typo.
	cb = e.send(discordtest.Autocomplete(g, "c", e2eBob, "skill", discordtest.Sub("find", discordtest.Focused(discordtest.Str("skill", "impresion")))))
	if len(cb.Data.Choices) != 1 || !strings.HasPrefix(cb.Data.Choices[0].Name, "Impression 3D") {
		t.Fatalf("autocomplete %+v", cb.Data.Choices)
	}

	// Find (from the button), then ask Alice.
	cb = e.send(discordtest.Click(g, "c", e2eBob, "m1", see))
	has(t, cbText(cb), "2 personnes proposent Impression 3D", "Alice", "Carol")
	buttons := discordtest.RowButtons(cb.Data.Components)
	askAlice := buttons["Demander une mise en relation avec Alice"]
	askCarol := buttons["Demander une mise en relation avec Carol"]
	if askAlice == "" || askCarol == "" {
		t.Fatalf("introduction buttons %v", buttons)
	}
	has(t, cbText(e.send(discordtest.Click(g, "c", e2eBob, "m2", askAlice))), "Demande envoyée à Alice")
	req, err := fake.WaitDM(ctxT(t), e2eAlice.ID, func(m *discordgo.Message) bool { return len(m.Components) > 0 })
	if err != nil {
		t.Fatal(err)
	}
	has(t, req.Content, "Bob would like your help with **Impression 3D**", "un vase @\u200beveryone")
	accept := discordtest.Buttons(req.Components)["Accept"]
	// Bob cannot answer for Alice; Alice accepts from her DMs.
	has(t, cbText(e.send(discordtest.DMClick(req.ChannelID, e2eBob, req.ID, accept))), "plus valable")
	cb = e.send(discordtest.DMClick(req.ChannelID, e2eAlice, req.ID, accept))
	if cb.Type != discordgo.InteractionResponseUpdateMessage {
		t.Errorf("the answer should replace the request, got type %d", cb.Type)
	}
	has(t, cbText(cb), "introduced you")
	intro, err := fake.WaitDM(ctxT(t), e2eBob.ID, func(m *discordgo.Message) bool { return strings.Contains(m.Content, "accepte de t'aider") })
	if err != nil {
		t.Fatal(err)
	}
	has(t, intro.Content, "<@"+e2eAlice.ID+">")
	call, _ := fake.WaitCall(ctxT(t), func(c discordtest.Call) bool {
		return c.Method == "POST" && strings.HasSuffix(c.Path, "/messages") && strings.Contains(string(c.Body), "accepte de t'aider")
	})
	if !strings.Contains(string(call.Body), `"users":["`+e2eBob.ID+`","`+e2eAlice.ID+`"]`) || !strings.Contains(string(call.Body), `"parse":[]`) {
		t.Errorf("allowed mentions of the introduction: %s", call.Body)
	}

	// Carol declines: Bob is told kindly, without her name.
	e.send(discordtest.Click(g, "c", e2eBob, "m2", askCarol))
	req, err = fake.WaitDM(ctxT(t), carol.ID, func(m *discordgo.Message) bool { return len(m.Components) > 0 })
	if err != nil {
		t.Fatal(err)
	}
	e.send(discordtest.DMClick(req.ChannelID, carol, req.ID, discordtest.Buttons(req.Components)["Decline"]))
	kind, err := fake.WaitDM(ctxT(t), e2eBob.ID, func(m *discordgo.Message) bool { return strings.Contains(m.Content, "pas disponible") })
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(kind.Content, "Carol") {
		t.Errorf("the decline names Carol: %s", kind.Content)
	}

	// Merge a synonym (coordination only), then the profile and directory.
	skill("offer", e2eBob, discordtest.Str("skill", "Impression 3 D"))
	has(t, cbText(skill("merge", e2eAlice, discordtest.Str("from", "impression 3 d"), discordtest.Str("into", "impression 3d"))), "Only the network's coordination")
	has(t, cbText(skill("merge", e2eCoord, discordtest.Str("from", "impression 3 d"), discordtest.Str("into", "impression 3d"))), "est fondue dans **Impression 3D**")
	cb = e.send(discordtest.Command(g, "c", e2eAlice, "profile", discordtest.Sub("edit", discordtest.Str("home_space", "ruche"), discordtest.Str("bio", "Fab manager"))))
	has(t, cbText(cb), "Profile saved", "La Ruche", "Fab manager")
	cb = e.send(discordtest.Command(g, "c", e2eBob, "profile", discordtest.Sub("show", discordtest.Mention("member", e2eAlice.ID))))
	has(t, cbText(cb), "Alice", "La Ruche", "Impression 3D (expert·e)")
	if strings.Contains(cbText(cb), "Passages") {
		t.Error("Bob sees Alice's visits")
	}
	cb = e.send(discordtest.Command(g, "c", e2eBob, "members", discordtest.Str("skill", "impression 3d")))
	has(t, cbText(cb), "3 membres dans l'annuaire", "Alice", "Bob", "Carol")
}

// RGPD end to end: a member gets a copy of their data, then erases it.
func TestE2EPrivacy(t *testing.T) {
	fake := startFake(t)
	e := startBot(t, fake, testDB(t))
	g := e2eGuild
	e.send(discordtest.Command(g, "c", e2eCoord, "space", discordtest.Sub("add", discordtest.Str("name", "La Ruche"), discordtest.Str("town", "Crest"))))
	e.send(discordtest.Command(g, "c", e2eAlice, "checkin", discordtest.Str("note", "jusqu'à 17h")))
	cb := e.send(discordtest.Command(g, "c", e2eAlice, "privacy", discordtest.Sub("export")))
	if len(cb.Files) != 1 || !strings.Contains(string(cb.Files[0].Data), "jusqu'à 17h") || !cb.Ephemeral() {
		t.Fatalf("export %+v", cb.Files)
	}
	cb = e.send(discordtest.Command(g, "c", e2eAlice, "privacy", discordtest.Sub("forget")))
	confirm := discordtest.RowButtons(cb.Data.Components)["Yes, erase my data"]
	cb = e.send(discordtest.Click(g, "c", e2eAlice, "m", confirm))
	has(t, cbText(cb), "your personal data is erased")
	cb = e.send(discordtest.Command(g, "c", e2eAlice, "privacy", discordtest.Sub("export")))
	if strings.Contains(string(cb.Files[0].Data), "jusqu'à 17h") || strings.Contains(string(cb.Files[0].Data), "Alice") {
		t.Errorf("data left: %s", cb.Files[0].Data)
	}
	cb = e.send(discordtest.Command(g, "c", e2eBob, "whoshere", discordtest.Str("space", "ruche")))
	if strings.Contains(cbText(cb), "Alice") || !strings.Contains(cbText(cb), "Personne pour l'instant") {
		t.Errorf("the forgotten member is still shown: %s", cbText(cb))
	}
}
