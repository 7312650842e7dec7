package storage

import (
	"context"
	"fmt"
	"time"
)

// VisitRow is one check-in with what the digest needs to know about it.
type VisitRow struct {
	SpaceID   int64
	UserID    string
	At, OutAt time.Time // OutAt zero while still there
	FirstEver bool      // the member's first check-in in the network
	Home      int64     // the member's home space: their profile's, else where they first checked in
}

// Visits lists a guild's check-ins that started in [from, to).
func (tx *Tx) Visits(ctx context.Context, guildID string, from, to time.Time) ([]VisitRow, error) {
	// The member's first check-in is kept on the member; only records whose
	// member is gone (forgotten) search their check-ins.
	rows, err := tx.query(ctx, `SELECT c.space_id, c.user_id, c.at, coalesce(c.out_at, 0),
		CASE WHEN c.user_id LIKE 'anon-%' THEN 0
			WHEN m.user_id IS NOT NULL THEN c.at = m.first_checkin_at AND c.space_id = m.first_checkin_space
			ELSE c.id = (SELECT f.id FROM checkins f WHERE f.guild_id = c.guild_id AND f.user_id = c.user_id ORDER BY f.at, f.id LIMIT 1) END,
		coalesce(p.home_space_id, CASE WHEN m.user_id IS NOT NULL THEN m.first_checkin_space
			ELSE (SELECT f.space_id FROM checkins f WHERE f.guild_id = c.guild_id AND f.user_id = c.user_id ORDER BY f.at, f.id LIMIT 1) END, 0)
		FROM checkins c
		LEFT JOIN members m ON m.guild_id = c.guild_id AND m.user_id = c.user_id
		LEFT JOIN member_profiles p ON p.guild_id = c.guild_id AND p.user_id = c.user_id
		WHERE c.guild_id = ? AND c.at >= ? AND c.at < ? ORDER BY c.at`, guildID, from.Unix(), to.Unix())
	if err != nil {
		return nil, fmt.Errorf("visits: %w", err)
	}
	defer rows.Close()
	var out []VisitRow
	for rows.Next() {
		var v VisitRow
		var at, outAt int64
		if err := rows.Scan(&v.SpaceID, &v.UserID, &at, &outAt, &v.FirstEver, &v.Home); err != nil {
			return nil, err
		}
		v.At = time.Unix(at, 0)
		if outAt != 0 {
			v.OutAt = time.Unix(outAt, 0)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// DigestPosted reports whether a network's digest for a week was posted.
func (tx *Tx) DigestPosted(ctx context.Context, guildID, week string) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT count(*) FROM digests WHERE guild_id = ? AND week_start = ?`, guildID, week).Scan(&n)
	return n > 0, err
}

// RecordDigest records a posted digest; false if it was already recorded.
func (tx *Tx) RecordDigest(ctx context.Context, guildID, week string, at time.Time, late bool) (bool, error) {
	res, err := tx.exec(ctx, `INSERT INTO digests(guild_id, week_start, posted_at, late) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		guildID, week, at.Unix(), late)
	if err != nil {
		return false, fmt.Errorf("record digest: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// LastDigest returns when a network's last digest was posted (zero if never).
func (tx *Tx) LastDigest(ctx context.Context, guildID string) (time.Time, error) {
	var at int64
	err := tx.queryRow(ctx, `SELECT coalesce(max(posted_at), 0) FROM digests WHERE guild_id = ?`, guildID).Scan(&at)
	if at == 0 {
		return time.Time{}, err
	}
	return time.Unix(at, 0), err
}

// GuildsWithDigest lists networks with a digest channel.
func (tx *Tx) GuildsWithDigest(ctx context.Context) ([]Guild, error) {
	rows, err := tx.query(ctx, `SELECT guild_id FROM guilds WHERE digest_channel <> '' ORDER BY guild_id`)
	if err != nil {
		return nil, fmt.Errorf("digest guilds: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	var out []Guild
	for _, id := range ids {
		g, err := tx.Guild(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}
