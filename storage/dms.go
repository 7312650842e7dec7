package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ClosedDMsFor is how long no DM is attempted to a member whose DMs refused
// the bot, unless they use the bot again meanwhile (see closed_dms).
const ClosedDMsFor = 7 * 24 * time.Hour

// RememberClosedDMs records that a DM to userID was refused now.
func (tx *Tx) RememberClosedDMs(ctx context.Context, userID string, now time.Time) error {
	_, err := tx.exec(ctx, `INSERT INTO closed_dms(user_id, refused_at, retry_at) VALUES (?, ?, ?)
		ON CONFLICT(user_id) DO UPDATE SET refused_at = excluded.refused_at, retry_at = excluded.retry_at`,
		userID, now.Unix(), now.Add(ClosedDMsFor).Unix())
	if err != nil {
		return fmt.Errorf("remember closed DMs of %s: %w", userID, err)
	}
	return nil
}

// DMsClosed reports whether a DM to userID must not be attempted now: their
// DMs refused the bot at since, less than ClosedDMsFor ago (until retry),
// and they have not used the bot in any network since.
func (tx *Tx) DMsClosed(ctx context.Context, userID string, now time.Time) (closed bool, since, retry time.Time, err error) {
	var refused, retryAt int64
	var seen sql.NullInt64
	err = tx.queryRow(ctx, `SELECT c.refused_at, c.retry_at, (SELECT max(m.last_seen) FROM members m WHERE m.user_id = c.user_id)
		FROM closed_dms c WHERE c.user_id = ?`, userID).Scan(&refused, &retryAt, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return false, time.Time{}, time.Time{}, nil
	}
	if err != nil {
		return false, time.Time{}, time.Time{}, fmt.Errorf("closed DMs of %s: %w", userID, err)
	}
	back := seen.Valid && seen.Int64 > refused
	return now.Unix() < retryAt && !back, time.Unix(refused, 0), time.Unix(retryAt, 0), nil
}

// PruneClosedDMs forgets refusals whose waiting time is over: the next DM
// is attempted anyway, and the record says something about a person.
func (tx *Tx) PruneClosedDMs(ctx context.Context, now time.Time) (int64, error) {
	res, err := tx.exec(ctx, `DELETE FROM closed_dms WHERE retry_at <= ?`, now.Unix())
	if err != nil {
		return 0, fmt.Errorf("prune closed DMs: %w", err)
	}
	return res.RowsAffected()
}
