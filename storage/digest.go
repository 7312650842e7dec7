package storage

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// SpaceVisits sums one space's check-ins over a period.
type SpaceVisits struct {
	Checkins int
	People   int   // distinct
	New      int   // first check-ins in the network
	Cross    int   // by members whose home is another space
	StaySecs int64 // summed over the visits the member checked out of
	Stays    int   // visits the member checked out of (or corrected)
	// AutoOuts are visits checked out by the bot at closing time: their
	// length is a guess, so they are counted apart and kept out of StaySecs.
	AutoOuts int
	// ByDay counts check-ins in the nine days around the period that
	// VisitStats' bounds give (see there).
	ByDay [9]int
}

// VisitStats sums, per space, the check-ins that started in [from, to) in
// the given spaces. bounds, when not nil, are ten instants: ByDay[k] counts
// check-ins in [bounds[k], bounds[k+1]), so a caller can take the day before
// and after a week in a space's own zone. For the spaces whose zone starts a
// day at from, to and each bound (a network's week, months), the daily sums
// of visit_days answer; the others are read from the visits, one pass over
// an index that holds every column read (migrations 0009, 0013).
func (tx *Tx) VisitStats(ctx context.Context, spaces []int64, from, to time.Time, bounds *[10]time.Time) (map[int64]SpaceVisits, error) {
	return tx.VisitStatsWith(ctx, &Visitors{}, spaces, from, to, bounds)
}

// VisitStatsWith is VisitStats, also gathering the visitors in v: calls for
// other spaces over the same period add theirs, and v then counts the
// distinct people of them all.
func (tx *Tx) VisitStatsWith(ctx context.Context, v *Visitors, spaces []int64, from, to time.Time, bounds *[10]time.Time) (map[int64]SpaceVisits, error) {
	cuts := []time.Time{from, to}
	if bounds != nil {
		cuts = append(cuts, bounds[:]...)
	}
	aligned, other, err := tx.splitAligned(ctx, spaces, cuts...)
	if err != nil {
		return nil, fmt.Errorf("visit stats: %w", err)
	}
	out := make(map[int64]SpaceVisits, len(spaces))
	if len(aligned) > 0 {
		if err := tx.dayStats(ctx, out, v, aligned, from, to, bounds); err != nil {
			return nil, fmt.Errorf("visit stats: %w", err)
		}
	}
	if len(other) > 0 {
		v.partial = true // their visitors are counted in SQL, not here
		if err := tx.visitStats(ctx, out, other, from, to, bounds); err != nil {
			return nil, fmt.Errorf("visit stats: %w", err)
		}
	}
	return out, nil
}

// visitStats is VisitStats from the visits themselves.
func (tx *Tx) visitStats(ctx context.Context, out map[int64]SpaceVisits, spaces []int64, from, to time.Time, bounds *[10]time.Time) error {
	args := statArgs(spaces, from, to, bounds)
	rows, err := tx.query(ctx, `SELECT space_id, count(*), count(DISTINCT user_id), sum(first_ever),
		sum(home_space <> 0 AND home_space <> space_id), coalesce(sum(CASE WHEN out_reason <> 'closing' THEN out_at - at END), 0),
		count(CASE WHEN out_reason <> 'closing' THEN out_at END), count(CASE WHEN out_reason = 'closing' THEN 1 END),
		sum(at >= ?4 AND at < ?5), sum(at >= ?5 AND at < ?6), sum(at >= ?6 AND at < ?7),
		sum(at >= ?7 AND at < ?8), sum(at >= ?8 AND at < ?9), sum(at >= ?9 AND at < ?10),
		sum(at >= ?10 AND at < ?11), sum(at >= ?11 AND at < ?12), sum(at >= ?12 AND at < ?13)
		FROM checkins WHERE space_id IN (SELECT value FROM json_each(?1)) AND at >= ?2 AND at < ?3
		GROUP BY space_id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var v SpaceVisits
		dst := []any{&id, &v.Checkins, &v.People, &v.New, &v.Cross, &v.StaySecs, &v.Stays, &v.AutoOuts}
		for k := range v.ByDay {
			dst = append(dst, &v.ByDay[k])
		}
		if err := rows.Scan(dst...); err != nil {
			return err
		}
		out[id] = v
	}
	return rows.Err()
}

// statArgs are the visit figures' parameters: ?1 the spaces, ?2 and ?3
// the period, ?4..?13 the day bounds (0 without them: no day matches).
func statArgs(spaces []int64, from, to time.Time, bounds *[10]time.Time) []any {
	args := []any{jsonIDs(spaces), from.Unix(), to.Unix()}
	for k := range 10 {
		var b int64
		if bounds != nil {
			b = bounds[k].Unix()
		}
		args = append(args, b)
	}
	return args
}

// jsonIDs writes ids as a JSON array: one bound parameter that json_each
// turns into a list, so the statement text (and its prepared form) is the
// same for any number of spaces.
func jsonIDs(ids []int64) string {
	b := make([]byte, 0, 8*len(ids)+2)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}

// CheckinCounts counts, per space, the check-ins that started in [from, to)
// in the given spaces: from the daily sums where from and to start days of
// the space's zone, else from the index alone.
func (tx *Tx) CheckinCounts(ctx context.Context, spaces []int64, from, to time.Time) (map[int64]int, error) {
	aligned, other, err := tx.splitAligned(ctx, spaces, from, to)
	if err != nil {
		return nil, fmt.Errorf("check-in counts: %w", err)
	}
	out := make(map[int64]int, len(spaces))
	if len(aligned) > 0 {
		if err := tx.dayCounts(ctx, out, aligned, from, to); err != nil {
			return nil, fmt.Errorf("check-in counts: %w", err)
		}
	}
	if len(other) == 0 {
		return out, nil
	}
	rows, err := tx.query(ctx, `SELECT space_id, count(*) FROM checkins
		WHERE space_id IN (SELECT value FROM json_each(?1)) AND at >= ?2 AND at < ?3 GROUP BY space_id`, jsonIDs(other), from.Unix(), to.Unix())
	if err != nil {
		return nil, fmt.Errorf("check-in counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("check-in counts: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}

// DistinctVisitors counts the people who checked in at any of the given
// spaces in [from, to): the union of the days' visitors when from and to
// start days in every space's zone, else from the visits.
func (tx *Tx) DistinctVisitors(ctx context.Context, spaces []int64, from, to time.Time) (int, error) {
	aligned, other, err := tx.splitAligned(ctx, spaces, from, to)
	if err != nil {
		return 0, fmt.Errorf("distinct visitors: %w", err)
	}
	if len(other) == 0 {
		var v Visitors
		if err := tx.dayStats(ctx, map[int64]SpaceVisits{}, &v, aligned, from, to, nil); err != nil {
			return 0, fmt.Errorf("distinct visitors: %w", err)
		}
		return v.Count(), nil
	}
	var n int
	err = tx.queryRow(ctx, `SELECT count(DISTINCT user_id) FROM checkins
		WHERE space_id IN (SELECT value FROM json_each(?1)) AND at >= ?2 AND at < ?3`, jsonIDs(spaces), from.Unix(), to.Unix()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("distinct visitors: %w", err)
	}
	return n, nil
}

// DigestPosted reports whether a network's digest for a week was posted.
func (tx *Tx) DigestPosted(ctx context.Context, guildID, week string) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT count(*) FROM digests WHERE guild_id = ? AND week_start = ?`, guildID, week).Scan(&n)
	return n > 0, err
}

// RecordDigest records a posted digest; false if it was already recorded.
func (tx *Tx) RecordDigest(ctx context.Context, guildID, week string, at time.Time, late bool) (bool, error) {
	res, err := tx.exec(ctx, `INSERT INTO digests(guild_id, week_start, posted_at, late) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		guildID, week, at.Unix(), late)
	if err != nil {
		return false, fmt.Errorf("record digest: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// LastDigest returns when a network's last digest was posted (zero if never).
func (tx *Tx) LastDigest(ctx context.Context, guildID string) (time.Time, error) {
	var at int64
	err := tx.queryRow(ctx, `SELECT coalesce(max(posted_at), 0) FROM digests WHERE guild_id = ?`, guildID).Scan(&at)
	if at == 0 {
		return time.Time{}, err
	}
	return time.Unix(at, 0), err
}

// GuildsWithDigest lists networks with a digest channel.
func (tx *Tx) GuildsWithDigest(ctx context.Context) ([]Guild, error) {
	rows, err := tx.query(ctx, `SELECT guild_id FROM guilds WHERE digest_channel <> '' ORDER BY guild_id`)
	if err != nil {
		return nil, fmt.Errorf("digest guilds: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	var out []Guild
	for _, id := range ids {
		g, err := tx.Guild(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}
