package storage

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"sync"
	"time"

	"modernc.org/sqlite"
)

// The visits' daily sums (table visit_days, migration 0023) are kept by
// triggers that need each visit's local day where its space is: SQLite
// knows no zones, so the day is a Go function, registered with the driver
// once for every connection the process opens (before the first).
var registerDayFunc = sync.OnceValue(func() error {
	for name, f := range map[string]func(int64, *time.Location) int64{
		"tiersbot_local_day": localDay, "tiersbot_local_month": localMonth, "tiersbot_next_month": nextMonth,
	} {
		err := sqlite.RegisterDeterministicScalarFunction(name, 2, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			at, ok := args[0].(int64)
			zone, ok2 := args[1].(string)
			if !ok || !ok2 {
				return nil, nil // no space (being deleted): no day, nothing matches
			}
			return f(at, zones.get(zone)), nil
		})
		if err != nil {
			return err
		}
	}
	return nil
})

// zoneCache keeps the zones loaded: LoadLocation parses the zone database
// each time, and the trigger asks at every check-in.
type zoneCache struct{ m sync.Map }

var zones zoneCache

// get resolves a zone name as the commands do: an unknown name is
// Europe/Paris ("" is UTC). The digest checks its own days against these
// (dayAligned), so a difference would cost speed, never a wrong figure.
func (c *zoneCache) get(name string) *time.Location {
	if loc, ok := c.m.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		if loc, err = time.LoadLocation("Europe/Paris"); err != nil {
			loc = time.UTC
		}
	}
	c.m.Store(name, loc)
	return loc
}

// localDay is the Unix second that starts at's day in loc: the day's
// midnight as time.Date gives it (the digest's day bounds are made the same
// way), so [localDay(d), next day's) always holds at, even where a midnight
// is skipped or repeated.
func localDay(at int64, loc *time.Location) int64 {
	t := time.Unix(at, 0).In(loc)
	start := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	if at < start.Unix() {
		return time.Date(t.Year(), t.Month(), t.Day()-1, 0, 0, 0, 0, loc).Unix()
	}
	if next := time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, loc).Unix(); at >= next {
		return next
	}
	return start.Unix()
}

// localMonth is the Unix second that starts at's month in loc: the start
// of its 1st day, as localDay gives it, so a month is whole days of
// visit_days. visit_months (migration 0028) counts people by it.
func localMonth(at int64, loc *time.Location) int64 {
	t := time.Unix(at, 0).In(loc)
	return localDay(time.Date(t.Year(), t.Month(), 1, 12, 0, 0, 0, loc).Unix(), loc)
}

// nextMonth is the start of the month after at's, in loc.
func nextMonth(at int64, loc *time.Location) int64 {
	t := time.Unix(at, 0).In(loc)
	return localDay(time.Date(t.Year(), t.Month()+1, 1, 12, 0, 0, 0, loc).Unix(), loc)
}

// dayAligned reports whether every instant in ts starts a day of loc as
// visit_days counts them: then any period between two of them is whole days
// there, and the daily sums give its figures exactly.
func dayAligned(loc *time.Location, ts ...time.Time) bool {
	for _, t := range ts {
		if localDay(t.Unix(), loc) != t.Unix() {
			return false
		}
	}
	return true
}

// splitAligned sorts spaces into those whose zone has every instant of ts
// as a day start (the daily sums answer for them) and the others (the
// visits themselves do).
func (tx *Tx) splitAligned(ctx context.Context, spaces []int64, ts ...time.Time) (aligned, other []int64, err error) {
	byZone, err := tx.spaceZones(ctx, spaces)
	if err != nil {
		return nil, nil, err
	}
	for _, z := range byZone {
		if dayAligned(zones.get(z.zone), ts...) {
			aligned = append(aligned, z.spaces...)
		} else {
			other = append(other, z.spaces...)
		}
	}
	return aligned, other, nil
}

// zoneSpaces are the spaces of one zone, in increasing id order.
type zoneSpaces struct {
	zone   string
	spaces []int64
}

// spaceZones groups spaces by zone, zones in name order.
func (tx *Tx) spaceZones(ctx context.Context, spaces []int64) ([]zoneSpaces, error) {
	rows, err := tx.query(ctx, `SELECT timezone, id FROM spaces WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY timezone, id`, jsonIDs(spaces))
	if err != nil {
		return nil, fmt.Errorf("space zones: %w", err)
	}
	defer rows.Close()
	var out []zoneSpaces
	for rows.Next() {
		var id int64
		var zone string
		if err := rows.Scan(&zone, &id); err != nil {
			return nil, fmt.Errorf("space zones: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].zone != zone {
			out = append(out, zoneSpaces{zone: zone})
		}
		out[len(out)-1].spaces = append(out[len(out)-1].spaces, id)
	}
	return out, rows.Err()
}

// daySums is dayStats without the people. Without bounds it sums no
// days apart: nine sums fewer per row, half the time of a national year.
func (tx *Tx) daySums(ctx context.Context, out map[int64]SpaceVisits, spaces []int64, from, to time.Time, bounds *[10]time.Time) error {
	byDay := ""
	args := []any{jsonIDs(spaces), from.Unix(), to.Unix()}
	if bounds != nil {
		args = statArgs(spaces, from, to, bounds)
		byDay = `, sum(CASE WHEN day >= ?4 AND day < ?5 THEN checkins ELSE 0 END), sum(CASE WHEN day >= ?5 AND day < ?6 THEN checkins ELSE 0 END),
		sum(CASE WHEN day >= ?6 AND day < ?7 THEN checkins ELSE 0 END), sum(CASE WHEN day >= ?7 AND day < ?8 THEN checkins ELSE 0 END),
		sum(CASE WHEN day >= ?8 AND day < ?9 THEN checkins ELSE 0 END), sum(CASE WHEN day >= ?9 AND day < ?10 THEN checkins ELSE 0 END),
		sum(CASE WHEN day >= ?10 AND day < ?11 THEN checkins ELSE 0 END), sum(CASE WHEN day >= ?11 AND day < ?12 THEN checkins ELSE 0 END),
		sum(CASE WHEN day >= ?12 AND day < ?13 THEN checkins ELSE 0 END)`
	}
	rows, err := tx.query(ctx, `SELECT space_id, sum(checkins), sum(first_ever), sum(cross_visits), sum(stay_secs), sum(stays), sum(auto_outs)`+byDay+`
		FROM visit_days WHERE space_id IN (SELECT value FROM json_each(?1)) AND day >= ?2 AND day < ?3
		GROUP BY space_id`, args...)
	if err != nil {
		return fmt.Errorf("visit days: %w", err)
	}
	for rows.Next() {
		var id int64
		var s SpaceVisits
		dst := []any{&id, &s.Checkins, &s.New, &s.Cross, &s.StaySecs, &s.Stays, &s.AutoOuts}
		if bounds != nil {
			for k := range s.ByDay {
				dst = append(dst, &s.ByDay[k])
			}
		}
		if err := rows.Scan(dst...); err != nil {
			rows.Close()
			return fmt.Errorf("visit days: %w", err)
		}
		out[id] = s
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("visit days: %w", err)
	}
	return nil
}

// dayStats sums the days of spaces in [from, to), day starts of their
// zones, into out (ByDay as VisitStats, when bounds are given), and adds
// their visitors to v.
func (tx *Tx) dayStats(ctx context.Context, out map[int64]SpaceVisits, v *Visitors, spaces []int64, from, to time.Time, bounds *[10]time.Time) error {
	if err := tx.daySums(ctx, out, spaces, from, to, bounds); err != nil {
		return err
	}
	args := statArgs(spaces, from, to, bounds)
	// One row per space, in order: a person's last space is enough to count
	// them once in each.
	rows, err := tx.query(ctx, `SELECT space_id, group_concat(people, '') FROM visit_people
		WHERE space_id IN (SELECT value FROM json_each(?1)) AND day >= ?2 AND day < ?3
		GROUP BY space_id ORDER BY space_id`, args[:3]...)
	if err != nil {
		return fmt.Errorf("visit people: %w", err)
	}
	defer rows.Close()
	var people sql.RawBytes
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &people); err != nil {
			return fmt.Errorf("visit people: %w", err)
		}
		s := out[id]
		s.People = v.add(id, people)
		out[id] = s
	}
	return rows.Err()
}

// dayCounts adds to out the check-ins of spaces in [from, to), day starts
// of their zones.
func (tx *Tx) dayCounts(ctx context.Context, out map[int64]int, spaces []int64, from, to time.Time) error {
	rows, err := tx.query(ctx, `SELECT space_id, sum(checkins) FROM visit_days
		WHERE space_id IN (SELECT value FROM json_each(?1)) AND day >= ?2 AND day < ?3 GROUP BY space_id`, jsonIDs(spaces), from.Unix(), to.Unix())
	if err != nil {
		return fmt.Errorf("visit days: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return fmt.Errorf("visit days: %w", err)
		}
		out[id] += n
	}
	return rows.Err()
}

// Visitors gathers the distinct people of several spaces' visits.
type Visitors struct {
	// Each person's last space counted: Discord ids as numbers (most of
	// them, and faster), anything else as text.
	nums map[uint64]int64
	strs map[string]int64
	// partial: some spaces' visitors were counted in SQL, not gathered.
	partial bool
}

// Count is the number of distinct people gathered.
func (v *Visitors) Count() int { return len(v.nums) + len(v.strs) }

// Complete reports whether every space's visitors were gathered (else
// Count is not the distinct people of them all).
func (v *Visitors) Complete() bool { return !v.partial }

// add gathers one space's visitors, a visit_days people list (each user id
// preceded by char(31), once per visit), and returns how many distinct
// people it holds. Each space is added once.
func (v *Visitors) add(space int64, people []byte) int {
	if v.nums == nil {
		v.nums, v.strs = map[uint64]int64{}, map[string]int64{}
	}
	n := 0
	eachVisitor(people, func(id []byte) {
		if num, ok := canonicalNumber(id); ok {
			if last, seen := v.nums[num]; !seen || last != space {
				v.nums[num] = space
				n++
			}
		} else if last, seen := v.strs[string(id)]; !seen || last != space {
			v.strs[string(id)] = space
			n++
		}
	})
	return n
}

// eachVisitor calls f with each user id of a visit_people list (each
// preceded by char(31)).
func eachVisitor(people []byte, f func(id []byte)) {
	for len(people) > 0 {
		people = people[1:] // the separator
		end := bytes.IndexByte(people, 0x1f)
		if end < 0 {
			end = len(people)
		}
		f(people[:end])
		people = people[end:]
	}
}

// canonicalNumber reads a decimal number written without leading zeros
// (as Discord writes ids): two such texts are equal exactly when their
// numbers are.
func canonicalNumber(b []byte) (uint64, bool) {
	if len(b) == 0 || len(b) > 19 || (b[0] == '0' && len(b) > 1) {
		return 0, false
	}
	var n uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, true
}
