package commands

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Scheduled events within Discord's 100: twelve spaces with one event a day
// for nine days are 108 candidates; the soonest 95 (100 less the margin of
// 5) get a Discord event, the others as earlier ones end. Events made by
// hand (counted by the bot) take their share.
func TestScheduledEventsWithinCap(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 4, 13+d, 0, 0, 0, 0, paris) }
	type step struct {
		at       time.Time
		others   int      // Discord events the bot did not make, at the last count
		wantNew  int      // creations queued by this top-up
		wantLast string   // the latest-starting of them
		wantNone []string // not created yet after it
	}
	cases := []struct {
		name  string
		steps []step
	}{
		{"a network alone on its server", []step{
			{day(0).Add(9 * time.Hour), 0, 95, "day 8 space 11", []string{"day 8 space 12", "day 9 space 1"}},
			// Day 1's twelve ended (the last at 12:50): twelve more.
			{day(1).Add(13 * time.Hour), 0, 12, "day 9 space 11", []string{"day 9 space 12"}},
			{day(1).Add(14 * time.Hour), 0, 0, "", []string{"day 9 space 12"}},
			{day(2).Add(13 * time.Hour), 0, 1, "day 9 space 12", nil},
		}},
		{"ten events made by hand", []step{
			{day(0).Add(9 * time.Hour), 10, 85, "day 8 space 1", []string{"day 8 space 2"}},
			// They end too: the next count finds none.
			{day(1).Add(13 * time.Hour), 0, 22, "day 9 space 11", []string{"day 9 space 12"}},
		}},
		{"a server already full", []step{
			{day(0).Add(9 * time.Hour), 96, 0, "", []string{"day 1 space 1"}},
			{day(0).Add(10 * time.Hour), 94, 1, "day 1 space 1", []string{"day 1 space 2"}},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			ctx := context.Background()
			for s := 1; s <= 12; s++ {
				mustContain(t, text(h.do(coord, "c-admin", "space add", "name", fmt.Sprintf("Lieu %02d", s), "town", "Die")), "added")
			}
			label := map[int64]string{}
			err := h.db.Write(ctx, func(tx *storage.Tx) error {
				spaces, err := tx.Spaces(ctx, testGuild)
				if err != nil {
					return err
				}
				for d := 1; d <= 9; d++ {
					for i, s := range spaces {
						series, err := tx.AddSeries(ctx, testGuild, s.ID, "", animUs.ID, h.clock.Now())
						if err != nil {
							return err
						}
						start := day(d).Add(10*time.Hour + time.Duration(i)*10*time.Minute)
						e, err := tx.AddEvent(ctx, storage.Event{GuildID: testGuild, SeriesID: series, SpaceID: s.ID, Title: "Atelier", TitleKey: "atelier",
							OrganizerID: animUs.ID, Start: start, End: start.Add(time.Hour)})
						if err != nil {
							return err
						}
						label[e.ID] = fmt.Sprintf("day %d space %d", d, i+1)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			created := map[string]bool{}
			for _, st := range c.steps {
				h.clock.Set(st.at)
				if err := h.db.Write(ctx, func(tx *storage.Tx) error { return tx.SetOtherScheduledEvents(ctx, testGuild, st.others) }); err != nil {
					t.Fatal(err)
				}
				if err := h.app.PublishDueEvents(ctx, st.at); err != nil {
					t.Fatal(err)
				}
				var fresh []string
				h.db.Read(ctx, func(tx *storage.Tx) error {
					items, err := tx.PendingOutbox(ctx, 10000)
					for _, it := range items {
						var id int64
						if _, err := fmt.Sscanf(it.DedupKey, "sched:%d", &id); err == nil && it.Kind == OutEventCreate && !created[label[id]] {
							created[label[id]] = true
							fresh = append(fresh, label[id])
						}
					}
					return err
				})
				last := ""
				if len(fresh) > 0 {
					last = fresh[len(fresh)-1]
				}
				if len(fresh) != st.wantNew || last != st.wantLast {
					t.Errorf("at %s: %d created, the last %q; want %d, the last %q", st.at.Format("02/01 15:04"), len(fresh), last, st.wantNew, st.wantLast)
				}
				for _, n := range st.wantNone {
					if created[n] {
						t.Errorf("at %s: %s was created too early", st.at.Format("02/01 15:04"), n)
					}
				}
			}
			// Soonest first: no occurrence without a Discord event starts
			// before one that has it (day, then space, sort as start times).
			var missing []string
			for _, l := range label {
				if !created[l] {
					missing = append(missing, l)
				}
			}
			for _, m := range missing {
				for l := range created {
					if before(m, l) {
						t.Errorf("%s has no Discord event, yet the later %s has", m, l)
					}
				}
			}
		})
	}
}

// before orders "day D space S" labels as their start times.
func before(a, b string) bool {
	var da, sa, db, sb int
	fmt.Sscanf(a, "day %d space %d", &da, &sa)
	fmt.Sscanf(b, "day %d space %d", &db, &sb)
	return da < db || da == db && sa < sb
}
