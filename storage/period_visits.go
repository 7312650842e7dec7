package storage

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// VisitParts sums the check-ins of spaces in each part [cuts[i],
// cuts[i+1]) (an activity report's months), over all the spaces; People
// is left zero (PeriodActivity counts people). One pass over the daily
// sums for the spaces whose days the cuts fall on; the visits of the
// others, part by part.
func (tx *Tx) VisitParts(ctx context.Context, spaces []int64, cuts []time.Time) ([]SpaceVisits, error) {
	if len(cuts) < 2 {
		return nil, fmt.Errorf("visit parts: %d cuts", len(cuts))
	}
	out := make([]SpaceVisits, len(cuts)-1)
	aligned, other, err := tx.splitAligned(ctx, spaces, cuts...)
	if err != nil {
		return nil, fmt.Errorf("visit parts: %w", err)
	}
	if len(aligned) > 0 {
		if err := tx.dayParts(ctx, out, aligned, cuts); err != nil {
			return nil, fmt.Errorf("visit parts: %w", err)
		}
	}
	for i := range out {
		if len(other) == 0 {
			break
		}
		byspace := map[int64]SpaceVisits{}
		if err := tx.visitStats(ctx, byspace, other, cuts[i], cuts[i+1], nil); err != nil {
			return nil, fmt.Errorf("visit parts: %w", err)
		}
		for _, v := range byspace {
			out[i].add(v)
		}
	}
	return out, nil
}

// VisitSums is VisitStats without counting people where the daily sums
// answer (People is zero for the spaces whose days from and to start): for
// a caller that counts them itself (PeriodActivity).
func (tx *Tx) VisitSums(ctx context.Context, spaces []int64, from, to time.Time) (map[int64]SpaceVisits, error) {
	aligned, other, err := tx.splitAligned(ctx, spaces, from, to)
	if err != nil {
		return nil, fmt.Errorf("visit sums: %w", err)
	}
	out := make(map[int64]SpaceVisits, len(spaces))
	if len(aligned) > 0 {
		if err := tx.daySums(ctx, out, aligned, from, to, nil); err != nil {
			return nil, fmt.Errorf("visit sums: %w", err)
		}
	}
	if len(other) > 0 {
		if err := tx.visitStats(ctx, out, other, from, to, nil); err != nil {
			return nil, fmt.Errorf("visit sums: %w", err)
		}
	}
	return out, nil
}

// dayParts adds the daily sums of spaces, day by day, to the part each day
// belongs to.
func (tx *Tx) dayParts(ctx context.Context, out []SpaceVisits, spaces []int64, cuts []time.Time) error {
	bounds := make([]int64, len(cuts))
	for i, c := range cuts {
		bounds[i] = c.Unix()
	}
	rows, err := tx.query(ctx, `SELECT day, sum(checkins), sum(first_ever), sum(cross_visits), sum(stay_secs), sum(stays), sum(auto_outs)
		FROM visit_days WHERE space_id IN (SELECT value FROM json_each(?1)) AND day >= ?2 AND day < ?3 GROUP BY day`,
		jsonIDs(spaces), bounds[0], bounds[len(bounds)-1])
	if err != nil {
		return fmt.Errorf("visit days: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var day int64
		var v SpaceVisits
		if err := rows.Scan(&day, &v.Checkins, &v.New, &v.Cross, &v.StaySecs, &v.Stays, &v.AutoOuts); err != nil {
			return fmt.Errorf("visit days: %w", err)
		}
		part := sort.Search(len(bounds), func(i int) bool { return bounds[i] > day }) - 1
		out[part].add(v)
	}
	return rows.Err()
}

// add sums v's counts into s (not People, not ByDay).
func (s *SpaceVisits) add(v SpaceVisits) {
	s.Checkins += v.Checkins
	s.New += v.New
	s.Cross += v.Cross
	s.StaySecs += v.StaySecs
	s.Stays += v.Stays
	s.AutoOuts += v.AutoOuts
}
