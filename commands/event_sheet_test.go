package commands

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/pdffont/pdftext"
	"github.com/tierslieux/tiersbot/storage"
)

// Who is on the sheet: those going and those who came, then the named
// walk-ins; never the waitlist or a maybe; full names from the register.
func TestSheetListsGoingCameAndNamedWalkins(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(coord, "c", "setup", "funding_mention", "Cofinancé par l'Union européenne")
	h.newEvent(map[string]string{"title": "Matinée emploi", "start": "demain 9h30", "duration": "6h", "capacity": "2"})
	e := h.events()[0]
	id := fmtInt(e.ID)
	wang := User{ID: "u-wang", Name: "Xiaoming 🐉"}
	dave := User{ID: "u-dave", Name: "Dave"}
	h.click(alice, "rsvp:"+id+":y")
	h.click(wang, "rsvp:"+id+":y")
	h.click(carol, "rsvp:"+id+":y") // full: waitlisted
	h.click(dave, "rsvp:"+id+":m")  // maybe
	ctx := context.Background()
	err := h.db.Write(ctx, func(tx *storage.Tx) error {
		full, err := tx.AddRegisterEntry(ctx, storage.RegisterEntry{GuildID: testGuild, Name: "王小明", NameKey: "wang", Created: h.clock.Now()})
		if err != nil {
			return err
		}
		if err := tx.LinkRegisterEntry(ctx, testGuild, full.ID, wang.ID); err != nil {
			return err
		}
		walkin, err := tx.AddRegisterEntry(ctx, storage.RegisterEntry{GuildID: testGuild, Name: "Łukasz Żółć", NameKey: "lukasz", Town: "Die", Created: h.clock.Now()})
		if err != nil {
			return err
		}
		_, err = tx.AddRegisterAttendance(ctx, storage.RegisterAttendance{EntryID: walkin.ID, GuildID: testGuild, EventID: e.ID, SpaceID: e.SpaceID,
			Day: e.Start.Format(time.DateOnly), At: e.Start, Added: h.clock.Now()})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	res := h.do(animUs, "c", "event sheet", "event", id)
	if len(res.Files) != 1 {
		t.Fatalf("no sheet: %s", text(res))
	}
	mustContain(t, text(res), "3 people (going: 2, walk-ins: 1)")
	sheetText := pdftext.Text(res.Files[0].Data)
	for _, want := range []string{"\nAlice\n", "\n王小明\n", "\nŁukasz Żółć\nDie\nsans inscription\n", "Signature du\nmatin", "Cofinancé par l'Union européenne",
		"3 personnes sur la feuille (inscriptions\u00a0: 2, sans inscription\u00a0: 1)", "Équipe du lieu · La Ruche", "Page 1 / 1"} {
		if !strings.Contains(sheetText, want) {
			t.Errorf("the sheet lacks %q:\n%s", want, sheetText)
		}
	}
	for _, never := range []string{"Carol", "Dave", "Xiaoming"} {
		if strings.Contains(sheetText, never) {
			t.Errorf("the sheet lists %q", never)
		}
	}
}

func TestSpansHalfDays(t *testing.T) {
	for _, tc := range []struct {
		start, end string
		want       bool
	}{
		{"2026-04-14 09:30", "2026-04-14 16:00", true},
		{"2026-04-14 09:00", "2026-04-14 12:00", false},
		{"2026-04-14 10:00", "2026-04-14 13:00", false}, // lunch ends it
		{"2026-04-14 11:00", "2026-04-14 13:30", true},
		{"2026-04-14 14:00", "2026-04-14 18:00", false},
		{"2026-04-14 18:00", "2026-04-15 12:00", false}, // an evening and a morning: one signature
	} {
		if got := spansHalfDays(at(tc.start), at(tc.end)); got != tc.want {
			t.Errorf("%s – %s: %v", tc.start, tc.end, got)
		}
	}
}
