package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// DefaultRetentionMonths is how long check-in details name the member.
const DefaultRetentionMonths = 24

func retention(months int) int {
	if months <= 0 {
		return DefaultRetentionMonths
	}
	return months
}

// AnonPrefix starts the stand-in that replaces a member in old records. Each
// record gets its own, so old records cannot be linked to each other either.
const AnonPrefix = "anon-"

// AnonymizeBatch replaces the member, in at most limit records of each kind
// dated in [from, before) — finished check-ins, answers to events that ended,
// introductions — by a stand-in, and clears their notes. Counts stay right;
// who it was does not. It returns how many rows changed: call it again until 0.
func (tx *Tx) AnonymizeBatch(ctx context.Context, guildID string, from, before time.Time, limit int) (int64, error) {
	stmts := []string{
		`UPDATE checkins SET user_id = 'anon-' || lower(hex(randomblob(8))), note = ''
			WHERE id IN (SELECT id FROM checkins WHERE guild_id = ?1 AND at >= ?2 AND at < ?3 AND out_at IS NOT NULL AND user_id NOT LIKE 'anon-%' LIMIT ?4)`,
		`UPDATE rsvps SET user_id = 'anon-' || lower(hex(randomblob(8))), user_name = '—'
			WHERE rowid IN (SELECT r.rowid FROM events e JOIN rsvps r ON r.event_id = e.id
				WHERE e.guild_id = ?1 AND e.end_at >= ?2 AND e.end_at < ?3 AND r.user_id NOT LIKE 'anon-%' LIMIT ?4)`,
		`UPDATE intros SET asker_id = 'anon-' || lower(hex(randomblob(8))), offerer_id = 'anon-' || lower(hex(randomblob(8))), note = ''
			WHERE id IN (SELECT id FROM intros WHERE guild_id = ?1 AND created_at >= ?2 AND created_at < ?3 AND asker_id NOT LIKE 'anon-%' LIMIT ?4)`,
	}
	var total int64
	for _, q := range stmts {
		res, err := tx.exec(ctx, q, guildID, from.Unix(), before.Unix(), limit)
		if err != nil {
			return total, fmt.Errorf("anonymize %s: %w", guildID, err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}

// PruneSentDMs deletes private messages delivered (or given up) before t:
// their text is personal and nothing needs it once sent.
func (tx *Tx) PruneSentDMs(ctx context.Context, before time.Time) (int64, error) {
	res, err := tx.exec(ctx, `DELETE FROM outbox WHERE kind = 'dm' AND coalesce(sent_at, failed_at) < ?`, before.Unix())
	if err != nil {
		return 0, fmt.Errorf("prune sent DMs: %w", err)
	}
	return res.RowsAffected()
}

// CalendarFeed is a public iCalendar link to a space's events (SpaceID > 0)
// or the whole network's (SpaceID = 0).
type CalendarFeed struct {
	Token     string
	GuildID   string
	SpaceID   int64
	CreatedBy string
	Created   time.Time
}

const feedColumns = `token, guild_id, space_id, created_by, created_at`

func scanFeed(row interface{ Scan(...any) error }) (CalendarFeed, bool, error) {
	var f CalendarFeed
	var at int64
	err := row.Scan(&f.Token, &f.GuildID, &f.SpaceID, &f.CreatedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return f, false, nil
	}
	if err != nil {
		return f, false, fmt.Errorf("calendar feed: %w", err)
	}
	f.Created = time.Unix(at, 0)
	return f, true, nil
}

// CalendarFeedFor returns the feed of a space (0: the network), if opened.
func (tx *Tx) CalendarFeedFor(ctx context.Context, guildID string, spaceID int64) (CalendarFeed, bool, error) {
	return scanFeed(tx.queryRow(ctx, `SELECT `+feedColumns+` FROM calendar_feeds WHERE guild_id = ? AND space_id = ?`, guildID, spaceID))
}

// CalendarFeedByToken finds the feed a public link points to.
func (tx *Tx) CalendarFeedByToken(ctx context.Context, token string) (CalendarFeed, bool, error) {
	return scanFeed(tx.queryRow(ctx, `SELECT `+feedColumns+` FROM calendar_feeds WHERE token = ?`, token))
}

// CalendarFeeds lists a network's open feeds, the network's first.
func (tx *Tx) CalendarFeeds(ctx context.Context, guildID string) ([]CalendarFeed, error) {
	rows, err := tx.query(ctx, `SELECT `+feedColumns+` FROM calendar_feeds WHERE guild_id = ? ORDER BY space_id`, guildID)
	if err != nil {
		return nil, fmt.Errorf("calendar feeds: %w", err)
	}
	defer rows.Close()
	var out []CalendarFeed
	for rows.Next() {
		f, _, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// AddCalendarFeed opens a feed; a space has at most one.
func (tx *Tx) AddCalendarFeed(ctx context.Context, f CalendarFeed) error {
	_, err := tx.exec(ctx, `INSERT INTO calendar_feeds(`+feedColumns+`) VALUES (?, ?, ?, ?, ?)`,
		f.Token, f.GuildID, f.SpaceID, f.CreatedBy, f.Created.Unix())
	if err != nil {
		return fmt.Errorf("add calendar feed: %w", err)
	}
	return nil
}

// RevokeCalendarFeed closes a feed; its link stops working at once.
func (tx *Tx) RevokeCalendarFeed(ctx context.Context, guildID string, spaceID int64) (bool, error) {
	res, err := tx.exec(ctx, `DELETE FROM calendar_feeds WHERE guild_id = ? AND space_id = ?`, guildID, spaceID)
	if err != nil {
		return false, fmt.Errorf("revoke calendar feed: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}
