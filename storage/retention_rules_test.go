package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// rawDB opens a file database (WAL, the real reader pool) and runs stmts
// with arg ?1 = base.
func rawDB(t testing.TB, base int64, stmts ...string) *DB {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "rules.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	err = db.Write(ctx, func(tx *Tx) error {
		for _, q := range stmts {
			if _, err := tx.tx.ExecContext(ctx, q, base); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// Retention, read from the tables themselves: what the member's own export
// shows cannot see leftovers on rows that no longer carry their id.
func TestRetentionAnonymizesEveryTable(t *testing.T) {
	ctx := context.Background()
	cutoff := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	old := cutoff.Add(-48 * time.Hour).Unix()
	db := rawDB(t, old,
		`INSERT INTO spaces(id, guild_id, name, name_key, town, timezone, created_at) VALUES (1, 'g', 'A', 'a', 'T', 'UTC', 0)`,
		`INSERT INTO checkins(id, guild_id, space_id, user_id, note, at, out_at) VALUES
			(1, 'g', 1, 'alice', 'bureau 2', ?1, ?1 + 3600),          -- old, finished: anonymised
			(2, 'g', 1, 'bob', 'toujours là', ?1, NULL),              -- old but still open: kept
			(3, 'g', 1, 'carol', 'récent', ?1 + 5 * 86400, ?1 + 5 * 86400 + 60), -- after the cutoff: kept
			(4, 'h', 1, 'dave', 'autre réseau', ?1, ?1 + 60)`, // another network: kept
		`INSERT INTO event_series(id, guild_id, space_id, repeat, organizer_id, created_at) VALUES (1, 'g', 1, '', 'anim', 0)`,
		`INSERT INTO events(id, guild_id, series_id, space_id, title, title_key, description, organizer_id, organizer_name, start_at, end_at, capacity) VALUES
			(1, 'g', 1, 1, 'Old', 'old', '', 'anim', 'Anim', ?1, ?1 + 3600, 0),
			(2, 'g', 1, 1, 'New', 'new', '', 'anim', 'Anim', ?1 + 5 * 86400, ?1 + 5 * 86400 + 3600, 0)`,
		`INSERT INTO rsvps(event_id, guild_id, user_id, user_name, status, since) VALUES
			(1, 'g', 'alice', 'Alice', 'going', ?1), (2, 'g', 'alice', 'Alice', 'going', ?1)`,
		`INSERT INTO skills(id, guild_id, key, display, created_at) VALUES (1, 'g', 'soudure', 'Soudure', 0)`,
		`INSERT INTO intros(id, guild_id, asker_id, offerer_id, skill_id, note, status, created_at) VALUES
			(1, 'g', 'alice', 'bob', 1, 'mon vélo', 'accepted', ?1),
			(2, 'g', 'alice', 'bob', 1, 'récent', 'pending', ?1 + 5 * 86400)`,
	)
	var n int64
	err := db.Write(ctx, func(tx *Tx) error {
		var err error
		n, err = tx.AnonymizeBatch(ctx, "g", time.Time{}, cutoff, 100)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 4 { // one visit, one answer, one introduction, the old event's organiser
		t.Errorf("%d rows anonymised, want 4", n)
	}
	rows := func(q string) string {
		var out []string
		err := db.Read(ctx, func(tx *Tx) error {
			r, err := tx.query(ctx, q)
			if err != nil {
				return err
			}
			defer r.Close()
			for r.Next() {
				var a, b, c string
				if err := r.Scan(&a, &b, &c); err != nil {
					return err
				}
				// Each stand-in is unique: print only that it is one.
				for _, p := range []*string{&a, &b} {
					if strings.HasPrefix(*p, AnonPrefix) && len(*p) == len(AnonPrefix)+16 {
						*p = "anon"
					}
				}
				out = append(out, a+"|"+b+"|"+c)
			}
			return r.Err()
		})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct{ q, want string }{
		{`SELECT user_id, note, id FROM checkins ORDER BY id`, "anon||1 bob|toujours là|2 carol|récent|3 dave|autre réseau|4"},
		{`SELECT user_id, user_name, event_id FROM rsvps ORDER BY event_id`, "anon|—|1 alice|Alice|2"},
		{`SELECT asker_id, offerer_id, note FROM intros ORDER BY id`, "anon|anon| alice|bob|récent"},
	} {
		if got := rows(c.q); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.q, got, c.want)
		}
	}
	// Each stand-in is its own: old records cannot be linked to each other.
	if got := rows(`SELECT count(DISTINCT asker_id), count(DISTINCT offerer_id), count(*) FROM intros WHERE asker_id LIKE 'anon-%' AND asker_id <> offerer_id`); got != "1|1|1" {
		t.Errorf("intro stand-ins %s", got)
	}
	// Run again: nothing left to do.
	err = db.Write(ctx, func(tx *Tx) error {
		var err error
		n, err = tx.AnonymizeBatch(ctx, "g", time.Time{}, cutoff, 100)
		return err
	})
	if err != nil || n != 0 {
		t.Errorf("second pass changed %d rows (%v)", n, err)
	}
}

func TestPruneSentDMsOnlyDeliveredDMsBeforeTheCutoff(t *testing.T) {
	ctx := context.Background()
	cut := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC).Unix()
	db := rawDB(t, cut,
		`INSERT INTO outbox(id, guild_id, kind, target, payload, created_at, next_attempt_at, sent_at, failed_at) VALUES
			(1, 'g', 'dm', 'u', '{}', 0, 0, ?1 - 1, NULL),   -- sent before: deleted
			(2, 'g', 'dm', 'u', '{}', 0, 0, NULL, ?1 - 1),   -- given up before: deleted
			(3, 'g', 'dm', 'u', '{}', 0, 0, ?1, NULL),       -- sent at the cutoff: kept
			(4, 'g', 'dm', 'u', '{}', 0, 0, NULL, NULL),     -- pending: kept
			(5, 'g', 'channel', 'c', '{}', 0, 0, ?1 - 1, NULL)`, // not a DM: kept
	)
	var n int64
	err := db.Write(ctx, func(tx *Tx) error {
		var err error
		n, err = tx.PruneSentDMs(ctx, time.Unix(cut, 0))
		return err
	})
	if err != nil || n != 2 {
		t.Fatalf("pruned %d (%v), want 2", n, err)
	}
	for id, want := range map[int64]bool{1: false, 2: false, 3: true, 4: true, 5: true} {
		_ = db.Read(ctx, func(tx *Tx) error {
			_, _, err := tx.OutboxItemByID(ctx, id)
			if kept := err == nil; kept != want {
				t.Errorf("item %d kept=%v (%v), want %v", id, kept, err, want)
			}
			return nil
		})
	}
}

// Every table of the schema has a retention rule, written here by hand: a
// new table (or one dropped) fails until its personal data is decided.
func TestRetentionCoversEveryTable(t *testing.T) {
	want := map[string]string{
		"checkins": Anonymised, "visit_days": NoPerson, "visit_people": Mirrored, "visit_months": NoPerson, "visit_month_people": Mirrored, "rsvps": Anonymised, "intros": Anonymised, "events": Anonymised, "event_series": Anonymised,
		"outbox": Scrubbed, "outbox_about": Scrubbed, "interactions_seen": Pruned, "closed_dms": Pruned,
		"register_attendance": Anonymised, "register_entries": Deleted, "register_claims": Deleted, "event_hosts": Deleted,
		"register_values": Current, "register_fields": NoPerson, "event_types": NoPerson, "event_type_of": NoPerson,
		"members": Current, "member_profiles": Current, "member_settings": Current, "member_skills": Current,
		"calendar_feeds": Current, "guilds": Current, "kv": Current,
		"spaces": NoPerson, "skills": NoPerson, "skill_aliases": NoPerson, "skill_versions": NoPerson, "space_versions": NoPerson, "digests": NoPerson, "feed_versions": NoPerson,
		"project_offers": Anonymised, "project_stages": Anonymised, "projects": Current, "project_people": Current,
		"project_updates": Current, "project_notes": Current, "project_skills": NoPerson,
	}
	got := map[string]string{}
	for _, r := range Retention {
		if _, dup := got[r.Table]; dup {
			t.Errorf("two rules for %s", r.Table)
		}
		got[r.Table] = r.How
		if (r.How == Anonymised || r.How == Deleted) != (r.Anonymize != "") {
			t.Errorf("%s: %q with statement %q", r.Table, r.How, r.Anonymize)
		}
	}
	db := rawDB(t, 0)
	var tables []string
	err := db.Read(context.Background(), func(tx *Tx) error {
		rows, err := tx.query(context.Background(), `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'schema_migrations' ORDER BY name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				return err
			}
			tables = append(tables, n)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range tables {
		if got[name] == "" {
			t.Errorf("table %s has no retention rule", name)
		}
		if want[name] == "" {
			t.Errorf("table %s: its rule is not in this test", name)
		}
	}
	for name, how := range want {
		if got[name] != how {
			t.Errorf("%s: %q, want %q", name, got[name], how)
		}
	}
	if len(tables) != len(want) {
		t.Errorf("%d tables in the schema, %d here: %v", len(tables), len(want), tables)
	}
}

// Old delivered outbox items forget what they said and whom they were
// about: DMs go, other items keep their ids; the posted messages that named
// someone are handed back for deletion. Pending items, recent ones and
// another network's stay.
func TestScrubOutboxBatch(t *testing.T) {
	ctx := context.Background()
	cutoff := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	old := cutoff.Add(-48 * time.Hour).Unix()
	db := rawDB(t, old,
		`INSERT INTO outbox(id, guild_id, kind, target, payload, created_at, next_attempt_at, sent_at, failed_at, result_id) VALUES
			(1, 'g', 'channel', 'c', '{"content":"Alice arrive"}', ?1, 0, ?1, NULL, 'c/m1'),   -- names Alice, posted: scrubbed, deleted
			(2, 'g', 'channel', 'c', '{"content":"Atelier"}', ?1, 0, ?1, NULL, 'c/m2'),        -- names no one: scrubbed, kept
			(3, 'g', 'dm', 'bob', '{"content":"intro Alice"}', ?1, 0, ?1, NULL, 'd/m3'),       -- DM naming Alice: row deleted, post deleted
			(4, 'g', 'dm', 'bob', '{"content":"rappel"}', ?1, 0, NULL, ?1, ''),                -- DM given up: row deleted
			(5, 'g', 'edit', 'c/m1', '{"content":"Alice"}', ?1, 0, ?1, NULL, 'c/m1'),         -- edit naming Alice: scrubbed, deleted
			(6, 'g', 'delete', 'c/m9', '{}', ?1, 0, ?1, NULL, 'c/m9'),                         -- a deletion: nothing to scrub, not counted
			(7, 'g', 'channel', 'c', '{"content":"Alice"}', ?1, 0, NULL, NULL, ''),            -- pending: kept
			(8, 'g', 'channel', 'c', '{"content":"Alice"}', ?1 + 5 * 86400, 0, ?1, NULL, 'c/m8'), -- after the cutoff: kept
			(9, 'h', 'channel', 'c', '{"content":"Alice"}', ?1, 0, ?1, NULL, 'c/m10'),         -- another network: kept
			(10, 'g', 'channel', 'c', '{"content":"Alice"}', ?1, 0, ?1, NULL, '')`, // names Alice, no message id: scrubbed
		`INSERT INTO outbox_about(guild_id, user_id, outbox_id, how) VALUES
			('g', 'alice', 1, 'names'), ('g', 'alice', 3, 'names'), ('g', 'bob', 3, 'to'), ('g', 'alice', 5, 'names'),
			('g', 'alice', 7, 'names'), ('g', 'alice', 8, 'names'), ('h', 'alice', 9, 'names'), ('g', 'alice', 10, 'names'),
			('g', 'bob', 2, 'notice')`,
	)
	scrub := func() ([]string, int64) {
		var del []string
		var n int64
		err := db.Write(ctx, func(tx *Tx) error {
			var err error
			del, n, err = tx.ScrubOutboxBatch(ctx, "g", time.Time{}, cutoff, 100)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return del, n
	}
	del, n := scrub()
	if got := strings.Join(del, " "); got != "c/m1 d/m3 c/m1" || n != 6 {
		t.Errorf("first pass: delete %q, %d items, want \"c/m1 d/m3 c/m1\" and 6 (1 2 3 4 5 10)", got, n)
	}
	var rows []string
	err := db.Read(ctx, func(tx *Tx) error {
		r, err := tx.query(ctx, `SELECT o.id, o.payload, (SELECT count(*) FROM outbox_about a WHERE a.outbox_id = o.id) FROM outbox o ORDER BY o.id`)
		if err != nil {
			return err
		}
		defer r.Close()
		for r.Next() {
			var id, about int
			var payload string
			if err := r.Scan(&id, &payload, &about); err != nil {
				return err
			}
			rows = append(rows, fmt.Sprintf("%d:%s:%d", id, payload, about))
		}
		return r.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `1:{}:0 2:{}:0 5:{}:0 6:{}:0 7:{"content":"Alice"}:1 8:{"content":"Alice"}:1 9:{"content":"Alice"}:1 10:{}:0`
	if got := strings.Join(rows, " "); got != want {
		t.Errorf("outbox after scrub:\n got %s\nwant %s", got, want)
	}
	// Items already scrubbed are not picked again: a second pass does nothing.
	if del, n := scrub(); len(del) != 0 || n != 0 {
		t.Errorf("second pass: %v, %d", del, n)
	}
}
