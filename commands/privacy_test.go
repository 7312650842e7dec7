package commands

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPrivacyExportAndForget(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(at("2026-04-01 09:00"))
	h.setupNetwork()
	h.do(coord, "c", "setup", "digest_channel", "c-digest", "language", "en")
	h.visit(alice, "c-ruche", "2026-04-14 09:00", "2026-04-14 11:00")
	h.visit(alice, "c-fab", "2026-04-15 09:00", "2026-04-15 13:00")
	h.visit(bob, "c-ruche", "2026-04-15 10:00", "2026-04-15 12:00")
	h.clock.Set(at("2026-04-15 13:00"))
	h.do(alice, "c", "skill offer", "skill", "Couture", "note", "robes")
	h.do(alice, "c", "profile edit", "bio", "Couturière à Dieulefit")
	h.clock.Set(at("2026-04-16 09:00"))
	h.newEvent(map[string]string{"title": "Atelier couture", "start": "2026-04-17 14:00", "duration": "2h"})
	h.click(alice, "rsvp:"+fmtInt(h.events()[0].ID)+":y")

	res := h.do(alice, "c", "privacy export")
	if len(res.Files) != 1 {
		t.Fatal("no export file")
	}
	var got map[string]any
	if err := json.Unmarshal(res.Files[0].Data, &got); err != nil {
		t.Fatal(err)
	}
	data := string(res.Files[0].Data)
	mustContain(t, data, `"display_name": "Alice"`, "Couturière à Dieulefit", `"skill": "Couture"`, `"note": "robes"`, `"space": "La Ruche"`, `"space": "Fab Lab"`, `"event": "Atelier couture"`, `"status": "going"`)
	if strings.Contains(data, "Bob") {
		t.Error("the export holds someone else's data")
	}

	digest := func() string {
		d := digestOf(t, h.db, testGuild, at("2026-04-13 00:00"))
		var b strings.Builder
		for _, s := range d.Spaces {
			b.WriteString(strings.Join([]string{s.Space.Name, fmtInt(int64(s.Checkins)), fmtInt(int64(s.People)), fmtInt(int64(s.New)), s.AvgStay.String()}, "|") + "\n")
		}
		b.WriteString(fmtInt(int64(d.Total.People)) + " " + fmtInt(int64(d.CrossVisits)) + " " + fmtInt(int64(d.BusiestDay)))
		for _, e := range d.Held {
			b.WriteString(" " + e.Title + fmtInt(int64(e.Going)))
		}
		return b.String()
	}
	h.clock.Set(at("2026-04-20 09:00"))
	before := digest()

	res = h.do(alice, "c", "privacy forget")
	mustContain(t, text(res), "can't be undone", "[Yes, erase my data]")
	if h.snapshot() == "" || len(h.skills()) != 1 {
		t.Fatal("asking must not erase")
	}
	mustContain(t, text(h.click(alice, "privacy:forget:u-bob")), "no longer valid")
	res = h.click(alice, "privacy:forget")
	mustContain(t, text(res), "your personal data is erased")

	if after := digest(); after != before {
		t.Errorf("digest figures changed:\n%s\n---\n%s", before, after)
	}
	res = h.do(alice, "c", "privacy export")
	data = string(res.Files[0].Data)
	if strings.Contains(data, "Alice") || strings.Contains(data, "Couture") || strings.Contains(data, "La Ruche") {
		t.Errorf("data left after forget:\n%s", data)
	}
	mustContain(t, text(h.do(bob, "c", "skill find", "skill", "couture")), "Nobody offers **Couture** yet")
	mustContain(t, text(h.do(bob, "c", "profile show", "member", alice.ID)), "hasn't filled a profile")
	rsvps := h.rsvps(h.events()[0].ID)
	if len(rsvps) != 1 || rsvps[0].UserID == alice.ID || rsvps[0].UserName != "—" {
		t.Errorf("RSVP not anonymized: %+v", rsvps)
	}
}
