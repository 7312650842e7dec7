package storage

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestPeriodActivityMatchesPerPartQueries checks the one-pass activity of a
// period against the queries the report asked part by part before
// (PeopleReached, PeopleReachedBySpace, DistinctVisitors, VisitStats,
// RegisterFieldCounts), written independently in SQL, on a generated
// network with the cases each rule separates: linked, erased and
// anonymised register entries, presences at a space and at events,
// cancelled and shared events, and a space in another zone (read from the
// visits, not the daily sums).
func TestPeriodActivityMatchesPerPartQueries(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tiny := Scale{Name: "tiny", Spaces: 4, Members: 60, Checkins: 1500, Events: 60, Skills: 50, RSVPs: 4, Days: 120, Register: 60, Walkins: 300, Projects: 2}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	err = db.Generate(ctx, DatasetSpec{Scale: tiny, GuildID: "g", Seed: 3, Now: now, Fold: strings.ToLower, SkillKey: strings.ToLower})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Write(ctx, func(tx *Tx) error {
		for _, q := range []string{
			`UPDATE register_entries SET user_id = (SELECT user_id FROM checkins WHERE id = register_entries.id * 7) WHERE id % 4 = 0`,
			`UPDATE register_entries SET erased_at = 1 WHERE id % 7 = 0`,
			`UPDATE register_attendance SET entry_id = NULL WHERE id % 9 = 0`,
			`INSERT OR IGNORE INTO register_attendance(guild_id, entry_id, event_id, space_id, day, at, added_at)
				SELECT guild_id, entry_id, 0, space_id, day, at + 3 * 86400, added_at FROM register_attendance WHERE id % 8 = 0`,
			`UPDATE events SET cancelled_at = start_at WHERE id % 6 = 0`,
			`INSERT OR IGNORE INTO event_hosts(event_id, guild_id, space_id) SELECT id, guild_id, (SELECT min(id) FROM spaces) + (space_id + 1) % 4 FROM events WHERE id % 5 = 0`,
			`UPDATE rsvps SET attended = 1 WHERE rowid % 3 = 0`,
			`UPDATE spaces SET timezone = 'America/Cayenne' WHERE id = (SELECT max(id) FROM spaces)`,
			// Presences noted a month and more after their event.
			`INSERT OR IGNORE INTO register_attendance(guild_id, entry_id, event_id, space_id, day, at, added_at)
				SELECT guild_id, entry_id, event_id, space_id, date(at + 40 * 86400, 'unixepoch'), at + 40 * 86400, added_at
				FROM register_attendance WHERE id % 10 = 1 AND event_id <> 0`,
			// Entries linked to members never active.
			`UPDATE register_entries SET user_id = 'ghost' || id WHERE user_id = '' AND id % 3 = 0
				AND id NOT IN (SELECT entry_id FROM register_attendance WHERE entry_id IS NOT NULL)`,
			// Someone whose first activity is on a cut, at midnight.
			`INSERT INTO register_entries(id, guild_id, name, name_key, created_at) VALUES (9001, 'g', 'Cut', 'cut', 0)`,
			`INSERT INTO register_attendance(guild_id, entry_id, space_id, day, at, added_at)
				VALUES ('g', 9001, (SELECT min(id) FROM spaces), '2026-08-01', unixepoch('2026-07-31 22:00:00'), 0)`,
			// A member whose first check-in is at midnight on a cut.
			`INSERT INTO members(guild_id, user_id, display_name, first_seen, last_seen, first_checkin_at)
				VALUES ('g', 'midnight', 'M', 0, 0, unixepoch('2026-08-31 22:00:00'))`,
			`INSERT INTO checkins(guild_id, space_id, user_id, at, out_at, first_ever)
				VALUES ('g', (SELECT min(id) FROM spaces), 'midnight', unixepoch('2026-08-31 22:00:00'), unixepoch('2026-08-31 23:00:00'), 1)`,
			// A member whose only earlier attendance is at a cancelled event.
			`INSERT INTO register_entries(id, guild_id, name, name_key, user_id, created_at) VALUES (9002, 'g', 'Late', 'late', 'late', 0)`,
			`INSERT INTO register_attendance(guild_id, entry_id, space_id, day, at, added_at)
				VALUES ('g', 9002, (SELECT min(id) FROM spaces), '2026-10-15', unixepoch('2026-10-15 08:00:00'), 0)`,
			`INSERT INTO rsvps(event_id, guild_id, user_id, user_name, status, since, attended)
				SELECT id, guild_id, 'late', 'Late', 'going', start_at, 1 FROM events WHERE cancelled_at IS NOT NULL AND start_at < unixepoch('2026-10-01') ORDER BY start_at LIMIT 1`,
		} {
			if _, err := tx.exec(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var lateRSVP int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM rsvps r JOIN events e ON e.id = r.event_id WHERE r.user_id = 'late' AND e.cancelled_at IS NOT NULL`).Scan(&lateRSVP); err != nil || lateRSVP != 1 {
		t.Fatalf("the cancelled event's attendance: %d rows, %v", lateRSVP, err)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	months := func(to time.Time) []time.Time {
		cuts := []time.Time{}
		for m := 7; m <= 11; m++ {
			cuts = append(cuts, time.Date(2026, time.Month(m), 1, 0, 0, 0, 0, paris))
		}
		return append(cuts, to)
	}
	for name, cuts := range map[string][]time.Time{
		"whole months":         months(time.Date(2026, 12, 1, 0, 0, 0, 0, paris)),
		"ending in a day":      months(now),
		"one part of 150 days": {time.Date(2026, 7, 1, 0, 0, 0, 0, paris), time.Date(2026, 11, 28, 0, 0, 0, 0, paris)},
		// Most people were active before these: new only if not.
		"from the first of August": {time.Date(2026, 8, 1, 0, 0, 0, 0, paris), time.Date(2026, 9, 1, 0, 0, 0, 0, paris), time.Date(2026, 10, 1, 0, 0, 0, 0, paris)},
		"from September":           {time.Date(2026, 9, 1, 0, 0, 0, 0, paris), time.Date(2026, 10, 1, 0, 0, 0, 0, paris), time.Date(2026, 11, 1, 0, 0, 0, 0, paris), now},
		"a month before events":    {time.Date(2026, 1, 1, 0, 0, 0, 0, paris), time.Date(2026, 2, 1, 0, 0, 0, 0, paris)},
		// Whole months from the months' lists, the days around from the days'.
		"from the 24th to the 24th": {time.Date(2026, 7, 24, 0, 0, 0, 0, paris), time.Date(2026, 8, 1, 0, 0, 0, 0, paris), time.Date(2026, 9, 1, 0, 0, 0, 0, paris),
			time.Date(2026, 10, 1, 0, 0, 0, 0, paris), time.Date(2026, 11, 1, 0, 0, 0, 0, paris), time.Date(2026, 11, 24, 0, 0, 0, 0, paris)},
	} {
		t.Run(name, func(t *testing.T) {
			err := db.Read(ctx, func(tx *Tx) error {
				spaces, err := tx.Spaces(ctx, "g")
				if err != nil {
					return err
				}
				var ids []int64
				for _, s := range spaces {
					ids = append(ids, s.ID)
				}
				from, to := cuts[0], cuts[len(cuts)-1]
				act, err := tx.PeriodActivity(ctx, "g", ids, cuts)
				if err != nil {
					return err
				}
				parts, err := tx.VisitParts(ctx, ids, cuts)
				if err != nil {
					return err
				}
				total, err := tx.PeopleReached(ctx, "g", nil, from, to)
				if err != nil {
					return err
				}
				if act.Total != total {
					t.Errorf("total: one pass %+v, PeopleReached %+v", act.Total, total)
				}
				visitors, err := tx.DistinctVisitors(ctx, ids, from, to)
				if err != nil {
					return err
				}
				stats, err := tx.VisitStats(ctx, ids, from, to, nil)
				if err != nil {
					return err
				}
				sums, err := tx.VisitSums(ctx, ids, from, to)
				if err != nil {
					return err
				}
				for id, v := range stats {
					if act.SpaceVisitors[id] != v.People {
						t.Errorf("space %d: %d visitors in one pass, VisitStats %d", id, act.SpaceVisitors[id], v.People)
					}
					s := sums[id]
					s.People = v.People
					if s != v {
						t.Errorf("space %d: sums %+v, VisitStats %+v", id, s, v)
					}
				}
				if act.Visitors != visitors {
					t.Errorf("visitors: one pass %d, DistinctVisitors %d", act.Visitors, visitors)
				}
				bySpace, err := tx.PeopleReachedBySpace(ctx, "g", from, to)
				if err != nil {
					return err
				}
				if !reflect.DeepEqual(act.BySpace, bySpace) {
					t.Errorf("by space: one pass %v, PeopleReachedBySpace %v", act.BySpace, bySpace)
				}
				fields, err := tx.RegisterFieldCounts(ctx, "g", nil, from, to)
				if err != nil {
					return err
				}
				of, err := tx.RegisterFieldCountsOf(ctx, "g", act.Entries)
				if err != nil {
					return err
				}
				if !reflect.DeepEqual(of, fields) {
					t.Errorf("field counts: of the entries %v, RegisterFieldCounts %v", of, fields)
				}
				for i := range len(cuts) - 1 {
					part, err := tx.PeopleReached(ctx, "g", nil, cuts[i], cuts[i+1])
					if err != nil {
						return err
					}
					if act.Parts[i] != part {
						t.Errorf("part %d: one pass %+v, PeopleReached %+v", i, act.Parts[i], part)
					}
					n, err := tx.DistinctVisitors(ctx, ids, cuts[i], cuts[i+1])
					if err != nil {
						return err
					}
					if act.PartVisitors[i] != n {
						t.Errorf("part %d visitors: one pass %d, DistinctVisitors %d", i, act.PartVisitors[i], n)
					}
					stats, err := tx.VisitStats(ctx, ids, cuts[i], cuts[i+1], nil)
					if err != nil {
						return err
					}
					var sum SpaceVisits
					for _, v := range stats {
						sum.add(v)
					}
					if parts[i] != sum {
						t.Errorf("part %d sums: one pass %+v, VisitStats %+v", i, parts[i], sum)
					}
				}
				if name == "a month before events" {
					if total != (PeopleCounts{}) {
						t.Errorf("January: %+v reached, want nobody", total)
					}
					return nil
				}
				// The comparison means something only if every kind is there.
				if total.People < 20 || total.New == 0 || total.NotOnDiscord == 0 || len(fields) == 0 || len(act.Entries) == 0 {
					t.Errorf("too little activity to compare: %+v, %d field counts, %d entries", total, len(fields), len(act.Entries))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}
