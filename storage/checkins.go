package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Checkin is one visit of a member to a space.
type Checkin struct {
	ID        int64
	GuildID   string
	SpaceID   int64
	UserID    string
	Name      string // member's display name, when joined
	Note      string
	At        time.Time
	OutAt     time.Time // zero while still there
	OutReason string
}

// Check-out reasons.
const (
	OutManual  = "manual"
	OutMoved   = "moved"
	OutClosing = "closing"
	// OutCorrected: the member fixed the time of an automatic check-out.
	OutCorrected = "corrected"
)

// OpenCheckin returns the member's current check-in in the network, or ErrNotFound.
func (tx *Tx) OpenCheckin(ctx context.Context, guildID, userID string) (Checkin, error) {
	c := Checkin{GuildID: guildID, UserID: userID}
	var at int64
	err := tx.queryRow(ctx, `SELECT id, space_id, note, at FROM checkins WHERE guild_id = ? AND user_id = ? AND out_at IS NULL`,
		guildID, userID).Scan(&c.ID, &c.SpaceID, &c.Note, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	if err != nil {
		return c, fmt.Errorf("open check-in of %s: %w", userID, err)
	}
	c.At = time.Unix(at, 0)
	return c, nil
}

// CheckIn opens a check-in and remembers the space as the member's last one.
// The caller closes any open check-in first (the unique index enforces it).
func (tx *Tx) CheckIn(ctx context.Context, c Checkin) (Checkin, error) {
	c, err := tx.insertCheckin(ctx, c)
	if err != nil {
		return c, err
	}
	if _, err := tx.exec(ctx, `UPDATE members SET last_space_id = ?1, first_checkin_at = coalesce(first_checkin_at, ?4), first_checkin_space = coalesce(first_checkin_space, ?1)
		WHERE guild_id = ?2 AND user_id = ?3`, c.SpaceID, c.GuildID, c.UserID, c.At.Unix()); err != nil {
		return c, fmt.Errorf("check in %s: last space: %w", c.UserID, err)
	}
	return c, nil
}

// CheckInMember is TouchMember and CheckIn in two statements instead of
// four (the check-in's hot path): the visit first, then the member created
// or refreshed (name, locale, last seen) with their last space and first
// check-in. The visit's facts read the member as they were before it, as
// when they were touched first: a member not yet there has no first
// check-in and no home space, like one just created.
func (tx *Tx) CheckInMember(ctx context.Context, c Checkin, name, locale string) (Checkin, error) {
	c, err := tx.insertCheckin(ctx, c)
	if err != nil {
		return c, err
	}
	at := c.At.Unix()
	if _, err := tx.exec(ctx, `INSERT INTO members(guild_id, user_id, display_name, locale, first_seen, last_seen, last_space_id, first_checkin_at, first_checkin_space)
		VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?5, ?6)
		ON CONFLICT(guild_id, user_id) DO UPDATE SET display_name = excluded.display_name,
			locale = CASE WHEN excluded.locale = '' THEN locale ELSE excluded.locale END, last_seen = excluded.last_seen,
			last_space_id = excluded.last_space_id, first_checkin_at = coalesce(first_checkin_at, excluded.first_checkin_at),
			first_checkin_space = coalesce(first_checkin_space, excluded.first_checkin_space)`,
		c.GuildID, c.UserID, name, locale, at, c.SpaceID); err != nil {
		return c, fmt.Errorf("check in %s: member: %w", c.UserID, err)
	}
	return c, nil
}

// insertCheckin inserts the visit, with the digest's facts about it fixed
// now (see migration 0009): first in the network, and the member's home
// space at the time.
func (tx *Tx) insertCheckin(ctx context.Context, c Checkin) (Checkin, error) {
	res, err := tx.exec(ctx, `INSERT INTO checkins(guild_id, space_id, user_id, note, at, first_ever, home_space) VALUES (?1, ?2, ?3, ?4, ?5,
		NOT EXISTS (SELECT 1 FROM members WHERE guild_id = ?1 AND user_id = ?3 AND first_checkin_at IS NOT NULL),
		coalesce((SELECT home_space_id FROM member_profiles WHERE guild_id = ?1 AND user_id = ?3),
			(SELECT first_checkin_space FROM members WHERE guild_id = ?1 AND user_id = ?3), ?2))`,
		c.GuildID, c.SpaceID, c.UserID, c.Note, c.At.Unix())
	if err != nil {
		return c, fmt.Errorf("check in %s at space %d: %w", c.UserID, c.SpaceID, err)
	}
	c.ID, _ = res.LastInsertId()
	return c, nil
}

// CheckOut closes check-in id at the given time.
func (tx *Tx) CheckOut(ctx context.Context, id int64, at time.Time, reason string) error {
	_, err := tx.exec(ctx, `UPDATE checkins SET out_at = ?, out_reason = ? WHERE id = ? AND out_at IS NULL`, at.Unix(), reason, id)
	if err != nil {
		return fmt.Errorf("check out %d: %w", id, err)
	}
	return nil
}

// CheckinByID returns one check-in of a network, or ErrNotFound.
func (tx *Tx) CheckinByID(ctx context.Context, guildID string, id int64) (Checkin, error) {
	list, err := tx.queryCheckins(ctx, `SELECT c.id, c.guild_id, c.space_id, c.user_id, '', c.note, c.at, c.out_at, c.out_reason
		FROM checkins c WHERE c.guild_id = ? AND c.id = ?`, guildID, id)
	if err != nil {
		return Checkin{}, err
	}
	if len(list) == 0 {
		return Checkin{}, ErrNotFound
	}
	return list[0], nil
}

// CorrectCheckout moves an automatic check-out back to when the member says
// they left, which must lie within the visit. It reports whether it changed.
func (tx *Tx) CorrectCheckout(ctx context.Context, id int64, userID string, left time.Time) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE checkins SET out_at = ?1, out_reason = ?2
		WHERE id = ?3 AND user_id = ?4 AND out_reason = ?5 AND at < ?1 AND out_at >= ?1`,
		left.Unix(), OutCorrected, id, userID, OutClosing)
	if err != nil {
		return false, fmt.Errorf("correct check-out %d: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// Present lists who is checked in at a space, earliest first.
func (tx *Tx) Present(ctx context.Context, spaceID int64) ([]Checkin, error) {
	return tx.queryCheckins(ctx, `SELECT c.id, c.guild_id, c.space_id, c.user_id, coalesce(m.display_name, ''), c.note, c.at, c.out_at, c.out_reason
		FROM checkins c LEFT JOIN members m ON m.guild_id = c.guild_id AND m.user_id = c.user_id
		WHERE c.space_id = ? AND c.out_at IS NULL ORDER BY c.at, c.id`, spaceID)
}

// OpenCheckins lists every open check-in of every network (for the closing-time job).
func (tx *Tx) OpenCheckins(ctx context.Context) ([]Checkin, error) {
	return tx.queryCheckins(ctx, `SELECT c.id, c.guild_id, c.space_id, c.user_id, '', c.note, c.at, c.out_at, c.out_reason
		FROM checkins c WHERE c.out_at IS NULL ORDER BY c.id`)
}

// PresentCounts returns how many are checked in at each space of a guild.
func (tx *Tx) PresentCounts(ctx context.Context, guildID string) (map[int64]int, error) {
	rows, err := tx.query(ctx, `SELECT space_id, count(*) FROM checkins WHERE guild_id = ? AND out_at IS NULL GROUP BY space_id`, guildID)
	if err != nil {
		return nil, fmt.Errorf("present counts: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// CountPresent returns how many are checked in at a space.
func (tx *Tx) CountPresent(ctx context.Context, spaceID int64) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT count(*) FROM checkins WHERE space_id = ? AND out_at IS NULL`, spaceID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count present at %d: %w", spaceID, err)
	}
	return n, nil
}

// MemberCheckins lists a member's check-ins that started in [from, to).
func (tx *Tx) MemberCheckins(ctx context.Context, guildID, userID string, from, to time.Time) ([]Checkin, error) {
	return tx.queryCheckins(ctx, `SELECT c.id, c.guild_id, c.space_id, c.user_id, '', c.note, c.at, c.out_at, c.out_reason
		FROM checkins c WHERE c.guild_id = ? AND c.user_id = ? AND c.at >= ? AND c.at < ? ORDER BY c.at`,
		guildID, userID, from.Unix(), to.Unix())
}

func (tx *Tx) queryCheckins(ctx context.Context, q string, args ...any) ([]Checkin, error) {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("check-ins: %w", err)
	}
	defer rows.Close()
	var out []Checkin
	for rows.Next() {
		var c Checkin
		var at int64
		var outAt sql.NullInt64
		if err := rows.Scan(&c.ID, &c.GuildID, &c.SpaceID, &c.UserID, &c.Name, &c.Note, &at, &outAt, &c.OutReason); err != nil {
			return nil, fmt.Errorf("check-ins: %w", err)
		}
		c.At = time.Unix(at, 0)
		if outAt.Valid {
			c.OutAt = time.Unix(outAt.Int64, 0)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
