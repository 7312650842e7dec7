package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// OutboxItem is one message the bot will post on its own.
type OutboxItem struct {
	ID            int64
	GuildID       string
	Kind          string
	Target        string
	Payload       []byte
	DedupKey      string
	CreatedAt     time.Time
	NextAttemptAt time.Time
	Attempts      int
	LastError     string
	ResultID      string
	// Names lists the members the message names (their name, note or
	// mention), besides the recipient of a DM: forgetting one of them drops
	// the message if pending, deletes it from Discord if posted.
	Names []string
	// Notice is the member a FailNotice in the payload would warn.
	Notice string
}

// ForgottenPrefix starts the stand-in that replaces a forgotten member.
const ForgottenPrefix = "forgotten-"

// IsStandIn reports whether id is not a person the bot may write to: empty,
// or a stand-in for a forgotten member or an anonymized record.
func IsStandIn(id string) bool {
	return id == "" || strings.HasPrefix(id, ForgottenPrefix) || strings.HasPrefix(id, AnonPrefix)
}

// Enqueue adds an item to the outbox, to be delivered from now on. An item
// with a DedupKey already queued is not queued again (returns its id, false).
// A DM to a stand-in (a forgotten member, an anonymized record, nobody) is
// never queued: it returns 0, false and no error. This is the one place that
// guards every message the bot sends on its own.
func (tx *Tx) Enqueue(ctx context.Context, it OutboxItem, now time.Time) (int64, bool, error) {
	if it.Kind == "dm" && IsStandIn(it.Target) {
		return 0, false, nil
	}
	if it.NextAttemptAt.IsZero() {
		it.NextAttemptAt = now
	}
	res, err := tx.exec(ctx, `INSERT INTO outbox(guild_id, kind, target, payload, dedup_key, created_at, next_attempt_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(dedup_key) DO NOTHING`,
		it.GuildID, it.Kind, it.Target, string(it.Payload), nullStr(it.DedupKey), now.Unix(), it.NextAttemptAt.Unix())
	if err != nil {
		return 0, false, fmt.Errorf("enqueue %s to %s: %w", it.Kind, it.Target, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		var id int64
		err := tx.queryRow(ctx, `SELECT id FROM outbox WHERE dedup_key = ?`, it.DedupKey).Scan(&id)
		return id, false, err
	}
	id, _ := res.LastInsertId()
	if err := tx.tagOutbox(ctx, it, id); err != nil {
		return 0, false, err
	}
	tx.enqueued = true
	return id, true, nil
}

// tagOutbox records who a new item is about (see outbox_about).
func (tx *Tx) tagOutbox(ctx context.Context, it OutboxItem, id int64) error {
	tag := func(user, how string) error {
		if IsStandIn(user) {
			return nil
		}
		_, err := tx.exec(ctx, `INSERT INTO outbox_about(guild_id, user_id, outbox_id, how) VALUES (?, ?, ?, ?)
			ON CONFLICT DO UPDATE SET how = CASE WHEN how = 'to' THEN how ELSE excluded.how END`, it.GuildID, user, id, how)
		if err != nil {
			return fmt.Errorf("outbox %d about %s: %w", id, user, err)
		}
		return nil
	}
	if it.Kind == "dm" {
		if err := tag(it.Target, "to"); err != nil {
			return err
		}
	}
	if it.Notice != "" {
		if err := tag(it.Notice, "notice"); err != nil {
			return err
		}
	}
	for _, u := range it.Names {
		if err := tag(u, "names"); err != nil {
			return err
		}
	}
	return nil
}

// EnqueueLatest queues it as the latest state of something that only its
// latest state matters for (an announcement's counts): a still pending item
// with the same DedupKey is replaced, so repeated changes leave one pending
// item, not one each. The replacement is a new row at the end of its target's
// queue: per-target order holds, and a delivery of the old payload already in
// flight cannot mark the new one sent (it marks a row that is gone). It keeps
// the old row's attempts and next attempt time, so a backoff still applies.
// Delivered or failed items with the key keep their row and lose the key.
func (tx *Tx) EnqueueLatest(ctx context.Context, it OutboxItem, now time.Time) (int64, error) {
	if it.DedupKey == "" {
		return 0, fmt.Errorf("enqueue latest %s to %s: no dedup key", it.Kind, it.Target)
	}
	if it.NextAttemptAt.IsZero() {
		it.NextAttemptAt = now
	}
	// Inserted before the old row goes: SQLite would give a freed highest id
	// again, and a delivery in flight of the old row would mark this one sent.
	res, err := tx.exec(ctx, `INSERT INTO outbox(guild_id, kind, target, payload, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)`,
		it.GuildID, it.Kind, it.Target, string(it.Payload), now.Unix(), it.NextAttemptAt.Unix())
	if err != nil {
		return 0, fmt.Errorf("enqueue latest %s to %s: %w", it.Kind, it.Target, err)
	}
	id, _ := res.LastInsertId()
	if err := tx.tagOutbox(ctx, it, id); err != nil {
		return 0, err
	}
	var attempts int
	var next int64
	err = tx.queryRow(ctx, `DELETE FROM outbox WHERE dedup_key = ? AND sent_at IS NULL AND failed_at IS NULL RETURNING attempts, next_attempt_at`,
		it.DedupKey).Scan(&attempts, &next)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("enqueue latest %s to %s: %w", it.Kind, it.Target, err)
	}
	if _, err := tx.exec(ctx, `UPDATE outbox SET dedup_key = NULL WHERE dedup_key = ?`, it.DedupKey); err != nil {
		return 0, fmt.Errorf("enqueue latest %s to %s: %w", it.Kind, it.Target, err)
	}
	if _, err := tx.exec(ctx, `UPDATE outbox SET dedup_key = ?, attempts = ?, next_attempt_at = max(next_attempt_at, ?) WHERE id = ?`,
		it.DedupKey, attempts, next, id); err != nil {
		return 0, fmt.Errorf("enqueue latest %s to %s: %w", it.Kind, it.Target, err)
	}
	tx.enqueued = true
	return id, nil
}

// DueOutbox returns up to limit undelivered items due at now, oldest first,
// keeping each target's items in order.
func (tx *Tx) DueOutbox(ctx context.Context, now time.Time, limit int) ([]OutboxItem, error) {
	rows, err := tx.query(ctx, `SELECT id, guild_id, kind, target, payload, coalesce(dedup_key, ''), created_at, next_attempt_at, attempts, last_error
		FROM outbox o WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?
		-- first in, first out per target: an item waits while an older one to the same place is pending
		AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.target = o.target AND p.id < o.id AND p.sent_at IS NULL AND p.failed_at IS NULL)
		ORDER BY id LIMIT ?`, now.Unix(), limit)
	if err != nil {
		return nil, fmt.Errorf("due outbox: %w", err)
	}
	return scanOutbox(rows)
}

func scanOutbox(rows *sql.Rows) ([]OutboxItem, error) {
	defer rows.Close()
	var out []OutboxItem
	for rows.Next() {
		var it OutboxItem
		var payload string
		var created, next int64
		if err := rows.Scan(&it.ID, &it.GuildID, &it.Kind, &it.Target, &payload, &it.DedupKey, &created, &next, &it.Attempts, &it.LastError); err != nil {
			return nil, fmt.Errorf("outbox: %w", err)
		}
		it.Payload = []byte(payload)
		it.CreatedAt, it.NextAttemptAt = time.Unix(created, 0), time.Unix(next, 0)
		out = append(out, it)
	}
	return out, rows.Err()
}

// NextOutboxAt returns when the next pending item is due (zero if none).
func (tx *Tx) NextOutboxAt(ctx context.Context) (time.Time, error) {
	var next sql.NullInt64
	err := tx.queryRow(ctx, `SELECT min(next_attempt_at) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL`).Scan(&next)
	if err != nil || !next.Valid {
		return time.Time{}, err
	}
	return time.Unix(next.Int64, 0), nil
}

// OutboxStats reports how many items wait and since when the oldest waits.
func (tx *Tx) OutboxStats(ctx context.Context) (pending int, oldest time.Time, err error) {
	var old sql.NullInt64
	err = tx.queryRow(ctx, `SELECT count(*), min(created_at) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL`).Scan(&pending, &old)
	if old.Valid {
		oldest = time.Unix(old.Int64, 0)
	}
	return pending, oldest, err
}

// MarkSent records a delivery and what it produced (the message id).
func (tx *Tx) MarkSent(ctx context.Context, id int64, resultID string, now time.Time) error {
	_, err := tx.exec(ctx, `UPDATE outbox SET sent_at = ?, result_id = ?, attempts = attempts + 1, last_error = '' WHERE id = ?`, now.Unix(), resultID, id)
	if err != nil {
		return fmt.Errorf("outbox %d sent: %w", id, err)
	}
	return nil
}

// MarkRetry records a failed attempt and when to try again.
func (tx *Tx) MarkRetry(ctx context.Context, id int64, errText string, next time.Time) error {
	_, err := tx.exec(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`, errText, next.Unix(), id)
	if err != nil {
		return fmt.Errorf("outbox %d retry: %w", id, err)
	}
	return nil
}

// MarkFailed gives up on an item (a definite refusal such as a deleted channel).
func (tx *Tx) MarkFailed(ctx context.Context, id int64, errText string, now time.Time) error {
	_, err := tx.exec(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = ?, failed_at = ? WHERE id = ?`, errText, now.Unix(), id)
	if err != nil {
		return fmt.Errorf("outbox %d failed: %w", id, err)
	}
	return nil
}

// OutboxResult returns the result id of a delivered item: "" and false while
// it is not delivered yet, ErrNotFound if no such item.
func (tx *Tx) OutboxResult(ctx context.Context, id int64) (string, bool, error) {
	var res string
	var sent, failed sql.NullInt64
	err := tx.queryRow(ctx, `SELECT result_id, sent_at, failed_at FROM outbox WHERE id = ?`, id).Scan(&res, &sent, &failed)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, ErrNotFound
	}
	if err != nil {
		return "", false, fmt.Errorf("outbox %d: %w", id, err)
	}
	return res, sent.Valid, nil
}

// OutboxItemByID returns one item (for tests and tools).
func (tx *Tx) OutboxItemByID(ctx context.Context, id int64) (OutboxItem, bool, error) {
	var it OutboxItem
	var payload string
	var sent sql.NullInt64
	err := tx.queryRow(ctx, `SELECT id, guild_id, kind, target, payload, attempts, last_error, result_id, sent_at FROM outbox WHERE id = ?`, id).
		Scan(&it.ID, &it.GuildID, &it.Kind, &it.Target, &payload, &it.Attempts, &it.LastError, &it.ResultID, &sent)
	if errors.Is(err, sql.ErrNoRows) {
		return it, false, ErrNotFound
	}
	it.Payload = []byte(payload)
	return it, sent.Valid, err
}

// PendingOutbox lists every undelivered item in queue order, due or not (tools and tests).
func (tx *Tx) PendingOutbox(ctx context.Context, limit int) ([]OutboxItem, error) {
	rows, err := tx.query(ctx, `SELECT id, guild_id, kind, target, payload, coalesce(dedup_key, ''), created_at, next_attempt_at, attempts, last_error
		FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL ORDER BY id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("pending outbox: %w", err)
	}
	return scanOutbox(rows)
}
