package commands

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

func (h *harness) dmForm(u User, customID string, fields map[string]string) *Response {
	h.t.Helper()
	r := h.req(u, "dm-channel", "")
	r.GuildID, r.Kind, r.CustomID, r.Fields = "", KindModal, customID, fields
	return h.app.Handle(context.Background(), r)
}

// autoOutButton is the custom id of the "I left at…" button of the
// automatic check-out DM to user.
func (h *harness) autoOutButton(user string) string {
	h.t.Helper()
	for _, it := range h.outbox(OutDM) {
		if it.Target != user || !strings.HasPrefix(it.DedupKey, "autoout:") {
			continue
		}
		var m Message
		if err := json.Unmarshal(it.Payload, &m); err != nil {
			h.t.Fatal(err)
		}
		if len(m.Components) == 1 && len(m.Components[0]) == 1 {
			return m.Components[0][0].CustomID
		}
	}
	h.t.Fatalf("no automatic check-out DM to %s in %+v", user, h.outbox(OutDM))
	return ""
}

// An automatic check-out DMs the member, whose button (in the DM, no guild)
// opens a form; what they type corrects the check-out within the visit,
// once; the digest keeps automatic check-outs out of the average stay.
func TestAutomaticCheckoutCorrectedFromDM(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(at("2026-04-14 09:00"))
	h.setupNetwork()                                                  // La Ruche closes at 18:30
	h.visit(carol, "c-ruche", "2026-04-14 08:00", "2026-04-14 12:00") // a real stay of 4 h
	h.clock.Set(at("2026-04-14 14:00"))
	mustContain(t, text(h.do(alice, "c-ruche", "checkin")), "Welcome")
	h.clock.Set(at("2026-04-14 15:00"))
	mustContain(t, text(h.do(bob, "c-ruche", "checkin")), "Welcome")
	n, err := h.app.CloseAtClosingTime(context.Background(), at("2026-04-14 19:00"))
	if err != nil || n != 2 {
		t.Fatalf("closing: %d, %v", n, err)
	}
	var dm Message
	for _, it := range h.outbox(OutDM) {
		if it.Target == alice.ID {
			_ = json.Unmarshal(it.Payload, &dm)
		}
	}
	mustContain(t, dm.Content, "La Ruche", "<t:"+strconv.FormatInt(at("2026-04-14 18:30").Unix(), 10)+":t>", "Left earlier?")
	button := h.autoOutButton(alice.ID)
	if want := "outfix:" + testGuild + ":"; !strings.HasPrefix(button, want) {
		t.Fatalf("button %q", button)
	}
	// Someone else's button, a forged one: refused.
	mustContain(t, text(h.dmClick(bob, button)), "no longer valid")
	mustContain(t, text(h.dmClick(alice, "outfix:"+testGuild+":999")), "no longer valid")
	mustContain(t, text(h.dmClick(alice, "outfix:other-guild:"+strings.TrimPrefix(button, "outfix:"+testGuild+":"))), "no longer valid")
	res := h.dmClick(alice, button)
	if res.Type != OpenModal || res.Modal == nil || res.Modal.CustomID != button || len(res.Modal.Fields) != 1 {
		t.Fatalf("click: %+v", res)
	}
	for _, c := range []struct{ typed, want string }{
		{"13h", "before you checked in"},
		{"14:00", "before you checked in"}, // leaving as one arrives is no stay
		{"18h31", "after closing time"},
		{"demain", "can't read that time"},
	} {
		refused := h.dmForm(alice, button, map[string]string{"left": c.typed})
		mustContain(t, text(refused), c.want)
		if c.typed == "demain" { // "Correct it" gives back what was typed
			again := h.dmClick(alice, fixButton(refused))
			if again.Modal == nil || again.Modal.Fields[0].Value != "demain" || !strings.HasPrefix(again.Modal.Fields[0].Label, "✏️") {
				t.Errorf("not reopened with the time typed: %+v", again)
			}
		}
	}
	mustContain(t, text(h.dmForm(bob, button, map[string]string{"left": "17h"})), "no longer valid")
	res = h.dmForm(alice, button, map[string]string{"left": "16h30"})
	if res.Type != Update {
		t.Errorf("correction answered with %v, want an update of the DM", res.Type)
	}
	mustContain(t, text(res), "Corrected", "2h30")
	mustContain(t, text(h.dmForm(alice, button, map[string]string{"left": "16h"})), "already corrected")
	mustContain(t, text(h.dmClick(alice, button)), "already corrected")

	var out storage.Checkin
	_ = h.db.Read(context.Background(), func(tx *storage.Tx) error {
		list, err := tx.MemberCheckins(context.Background(), testGuild, alice.ID, at("2026-04-14 00:00"), at("2026-04-15 00:00"))
		if err == nil && len(list) == 1 {
			out = list[0]
		}
		return err
	})
	if !out.OutAt.Equal(at("2026-04-14 16:30")) || out.OutReason != storage.OutCorrected {
		t.Errorf("alice's visit: out %s (%s), want 16:30 corrected", out.OutAt.In(paris), out.OutReason)
	}
	// Bob's month flags his guessed stay; Alice's, corrected, is not.
	h.clock.Set(at("2026-04-14 20:00"))
	mustContain(t, text(h.do(bob, "c", "checkins")), "3h30 (1 checked out at closing time)")
	if got := text(h.do(alice, "c", "checkins")); !strings.Contains(got, "2h30") || strings.Contains(got, "closing time") {
		t.Errorf("alice's month:\n%s", got)
	}
	// Carol 4 h and Alice 2 h 30 count; Bob's automatic check-out does not.
	d := digestOf(t, h.db, testGuild, at("2026-04-13 00:00"))
	var ruche SpaceWeek
	for _, sw := range d.Spaces {
		if sw.Space.Name == "La Ruche" {
			ruche = sw
		}
	}
	if ruche.AvgStay != 195*time.Minute || ruche.AutoOuts != 1 || d.Total.AutoOuts != 1 {
		t.Errorf("average %s, automatic %d (network %d), want 3h15 and 1", ruche.AvgStay, ruche.AutoOuts, d.Total.AutoOuts)
	}
	m, err := renderDigest(d, EN)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, text(&Response{Message: m}), "average stay 3h15", "1 automatic check-out, not counted in the average")
}
