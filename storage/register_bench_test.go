package storage

import (
	"context"
	"testing"
	"time"
)

// BenchmarkPeopleReached: a network of 10 spaces over a year, 100,000
// check-ins by 2,000 members, 500 events with 10 confirmed answers each,
// 1,500 register presences of 300 entries (a tenth linked): the report's
// distinct people over the year, and over one space and one month.
func BenchmarkPeopleReached(b *testing.B) {
	ctx := context.Background()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	db := rawDB(b, start.Unix(),
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
			INSERT INTO spaces(id, guild_id, name, name_key, town, timezone, created_at) SELECT i, 'g', 'S' || i, 's' || i, 'T', 'UTC', 0 FROM n`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
			INSERT INTO checkins(guild_id, space_id, user_id, at, out_at) SELECT 'g', 1 + i % 10, 'u' || (i * 7919 % 2000), ?1 + i * 315, ?1 + i * 315 + 3600 FROM n`,
		`INSERT INTO event_series(id, guild_id, space_id, repeat, organizer_id, created_at) VALUES (1, 'g', 1, '', 'a', 0)`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
			INSERT INTO events(id, guild_id, series_id, space_id, title, title_key, organizer_id, organizer_name, start_at, end_at)
			SELECT i, 'g', 1, 1 + i % 10, 'E', 'e', 'a', '', ?1 + i * 63000, ?1 + i * 63000 + 7200 FROM n`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
			INSERT INTO rsvps(event_id, guild_id, user_id, user_name, status, since, attended) SELECT 1 + i % 500, 'g', 'u' || (i * 31 % 2000), 'x', 'going', 0, 1 FROM n WHERE true
			ON CONFLICT DO NOTHING`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
			INSERT INTO register_entries(id, guild_id, name, name_key, user_id, created_at) SELECT i, 'g', 'P' || i, 'p' || i, CASE WHEN i % 10 = 0 THEN 'u' || i ELSE '' END, 0 FROM n`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
			INSERT INTO register_attendance(guild_id, entry_id, event_id, space_id, day, at, added_at)
			SELECT 'g', 1 + i % 300, 1 + i % 500, 1 + (1 + i % 500) % 10, 'd' || i, ?1 + (1 + i % 500) * 63000, 0 FROM n`,
	)
	// The digest's distinct visitors over the same year, for comparison.
	b.Run("distinct-visitors", func(b *testing.B) {
		for b.Loop() {
			_ = db.Read(ctx, func(tx *Tx) error {
				_, err := tx.DistinctVisitors(ctx, []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, start, start.AddDate(1, 0, 0))
				return err
			})
		}
	})
	for _, c := range []struct {
		name     string
		spaces   []int64
		from, to time.Time
	}{
		{"network-year", nil, start, start.AddDate(1, 0, 0)},
		{"space-month", []int64{3}, start.AddDate(0, 5, 0), start.AddDate(0, 6, 0)},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				err := db.Read(ctx, func(tx *Tx) error {
					_, err := tx.PeopleReached(ctx, "g", c.spaces, c.from, c.to)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
