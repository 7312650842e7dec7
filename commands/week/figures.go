package week

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Space are a space's figures for a week.
type Space struct {
	Space    storage.Space
	Checkins int
	People   int
	New      int
	// AvgStay is over the stays members ended themselves (or corrected):
	// an automatic check-out at closing time is a guess, counted in AutoOuts.
	AvgStay   time.Duration
	AutoOuts  int
	PrevCheck int
	PerDay    [7]int
}

// Figures are a network's week: what the digest shows.
type Figures struct {
	Guild       storage.Guild
	From, To    time.Time
	Spaces      []Space // most check-ins first
	Total       Space
	CrossVisits int
	BusiestDay  int // 0 = Monday; -1 when no visit
	Held        []storage.EventStats
	Next        []storage.Event
	SpaceNames  map[int64]string
	NewOffers   int
	NewSeeks    int
	IntrosMade  int
	IntrosMet   int
	Unmet       []storage.Skill
	PerAnimator map[string]int // events held per space team (by space name): events name no organiser
	Projects    storage.ProjectWeek
	Late        bool
}

// Zone turns a zone name into a location (the caller caches them).
type Zone func(name string) *time.Location

// Compute gathers the figures of week w of network g.
func Compute(ctx context.Context, tx *storage.Tx, g storage.Guild, w Week, zone Zone) (Figures, error) {
	d := Figures{Guild: g, From: w.From, To: w.To, SpaceNames: map[int64]string{}, PerAnimator: map[string]int{}}
	spaces, err := tx.Spaces(ctx, g.ID)
	if err != nil {
		return d, fmt.Errorf("week figures: %w", err)
	}
	for _, s := range spaces {
		d.Spaces = append(d.Spaces, Space{Space: s})
		d.SpaceNames[s.ID] = s.Name
	}
	byID := map[int64]*Space{}
	for i := range d.Spaces {
		byID[d.Spaces[i].Space.ID] = &d.Spaces[i]
	}
	// Figures per space in SQL, one query per time zone among the spaces
	// (usually one): each space's days are its own zone's.
	ids := make([]int64, len(spaces))
	zones := map[string][]int64{}
	for i, s := range spaces {
		ids[i] = s.ID
		zones[s.Timezone] = append(zones[s.Timezone], s.ID)
	}
	var totalStay, totalStays int64
	var visitors storage.Visitors // the network's distinct people, gathered on the way
	for name, inZone := range zones {
		bounds := w.Around(zone(name))
		stats, err := tx.VisitStatsWith(ctx, &visitors, inZone, w.From, w.To, &bounds)
		if err != nil {
			return d, fmt.Errorf("week figures: %w", err)
		}
		for id, v := range stats {
			sw := byID[id]
			sw.Checkins, sw.People, sw.New, sw.AutoOuts = v.Checkins, v.People, v.New, v.AutoOuts
			sw.AvgStay = average(v.StaySecs, int64(v.Stays))
			totalStay += v.StaySecs
			totalStays += int64(v.Stays)
			d.CrossVisits += v.Cross
			sw.PerDay = Fold(v.ByDay)
		}
	}
	prev, err := tx.CheckinCounts(ctx, ids, w.Previous().From, w.From)
	if err != nil {
		return d, fmt.Errorf("week figures: %w", err)
	}
	for i := range d.Spaces {
		sw := &d.Spaces[i]
		sw.PrevCheck = prev[sw.Space.ID]
		d.Total.PrevCheck += sw.PrevCheck
		d.Total.Checkins += sw.Checkins
		d.Total.New += sw.New
		d.Total.AutoOuts += sw.AutoOuts
		for k := range 7 {
			d.Total.PerDay[k] += sw.PerDay[k]
		}
	}
	d.Total.People = visitors.Count()
	if !visitors.Complete() {
		if d.Total.People, err = tx.DistinctVisitors(ctx, ids, w.From, w.To); err != nil {
			return d, fmt.Errorf("week figures: %w", err)
		}
	}
	d.Total.AvgStay = average(totalStay, totalStays)
	d.BusiestDay = Busiest(d.Total.PerDay)
	// Most active spaces first.
	sort.SliceStable(d.Spaces, func(i, j int) bool { return d.Spaces[i].Checkins > d.Spaces[j].Checkins })
	if d.Held, err = tx.EventsHeld(ctx, g.ID, w.From, w.To); err != nil {
		return d, fmt.Errorf("week figures: %w", err)
	}
	for _, e := range d.Held {
		d.PerAnimator[d.SpaceNames[e.SpaceID]]++ // by space team: events keep no organiser's name
	}
	next, err := tx.EventsStarting(ctx, g.ID, w.To, w.Next().To)
	if err != nil {
		return d, fmt.Errorf("week figures: %w", err)
	}
	for _, e := range next {
		if !e.Cancelled {
			d.Next = append(d.Next, e)
		}
	}
	if d.NewOffers, d.NewSeeks, err = tx.SkillCountsSince(ctx, g.ID, w.From, w.To); err != nil {
		return d, fmt.Errorf("week figures: %w", err)
	}
	if d.IntrosMade, d.IntrosMet, err = tx.IntroStats(ctx, g.ID, w.From, w.To); err != nil {
		return d, fmt.Errorf("week figures: %w", err)
	}
	skills, err := tx.Skills(ctx, g.ID, 0)
	if err != nil {
		return d, fmt.Errorf("week figures: %w", err)
	}
	d.Unmet = Unmet(skills)
	if d.Projects, err = tx.ProjectDigest(ctx, g.ID, w.From, w.To); err != nil {
		return d, fmt.Errorf("week figures: %w", err)
	}
	return d, nil
}

// average is the mean stay of n stays lasting secs in all, to the second
// (0 when there is none).
func average(secs, n int64) time.Duration {
	if n <= 0 {
		return 0
	}
	return time.Duration(secs/n) * time.Second
}

// Busiest is the day (0 = Monday) with the most check-ins, the first of
// equals; -1 when there was none.
func Busiest(perDay [7]int) int {
	best, day := 0, -1
	for k, n := range perDay {
		if n > best {
			best, day = n, k
		}
	}
	return day
}

// Unmet are the skills sought that nobody offers, most sought first.
func Unmet(skills []storage.Skill) []storage.Skill {
	var out []storage.Skill
	for _, s := range skills {
		if s.Offers == 0 && s.Seeks > 0 {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Seeks > out[j].Seeks })
	return out
}

// Change is a count against the week before, in percent: New when there
// was nothing before, Same when there is nothing either time.
type Change struct {
	Pct       int
	New, Same bool
}

// Compare is now against before.
func Compare(now, before int) Change {
	// Conditions as ifs, not switch cases: Go's coverage (and so mutation
	// testing) does not see a case's condition.
	if before == 0 && now == 0 {
		return Change{Same: true}
	}
	if before == 0 {
		return Change{New: true}
	}
	return Change{Pct: (now - before) * 100 / before}
}
