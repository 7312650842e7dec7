package storage

import (
	"context"
	"fmt"
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

// dayParts adds the daily sums of spaces to each part, a query per part:
// grouping a national year's 1.3 million days by day sorted them all
// first (a second and a half); each part's sum walks the primary key.
func (tx *Tx) dayParts(ctx context.Context, out []SpaceVisits, spaces []int64, cuts []time.Time) error {
	ids := jsonIDs(spaces)
	for i := range out {
		var v SpaceVisits
		err := tx.queryRow(ctx, `SELECT coalesce(sum(checkins), 0), coalesce(sum(first_ever), 0), coalesce(sum(cross_visits), 0),
			coalesce(sum(stay_secs), 0), coalesce(sum(stays), 0), coalesce(sum(auto_outs), 0)
			FROM visit_days WHERE space_id IN (SELECT value FROM json_each(?1)) AND day >= ?2 AND day < ?3`,
			ids, cuts[i].Unix(), cuts[i+1].Unix()).Scan(&v.Checkins, &v.New, &v.Cross, &v.StaySecs, &v.Stays, &v.AutoOuts)
		if err != nil {
			return fmt.Errorf("visit days: %w", err)
		}
		out[i].add(v)
	}
	return nil
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
