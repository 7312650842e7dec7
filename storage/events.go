package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Event is one occurrence of an event series.
type Event struct {
	ID            int64
	GuildID       string
	SeriesID      int64
	SpaceID       int64
	Title         string
	TitleKey      string
	Description   string
	OrganizerID   string
	OrganizerName string
	Start, End    time.Time
	Capacity      int
	Cancelled     bool
	CancelReason  string
	PostSpace     int64
	PostNetwork   int64
	SchedOutbox   int64
	Walkins       int
	AttendanceAt  time.Time
	Repeat        string    // of its series
	Created       time.Time // when its series was created
}

// RSVP statuses.
const (
	Going    = "going"
	Maybe    = "maybe"
	NotGoing = "no"
	Waitlist = "waitlist"
)

// RSVP is a member's answer to an event.
type RSVP struct {
	EventID  int64
	GuildID  string
	UserID   string
	UserName string
	Status   string
	Since    time.Time
	Attended *bool
}

// AddSeries creates a series and returns its id.
func (tx *Tx) AddSeries(ctx context.Context, guildID string, spaceID int64, repeat, organizer string, now time.Time) (int64, error) {
	res, err := tx.exec(ctx, `INSERT INTO event_series(guild_id, space_id, repeat, organizer_id, created_at) VALUES (?, ?, ?, ?, ?)`,
		guildID, spaceID, repeat, organizer, now.Unix())
	if err != nil {
		return 0, fmt.Errorf("add series: %w", err)
	}
	return res.LastInsertId()
}

// AddEvent inserts an occurrence.
func (tx *Tx) AddEvent(ctx context.Context, e Event) (Event, error) {
	res, err := tx.exec(ctx, `INSERT INTO events(guild_id, series_id, space_id, title, title_key, description, organizer_id, organizer_name, start_at, end_at, capacity)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.GuildID, e.SeriesID, e.SpaceID, e.Title, e.TitleKey, e.Description, e.OrganizerID, e.OrganizerName,
		e.Start.Unix(), e.End.Unix(), e.Capacity)
	if err != nil {
		return e, fmt.Errorf("add event %q: %w", e.Title, err)
	}
	e.ID, _ = res.LastInsertId()
	return e, nil
}

const eventCols = `e.id, e.guild_id, e.series_id, e.space_id, e.title, e.title_key, e.description, e.organizer_id, e.organizer_name, e.start_at, e.end_at,
	e.capacity, e.cancelled_at, e.cancel_reason, e.post_space, e.post_network, e.sched_outbox, e.walkins, e.attendance_at, s.repeat, s.created_at`

const eventFrom = ` FROM events e JOIN event_series s ON s.id = e.series_id `

func scanEvent(sc interface{ Scan(...any) error }) (Event, error) {
	var e Event
	var start, end, created int64
	var cancelled, att sql.NullInt64
	err := sc.Scan(&e.ID, &e.GuildID, &e.SeriesID, &e.SpaceID, &e.Title, &e.TitleKey, &e.Description, &e.OrganizerID, &e.OrganizerName, &start, &end,
		&e.Capacity, &cancelled, &e.CancelReason, &e.PostSpace, &e.PostNetwork, &e.SchedOutbox, &e.Walkins, &att, &e.Repeat, &created)
	e.Start, e.End, e.Cancelled, e.Created = time.Unix(start, 0), time.Unix(end, 0), cancelled.Valid, time.Unix(created, 0)
	if att.Valid {
		e.AttendanceAt = time.Unix(att.Int64, 0)
	}
	return e, err
}

func (tx *Tx) queryEvents(ctx context.Context, where string, args ...any) ([]Event, error) {
	rows, err := tx.query(ctx, `SELECT `+eventCols+eventFrom+where, args...)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Event returns an occurrence of the guild, or ErrNotFound.
func (tx *Tx) Event(ctx context.Context, guildID string, id int64) (Event, error) {
	list, err := tx.queryEvents(ctx, `WHERE e.guild_id = ? AND e.id = ?`, guildID, id)
	if err != nil {
		return Event{}, err
	}
	if len(list) == 0 {
		return Event{}, ErrNotFound
	}
	return list[0], nil
}

// UpdateEvent saves an occurrence's editable fields.
func (tx *Tx) UpdateEvent(ctx context.Context, e Event) error {
	_, err := tx.exec(ctx, `UPDATE events SET title = ?, title_key = ?, description = ?, start_at = ?, end_at = ?, capacity = ? WHERE id = ? AND guild_id = ?`,
		e.Title, e.TitleKey, e.Description, e.Start.Unix(), e.End.Unix(), e.Capacity, e.ID, e.GuildID)
	if err != nil {
		return fmt.Errorf("update event %d: %w", e.ID, err)
	}
	return nil
}

// SetEventOutbox records the outbox ids of an occurrence's announcements and scheduled event.
func (tx *Tx) SetEventOutbox(ctx context.Context, id, postSpace, postNetwork, sched int64) error {
	_, err := tx.exec(ctx, `UPDATE events SET post_space = ?, post_network = ?, sched_outbox = ? WHERE id = ?`, postSpace, postNetwork, sched, id)
	if err != nil {
		return fmt.Errorf("event %d outbox: %w", id, err)
	}
	return nil
}

// CancelEvent marks an occurrence cancelled.
func (tx *Tx) CancelEvent(ctx context.Context, id int64, at time.Time, reason string) error {
	_, err := tx.exec(ctx, `UPDATE events SET cancelled_at = ?, cancel_reason = ? WHERE id = ? AND cancelled_at IS NULL`, at.Unix(), reason, id)
	if err != nil {
		return fmt.Errorf("cancel event %d: %w", id, err)
	}
	return nil
}

// SeriesEvents lists a series' occurrences not over and not cancelled at now.
func (tx *Tx) SeriesEvents(ctx context.Context, seriesID int64, now time.Time) ([]Event, error) {
	return tx.queryEvents(ctx, `WHERE e.series_id = ? AND e.end_at > ? AND e.cancelled_at IS NULL ORDER BY e.start_at`, seriesID, now.Unix())
}

// MaxEventLength is the longest an event may last. Queries for what is on
// at a time rely on it: an event still running at t started after
// t - MaxEventLength, which bounds their scan of the start-time index.
const MaxEventLength = 7 * 24 * time.Hour

// UpcomingEvents lists a guild's occurrences (of one space if spaceID != 0)
// ending after from and starting before to, soonest first, cancelled ones included.
func (tx *Tx) UpcomingEvents(ctx context.Context, guildID string, spaceID int64, from, to time.Time, limit int) ([]Event, error) {
	// Without the lower bound on start_at, a national network's list read
	// a year of past events (40,000) to find the next ten.
	// One space's list has its own statement, so it walks that space's
	// index instead of filtering the whole network's events.
	if spaceID != 0 {
		return tx.queryEvents(ctx, `WHERE e.space_id = ?2 AND e.guild_id = ?1 AND e.start_at >= ?3 AND e.start_at < ?5 AND e.end_at > ?4
		ORDER BY e.start_at, e.id LIMIT ?6`, guildID, spaceID, from.Add(-MaxEventLength).Unix(), from.Unix(), to.Unix(), limit)
	}
	// The network's: the ids from an index holding the end too
	// (events_title_search), then those rows only. Through the index of
	// starts alone, each event of the past week was read to learn it had
	// ended: 4 of a national list's 5 ms.
	return tx.queryEvents(ctx, `WHERE e.id IN (SELECT id FROM events INDEXED BY events_title_search
			WHERE guild_id = ?1 AND start_at >= ?3 AND start_at < ?5 AND end_at > ?4 ORDER BY start_at, id LIMIT ?6)
		ORDER BY e.start_at, e.id`, guildID, spaceID, from.Add(-MaxEventLength).Unix(), from.Unix(), to.Unix(), limit)
}

// EventsStarting lists a guild's occurrences starting in [from, to), cancelled ones included.
func (tx *Tx) EventsStarting(ctx context.Context, guildID string, from, to time.Time) ([]Event, error) {
	return tx.queryEvents(ctx, `WHERE e.guild_id = ? AND e.start_at >= ? AND e.start_at < ? ORDER BY e.start_at, e.id`, guildID, from.Unix(), to.Unix())
}

// EventsToPublish lists occurrences of every guild starting in (now, horizon]
// that still lack their announcement or their Discord scheduled event.
func (tx *Tx) EventsToPublish(ctx context.Context, now, horizon time.Time) ([]Event, error) {
	return tx.queryEvents(ctx, `WHERE e.start_at > ? AND e.start_at <= ? AND e.cancelled_at IS NULL
		AND (e.sched_outbox = 0 OR (e.post_space = 0 AND e.post_network = 0)) ORDER BY e.start_at`, now.Unix(), horizon.Unix())
}

// EventsStartingAll lists occurrences of every guild starting in (from, to], not cancelled (for reminders).
func (tx *Tx) EventsStartingAll(ctx context.Context, from, to time.Time) ([]Event, error) {
	return tx.queryEvents(ctx, `WHERE e.start_at > ? AND e.start_at <= ? AND e.cancelled_at IS NULL ORDER BY e.start_at`, from.Unix(), to.Unix())
}

// SearchEvents finds a guild's occurrences whose folded title contains key:
// upcoming first (soonest first), then the recent past (latest first).
func (tx *Tx) SearchEvents(ctx context.Context, guildID, key string, now time.Time, limit int) ([]Event, error) {
	// The ids first, from the index alone (events_title_search); then the
	// rows of those only. Same order twice: the outer query's is what the
	// caller sees, the inner one's picks which occurrences.
	return tx.queryEvents(ctx, `WHERE e.id IN (SELECT id FROM events INDEXED BY events_title_search
			WHERE guild_id = ?1 AND start_at > ?3 AND title_key LIKE ?2 ESCAPE '\'
			ORDER BY (end_at <= ?4), CASE WHEN end_at > ?4 THEN start_at ELSE -start_at END, id LIMIT ?5)
		ORDER BY (e.end_at <= ?4), CASE WHEN e.end_at > ?4 THEN e.start_at ELSE -e.start_at END, e.id`,
		guildID, "%"+escapeLike(key)+"%", now.AddDate(0, 0, -60).Unix(), now.Unix(), limit)
}

// SearchPastEvents finds a guild's occurrences whose folded title contains
// key that started in [since, now], latest first: an attendance is about
// what took place, and a weekly series' coming dates would fill SearchEvents.
func (tx *Tx) SearchPastEvents(ctx context.Context, guildID, key string, since, now time.Time, limit int) ([]Event, error) {
	return tx.queryEvents(ctx, `WHERE e.guild_id = ? AND e.title_key LIKE ? ESCAPE '\' AND e.start_at >= ? AND e.start_at <= ?
		ORDER BY e.start_at DESC, e.id DESC LIMIT ?`, guildID, "%"+escapeLike(key)+"%", since.Unix(), now.Unix(), limit)
}

// EventAnyGuild returns an occurrence by id whatever its guild, or
// ErrNotFound: for buttons in DMs, which carry no guild (the caller checks
// the clicker against the record).
func (tx *Tx) EventAnyGuild(ctx context.Context, id int64) (Event, error) {
	list, err := tx.queryEvents(ctx, `WHERE e.id = ?`, id)
	if err != nil {
		return Event{}, err
	}
	if len(list) == 0 {
		return Event{}, ErrNotFound
	}
	return list[0], nil
}

// EventsEndedUnrecorded lists occurrences of every guild that ended in
// (from, to], not cancelled, whose attendance nobody recorded.
func (tx *Tx) EventsEndedUnrecorded(ctx context.Context, from, to time.Time) ([]Event, error) {
	return tx.queryEvents(ctx, `WHERE e.end_at > ? AND e.end_at <= ? AND e.attendance_at IS NULL AND e.cancelled_at IS NULL
		ORDER BY e.end_at, e.id`, from.Unix(), to.Unix())
}

// RSVP returns a member's answer to an occurrence, or ErrNotFound.
func (tx *Tx) RSVP(ctx context.Context, eventID int64, userID string) (RSVP, error) {
	list, err := tx.queryRSVPs(ctx, `WHERE event_id = ? AND user_id = ?`, eventID, userID)
	if err != nil {
		return RSVP{}, err
	}
	if len(list) == 0 {
		return RSVP{}, ErrNotFound
	}
	return list[0], nil
}

// RSVPs lists an occurrence's answers: going first, then waitlist, maybe, no;
// in order of arrival (seq, so answers within the same second keep their order).
func (tx *Tx) RSVPs(ctx context.Context, eventID int64) ([]RSVP, error) {
	return tx.queryRSVPs(ctx, `WHERE event_id = ? ORDER BY CASE status WHEN 'going' THEN 0 WHEN 'waitlist' THEN 1 WHEN 'maybe' THEN 2 ELSE 3 END, seq, since, user_id`, eventID)
}

func (tx *Tx) queryRSVPs(ctx context.Context, where string, args ...any) ([]RSVP, error) {
	rows, err := tx.query(ctx, `SELECT event_id, guild_id, user_id, user_name, status, since, attended FROM rsvps `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("rsvps: %w", err)
	}
	defer rows.Close()
	var out []RSVP
	for rows.Next() {
		var r RSVP
		var since int64
		var att sql.NullBool
		if err := rows.Scan(&r.EventID, &r.GuildID, &r.UserID, &r.UserName, &r.Status, &since, &att); err != nil {
			return nil, err
		}
		r.Since = time.Unix(since, 0)
		if att.Valid {
			v := att.Bool
			r.Attended = &v
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SetRSVP saves a member's answer; since and the place in the arrival order
// are kept when the status is unchanged, else the answer goes last.
func (tx *Tx) SetRSVP(ctx context.Context, r RSVP) error {
	// The next seq is read in the same statement, inside the writer's
	// transaction: no two answers of an event can get the same one.
	_, err := tx.exec(ctx, `INSERT INTO rsvps(event_id, guild_id, user_id, user_name, status, since, seq)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT coalesce(max(seq), 0) + 1 FROM rsvps WHERE event_id = ?1))
		ON CONFLICT(event_id, user_id) DO UPDATE SET user_name = excluded.user_name,
			since = CASE WHEN status = excluded.status THEN since ELSE excluded.since END,
			seq = CASE WHEN status = excluded.status THEN seq ELSE excluded.seq END,
			status = excluded.status`,
		r.EventID, r.GuildID, r.UserID, r.UserName, r.Status, r.Since.Unix())
	if err != nil {
		return fmt.Errorf("rsvp %d %s: %w", r.EventID, r.UserID, err)
	}
	return nil
}

// RSVPCounts counts an occurrence's answers by status.
func (tx *Tx) RSVPCounts(ctx context.Context, eventID int64) (map[string]int, error) {
	rows, err := tx.query(ctx, `SELECT status, count(*) FROM rsvps WHERE event_id = ? GROUP BY status`, eventID)
	if err != nil {
		return nil, fmt.Errorf("rsvp counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		out[s] = n
	}
	return out, rows.Err()
}

// RSVPCountsOf counts the answers of several occurrences by status, in one
// query: a list of twenty events asked twenty.
func (tx *Tx) RSVPCountsOf(ctx context.Context, eventIDs []int64) (map[int64]map[string]int, error) {
	out := make(map[int64]map[string]int, len(eventIDs))
	if len(eventIDs) == 0 {
		return out, nil
	}
	args := make([]any, len(eventIDs))
	for i, id := range eventIDs {
		args[i] = id
		out[id] = map[string]int{}
	}
	rows, err := tx.query(ctx, `SELECT event_id, status, count(*) FROM rsvps WHERE event_id IN (?`+strings.Repeat(", ?", len(eventIDs)-1)+`) GROUP BY event_id, status`, args...)
	if err != nil {
		return nil, fmt.Errorf("rsvp counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var s string
		var n int
		if err := rows.Scan(&id, &s, &n); err != nil {
			return nil, fmt.Errorf("rsvp counts: %w", err)
		}
		out[id][s] = n
	}
	return out, rows.Err()
}

// SetAttended records whether a member came (nil: unknown).
func (tx *Tx) SetAttended(ctx context.Context, eventID int64, userID string, came *bool) error {
	var v any
	if came != nil {
		v = *came
	}
	_, err := tx.exec(ctx, `UPDATE rsvps SET attended = ? WHERE event_id = ? AND user_id = ?`, v, eventID, userID)
	if err != nil {
		return fmt.Errorf("attendance %d %s: %w", eventID, userID, err)
	}
	return nil
}

// SetWalkins records the walk-ins count and that attendance was confirmed.
func (tx *Tx) SetWalkins(ctx context.Context, eventID int64, n int, at time.Time) error {
	_, err := tx.exec(ctx, `UPDATE events SET walkins = ?, attendance_at = ? WHERE id = ?`, n, at.Unix(), eventID)
	if err != nil {
		return fmt.Errorf("walk-ins %d: %w", eventID, err)
	}
	return nil
}

// SetAttendanceRecorded records that someone recorded an occurrence's attendance.
func (tx *Tx) SetAttendanceRecorded(ctx context.Context, eventID int64, at time.Time) error {
	_, err := tx.exec(ctx, `UPDATE events SET attendance_at = ? WHERE id = ?`, at.Unix(), eventID)
	if err != nil {
		return fmt.Errorf("attendance recorded %d: %w", eventID, err)
	}
	return nil
}

// AnswersAndPresence returns an occurrence's answers (in RSVPs' order) and
// who had a check-in at its space while it ran.
func (tx *Tx) AnswersAndPresence(ctx context.Context, eventID, spaceID int64, start, end time.Time) ([]RSVP, map[string]bool, error) {
	rsvps, err := tx.RSVPs(ctx, eventID)
	if err != nil {
		return nil, nil, err
	}
	present, err := tx.CheckedInDuring(ctx, spaceID, start, end)
	return rsvps, present, err
}

// PresenceLead is how long before an event a check-in may start and still
// show its member there: a visit begun the day before is a forgotten
// check-out, not a presence. It also bounds the read to a day of the
// space's visits, where reading them all since the first made a national
// year's report take minutes.
const PresenceLead = 24 * time.Hour

// CheckedInDuring returns who had a check-in at a space overlapping [from,
// to) begun at most PresenceLead before from.
func (tx *Tx) CheckedInDuring(ctx context.Context, spaceID int64, from, to time.Time) (map[string]bool, error) {
	rows, err := tx.query(ctx, `SELECT DISTINCT user_id FROM checkins WHERE space_id = ? AND at >= ? AND at < ? AND (out_at IS NULL OR out_at > ?)`,
		spaceID, from.Add(-PresenceLead).Unix(), to.Unix(), from.Unix())
	if err != nil {
		return nil, fmt.Errorf("checked in during: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, err
		}
		out[u] = true
	}
	return out, rows.Err()
}

// scanCounts runs a query of rows (id, a, b) and calls f with each.
func (tx *Tx) scanCounts(ctx context.Context, q string, args []any, f func(id int64, a, b int)) error {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var a, b int
		if err := rows.Scan(&id, &a, &b); err != nil {
			return err
		}
		f(id, a, b)
	}
	return rows.Err()
}

// RemindersOff reports whether a member turned event reminders off.
func (tx *Tx) RemindersOff(ctx context.Context, guildID, userID string) (bool, error) {
	var off bool
	err := tx.queryRow(ctx, `SELECT reminders_off FROM member_settings WHERE guild_id = ? AND user_id = ?`, guildID, userID).Scan(&off)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return off, err
}

// SetRemindersOff saves the member's reminder preference.
func (tx *Tx) SetRemindersOff(ctx context.Context, guildID, userID string, off bool) error {
	_, err := tx.exec(ctx, `INSERT INTO member_settings(guild_id, user_id, reminders_off) VALUES (?, ?, ?)
		ON CONFLICT(guild_id, user_id) DO UPDATE SET reminders_off = excluded.reminders_off`, guildID, userID, off)
	if err != nil {
		return fmt.Errorf("reminder setting: %w", err)
	}
	return nil
}

// EventStats are an occurrence's figures for the digest and the funders.
type EventStats struct {
	Event
	Going    int // confirmed going
	Attended int // confirmed present, or checked in during it when not confirmed, plus walk-ins
	// Recorded: someone recorded its attendance. When not, Attended is only
	// what check-ins suggest, and reports say "attendance not recorded".
	Recorded bool
}

// EventsHeld lists a guild's occurrences that started in [from, to) and were
// not cancelled, with going and attendance counts.
func (tx *Tx) EventsHeld(ctx context.Context, guildID string, from, to time.Time) ([]EventStats, error) {
	events, err := tx.queryEvents(ctx, `WHERE e.guild_id = ? AND e.start_at >= ? AND e.start_at < ? AND e.cancelled_at IS NULL ORDER BY e.start_at`,
		guildID, from.Unix(), to.Unix())
	if err != nil {
		return nil, err
	}
	// The answers counted by the database, in two reads for all the events
	// (a national year holds 40,000 events and 480,000 answers): reading
	// each answer, then each event's check-ins, took four of the period
	// report's seconds. An answer not confirmed counts if its member had a
	// check-in at the space while the event ran, as CheckedInDuring says.
	ids := make([]int64, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	type counts struct{ going, attended int }
	byEvent := make(map[int64]counts, len(events))
	err = tx.scanCounts(ctx, `SELECT event_id, count(CASE WHEN status = 'going' THEN 1 END), count(CASE WHEN attended = 1 THEN 1 END) FROM rsvps
		WHERE event_id IN (SELECT value FROM json_each(?1)) GROUP BY event_id`, []any{jsonIDs(ids)}, func(id int64, a, b int) {
		byEvent[id] = counts{a, b}
	})
	if err != nil {
		return nil, fmt.Errorf("events held: %w", err)
	}
	err = tx.scanCounts(ctx, `SELECT r.event_id, count(*), 0 FROM rsvps r JOIN events e ON e.id = r.event_id
		WHERE r.event_id IN (SELECT value FROM json_each(?1)) AND r.attended IS NULL AND r.status <> 'no'
		AND EXISTS (SELECT 1 FROM checkins c WHERE c.guild_id = e.guild_id AND c.user_id = r.user_id
			AND c.at >= e.start_at - ?2 AND c.at < e.end_at AND c.space_id = e.space_id AND (c.out_at IS NULL OR c.out_at > e.start_at))
		GROUP BY r.event_id`, []any{jsonIDs(ids), int64(PresenceLead / time.Second)}, func(id int64, n, _ int) {
		c := byEvent[id]
		c.attended += n
		byEvent[id] = c
	})
	if err != nil {
		return nil, fmt.Errorf("events held: %w", err)
	}
	out := make([]EventStats, 0, len(events))
	for _, e := range events {
		c := byEvent[e.ID]
		out = append(out, EventStats{Event: e, Recorded: !e.AttendanceAt.IsZero(), Going: c.going, Attended: c.attended + e.Walkins})
	}
	return out, nil
}
