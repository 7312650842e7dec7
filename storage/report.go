package storage

import (
	"context"
	"fmt"
	"time"
)

// The activity report's queries: figures over any period (a month, a
// funder's convention dates), where the weekly digest's are over a week.

// PeopleReached counts the identified people of a period: those who checked
// in at one of the spaces in [from, to), and those recorded present at an
// event of the network that started in [from, to) and was not cancelled.
// Anonymised records (retention) name nobody and are left out.
func (tx *Tx) PeopleReached(ctx context.Context, guildID string, spaces []int64, from, to time.Time) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT count(*) FROM (
		SELECT user_id FROM checkins WHERE space_id IN (SELECT value FROM json_each(?1)) AND at >= ?3 AND at < ?4 AND user_id <> ''
		UNION
		SELECT r.user_id FROM rsvps r JOIN events e ON e.id = r.event_id
		WHERE e.guild_id = ?2 AND e.start_at >= ?3 AND e.start_at < ?4 AND e.cancelled_at IS NULL AND r.attended = 1 AND r.user_id <> '')`,
		jsonIDs(spaces), guildID, from.Unix(), to.Unix()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("people reached: %w", err)
	}
	return n, nil
}

// IntrosAccepted counts the introductions accepted in [from, to), and how
// many of those led to a meeting (either side said they met).
func (tx *Tx) IntrosAccepted(ctx context.Context, guildID string, from, to time.Time) (accepted, met int, err error) {
	err = tx.queryRow(ctx, `SELECT count(*), coalesce(sum(met_asker = 1 OR met_offerer = 1), 0) FROM intros
		WHERE guild_id = ? AND status = 'accepted' AND answered_at >= ? AND answered_at < ?`, guildID, from.Unix(), to.Unix()).Scan(&accepted, &met)
	if err != nil {
		return 0, 0, fmt.Errorf("intros accepted: %w", err)
	}
	return accepted, met, nil
}
