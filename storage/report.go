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
	rows, err := tx.query(ctx, `SELECT event_id, count(*) FROM register_attendance
		WHERE event_id IN (SELECT value FROM json_each(?)) GROUP BY event_id`, jsonIDs(eventIDs))
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
// one query per space, which a national network could not afford.
func (tx *Tx) PeopleReachedBySpace(ctx context.Context, guildID string, from, to time.Time) (map[int64]PeopleCounts, error) {
	rows, err := tx.query(ctx, activity+`SELECT space_id, count(DISTINCT person), count(DISTINCT CASE WHEN substr(person, 1, 2) <> 'm:' THEN person END)
		FROM act WHERE at >= ?2 AND at < ?3 GROUP BY space_id`, guildID, from.Unix(), to.Unix(), spacesArg(nil))
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
