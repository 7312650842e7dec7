package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrDuplicate is returned when a unique name is already taken.
var ErrDuplicate = errors.New("already exists")

// Space is one tiers-lieu of a network.
type Space struct {
	ID           int64
	GuildID      string
	Name         string
	Key          string // folded name, unique per guild
	Town         string
	ChannelID    string
	AnimatorRole string
	Timezone     string
	Capacity     int // 0 = no limit
	// Hours are the closing times per weekday as commands/hours encodes
	// them; "" = not set (see migration 0013).
	Hours            string
	AnnounceArrivals bool
	WeeklySummary    bool // its channel gets its own short weekly summary
}

const spaceCols = `id, guild_id, name, name_key, town, channel_id, animator_role, timezone, capacity, hours, announce_arrivals, weekly_summary`

func scanSpace(sc interface{ Scan(...any) error }) (Space, error) {
	var s Space
	err := sc.Scan(&s.ID, &s.GuildID, &s.Name, &s.Key, &s.Town, &s.ChannelID, &s.AnimatorRole, &s.Timezone, &s.Capacity, &s.Hours, &s.AnnounceArrivals, &s.WeeklySummary)
	return s, err
}

// AddSpace creates a space; ErrDuplicate if the folded name is taken in the guild.
func (tx *Tx) AddSpace(ctx context.Context, s Space, now time.Time) (Space, error) {
	res, err := tx.exec(ctx, `INSERT INTO spaces(guild_id, name, name_key, town, channel_id, animator_role, timezone, capacity, hours, announce_arrivals, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(guild_id, name_key) DO NOTHING`,
		s.GuildID, s.Name, s.Key, s.Town, s.ChannelID, s.AnimatorRole, s.Timezone, s.Capacity, s.Hours, s.AnnounceArrivals, now.Unix())
	if err != nil {
		return s, fmt.Errorf("add space %q: %w", s.Name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return s, ErrDuplicate
	}
	s.ID, _ = res.LastInsertId()
	return s, nil
}

// UpdateSpace saves every field of s; ErrDuplicate if the new name is taken.
func (tx *Tx) UpdateSpace(ctx context.Context, s Space) error {
	var other int64
	err := tx.queryRow(ctx, `SELECT id FROM spaces WHERE guild_id = ? AND name_key = ? AND id <> ?`, s.GuildID, s.Key, s.ID).Scan(&other)
	if err == nil {
		return ErrDuplicate
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("update space %d: %w", s.ID, err)
	}
	_, err = tx.exec(ctx, `UPDATE spaces SET name = ?, name_key = ?, town = ?, channel_id = ?, animator_role = ?, timezone = ?,
		capacity = ?, hours = ?, announce_arrivals = ?, weekly_summary = ? WHERE id = ? AND guild_id = ?`,
		s.Name, s.Key, s.Town, s.ChannelID, s.AnimatorRole, s.Timezone, s.Capacity, s.Hours, s.AnnounceArrivals, s.WeeklySummary, s.ID, s.GuildID)
	if err != nil {
		return fmt.Errorf("update space %d: %w", s.ID, err)
	}
	return nil
}

// Space returns a space of the guild by id, or ErrNotFound (also when it
// belongs to another guild: ids from users are never trusted).
func (tx *Tx) Space(ctx context.Context, guildID string, id int64) (Space, error) {
	s, err := scanSpace(tx.queryRow(ctx, `SELECT `+spaceCols+` FROM spaces WHERE guild_id = ? AND id = ?`, guildID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return s, ErrNotFound
	}
	if err != nil {
		return s, fmt.Errorf("space %d: %w", id, err)
	}
	return s, nil
}

// SpaceByChannel returns the space linked to a channel, or ErrNotFound.
func (tx *Tx) SpaceByChannel(ctx context.Context, guildID, channelID string) (Space, error) {
	if channelID == "" {
		return Space{}, ErrNotFound
	}
	s, err := scanSpace(tx.queryRow(ctx, `SELECT `+spaceCols+` FROM spaces WHERE guild_id = ? AND channel_id = ? ORDER BY id LIMIT 1`, guildID, channelID))
	if errors.Is(err, sql.ErrNoRows) {
		return s, ErrNotFound
	}
	if err != nil {
		return s, fmt.Errorf("space of channel %s: %w", channelID, err)
	}
	return s, nil
}

// Spaces lists the guild's spaces by name (in read transactions, from the
// list kept against space_versions).
func (tx *Tx) Spaces(ctx context.Context, guildID string) ([]Space, error) {
	return cachedList(ctx, tx, tx.spaceCache(), "space_versions", guildID, func() ([]Space, error) { return tx.querySpaces(ctx, guildID) })
}

// SpacesByID are the guild's spaces of ids, by id, read from the kept list
// without copying it (a national /event list asked each of its spaces in
// turn, a skill find copied all 3,500); an id that is not one of the
// guild's spaces is left out.
func (tx *Tx) SpacesByID(ctx context.Context, guildID string, ids []int64) (map[int64]Space, error) {
	out := make(map[int64]Space, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	all, err := sharedList(ctx, tx, tx.spaceCache(), "space_versions", guildID, func() ([]Space, error) { return tx.querySpaces(ctx, guildID) })
	if err != nil {
		return nil, err
	}
	want := make(map[int64]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	for _, s := range all {
		if want[s.ID] {
			out[s.ID] = s
		}
	}
	return out, nil
}

func (tx *Tx) spaceCache() *listCache[Space] {
	if tx.caches == nil {
		return nil
	}
	return tx.caches.spaces
}

func (tx *Tx) querySpaces(ctx context.Context, guildID string) ([]Space, error) {
	rows, err := tx.query(ctx, `SELECT `+spaceCols+` FROM spaces WHERE guild_id = ? ORDER BY name_key`, guildID)
	if err != nil {
		return nil, fmt.Errorf("spaces: %w", err)
	}
	defer rows.Close()
	var out []Space
	for rows.Next() {
		s, err := scanSpace(rows)
		if err != nil {
			return nil, fmt.Errorf("spaces: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SearchSpaces returns up to limit spaces whose folded name or town contains
// key (already folded), names starting with it first, then by name. It
// searches the space list in memory, matching as SQLite's LIKE did (ASCII
// letters in any case; other characters as they are).
func (tx *Tx) SearchSpaces(ctx context.Context, guildID, key string, limit int) ([]Space, error) {
	all, err := sharedList(ctx, tx, tx.spaceCache(), "space_versions", guildID, func() ([]Space, error) { return tx.querySpaces(ctx, guildID) })
	if err != nil {
		return nil, fmt.Errorf("search spaces: %w", err)
	}
	key = asciiLower(key)
	var prefix, inside []Space
	for _, s := range all {
		name := asciiLower(s.Key)
		switch {
		case strings.HasPrefix(name, key):
			prefix = append(prefix, s)
		case strings.Contains(name, key) || strings.Contains(asciiLower(s.Town), key):
			inside = append(inside, s)
		}
		if len(prefix) >= limit {
			break // the list is by name: later prefixes sort after these
		}
	}
	// Copies: all is shared with other readers.
	out := append(prefix, inside...)
	return out[:min(len(out), max(limit, 0))], nil
}

// asciiLower lowers ASCII letters only, as SQLite's LIKE compares.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// AnimatesAny reports whether one of roles is the animator role of a space
// of the guild (one indexed probe per role, not the whole space list: a
// national network has thousands of spaces).
func (tx *Tx) AnimatesAny(ctx context.Context, guildID string, roles []string) (bool, error) {
	for _, role := range roles {
		if role == "" {
			continue
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM spaces WHERE guild_id = ? AND animator_role = ? LIMIT 1)`, guildID, role).Scan(&n); err != nil {
			return false, fmt.Errorf("animates any: %w", err)
		}
		if n > 0 {
			return true, nil
		}
	}
	return false, nil
}
