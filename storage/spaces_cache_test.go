package storage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// The space list read from memory follows every change: a space added,
// renamed or removed shows in the next read, however the change was made.
func TestSpaceListFollowsChanges(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Unix(1_776_000_000, 0)
	names := func() []string {
		t.Helper()
		var out []string
		err := db.Read(ctx, func(tx *Tx) error {
			list, err := tx.Spaces(ctx, "g")
			for _, s := range list {
				out = append(out, s.Name)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	write := func(fn func(tx *Tx) error) {
		t.Helper()
		if err := db.Write(ctx, fn); err != nil {
			t.Fatal(err)
		}
	}
	var cube Space
	write(func(tx *Tx) (err error) {
		cube, err = tx.AddSpace(ctx, Space{GuildID: "g", Name: "Le Cube", Key: "le cube", Timezone: "UTC"}, now)
		return err
	})
	if got := names(); !slices.Equal(got, []string{"Le Cube"}) {
		t.Fatalf("after one space: %q", got)
	}
	write(func(tx *Tx) error {
		_, err := tx.AddSpace(ctx, Space{GuildID: "g", Name: "Atelier", Key: "atelier", Timezone: "UTC"}, now)
		return err
	})
	if got := names(); !slices.Equal(got, []string{"Atelier", "Le Cube"}) {
		t.Fatalf("after a second space: %q", got)
	}
	write(func(tx *Tx) error {
		cube.Name, cube.Key = "Zinc", "zinc"
		return tx.UpdateSpace(ctx, cube)
	})
	if got := names(); !slices.Equal(got, []string{"Atelier", "Zinc"}) {
		t.Fatalf("after a rename: %q", got)
	}
	// A change no Go code path made (a hand repair, a migration) too.
	write(func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `DELETE FROM spaces WHERE name = 'Atelier'`)
		return err
	})
	if got := names(); !slices.Equal(got, []string{"Zinc"}) {
		t.Fatalf("after a delete: %q", got)
	}
	// Another network's spaces are not this one's.
	write(func(tx *Tx) error {
		_, err := tx.AddSpace(ctx, Space{GuildID: "other", Name: "Ailleurs", Key: "ailleurs", Timezone: "UTC"}, now)
		return err
	})
	if got := names(); !slices.Equal(got, []string{"Zinc"}) {
		t.Fatalf("after another network's space: %q", got)
	}
	// A caller sorting its copy does not reorder the kept list.
	write(func(tx *Tx) error {
		_, err := tx.AddSpace(ctx, Space{GuildID: "g", Name: "Béal", Key: "beal", Timezone: "UTC"}, now)
		return err
	})
	_ = db.Read(ctx, func(tx *Tx) error {
		list, _ := tx.Spaces(ctx, "g")
		slices.Reverse(list)
		return nil
	})
	if got := names(); !slices.Equal(got, []string{"Béal", "Zinc"}) {
		t.Fatalf("after a caller reversed its copy: %q", got)
	}
}

// The search in memory finds what SQLite's LIKE found, in the same order:
// the query it replaced is the oracle, on random names and typed keys.
func TestSearchSpacesMatchesLike(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rng := rand.New(rand.NewPCG(3, 4))
	letters := []string{"a", "b", "e", "é", "l", "u", "C", "R", " ", "_", "%", "-", "'"}
	word := func(n int) string {
		s := ""
		for range 1 + rng.IntN(n) {
			s += letters[rng.IntN(len(letters))]
		}
		return s
	}
	now := time.Unix(1_776_000_000, 0)
	err = db.Write(ctx, func(tx *Tx) error {
		for i := range 300 {
			name := word(8)
			s := Space{GuildID: "g", Name: name, Key: fmt.Sprintf("%s %d", name, i), Town: word(6), Timezone: "UTC"}
			if _, err := tx.AddSpace(ctx, s, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	oracle := func(tx *Tx, key string, limit int) []int64 {
		like := "%" + escapeLike(key) + "%"
		return queryIDs(t, tx, `SELECT id FROM spaces
			WHERE guild_id = 'g' AND (name_key LIKE ? ESCAPE '\' OR lower(town) LIKE ? ESCAPE '\')
			ORDER BY (name_key LIKE ? ESCAPE '\') DESC, name_key LIMIT ?`, like, like, escapeLike(key)+"%", limit)
	}
	checked := 0
	err = db.Read(ctx, func(tx *Tx) error {
		for range 2000 {
			key, limit := word(3), 1+rng.IntN(25)
			want := oracle(tx, key, limit)
			got, err := tx.SearchSpaces(ctx, "g", key, limit)
			if err != nil {
				return err
			}
			var ids []int64
			for _, s := range got {
				ids = append(ids, s.ID)
			}
			if !slices.Equal(ids, want) {
				t.Fatalf("search %q limit %d: got %v, LIKE found %v", key, limit, ids, want)
			}
			if len(want) > 0 {
				checked++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 500 {
		t.Errorf("only %d searches found something: the oracle compares too little", checked)
	}
}

// OpenTuned sets each connection's page cache and memory map as asked.
func TestOpenTunedSetsTheSizes(t *testing.T) {
	ctx := context.Background()
	db, err := OpenTuned(ctx, filepath.Join(t.TempDir(), "t.db"), Tuning{CacheMB: 3, MmapMB: 32})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, pool := range []struct {
		name string
		q    func(string) (int64, error)
	}{
		{"reader", func(p string) (v int64, err error) { return v, db.read.QueryRowContext(ctx, "PRAGMA "+p).Scan(&v) }},
		{"writer", func(p string) (v int64, err error) { return v, db.write.QueryRowContext(ctx, "PRAGMA "+p).Scan(&v) }},
	} {
		cache, err1 := pool.q("cache_size")
		mmap, err2 := pool.q("mmap_size")
		if err1 != nil || err2 != nil || cache != -3000 || mmap != 32<<20 {
			t.Errorf("%s: cache_size %d, mmap_size %d (%v %v); want -3000 (KiB) and %d", pool.name, cache, mmap, err1, err2, 32<<20)
		}
	}
}

// RSVPCountsOf gives each event asked its own counts by status, and an
// empty count to an event nobody answered.
func TestRSVPCountsOf(t *testing.T) {
	ctx := context.Background()
	db := rawDB(t, 0,
		`INSERT INTO spaces(id, guild_id, name, name_key, town, timezone, created_at) VALUES (1, 'g', 'S', 's', 'T', 'UTC', 0)`,
		`INSERT INTO event_series(id, guild_id, space_id, repeat, organizer_id, created_at) VALUES (1, 'g', 1, '', 'a', 0)`,
		`INSERT INTO events(id, guild_id, series_id, space_id, title, title_key, organizer_id, organizer_name, start_at, end_at) VALUES
			(1, 'g', 1, 1, 'A', 'a', 'a', '', 10, 20), (2, 'g', 1, 1, 'B', 'b', 'a', '', 10, 20), (3, 'g', 1, 1, 'C', 'c', 'a', '', 10, 20)`,
		`INSERT INTO rsvps(event_id, guild_id, user_id, user_name, status, since) VALUES
			(1, 'g', 'u1', '', 'going', 0), (1, 'g', 'u2', '', 'going', 0), (1, 'g', 'u3', '', 'waitlist', 0), (1, 'g', 'u4', '', 'no', 0),
			(2, 'g', 'u1', '', 'maybe', 0), (3, 'g', 'u1', '', 'going', 0)`)
	var got map[int64]map[string]int
	err := db.Read(ctx, func(tx *Tx) (err error) {
		got, err = tx.RSVPCountsOf(ctx, []int64{1, 2, 99})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]map[string]int{1: {"going": 2, "waitlist": 1, "no": 1}, 2: {"maybe": 1}, 99: {}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("counts: got %v, want %v (event 3 not asked)", got, want)
	}
}

// Event search through the title index finds what the query it replaced
// found, in the same order (that query, with the id to break ties, is the
// oracle): upcoming soonest first, then the recent past latest first.
func TestSearchEventsMatchesFullScan(t *testing.T) {
	ctx := context.Background()
	now := int64(1_790_000_000)
	db := rawDB(t, now,
		`INSERT INTO spaces(id, guild_id, name, name_key, town, timezone, created_at) VALUES (1, 'g', 'S', 's', 'T', 'UTC', 0)`,
		`INSERT INTO event_series(id, guild_id, space_id, repeat, organizer_id, created_at) VALUES (1, 'g', 1, '', 'a', 0)`,
		// 2,000 occurrences from 100 days back to 100 ahead, some sharing a
		// start, titles from a small alphabet so that searches find some.
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
			INSERT INTO events(id, guild_id, series_id, space_id, title, title_key, organizer_id, organizer_name, start_at, end_at)
			SELECT i, CASE WHEN i % 17 = 0 THEN 'other' ELSE 'g' END, 1, 1, 'T' || i,
				substr('abcab', 1 + i % 3, 1 + i % 4) || substr('cabba', 1 + (i * 7) % 5, 1 + i % 2), 'a', '',
				?1 - 100 * 86400 + (i * 7919 % 1000) * 17280, ?1 - 100 * 86400 + (i * 7919 % 1000) * 17280 + 3600 * (1 + i % 30) FROM n`)
	oracle := func(tx *Tx, key string, limit int) []int64 {
		return queryIDs(t, tx, `SELECT e.id FROM events e WHERE e.guild_id = 'g' AND e.title_key LIKE ? ESCAPE '\' AND e.start_at > ?
			ORDER BY (e.end_at <= ?), CASE WHEN e.end_at > ? THEN e.start_at ELSE -e.start_at END, e.id LIMIT ?`,
			"%"+escapeLike(key)+"%", now-60*86400, now, now, limit)
	}
	found := 0
	err := db.Read(ctx, func(tx *Tx) error {
		for _, key := range []string{"", "a", "b", "c", "ab", "ca", "bca", "abc", "zz", "%", "_"} {
			for _, limit := range []int{1, 10, 25, 500} {
				got, err := tx.SearchEvents(ctx, "g", key, time.Unix(now, 0), limit)
				if err != nil {
					return err
				}
				var ids []int64
				for _, e := range got {
					ids = append(ids, e.ID)
				}
				want := oracle(tx, key, limit)
				if !slices.Equal(ids, want) {
					t.Errorf("search %q limit %d:\n got %v\nwant %v", key, limit, ids, want)
				}
				found += len(want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 1000 {
		t.Errorf("the searches found %d occurrences in all: too few to compare", found)
	}
}

// queryIDs runs an oracle query that selects ids, in its order.
func queryIDs(t *testing.T, tx *Tx, q string, args ...any) []int64 {
	t.Helper()
	rows, err := tx.tx.QueryContext(context.Background(), q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
