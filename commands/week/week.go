// Package week knows which week an instant belongs to where the network is:
// a week runs from Monday 00:00 to the next Monday 00:00 in a zone, so it
// lasts 167 hours when clocks go forward and 169 when they go back. It knows
// nothing of storage or Discord.
package week

import "time"

// Week is [From, To): Monday 00:00 to the next Monday 00:00, in From's zone.
type Week struct {
	From, To time.Time
}

// Of is the week holding t in loc.
func Of(t time.Time, loc *time.Location) Week {
	l := t.In(loc)
	back := (int(l.Weekday()) + 6) % 7 // days since Monday
	return Starting(time.Date(l.Year(), l.Month(), l.Day()-back, 0, 0, 0, 0, loc))
}

// Starting is the week that starts at from (a Monday 00:00 in its zone).
// Days are counted on the calendar, never as 168 hours.
func Starting(from time.Time) Week {
	return Week{From: from, To: from.AddDate(0, 0, 7)}
}

// Previous is the week before.
func (w Week) Previous() Week { return Starting(w.From.AddDate(0, 0, -7)) }

// Next is the week after.
func (w Week) Next() Week { return Starting(w.To) }

// Contains reports whether t lies in [From, To).
func (w Week) Contains(t time.Time) bool { return !t.Before(w.From) && t.Before(w.To) }

// Day is the start of the k-th day of the week (0 = Monday), in From's zone.
func (w Week) Day(k int) time.Time { return w.From.AddDate(0, 0, k) }

// Last is the last hour's start of the week: its Sunday, for "to Sunday 19".
func (w Week) Last() time.Time { return w.To.Add(-time.Hour) }

// Key names the week by its Monday ("2026-04-13"): the digest records each
// week it posted under it.
func (w Week) Key() string { return w.From.Format("2006-01-02") }

// EndedBefore is the week that ended last before due, in loc: a digest due
// on Monday 08:00 covers the Monday to Sunday just gone.
func EndedBefore(due time.Time, loc *time.Location) Week {
	return Of(due, loc).Previous()
}

// Around is a week seen from another zone: ten instants, the Sunday before
// the week, its seven days and the Monday after, each day's midnight in loc.
// A visit's day is its weekday where the space is, and a space's zone may
// put a visit on the day before or after the network's week.
func (w Week) Around(loc *time.Location) [10]time.Time {
	f := w.From
	var b [10]time.Time
	for k := range b {
		b[k] = time.Date(f.Year(), f.Month(), f.Day()-1+k, 0, 0, 0, 0, loc)
	}
	return b
}

// Fold turns the nine day counts of Around (Sunday before, Monday..Sunday,
// Monday after) into the week's seven (Monday first): a visit on the Sunday
// before in a space's zone is that space's Sunday, one on the Monday after
// is its Monday.
func Fold(byDay [9]int) [7]int {
	var d [7]int
	d[6] = byDay[0] + byDay[7]
	d[0] = byDay[8]
	for k := 1; k < 7; k++ {
		d[k-1] += byDay[k]
	}
	return d
}
