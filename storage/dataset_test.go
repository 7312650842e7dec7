package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// The generator is deterministic from its seed and gives the sizes asked.
func TestGenerateDeterministic(t *testing.T) {
	ctx := context.Background()
	tiny := Scale{Name: "tiny", Spaces: 5, Members: 50, Checkins: 3000, Events: 20, Skills: 200, RSVPs: 5, Days: 30}
	gen := func(seed uint64) string {
		db, err := Open(ctx, ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		err = db.Generate(ctx, DatasetSpec{Scale: tiny, GuildID: "g", Seed: seed, Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC),
			Fold: strings.ToLower, SkillKey: strings.ToLower})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, q := range []string{
			`SELECT count(*), sum(space_id), sum(at), sum(out_at - at), count(DISTINCT user_id) FROM checkins`,
			`SELECT count(*), 0, 0, 0, 0 FROM spaces`, `SELECT count(*), 0, 0, 0, 0 FROM members`,
			`SELECT count(*), sum(start_at), sum(space_id), 0, 0 FROM events`, `SELECT count(*), 0, 0, 0, count(DISTINCT user_id) FROM rsvps`,
			`SELECT count(*), sum(skill_id), 0, 0, count(DISTINCT user_id) FROM member_skills`,
		} {
			var a, c, d, e, f int64
			if err := db.read.QueryRowContext(ctx, q).Scan(&a, &c, &d, &e, &f); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%d %d %d %d %d\n", a, c, d, e, f)
		}
		return b.String()
	}
	one, again, other := gen(1), gen(1), gen(2)
	if one != again {
		t.Errorf("same seed, different data:\n%s\n%s", one, again)
	}
	if one == other {
		t.Error("different seeds, same data")
	}
	if !strings.HasPrefix(one, "3000 ") || !strings.Contains(one, "\n5 0 0 0 0\n50 0 0 0 0\n20 ") {
		t.Errorf("sizes:\n%s", one)
	}
}
