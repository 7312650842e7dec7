package presence

import (
	"sort"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Month is [from, to): the calendar month holding now in loc.
func Month(now time.Time, loc *time.Location) (from, to time.Time) {
	l := now.In(loc)
	from = time.Date(l.Year(), l.Month(), 1, 0, 0, 0, 0, loc)
	return from, from.AddDate(0, 1, 0)
}

// SpaceStays are a member's visits to one space.
type SpaceStays struct {
	SpaceID int64
	Visits  int
	Stay    time.Duration // a visit still open counts until now
	Last    time.Time     // the latest visit's start
	// AutoOuts are visits the bot checked out at closing time, not
	// corrected: their stay is a guess, which the member is shown.
	AutoOuts int
}

// Summarise sums a member's visits (earliest first) per space, the spaces
// most visited first (ties: the first visited first), and their total stay.
func Summarise(visits []storage.Checkin, now time.Time) ([]SpaceStays, time.Duration) {
	per := map[int64]int{}
	var out []SpaceStays
	var total time.Duration
	for _, v := range visits {
		i, ok := per[v.SpaceID]
		if !ok {
			i = len(out)
			per[v.SpaceID] = i
			out = append(out, SpaceStays{SpaceID: v.SpaceID})
		}
		end := v.OutAt
		if end.IsZero() {
			end = now
		}
		out[i].Visits++
		if v.OutReason == storage.OutClosing {
			out[i].AutoOuts++
		}
		out[i].Stay += end.Sub(v.At)
		out[i].Last = v.At
		total += end.Sub(v.At)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Visits > out[j].Visits })
	return out, total
}
