package week

import (
	"context"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/ruletest"
	"github.com/tierslieux/tiersbot/storage"
)

// A week of two spaces in two zones: per-space and network figures, with
// an automatic check-out kept out of the average stay and counted apart.
func TestCompute(t *testing.T) {
	db := ruletest.DB(t, false)
	paris, cay := zone(t, "Europe/Paris"), zone(t, "America/Cayenne")
	p := func(s string) time.Time { return in(t, paris, s) }
	ruche := ruletest.Space(t, db, "Ruche", "", "")
	carbet := ruletest.Space(t, db, "Carbet", "America/Cayenne", "")
	// Two spaces without a visit: they keep their order (by name), last.
	atelier := ruletest.Space(t, db, "Atelier", "", "")
	bureau := ruletest.Space(t, db, "Bureau", "", "")
	// Events held in the week, per space team; next week's, cancelled ones left out.
	ruletest.Event(t, db, ruche, "Vélo", p("2026-04-15 18:00"), 2*time.Hour, false)
	ruletest.Event(t, db, carbet, "Soirée", p("2026-04-16 20:00"), time.Hour, false)
	ruletest.Event(t, db, ruche, "Repair", p("2026-04-18 10:00"), time.Hour, false)
	ruletest.Event(t, db, ruche, "Annulé", p("2026-04-17 10:00"), time.Hour, true)
	ruletest.Event(t, db, ruche, "Avant", p("2026-04-12 10:00"), time.Hour, false)
	next := ruletest.Event(t, db, carbet, "Next", p("2026-04-21 10:00"), time.Hour, false)
	ruletest.Event(t, db, ruche, "Next cancelled", p("2026-04-22 10:00"), time.Hour, true)
	ruletest.Event(t, db, ruche, "In two weeks", p("2026-04-27 10:00"), time.Hour, false)
	// The week before: Alice once at La Ruche (her home space from then on).
	ruletest.Visit(t, db, "alice", ruche, p("2026-04-07 09:00"), p("2026-04-07 10:00"), storage.OutManual)
	// The week of 13 April.
	ruletest.Visit(t, db, "alice", ruche, p("2026-04-14 09:00"), p("2026-04-14 11:00"), storage.OutManual)
	ruletest.Visit(t, db, "alice", ruche, p("2026-04-15 09:00"), p("2026-04-15 19:00"), storage.OutClosing) // automatic
	ruletest.Visit(t, db, "bob", ruche, p("2026-04-15 10:00"), p("2026-04-15 12:00"), storage.OutMoved)
	// 04:00 in Paris on Monday is 23:00 on Sunday in Cayenne: Carbet's Sunday.
	ruletest.Visit(t, db, "carol", carbet, p("2026-04-13 04:00"), p("2026-04-13 05:00"), storage.OutManual)
	ruletest.Visit(t, db, "alice", carbet, p("2026-04-16 10:00"), p("2026-04-16 11:00"), storage.OutCorrected) // cross-space
	// The week after: not counted.
	ruletest.Visit(t, db, "bob", ruche, p("2026-04-20 00:30"), p("2026-04-20 01:00"), storage.OutManual)

	var f Figures
	ruletest.Read(t, db, func(tx *storage.Tx) error {
		g, err := tx.Guild(context.Background(), ruletest.Guild)
		if err != nil {
			return err
		}
		f, err = Compute(context.Background(), tx, g, Of(p("2026-04-15 12:00"), paris), func(name string) *time.Location {
			if name == "America/Cayenne" {
				return cay
			}
			return paris
		})
		return err
	})
	if !f.From.Equal(p("2026-04-13 00:00")) || !f.To.Equal(p("2026-04-20 00:00")) {
		t.Errorf("week %s – %s", f.From, f.To)
	}
	want := []Space{
		{Space: ruche, Checkins: 3, People: 2, New: 1, AvgStay: 2 * time.Hour, AutoOuts: 1, PrevCheck: 1, PerDay: [7]int{0, 1, 2, 0, 0, 0, 0}},
		{Space: carbet, Checkins: 2, People: 2, New: 1, AvgStay: time.Hour, AutoOuts: 0, PrevCheck: 0, PerDay: [7]int{0, 0, 0, 1, 0, 0, 1}},
		{Space: atelier},
		{Space: bureau},
	}
	if len(f.Spaces) != len(want) {
		t.Fatalf("%d spaces", len(f.Spaces))
	}
	for i, w := range want {
		if got := f.Spaces[i]; got != w {
			t.Errorf("space %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
	total := Space{Checkins: 5, People: 3, New: 2, AvgStay: 90 * time.Minute, AutoOuts: 1, PrevCheck: 1, PerDay: [7]int{0, 1, 2, 1, 0, 0, 1}}
	if f.Total != total {
		t.Errorf("total:\n got %+v\nwant %+v", f.Total, total)
	}
	if f.CrossVisits != 1 || f.BusiestDay != 2 {
		t.Errorf("cross %d busiest %d, want 1 and 2 (Wednesday)", f.CrossVisits, f.BusiestDay)
	}
	var held []string
	for _, e := range f.Held {
		held = append(held, e.Title)
	}
	if got := join(held); got != "Vélo Soirée Repair" {
		t.Errorf("held %q", got)
	}
	if len(f.PerAnimator) != 2 || f.PerAnimator["Ruche"] != 2 || f.PerAnimator["Carbet"] != 1 {
		t.Errorf("per space team %v, want Ruche 2, Carbet 1", f.PerAnimator)
	}
	if len(f.Next) != 1 || f.Next[0].ID != next.ID {
		t.Errorf("next week %+v, want only %q", f.Next, next.Title)
	}
	if f.SpaceNames[ruche.ID] != "Ruche" || f.SpaceNames[carbet.ID] != "Carbet" {
		t.Errorf("names %v", f.SpaceNames)
	}
}
