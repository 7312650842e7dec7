package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"time"
)

// Activity is who was active over a period cut in parts (the months of an
// activity report): the people reached, as PeopleReached counts them, and
// the visitors (check-ins only), per part, per space and over the whole
// period. One pass over each source replaces a query per part and per
// figure: a national year asked the check-ins' distinct people thirteen
// times and the people reached twenty-six, four minutes in all.
type Activity struct {
	Total    PeopleCounts           // the whole period
	Parts    []PeopleCounts         // [cuts[i], cuts[i+1])
	BySpace  map[int64]PeopleCounts // People and NotOnDiscord, as PeopleReachedBySpace
	Visitors int                    // distinct people who checked in, the whole period
	// PartVisitors are the distinct people who checked in, per part.
	PartVisitors []int
	// SpaceVisitors are the distinct people who checked in, per space, the
	// whole period.
	SpaceVisitors map[int64]int
	// Entries are the register entries active in the period, not erased:
	// unlinked ones by their own presence, linked ones by their member's.
	Entries []int64
}

// PeriodActivity reads the activity of a network's spaces over cuts (at
// least two increasing instants: the period is [cuts[0], cuts[last])).
// A person is a member (a linked register entry is its member), a register
// entry, or an anonymised presence; they are active in a part through a
// check-in, a confirmed attendance at an event held there, or a presence
// in the register, as PeopleReached says. A person is new in a part if
// their first activity ever in the network is in it or later.
func (tx *Tx) PeriodActivity(ctx context.Context, guildID string, spaces []int64, cuts []time.Time) (Activity, error) {
	if len(cuts) < 2 {
		return Activity{}, fmt.Errorf("period activity: %d cuts", len(cuts))
	}
	a := newActivityPass(spaces, cuts)
	if err := a.visits(ctx, tx); err != nil {
		return Activity{}, fmt.Errorf("period activity: %w", err)
	}
	if err := a.events(ctx, tx, guildID); err != nil {
		return Activity{}, fmt.Errorf("period activity: %w", err)
	}
	if err := a.register(ctx, tx, guildID); err != nil {
		return Activity{}, fmt.Errorf("period activity: %w", err)
	}
	if err := a.firsts(ctx, tx, guildID); err != nil {
		return Activity{}, fmt.Errorf("period activity: %w", err)
	}
	out, err := a.result(ctx, tx, guildID)
	if err != nil {
		return Activity{}, fmt.Errorf("period activity: %w", err)
	}
	return out, nil
}

// person kinds, as PeopleReached's keys: 'm:' member, 'r:' register entry,
// 'a:' presence whose entry retention cut.
const (
	kindMember = iota
	kindEntry
	kindPresence
)

// personKey names a person: members by their id as a number when it is
// one (Discord's are), else by text.
type personKey struct {
	kind uint8
	num  uint64
	str  string
}

// activityPass gathers the people of one period. Each person has a dense
// index; their parts are bit sets of words words.
type activityPass struct {
	spaces  []int64
	cuts    []int64
	parts   int
	words   int
	members map[uint64]int32    // Discord ids
	index   map[personKey]int32 // the others
	keys    []personKey
	// Bit sets, words per person: the parts reached (bit parts: the whole
	// period, which an event's presence noted in another part still
	// reaches) and the parts with a check-in.
	reached []uint64
	visited []uint64
	old     []bool   // active in the network before the period
	last    []uint32 // the space of the person's last check-in read, +1
	// pairs are (space, person) activities, deduplicated at the end.
	pairs []uint64
	// spaceIdx maps a space id to its position in spaces, for pairs.
	spaceIdx      map[int64]uint32
	spaceVisitors map[int64]int
	// held are the period's events that count for the network: at one of
	// its spaces or co-organised by one.
	held map[int64]heldEvent
	// linked are the register entries linked to a member, by id.
	linked map[int64]linkedEntry
}

type heldEvent struct {
	part   int
	spaces []int64 // the event's space and its co-organising spaces
	counts bool    // at one of the network's spaces, or co-organised by one
}

func newActivityPass(spaces []int64, cuts []time.Time) *activityPass {
	a := &activityPass{spaces: spaces, parts: len(cuts) - 1,
		members: map[uint64]int32{}, index: map[personKey]int32{}, spaceIdx: map[int64]uint32{}, held: map[int64]heldEvent{}, spaceVisitors: map[int64]int{}}
	a.words = (a.parts + 1 + 63) / 64
	for _, c := range cuts {
		a.cuts = append(a.cuts, c.Unix())
	}
	for i, id := range spaces {
		a.spaceIdx[id] = uint32(i)
	}
	return a
}

// part is the part holding instant at, or -1 outside the period.
func (a *activityPass) part(at int64) int {
	if at < a.cuts[0] || at >= a.cuts[len(a.cuts)-1] {
		return -1
	}
	return sort.Search(len(a.cuts), func(i int) bool { return a.cuts[i] > at }) - 1
}

// find is a person's index, if seen.
func (a *activityPass) find(k personKey) (int32, bool) {
	if k.kind == kindMember && k.str == "" {
		i, ok := a.members[k.num]
		return i, ok
	}
	i, ok := a.index[k]
	return i, ok
}

// person is a person's index, given one at the first sight. Members with
// a Discord id (nearly all, and tens of millions of sightings a national
// year) have their own map, of plain numbers.
func (a *activityPass) person(k personKey) int32 {
	if i, ok := a.find(k); ok {
		return i
	}
	i := int32(len(a.keys))
	if k.kind == kindMember && k.str == "" {
		a.members[k.num] = i
	} else {
		a.index[k] = i
	}
	a.keys = append(a.keys, k)
	for range a.words {
		a.reached = append(a.reached, 0)
		a.visited = append(a.visited, 0)
	}
	a.old = append(a.old, false)
	a.last = append(a.last, 0)
	return i
}

func memberKey(id []byte) personKey {
	if n, ok := canonicalNumber(id); ok {
		return personKey{kind: kindMember, num: n}
	}
	return personKey{kind: kindMember, str: string(id)}
}

// set sets bit part of person p in bits.
func (a *activityPass) set(bits []uint64, p int32, part int) {
	bits[int(p)*a.words+part/64] |= 1 << (part % 64)
}

func (a *activityPass) has(bits []uint64, p, part int) bool {
	return bits[p*a.words+part/64]&(1<<(part%64)) != 0
}

// ours reports whether space is one of the network's.
func (a *activityPass) ours(space int64) bool {
	_, ok := a.spaceIdx[space]
	return ok
}

// atSpace records person p active at space (one of the network's).
func (a *activityPass) atSpace(p int32, space int64) {
	if idx, ok := a.spaceIdx[space]; ok {
		a.pairs = append(a.pairs, uint64(idx)<<32|uint64(uint32(p)))
	}
}

// visits reads the check-ins' people: for the spaces whose days the cuts
// fall on, from the months' lists (each person once a month) for the
// whole months between cuts and from the days' lists before and after
// them; from the visits for the others.
func (a *activityPass) visits(ctx context.Context, tx *Tx) error {
	cuts := make([]time.Time, len(a.cuts))
	for i, c := range a.cuts {
		cuts[i] = time.Unix(c, 0)
	}
	byZone, err := tx.spaceZones(ctx, a.spaces)
	if err != nil {
		return err
	}
	var other []int64
	for _, z := range byZone {
		loc := zones.get(z.zone)
		if !dayAligned(loc, cuts...) {
			other = append(other, z.spaces...)
			continue
		}
		m1, m2 := a.wholeMonths(loc)
		if err := a.listedVisits(ctx, tx, z.spaces, m1, m2); err != nil {
			return err
		}
	}
	if len(other) == 0 {
		return nil
	}
	from, to := a.cuts[0], a.cuts[len(a.cuts)-1]
	rows, err := tx.query(ctx, `SELECT space_id, at, user_id FROM checkins
		WHERE space_id IN (SELECT value FROM json_each(?1)) AND at >= ?2 AND at < ?3 ORDER BY space_id`, jsonIDs(other), from, to)
	if err != nil {
		return fmt.Errorf("visits: %w", err)
	}
	defer rows.Close()
	var user sql.RawBytes
	for rows.Next() {
		var space, at int64
		if err := rows.Scan(&space, &at, &user); err != nil {
			return fmt.Errorf("visits: %w", err)
		}
		a.visit(a.person(memberKey(user)), a.part(at), space)
	}
	return rows.Err()
}

// wholeMonths is the longest run of cuts that start months in loc, as its
// first and last cut: between them every part is whole months. m1 == m2
// when there is none.
func (a *activityPass) wholeMonths(loc *time.Location) (m1, m2 int64) {
	m1, m2 = a.cuts[0], a.cuts[0]
	for i := 0; i < len(a.cuts); {
		if localMonth(a.cuts[i], loc) != a.cuts[i] {
			i++
			continue
		}
		j := i
		for j+1 < len(a.cuts) && localMonth(a.cuts[j+1], loc) == a.cuts[j+1] {
			j++
		}
		if a.cuts[j]-a.cuts[i] > m2-m1 {
			m1, m2 = a.cuts[i], a.cuts[j]
		}
		i = j + 1
	}
	return m1, m2
}

// listedVisits reads the people of spaces' visits from the months' lists
// over [m1, m2) and the days' lists over the rest of the period, space by
// space (the three parts merged in order by the database: visit counts a
// space's people once only if its visits come together).
func (a *activityPass) listedVisits(ctx context.Context, tx *Tx, spaces []int64, m1, m2 int64) error {
	rows, err := tx.query(ctx, `SELECT space_id, day, people FROM visit_people
			WHERE space_id IN (SELECT value FROM json_each(?1)) AND day >= ?2 AND day < ?3
		UNION ALL SELECT space_id, month, people FROM visit_month_people
			WHERE space_id IN (SELECT value FROM json_each(?1)) AND month >= ?3 AND month < ?4
		UNION ALL SELECT space_id, day, people FROM visit_people
			WHERE space_id IN (SELECT value FROM json_each(?1)) AND day >= ?4 AND day < ?5
		ORDER BY space_id`, jsonIDs(spaces), a.cuts[0], m1, m2, a.cuts[len(a.cuts)-1])
	if err != nil {
		return fmt.Errorf("visit people: %w", err)
	}
	defer rows.Close()
	var people sql.RawBytes
	for rows.Next() {
		var space, start int64
		if err := rows.Scan(&space, &start, &people); err != nil {
			return fmt.Errorf("visit people: %w", err)
		}
		part := a.part(start)
		eachVisitor(people, func(id []byte) { a.visit(a.person(memberKey(id)), part, space) })
	}
	return rows.Err()
}

// visit records a check-in of person p in part at space. Visits come
// space by space, so a person's last space is enough to record each
// (space, person) once: a year holds millions of visits.
func (a *activityPass) visit(p int32, part int, space int64) {
	a.set(a.visited, p, part)
	a.set(a.reached, p, part)
	a.set(a.reached, p, a.parts)
	if idx := a.spaceIdx[space] + 1; a.last[p] != idx {
		a.last[p] = idx
		a.atSpace(p, space)
		a.spaceVisitors[space]++
	}
}

// events reads the events held in the period (not cancelled) and their
// confirmed attendance.
func (a *activityPass) events(ctx context.Context, tx *Tx, guildID string) error {
	from, to := a.cuts[0], a.cuts[len(a.cuts)-1]
	rows, err := tx.query(ctx, `SELECT id, space_id, start_at FROM events
		WHERE guild_id = ?1 AND start_at >= ?2 AND start_at < ?3 AND cancelled_at IS NULL`, guildID, from, to)
	if err != nil {
		return fmt.Errorf("events held: %w", err)
	}
	for rows.Next() {
		var id, space, start int64
		if err := rows.Scan(&id, &space, &start); err != nil {
			rows.Close()
			return fmt.Errorf("events held: %w", err)
		}
		a.held[id] = heldEvent{part: a.part(start), spaces: []int64{space}, counts: a.ours(space)}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("events held: %w", err)
	}
	if len(a.held) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(a.held))
	for id := range a.held {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	rows, err = tx.query(ctx, `SELECT event_id, space_id FROM event_hosts
		WHERE event_id IN (SELECT value FROM json_each(?1)) AND space_id <> 0`, jsonIDs(ids))
	if err != nil {
		return fmt.Errorf("event hosts: %w", err)
	}
	for rows.Next() {
		var id, space int64
		if err := rows.Scan(&id, &space); err != nil {
			rows.Close()
			return fmt.Errorf("event hosts: %w", err)
		}
		e := a.held[id]
		if !slices.Contains(e.spaces, space) {
			e.spaces = append(e.spaces, space)
		}
		e.counts = e.counts || a.ours(space)
		a.held[id] = e
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("event hosts: %w", err)
	}
	rows, err = tx.query(ctx, `SELECT event_id, user_id FROM rsvps
		WHERE event_id IN (SELECT value FROM json_each(?1)) AND attended = 1`, jsonIDs(ids))
	if err != nil {
		return fmt.Errorf("attendance: %w", err)
	}
	defer rows.Close()
	var user sql.RawBytes
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &user); err != nil {
			return fmt.Errorf("attendance: %w", err)
		}
		a.attend(a.person(memberKey(user)), a.held[id])
	}
	return rows.Err()
}

// attend records a person at a held event: in the network's figures if the
// event counts for it, at each of its spaces.
func (a *activityPass) attend(p int32, e heldEvent) {
	if e.counts {
		a.set(a.reached, p, e.part)
		a.set(a.reached, p, a.parts)
	}
	for _, s := range e.spaces {
		a.atSpace(p, s)
	}
}

// register reads the presences noted in the register over the period.
// The members of linked entries come from a.linked, not a join: a seek
// into the entries for each of a national year's 400,000 presences.
func (a *activityPass) register(ctx context.Context, tx *Tx, guildID string) error {
	if err := a.readLinked(ctx, tx, guildID); err != nil {
		return err
	}
	from, to := a.cuts[0], a.cuts[len(a.cuts)-1]
	rows, err := tx.query(ctx, `SELECT id, coalesce(entry_id, 0), entry_id IS NULL, event_id, space_id, at
		FROM register_attendance WHERE guild_id = ?1 AND at >= ?2 AND at < ?3`, guildID, from, to)
	if err != nil {
		return fmt.Errorf("register presences: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, entry, event, space, at int64
		var cut bool
		if err := rows.Scan(&id, &entry, &cut, &event, &space, &at); err != nil {
			return fmt.Errorf("register presences: %w", err)
		}
		user := a.linked[entry].user
		var k personKey
		switch {
		case cut:
			k = personKey{kind: kindPresence, num: uint64(id)}
		case user != "":
			k = memberKey([]byte(user))
		default:
			k = personKey{kind: kindEntry, num: uint64(entry)}
		}
		p := a.person(k)
		part := a.part(at)
		e, atEvent := a.held[event]
		// The network's figures: a presence at one of its spaces, or at an
		// event it holds in the same period (PeopleReached's filter, asked
		// of each part and of the whole).
		atNetwork := event != 0 && atEvent && e.counts
		if a.ours(space) || (atNetwork && e.part == part) {
			a.set(a.reached, p, part)
		}
		if a.ours(space) || atNetwork {
			a.set(a.reached, p, a.parts)
		}
		// Per space: a presence at a space, or at an event of the period at
		// each of its spaces.
		if event == 0 {
			a.atSpace(p, space)
		} else if atEvent {
			for _, s := range e.spaces {
				a.atSpace(p, s)
			}
		}
	}
	return rows.Err()
}

// firsts finds who was active in the network before the period (for
// "new": a person is new in the part of their first activity ever, if it
// is in the period). Activity inside the period is all in the pass's bit
// sets already, so only what came before is read: a member's first
// check-in is kept on them (migration 0008, at every check-in; a stand-in
// without a row is sought in the visits), then answers at earlier events
// and earlier presences in the register. Seeking each of a national year's
// 150,000 members' first activity took most of the report.
func (a *activityPass) firsts(ctx context.Context, tx *Tx, guildID string) error {
	from := a.cuts[0]
	before := func(k personKey) {
		if p, ok := a.find(k); ok {
			a.old[p] = true
		}
	}
	known := map[int32]bool{}
	err := scanFirsts(ctx, tx, `SELECT user_id, first_checkin_at FROM members WHERE guild_id = ?1 AND first_checkin_at IS NOT NULL`,
		[]any{guildID}, func(id []byte, at int64) {
			if p, ok := a.find(memberKey(id)); ok {
				known[p] = true
				a.old[p] = a.old[p] || at < from
			}
		})
	if err != nil {
		return err
	}
	var unknown []string
	for p, k := range a.keys {
		if k.kind == kindMember && !known[int32(p)] {
			unknown = append(unknown, k.text())
		}
	}
	if len(unknown) > 0 {
		err := scanFirsts(ctx, tx, `SELECT m.value, (SELECT min(at) FROM checkins WHERE guild_id = ?1 AND user_id = m.value) FROM json_each(?2) m`,
			[]any{guildID, jsonStrings(unknown)}, func(id []byte, at int64) {
				if at < from {
					before(memberKey(id))
				}
			})
		if err != nil {
			return err
		}
	}
	err = scanFirsts(ctx, tx, `SELECT DISTINCT r.user_id, 0 FROM events e JOIN rsvps r ON r.event_id = e.id
		WHERE e.guild_id = ?1 AND e.start_at < ?2 AND e.cancelled_at IS NULL AND r.attended = 1`, []any{guildID, from},
		func(id []byte, _ int64) { before(memberKey(id)) })
	if err != nil {
		return err
	}
	return scanFirsts(ctx, tx, `SELECT DISTINCT coalesce(re.user_id, ''), a.entry_id FROM register_attendance a JOIN register_entries re ON re.id = a.entry_id
		WHERE a.guild_id = ?1 AND a.at < ?2`, []any{guildID, from}, func(user []byte, entry int64) {
		if len(user) > 0 {
			before(memberKey(user))
		} else {
			before(personKey{kind: kindEntry, num: uint64(entry)})
		}
	})
}

func scanFirsts(ctx context.Context, tx *Tx, q string, args []any, f func(id []byte, at int64)) error {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("first activity: %w", err)
	}
	defer rows.Close()
	var id sql.RawBytes
	for rows.Next() {
		var at sql.NullInt64
		if err := rows.Scan(&id, &at); err != nil {
			return fmt.Errorf("first activity: %w", err)
		}
		if at.Valid {
			f(id, at.Int64)
		}
	}
	return rows.Err()
}

func (k personKey) text() string {
	if k.str != "" || k.kind != kindMember {
		return k.str
	}
	return strconv.FormatUint(k.num, 10)
}

// result counts what the pass gathered.
func (a *activityPass) result(ctx context.Context, tx *Tx, guildID string) (Activity, error) {
	out := Activity{Parts: make([]PeopleCounts, a.parts), PartVisitors: make([]int, a.parts), BySpace: map[int64]PeopleCounts{},
		SpaceVisitors: a.spaceVisitors}
	members := map[string]bool{}
	for p, k := range a.keys {
		visitor, seen := false, false
		for part := range a.parts {
			if a.has(a.visited, p, part) {
				visitor = true
				out.PartVisitors[part]++
			}
			if a.has(a.reached, p, part) {
				// New in the part of their first activity ever.
				a.count(&out.Parts[part], k, !a.old[p] && !seen)
				seen = true
			}
		}
		if visitor {
			out.Visitors++
		}
		if !a.has(a.reached, p, a.parts) {
			continue
		}
		a.count(&out.Total, k, !a.old[p])
		switch k.kind {
		case kindMember:
			members[k.text()] = true
		case kindEntry:
			out.Entries = append(out.Entries, int64(k.num))
		}
	}
	slices.Sort(a.pairs)
	a.pairs = slices.Compact(a.pairs)
	for _, pair := range a.pairs {
		space := a.spaces[pair>>32]
		c := out.BySpace[space]
		a.count(&c, a.keys[uint32(pair)], false)
		out.BySpace[space] = c
	}
	for id, e := range a.linked {
		if e.alive && members[e.user] {
			out.Entries = append(out.Entries, id)
		}
	}
	erased, err := tx.erasedEntries(ctx, out.Entries)
	if err != nil {
		return out, err
	}
	out.Entries = slices.DeleteFunc(out.Entries, func(id int64) bool { return erased[id] })
	slices.Sort(out.Entries)
	out.Entries = slices.Compact(out.Entries)
	return out, nil
}

// count adds a person to c.
func (a *activityPass) count(c *PeopleCounts, k personKey, isNew bool) {
	c.People++
	if isNew {
		c.New++
	}
	if k.kind != kindMember {
		c.NotOnDiscord++
	}
}

// linkedEntry is a register entry linked to a member.
type linkedEntry struct {
	user  string
	alive bool // not erased
}

// readLinked reads the network's register entries linked to a member
// (through the partial index of linked entries).
func (a *activityPass) readLinked(ctx context.Context, tx *Tx, guildID string) error {
	rows, err := tx.query(ctx, `SELECT id, user_id, erased_at IS NULL FROM register_entries WHERE guild_id = ? AND user_id <> ''`, guildID)
	if err != nil {
		return fmt.Errorf("linked entries: %w", err)
	}
	defer rows.Close()
	a.linked = map[int64]linkedEntry{}
	for rows.Next() {
		var id int64
		var e linkedEntry
		if err := rows.Scan(&id, &e.user, &e.alive); err != nil {
			return fmt.Errorf("linked entries: %w", err)
		}
		a.linked[id] = e
	}
	return rows.Err()
}

// erasedEntries are those of ids whose entry was erased.
func (tx *Tx) erasedEntries(ctx context.Context, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := tx.query(ctx, `SELECT id FROM register_entries WHERE id IN (SELECT value FROM json_each(?1)) AND erased_at IS NOT NULL`, jsonIDs(ids))
	if err != nil {
		return nil, fmt.Errorf("erased entries: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("erased entries: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}
