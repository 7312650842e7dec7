package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Figures of the register and of event types and shared events, for the
// activity report. These signatures are stable (h-report builds on them):
//
//	PeopleReached(ctx, guildID string, spaces []int64, from, to time.Time) (PeopleCounts, error)
//	    distinct people active in [from, to) — members (check-ins, confirmed
//	    attendance) and register entries, a linked entry counted once with its
//	    member — how many were new to the network, how many are not on Discord.
//	    spaces nil: the whole network; else activity at those spaces (a shared
//	    event's attendance counts at each co-organising space).
//	RegisterFieldCounts(ctx, guildID string, spaces []int64, from, to time.Time) ([]FieldCount, error)
//	    per register field and answer, the register entries active in the
//	    period that gave it; Value "" counts those who did not answer. Never
//	    per person.
//	EventsHeldBreakdown(ctx, guildID string, from, to, now time.Time) (HeldEvents, error)
//	    events that started in [from, min(to, now)) and were not cancelled:
//	    total (each once), shared, per type key ("" = not set), per space (a
//	    shared event once for each co-organising space), per animator
//	    (organiser and co-animators, once per event).
//	EventRegisterAttendees(ctx, eventID int64) ([]RegisterEntry, error)
//	    named walk-ins of an event (sign-in sheet); RegisterNames(ctx, guildID,
//	    userIDs) gives members' full names from their linked entries.

// PeopleCounts are the people reached over a period.
type PeopleCounts struct {
	People       int // distinct people, members and register entries
	New          int // whose first activity in the network is in the period
	NotOnDiscord int // register entries not linked to a member
}

// reached lists the people active in [?2, ?3) at the spaces ?4 ('all' or a
// JSON list) of network ?1, as inp(person). A person is 'm:' + member id (a
// linked register entry is its member), 'r:' + entry id, or 'a:' + presence
// id once retention cut the link. Each source is read through its index on
// the period (check-ins by space and time, events by start, presences by
// time), never the network's whole history.
const reached = `WITH sp(id) AS (SELECT id FROM spaces WHERE guild_id = ?1 AND (?4 = 'all' OR id IN (SELECT value FROM json_each(?4)))),
ev(id) AS (SELECT e.id FROM events e WHERE e.guild_id = ?1 AND e.start_at >= ?2 AND e.start_at < ?3 AND e.cancelled_at IS NULL
	AND (e.space_id IN sp OR EXISTS (SELECT 1 FROM event_hosts h WHERE h.event_id = e.id AND h.space_id IN sp))),
inp(person) AS (
	SELECT 'm:' || user_id FROM (SELECT DISTINCT user_id FROM checkins WHERE space_id IN sp AND at >= ?2 AND at < ?3 AND guild_id = ?1)
	UNION SELECT 'm:' || user_id FROM rsvps WHERE event_id IN ev AND attended = 1
	UNION SELECT CASE WHEN a.entry_id IS NULL THEN 'a:' || a.id WHEN re.user_id <> '' THEN 'm:' || re.user_id ELSE 'r:' || a.entry_id END
		FROM register_attendance a LEFT JOIN register_entries re ON re.id = a.entry_id
		WHERE a.guild_id = ?1 AND a.at >= ?2 AND a.at < ?3 AND (a.space_id IN sp OR a.event_id IN ev)
)
`

// firstActivity is a person's first presence in the network, ever (see
// reached for the person keys); 1e18 stands for "none" inside min().
const firstActivity = `CASE substr(person, 1, 2)
	WHEN 'm:' THEN min(
		coalesce((SELECT min(at) FROM checkins WHERE guild_id = ?1 AND user_id = substr(person, 3)), 1e18),
		coalesce((SELECT min(e.start_at) FROM rsvps r JOIN events e ON e.id = r.event_id
			WHERE r.guild_id = ?1 AND r.user_id = substr(person, 3) AND r.attended = 1 AND e.cancelled_at IS NULL), 1e18),
		coalesce((SELECT min(a.at) FROM register_attendance a JOIN register_entries re ON re.id = a.entry_id
			WHERE re.guild_id = ?1 AND re.user_id <> '' AND re.user_id = substr(person, 3)), 1e18))
	WHEN 'r:' THEN (SELECT min(at) FROM register_attendance WHERE entry_id = CAST(substr(person, 3) AS INTEGER))
	ELSE (SELECT at FROM register_attendance WHERE id = CAST(substr(person, 3) AS INTEGER)) END`

// spacesArg is the spaces filter of activity: "all", or a JSON list.
func spacesArg(spaces []int64) string {
	if spaces == nil {
		return "all"
	}
	return jsonIDs(spaces)
}

// PeopleReached counts the people active in [from, to) (see the block above).
func (tx *Tx) PeopleReached(ctx context.Context, guildID string, spaces []int64, from, to time.Time) (PeopleCounts, error) {
	var c PeopleCounts
	err := tx.queryRow(ctx, reached+`SELECT count(*), coalesce(sum(f >= ?2), 0), coalesce(sum(substr(person, 1, 2) <> 'm:'), 0)
		FROM (SELECT person, `+firstActivity+` AS f FROM inp)`,
		guildID, from.Unix(), to.Unix(), spacesArg(spaces)).Scan(&c.People, &c.New, &c.NotOnDiscord)
	if err != nil {
		return c, fmt.Errorf("people reached: %w", err)
	}
	return c, nil
}

// FieldCount is how many register entries gave one answer to one field.
type FieldCount struct {
	FieldID int64
	Field   string
	Value   string // "" = did not answer
	People  int
}

// RegisterFieldCounts counts answers in aggregate over the entries active in
// [from, to) at the given spaces (nil: all). Fields in order, answers in the
// order of their choices (free answers alphabetically), "" last.
func (tx *Tx) RegisterFieldCounts(ctx context.Context, guildID string, spaces []int64, from, to time.Time) ([]FieldCount, error) {
	rows, err := tx.query(ctx, reached+`, entries AS (SELECT DISTINCT re.id FROM register_entries re
			WHERE re.guild_id = ?1 AND re.erased_at IS NULL AND ('r:' || re.id IN (SELECT person FROM inp) OR (re.user_id <> '' AND 'm:' || re.user_id IN (SELECT person FROM inp))))
		`+fieldCounts, guildID, from.Unix(), to.Unix(), spacesArg(spaces))
	if err != nil {
		return nil, fmt.Errorf("register field counts: %w", err)
	}
	return tx.fieldCounts(ctx, guildID, rows)
}

// fieldCounts counts the answers of the entries in CTE entries to network
// ?1's fields.
const fieldCounts = `SELECT f.id, coalesce(v.value, ''), count(*) FROM register_fields f CROSS JOIN entries e
			LEFT JOIN register_values v ON v.entry_id = e.id AND v.field_id = f.id
		WHERE f.guild_id = ?1 AND f.removed_at IS NULL GROUP BY f.id, coalesce(v.value, '')`

// RegisterFieldCountsOf is RegisterFieldCounts for entries known already
// (Activity.Entries): the period's people are not looked for again.
func (tx *Tx) RegisterFieldCountsOf(ctx context.Context, guildID string, entries []int64) ([]FieldCount, error) {
	rows, err := tx.query(ctx, `WITH entries(id) AS (SELECT value FROM json_each(?2)) `+fieldCounts, guildID, jsonIDs(entries))
	if err != nil {
		return nil, fmt.Errorf("register field counts: %w", err)
	}
	return tx.fieldCounts(ctx, guildID, rows)
}

// fieldCounts reads fieldCounts' rows (and closes them) into the fields'
// order.
func (tx *Tx) fieldCounts(ctx context.Context, guildID string, rows *sql.Rows) ([]FieldCount, error) {
	defer rows.Close()
	counts := map[int64]map[string]int{}
	for rows.Next() {
		var id int64
		var v string
		var n int
		if err := rows.Scan(&id, &v, &n); err != nil {
			return nil, fmt.Errorf("register field counts: %w", err)
		}
		if counts[id] == nil {
			counts[id] = map[string]int{}
		}
		counts[id][v] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("register field counts: %w", err)
	}
	rows.Close()
	fields, err := tx.RegisterFields(ctx, guildID)
	if err != nil {
		return nil, err
	}
	var out []FieldCount
	for _, f := range fields {
		c := counts[f.ID]
		order := append([]string(nil), f.Choices...)
		if len(order) == 0 {
			order = sortedKeys(c)
		}
		for _, v := range order {
			if v != "" && c[v] > 0 {
				out = append(out, FieldCount{FieldID: f.ID, Field: f.Name, Value: v, People: c[v]})
			}
		}
		if c[""] > 0 {
			out = append(out, FieldCount{FieldID: f.ID, Field: f.Name, Value: "", People: c[""]})
		}
	}
	return out, nil
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ { // a few answers: insertion sort
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// HeldEvents are the events held over a period, broken down for the report.
type HeldEvents struct {
	Total      int              // each event once: the network's figure
	Shared     int              // with at least one co-organising space or animator
	ByType     map[string]int   // type key -> events; "" = type not set
	BySpace    map[int64]int    // space -> events it organised or co-organised
	ByAnimator map[string]int   // member id -> events they organised or co-animated
	Events     []HeldEventHosts // each event with its type and co-organisers
}

// HeldEventHosts is one held event's type and organisers, for per-event rows.
type HeldEventHosts struct {
	EventID   int64
	Type      string
	Spaces    []int64  // its own space first, then co-organising ones
	Animators []string // its organiser (if still known) first, then co-animators
}

// EventsHeldBreakdown counts the events that started in [from, min(to, now))
// and were not cancelled (see the block above).
func (tx *Tx) EventsHeldBreakdown(ctx context.Context, guildID string, from, to, now time.Time) (HeldEvents, error) {
	h := HeldEvents{ByType: map[string]int{}, BySpace: map[int64]int{}, ByAnimator: map[string]int{}}
	if now.Before(to) {
		to = now
	}
	rows, err := tx.query(ctx, `SELECT e.id, e.space_id, e.organizer_id, coalesce(t.type_key, '') FROM events e
		LEFT JOIN event_type_of t ON t.event_id = e.id
		WHERE e.guild_id = ? AND e.start_at >= ? AND e.start_at < ? AND e.cancelled_at IS NULL ORDER BY e.start_at, e.id`,
		guildID, from.Unix(), to.Unix())
	if err != nil {
		return h, fmt.Errorf("events held: %w", err)
	}
	for rows.Next() {
		var ev HeldEventHosts
		var space int64
		var organizer string
		if err := rows.Scan(&ev.EventID, &space, &organizer, &ev.Type); err != nil {
			rows.Close()
			return h, fmt.Errorf("events held: %w", err)
		}
		ev.Spaces = []int64{space}
		if organizer != "" {
			ev.Animators = []string{organizer}
		}
		h.Events = append(h.Events, ev)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return h, fmt.Errorf("events held: %w", err)
	}
	ids := make([]int64, len(h.Events))
	for i, ev := range h.Events {
		ids[i] = ev.EventID
	}
	// Every event's hosts in one read: one query per event was 40,000 for
	// a national year.
	hostsOf, err := tx.eventHostsOfAll(ctx, ids)
	if err != nil {
		return h, err
	}
	for i := range h.Events {
		ev := &h.Events[i]
		hosts := hostsOf[ev.EventID]
		shared := false
		for _, s := range hosts.Spaces {
			if s != ev.Spaces[0] {
				ev.Spaces = append(ev.Spaces, s)
				shared = true
			}
		}
		for _, u := range hosts.Animators {
			if len(ev.Animators) == 0 || u != ev.Animators[0] {
				ev.Animators = append(ev.Animators, u)
				shared = true
			}
		}
		h.Total++
		if shared {
			h.Shared++
		}
		h.ByType[ev.Type]++
		for _, s := range ev.Spaces {
			h.BySpace[s]++
		}
		for _, u := range ev.Animators {
			h.ByAnimator[u]++
		}
	}
	return h, nil
}
