package storage

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// Migration 0009 fixes on past visits the facts the digest used to look up
// (first in the network, home space), the same way CheckIn now does for new
// ones: a database from before it gives the same figures after.
func TestVisitFactsBackfillMatchesCheckIn(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := open(ctx, path, 8, DefaultTuning())
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 4, 14, 9, 0, 0, 0, time.UTC).Unix()
	// Two spaces; alice lives at 1 (profile), bob has no profile and first
	// came to 2, a forgotten member's stand-in, an anonymized old visit.
	stmts := []string{
		`INSERT INTO spaces(id, guild_id, name, name_key, town, timezone, created_at) VALUES (1, 'g', 'A', 'a', 'T', 'UTC', 0), (2, 'g', 'B', 'b', 'T', 'UTC', 0)`,
		`INSERT INTO members(guild_id, user_id, display_name, first_seen, last_seen, first_checkin_at, first_checkin_space) VALUES
			('g', 'alice', 'Alice', 0, 0, ?1, 1), ('g', 'bob', 'Bob', 0, 0, ?1 + 3600, 2)`,
		`INSERT INTO member_profiles(guild_id, user_id, home_space_id) VALUES ('g', 'alice', 1)`,
		`INSERT INTO checkins(id, guild_id, space_id, user_id, at, out_at) VALUES
			(1, 'g', 1, 'alice', ?1, ?1 + 60), (2, 'g', 2, 'alice', ?1 + 86400, ?1 + 86460),
			(3, 'g', 2, 'bob', ?1 + 3600, ?1 + 3660), (4, 'g', 1, 'bob', ?1 + 90000, ?1 + 90060),
			(5, 'g', 2, 'forgotten-x', ?1 + 7200, ?1 + 7260), (6, 'g', 1, 'forgotten-x', ?1 + 99000, ?1 + 99060),
			(7, 'g', 1, 'anon-1', ?1 - 86400, ?1 - 86340)`,
	}
	err = old.Write(ctx, func(tx *Tx) error {
		for _, q := range stmts {
			if _, err := tx.tx.ExecContext(ctx, q, day); err != nil {
				return err
			}
		}
		return nil
	})
	old.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := map[int64][2]int64{ // id: first_ever, home_space
		1: {1, 1}, 2: {0, 1}, 3: {1, 2}, 4: {0, 2}, 5: {1, 2}, 6: {0, 2}, 7: {0, 0},
	}
	err = db.Read(ctx, func(tx *Tx) error {
		for id, w := range want {
			var got [2]int64
			if err := tx.queryRow(ctx, `SELECT first_ever, home_space FROM checkins WHERE id = ?`, id).Scan(&got[0], &got[1]); err != nil {
				return err
			}
			if got != w {
				t.Errorf("check-in %d: first_ever, home_space = %v, want %v", id, got, w)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// A new member checking in, the same facts from CheckIn: first visit at
	// 2 (home 2, not cross), then at 1 (cross).
	err = db.Write(ctx, func(tx *Tx) error {
		if _, err := tx.TouchMember(ctx, "g", "carol", "Carol", "fr", time.Unix(day, 0)); err != nil {
			return err
		}
		for i, space := range []int64{2, 1} {
			c, err := tx.CheckIn(ctx, Checkin{GuildID: "g", SpaceID: space, UserID: "carol", At: time.Unix(day+int64(i)*86400+50000, 0)})
			if err != nil {
				return err
			}
			if err := tx.CheckOut(ctx, c.ID, c.At.Add(time.Hour), OutManual); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// The week's figures, with day bounds that put the 15th's visits in ByDay[2].
	var stats map[int64]SpaceVisits
	var people int
	from, to := time.Unix(day, 0).Add(-9*time.Hour), time.Unix(day, 0).AddDate(0, 0, 6)
	var bounds [10]time.Time
	for k := range bounds {
		bounds[k] = from.AddDate(0, 0, k-1)
	}
	err = db.Read(ctx, func(tx *Tx) error {
		if stats, err = tx.VisitStats(ctx, []int64{1, 2}, from, to, &bounds); err != nil {
			return err
		}
		people, err = tx.DistinctVisitors(ctx, []int64{1, 2}, from, to)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Space 1: alice (14th), bob (15th, cross), forgotten (15th, cross), carol (15th, cross).
	if s := stats[1]; s.Checkins != 4 || s.People != 4 || s.New != 1 || s.Cross != 3 || s.Stays != 4 || s.StaySecs != 3*60+3600 ||
		s.ByDay != [9]int{0, 1, 3, 0, 0, 0, 0, 0, 0} {
		t.Errorf("space 1: %+v", s)
	}
	// Space 2: alice (15th, cross), bob (14th, new), forgotten (14th, new), carol (14th, new).
	if s := stats[2]; s.Checkins != 4 || s.People != 4 || s.New != 3 || s.Cross != 1 || s.ByDay != [9]int{0, 3, 1, 0, 0, 0, 0, 0, 0} {
		t.Errorf("space 2: %+v", s)
	}
	if people != 4 {
		t.Errorf("distinct visitors %d, want 4", people)
	}
}
