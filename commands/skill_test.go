package commands

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

func (h *harness) dmClick(u User, customID string) *Response {
	h.t.Helper()
	r := h.req(u, "dm-channel", "")
	r.GuildID, r.Kind, r.CustomID = "", KindComponent, customID
	return h.app.Handle(context.Background(), r)
}

func (h *harness) skills() []storage.Skill {
	var out []storage.Skill
	h.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		out, err = tx.Skills(context.Background(), testGuild, 0)
		return err
	})
	return out
}

func TestSkillNormalizationAndMatches(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	res := h.do(alice, "c", "skill offer", "skill", "Développement Web", "level", "expert", "note", "WordPress, boutiques")
	mustContain(t, text(res), "You offer **Développement Web**", "Nobody seeks it yet")
	res = h.do(bob, "c", "skill seek", "skill", "developpement-web", "note", "ma boutique de céramique")
	mustContain(t, text(res), "looking for **Développement Web**", "1 member offers it", "[See who offers it]")
	res = h.do(carol, "c", "skill offer", "skill", "  DÉVELOPPEMENT   web!! ")
	mustContain(t, text(res), "1 member seeks it")
	if s := h.skills(); len(s) != 1 || s[0].Display != "Développement Web" || s[0].Offers != 2 || s[0].Seeks != 1 {
		t.Fatalf("skills %+v", s)
	}
	res = h.do(alice, "c", "skill offer", "skill", "developpement web", "level", "intermediate")
	mustContain(t, text(res), "offer of **Développement Web** is updated")
	res = h.do(bob, "c", "skill seek", "skill", "Comptabilité")
	mustContain(t, text(res), "Nobody offers it yet", "weekly_matches")

	before := h.snapshot()
	for _, kv := range [][]string{
		{"skill", "x"}, {"skill", strings.Repeat("a", 61)}, {"skill", "!!!"}, {"skill", "Soudure", "note", strings.Repeat("n", 301)},
		{"skill", "Soudure", "level", "guru"},
	} {
		mustContain(t, text(h.do(alice, "c", "skill offer", kv...)), "⚠️")
	}
	for i := range 29 { // Alice has 1: up to 30 in all
		h.do(alice, "c", "skill offer", "skill", fmt.Sprintf("Savoir %02d", i))
	}
	mustContain(t, text(h.do(alice, "c", "skill offer", "skill", "Une de trop")), "already have 30 skills")
	if len(h.skills()) != 31 { // 1 + 1 (compta) + 29 + none for the refused ones
		t.Errorf("%d skills stored", len(h.skills()))
	}
	_ = before
	mustContain(t, text(h.do(alice, "c", "skill remove", "skill", "savoir 00")), "is removed")
	mustContain(t, text(h.do(alice, "c", "skill remove", "skill", "savoir 00")), "not among your skills")
	mustContain(t, text(h.do(alice, "c", "skill mine")), "Développement Web (intermediate) — _WordPress, boutiques_", "29 of at most 30")
	_ = before
}

func TestSkillFindOrderAndIntroductions(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	ruche, fab := fmtInt(mustSpace(h, "ruche").ID), fmtInt(mustSpace(h, "fab").ID)
	dave := User{ID: "u-dave", Name: "Dave"}
	h.do(bob, "c", "profile edit", "home_space", ruche, "bio", "Céramiste à Die")
	h.do(alice, "c", "profile edit", "home_space", fab)
	h.do(carol, "c", "profile edit", "home_space", ruche)
	h.do(alice, "c", "skill offer", "skill", "Impression 3D", "level", "expert")
	h.clock.Set(h.clock.Now().Add(time.Hour))
	h.do(dave, "c", "skill offer", "skill", "impression 3d")  // most recently active, no home space
	h.do(carol, "c", "skill offer", "skill", "Impression 3D") // same home space as Bob
	h.do(bob, "c", "skill seek", "skill", "impression 3D", "note", "un vase sur mesure")

	res := h.do(bob, "c", "skill find", "skill", "impresion") // a typo finds it
	got := text(res)
	mustContain(t, got, "3 people offer Impression 3D", "Carol", "Dave", "Alice")
	if strings.Index(got, "Carol") > strings.Index(got, "Dave") || strings.Index(got, "Dave") > strings.Index(got, "Alice") {
		t.Errorf("order: home space first, then the most recently active:\n%s", got)
	}
	if strings.Contains(got, "Bob") {
		t.Error("the asker is listed")
	}
	ask := res.Components[2][0].CustomID // Alice, the expert
	mustContain(t, text(h.do(bob, "c", "skill find", "skill", "impression 3d", "space", fab)), "1 person offers", "Alice")

	// Ask Alice: she gets a DM with consent buttons, nothing shared yet.
	res = h.click(bob, ask)
	mustContain(t, text(res), "Request sent to Alice")
	dms := h.outbox(OutDM)
	if len(dms) != 1 || dms[0].Target != alice.ID {
		t.Fatalf("request DM %+v", dms)
	}
	mustContain(t, string(dms[0].Payload), "Bob, who works at La Ruche, would like help with **Impression 3D**", "un vase sur mesure", "introy:", "intron:")
	mustContain(t, text(h.click(bob, ask)), "already have a request waiting")

	introID := strings.TrimPrefix(strings.Split(strings.Split(string(dms[0].Payload), "introy:")[1], `"`)[0], "")
	mustContain(t, text(h.dmClick(bob, "introy:"+introID)), "no longer valid") // only Alice answers
	res = h.dmClick(alice, "introy:"+introID)
	if res.Type != Update {
		t.Error("the answer replaces the request message")
	}
	mustContain(t, text(res), "introduced you")
	mustContain(t, text(h.dmClick(alice, "intron:"+introID)), "already answered")
	dms = h.outbox(OutDM)
	if len(dms) != 3 {
		t.Fatalf("%d DMs", len(dms))
	}
	for _, it := range dms[1:] {
		mustContain(t, string(it.Payload), `"ping_users":["u-bob","u-alice"]`)
	}
	mustContain(t, string(dms[1].Payload), `\u003c@u-alice\u003e agreed to help you`)

	// Decline: Carol says no; Bob hears it kindly, without her name.
	res = h.do(bob, "c", "skill find", "skill", "impression 3d")
	h.click(bob, res.Components[0][0].CustomID)
	last := h.outbox(OutDM)
	decline := strings.Split(strings.Split(string(last[len(last)-1].Payload), "intron:")[1], `"`)[0]
	h.dmClick(carol, "intron:"+decline)
	last = h.outbox(OutDM)
	kind := string(last[len(last)-1].Payload)
	mustContain(t, kind, "isn't available right now")
	if strings.Contains(kind, "Carol") || strings.Contains(kind, "u-carol") {
		t.Errorf("the decline reveals who declined: %s", kind)
	}

	// Dave turned introductions off.
	h.do(dave, "c", "settings", "introductions", "false")
	res = h.do(bob, "c", "skill find", "skill", "impression 3d")
	for _, row := range res.Components {
		if strings.Contains(row[0].Label, "Dave") {
			mustContain(t, text(h.click(bob, row[0].CustomID)), "not taking introduction requests")
		}
	}
	// Tampered ids.
	for _, cid := range []string{"intro:abc:u-alice", "intro:999:u-alice", "intro:1", "introy:abc", "met:1:x:y"} {
		mustContain(t, text(h.click(bob, cid)), "no longer valid")
	}
	mustContain(t, text(h.click(bob, "intro:"+strings.Split(ask, ":")[1]+":u-bob")), "That's you")

	// A week later both are asked whether they met; one yes counts.
	if err := h.app.IntroFollowUps(context.Background(), h.clock.Now().Add(8*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	h.app.IntroFollowUps(context.Background(), h.clock.Now().Add(9*24*time.Hour)) // once only
	var met []storage.OutboxItem
	for _, it := range h.outbox(OutDM) {
		if strings.Contains(string(it.Payload), "met:") {
			met = append(met, it)
		}
	}
	if len(met) != 2 {
		t.Fatalf("%d follow-ups, want 2", len(met))
	}
	mustContain(t, text(h.dmClick(alice, "met:"+introID+":a:y")), "no longer valid") // Alice is not the asker
	mustContain(t, text(h.dmClick(bob, "met:"+introID+":a:y")), "Great")
	var made, yes int
	h.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		made, yes, err = tx.IntroStats(context.Background(), testGuild, h.clock.Now().Add(-time.Hour), h.clock.Now().Add(time.Hour))
		return err
	})
	if made != 1 || yes != 1 {
		t.Errorf("intro stats: made %d, met %d", made, yes)
	}
}

func TestIntroRateLimit(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	var asks []string
	for i := range 6 {
		u := User{ID: fmt.Sprintf("u-o%d", i), Name: fmt.Sprintf("Offerer%d", i)}
		h.do(u, "c", "skill offer", "skill", "Couture")
		asks = append(asks, fmt.Sprintf("intro:%d:%s", h.skills()[0].ID, u.ID))
	}
	for i := range 5 {
		mustContain(t, text(h.click(bob, asks[i])), "Request sent")
	}
	mustContain(t, text(h.click(bob, asks[5])), "made 5 requests in 24 hours")
	h.clock.Set(h.clock.Now().Add(25 * time.Hour))
	mustContain(t, text(h.click(bob, asks[5])), "Request sent")
}

func TestWeeklyMatchesMergeListAndAutocomplete(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(bob, "c", "skill seek", "skill", "Comptabilité")
	h.do(bob, "c", "settings", "weekly_matches", "true")
	h.do(alice, "c", "skill offer", "skill", "comptabilite")
	h.do(carol, "c", "skill offer", "skill", "Compta")
	h.do(carol, "c", "skill seek", "skill", "Soudure")
	h.do(alice, "c", "skill seek", "skill", "Soudure")
	run := func() {
		if err := h.app.WeeklyMatches(context.Background(), h.clock.Now().Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	run()
	run()
	dms := h.outbox(OutDM)
	if len(dms) != 1 || dms[0].Target != bob.ID {
		t.Fatalf("weekly DMs %+v", dms)
	}
	mustContain(t, string(dms[0].Payload), "1 new match", "Alice offers **Comptabilité**")

	res := h.do(coord, "c", "skill list")
	mustContain(t, text(res), "Unmet needs", "Soudure (2)")
	mustContain(t, text(h.do(alice, "c", "skill merge", "from", "compta", "into", "comptabilite")), "Only the network's coordination")
	res = h.do(coord, "c", "skill merge", "from", "compta", "into", "comptabilité")
	mustContain(t, text(res), "**Compta** is merged into **Comptabilité**")
	if s := h.skills(); len(s) != 2 {
		t.Errorf("skills after merge %+v", s)
	}
	res = h.do(bob, "c", "skill find", "skill", "comptabilite")
	mustContain(t, text(res), "2 people offer Comptabilité", "Carol")
	mustContain(t, text(h.do(coord, "c", "skill merge", "from", "soudure", "into", "Soudure")), "the same skill")

	ac := func(cmd, typed string) []Choice {
		r := h.req(alice, "c", cmd, "skill", typed)
		r.Kind, r.Focused = KindAutocomplete, "skill"
		return h.app.Handle(context.Background(), r).Choices
	}
	if got := ac("skill find", "COMPTA"); len(got) != 1 || !strings.HasPrefix(got[0].Name, "Comptabilité (") {
		t.Errorf("autocomplete %+v", got)
	}
	if got := ac("skill find", "soudur"); len(got) != 1 || got[0].Name != "Soudure (2)" {
		t.Errorf("autocomplete %+v", got)
	}
	if got := ac("skill offer", "Menuiserie"); len(got) == 0 || got[0].Name != "Menuiserie" {
		t.Errorf("a new skill is offered as typed: %+v", got)
	}
	// A known skill is offered once, as itself; its value is the skill.
	got := ac("skill offer", "Soudure")
	if len(got) != 1 || got[0].Name != "Soudure (2)" {
		t.Fatalf("a known skill typed in full: %+v", got)
	}
	mustContain(t, text(h.do(bob, "c", "skill find", "skill", ac("skill find", "COMPTA")[0].Value)), "2 people offer Comptabilité")
}

func TestProfileAndDirectory(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(alice, "c-ruche", "checkin")
	res := h.do(alice, "c", "profile edit", "home_space", "ruche", "bio", "Développeuse web, **café** @everyone")
	mustContain(t, text(res), "Profile saved", "La Ruche", `\*\*café\*\*`, "@\u200beveryone", "Visits this month", "1 visit")
	mustContain(t, text(h.do(alice, "c", "profile edit", "bio", strings.Repeat("b", 501))), "at most 500")
	mustContain(t, text(h.do(alice, "c", "profile edit")), "Give a home space")
	res = h.do(bob, "c", "profile show", "member", alice.ID)
	got := text(res)
	mustContain(t, got, "Alice", "La Ruche")
	if strings.Contains(got, "Visits") || strings.Contains(got, "Events") {
		t.Errorf("another member sees Alice's visits:\n%s", got)
	}
	mustContain(t, text(h.do(alice, "c", "profile show", "member", bob.ID)), "hasn't filled a profile")

	for i := range 23 {
		u := User{ID: fmt.Sprintf("u-m%02d", i), Name: fmt.Sprintf("Membre %02d", i)}
		h.do(u, "c", "skill offer", "skill", "Jardinage")
	}
	res = h.do(bob, "c", "members")
	mustContain(t, text(res), "24 members in the directory", "Page 1 / 3", "Alice", "[◀ Previous]", "[Next ▶]")
	if !res.Components[0][0].Disabled || res.Components[0][1].Disabled {
		t.Error("paging buttons")
	}
	res = h.click(bob, res.Components[0][1].CustomID)
	if res.Type != Update {
		t.Error("paging replaces the message")
	}
	mustContain(t, text(res), "Page 2 / 3", "Membre 09")
	mustContain(t, text(h.click(bob, "members:9:0:0")), "no longer valid")
	res = h.do(bob, "c", "members", "space", "ruche")
	mustContain(t, text(res), "1 member in the directory", "Alice")
	res = h.do(bob, "c", "members", "skill", "jardinage")
	mustContain(t, text(res), "23 members")
}
