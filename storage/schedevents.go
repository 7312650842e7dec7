package storage

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Discord scheduled events of occurrences. An occurrence's sched_outbox is
// the outbox item creating its Discord event; Discord allows a server a
// fixed number of scheduled or active events, shared with those its
// members create by hand, so the commands create them soonest first within
// what is left (commands/schedcap.go), and the bot counts the others.

// liveSchedule: the network's occurrences whose Discord event exists or is
// on its way (its creation queued or sent, not given up), not ended, not
// cancelled. ?1 is the network, ?2 now.
const liveSchedule = `FROM events e JOIN outbox o ON o.id = e.sched_outbox
	WHERE e.guild_id = ?1 AND e.sched_outbox != 0 AND o.failed_at IS NULL AND e.cancelled_at IS NULL AND e.end_at > ?2`

// LiveScheduledEvents counts the network's Discord events the bot holds now.
func (tx *Tx) LiveScheduledEvents(ctx context.Context, guildID string, now time.Time) (int, error) {
	var n int
	if err := tx.queryRow(ctx, `SELECT count(*) `+liveSchedule, guildID, now.Unix()).Scan(&n); err != nil {
		return 0, fmt.Errorf("live scheduled events of %s: %w", guildID, err)
	}
	return n, nil
}

// OurScheduledEventIDs returns the Discord ids of the network's live events
// created by the bot (those already delivered).
func (tx *Tx) OurScheduledEventIDs(ctx context.Context, guildID string, now time.Time) (map[string]bool, error) {
	rows, err := tx.query(ctx, `SELECT o.result_id `+liveSchedule+` AND o.sent_at IS NOT NULL`, guildID, now.Unix())
	if err != nil {
		return nil, fmt.Errorf("our scheduled events of %s: %w", guildID, err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var res string
		if err := rows.Scan(&res); err != nil {
			return nil, fmt.Errorf("our scheduled events of %s: %w", guildID, err)
		}
		if i := strings.LastIndexByte(res, '/'); i >= 0 { // "guildID/eventID"
			out[res[i+1:]] = true
		}
	}
	return out, rows.Err()
}

// EventsToSchedule lists up to limit of the network's occurrences starting
// in (now, horizon], not cancelled, without a Discord event: soonest first.
func (tx *Tx) EventsToSchedule(ctx context.Context, guildID string, now, horizon time.Time, limit int) ([]Event, error) {
	return tx.queryEvents(ctx, `WHERE e.guild_id = ? AND e.sched_outbox = 0 AND e.cancelled_at IS NULL AND e.start_at > ? AND e.start_at <= ?
		ORDER BY e.start_at, e.id LIMIT ?`, guildID, now.Unix(), horizon.Unix(), limit)
}

// SetEventSchedule records the outbox item creating an occurrence's Discord event.
func (tx *Tx) SetEventSchedule(ctx context.Context, id, sched int64) error {
	if _, err := tx.exec(ctx, `UPDATE events SET sched_outbox = ? WHERE id = ?`, sched, id); err != nil {
		return fmt.Errorf("event %d schedule: %w", id, err)
	}
	return nil
}

// SetEventPosts records the outbox items of an occurrence's announcements.
func (tx *Tx) SetEventPosts(ctx context.Context, id, postSpace, postNetwork int64) error {
	if _, err := tx.exec(ctx, `UPDATE events SET post_space = ?, post_network = ? WHERE id = ?`, postSpace, postNetwork, id); err != nil {
		return fmt.Errorf("event %d posts: %w", id, err)
	}
	return nil
}

// ReleaseScheduledEvent undoes the creation item outboxID after Discord
// refused it for lack of room: its occurrence has no Discord event again, and
// the next top-up may queue it anew (under the same dedup key).
func (tx *Tx) ReleaseScheduledEvent(ctx context.Context, outboxID int64) error {
	if _, err := tx.exec(ctx, `UPDATE events SET sched_outbox = 0 WHERE sched_outbox = ?`, outboxID); err != nil {
		return fmt.Errorf("release scheduled event %d: %w", outboxID, err)
	}
	if _, err := tx.exec(ctx, `UPDATE outbox SET dedup_key = NULL WHERE id = ?`, outboxID); err != nil {
		return fmt.Errorf("release scheduled event %d: %w", outboxID, err)
	}
	return nil
}

// PendingScheduleCreations lists the network's queued creations of
// scheduled events not delivered yet.
func (tx *Tx) PendingScheduleCreations(ctx context.Context, guildID string) ([]int64, error) {
	rows, err := tx.query(ctx, `SELECT id FROM outbox WHERE guild_id = ? AND kind = 'event_create' AND sent_at IS NULL AND failed_at IS NULL ORDER BY id`, guildID)
	if err != nil {
		return nil, fmt.Errorf("pending scheduled events of %s: %w", guildID, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("pending scheduled events of %s: %w", guildID, err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// OtherScheduledEvents is how many scheduled or active Discord events of the
// network the bot did not account for at the last count (made by hand, or
// left over): 0 if never counted.
func (tx *Tx) OtherScheduledEvents(ctx context.Context, guildID string) (int, error) {
	v, err := tx.Get(ctx, "sched_others:"+guildID)
	if err != nil || v == "" {
		return 0, err
	}
	n, _ := strconv.Atoi(v)
	return n, nil
}

// SetOtherScheduledEvents records that count.
func (tx *Tx) SetOtherScheduledEvents(ctx context.Context, guildID string, n int) error {
	return tx.Set(ctx, "sched_others:"+guildID, strconv.Itoa(n))
}
