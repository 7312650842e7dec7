package storage

import (
	"context"
	"fmt"
	"time"
)

// The activity report's own queries (the register's are in register_report.go).

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

// NamedWalkins counts, per event, the people recorded at it through the
// participant register (named walk-ins, erased entries included: they came).
// An event's walk-ins count (events.walkins) already includes them.
func (tx *Tx) NamedWalkins(ctx context.Context, eventIDs []int64) (map[int64]int, error) {
	out := map[int64]int{}
	if len(eventIDs) == 0 {
		return out, nil
	}
	// event_id <> 0 lets the partial index of presences at events answer
	// (without it a national year's presences were all read, then sorted).
	rows, err := tx.query(ctx, `SELECT event_id, count(*) FROM register_attendance
		WHERE event_id IN (SELECT value FROM json_each(?)) AND event_id <> 0 GROUP BY event_id`, jsonIDs(eventIDs))
	if err != nil {
		return nil, fmt.Errorf("named walk-ins: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("named walk-ins: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}

// PeopleReachedBySpace is PeopleReached for every space at once (People and
// NotOnDiscord; New is the network's notion, left zero): one pass instead of
// one query per space, which a national network could not afford. A shared
// event's people count at each co-organising space, as in PeopleReached.
func (tx *Tx) PeopleReachedBySpace(ctx context.Context, guildID string, from, to time.Time) (map[int64]PeopleCounts, error) {
	rows, err := tx.query(ctx, `WITH ev(id, space_id) AS (
		SELECT id, space_id FROM events WHERE guild_id = ?1 AND start_at >= ?2 AND start_at < ?3 AND cancelled_at IS NULL
		UNION SELECT h.event_id, h.space_id FROM event_hosts h JOIN events e ON e.id = h.event_id
			WHERE e.guild_id = ?1 AND e.start_at >= ?2 AND e.start_at < ?3 AND e.cancelled_at IS NULL AND h.space_id <> 0),
	reg(att, person) AS (SELECT a.id, CASE WHEN a.entry_id IS NULL THEN 'a:' || a.id WHEN re.user_id <> '' THEN 'm:' || re.user_id ELSE 'r:' || a.entry_id END
		FROM register_attendance a LEFT JOIN register_entries re ON re.id = a.entry_id WHERE a.guild_id = ?1 AND a.at >= ?2 AND a.at < ?3),
	act(person, space_id) AS (
		SELECT 'm:' || user_id, space_id FROM checkins WHERE guild_id = ?1 AND at >= ?2 AND at < ?3
		UNION SELECT 'm:' || r.user_id, ev.space_id FROM rsvps r JOIN ev ON ev.id = r.event_id WHERE r.attended = 1
		UNION SELECT reg.person, a.space_id FROM reg JOIN register_attendance a ON a.id = reg.att WHERE a.event_id = 0
		UNION SELECT reg.person, ev.space_id FROM reg JOIN register_attendance a ON a.id = reg.att JOIN ev ON ev.id = a.event_id)
	SELECT space_id, count(*), coalesce(sum(substr(person, 1, 2) <> 'm:'), 0) FROM act GROUP BY space_id`, guildID, from.Unix(), to.Unix())
	if err != nil {
		return nil, fmt.Errorf("people reached by space: %w", err)
	}
	defer rows.Close()
	out := map[int64]PeopleCounts{}
	for rows.Next() {
		var id int64
		var c PeopleCounts
		if err := rows.Scan(&id, &c.People, &c.NotOnDiscord); err != nil {
			return nil, fmt.Errorf("people reached by space: %w", err)
		}
		out[id] = c
	}
	return out, rows.Err()
}
