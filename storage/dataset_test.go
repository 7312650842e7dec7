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
	tiny := Scale{Name: "tiny", Spaces: 5, Members: 50, Checkins: 3000, Events: 20, Skills: 200, RSVPs: 5, Days: 30, Register: 40, Walkins: 60, Projects: 8}
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
			`SELECT count(*), 0, 0, 0, 0 FROM register_entries`, `SELECT count(*), sum(entry_id), sum(event_id), 0, 0 FROM register_attendance`,
			`SELECT count(*), 0, 0, 0, 0 FROM projects`, `SELECT count(*), 0, 0, 0, 0 FROM project_stages`,
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
	if !strings.HasPrefix(one, "3000 ") || !strings.Contains(one, "\n5 0 0 0 0\n50 0 0 0 0\n20 ") ||
		!strings.Contains(one, "\n40 0 0 0 0\n") || !strings.Contains(one, "\n8 0 0 0 0\n") {
		t.Errorf("sizes:\n%s", one)
	}
}

// The generated register and projects are consistent the way the bot keeps
// them: a presence is on its event's space and local day, a project's stage
// is the last of its history, every project has its animator.
func TestGeneratePeopleConsistent(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tiny := Scale{Name: "tiny", Spaces: 4, Members: 60, Checkins: 600, Events: 40, Skills: 100, RSVPs: 3, Days: 120, Register: 50, Walkins: 200, Projects: 30}
	err = db.Generate(ctx, DatasetSpec{Scale: tiny, GuildID: "g", Seed: 7, Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC),
		Fold: strings.ToLower, SkillKey: strings.ToLower})
	if err != nil {
		t.Fatal(err)
	}
	for what, q := range map[string]string{
		"presences on another space than their event's": `SELECT count(*) FROM register_attendance a JOIN events e ON e.id = a.event_id WHERE a.space_id <> e.space_id OR a.at <> e.start_at`,
		"presences at future events":                    `SELECT count(*) FROM register_attendance a JOIN events e ON e.id = a.event_id WHERE e.end_at >= unixepoch('2026-11-23 12:00:00')`,
		"presences on a day not the event's in Paris":   `SELECT count(*) FROM register_attendance WHERE day <> date(at, 'unixepoch', '+1 hour') AND day <> date(at, 'unixepoch', '+2 hours')`,
		"projects whose stage is not their last":        `SELECT count(*) FROM projects p WHERE stage <> (SELECT s.stage FROM project_stages s WHERE s.project_id = p.id ORDER BY s.at DESC, s.id DESC LIMIT 1)`,
		"projects without an animator":                  `SELECT count(*) FROM projects p WHERE NOT EXISTS (SELECT 1 FROM project_people pp WHERE pp.project_id = p.id AND pp.role = 'animator')`,
		"answered offers without a date":                `SELECT count(*) FROM project_offers WHERE (status = 'pending') <> (answered_at IS NULL)`,
	} {
		var n int
		if err := db.read.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%d %s", n, what)
		}
	}
	var presences, stages int
	if err := db.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM register_attendance), (SELECT count(DISTINCT stage) FROM project_stages)`).Scan(&presences, &stages); err != nil {
		t.Fatal(err)
	}
	if presences < 150 || stages < 3 {
		t.Errorf("%d presences (of 200 drawn), %d distinct stages: the generator made too little", presences, stages)
	}
}
