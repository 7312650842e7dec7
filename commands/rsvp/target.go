package rsvp

import "time"

// JustEnded is how long after its end an occurrence whose attendance was not
// recorded is still "the one that just ended": typing a series' title in
// /event attendance then means it, not the next date.
const JustEnded = 7 * 24 * time.Hour

// AttendanceTarget picks, among the occurrences of one title, the one whose
// attendance someone means: the one under way; else the latest that ended
// within JustEnded with attendance not recorded; else the latest held; else
// the next to come (which the caller will refuse as not started). Cancelled
// occurrences come last. It returns an index into events, or -1 if empty.
func AttendanceTarget(events []Event, now time.Time) int {
	best, rank := -1, 99
	for i, e := range events {
		r := targetRank(e, now)
		switch {
		case r < rank:
			best, rank = i, r
		case r == rank && better(e, events[best], r):
			best = i
		}
	}
	return best
}

// Ranks of AttendanceTarget, best first.
const (
	rankUnderWay = iota
	rankJustEnded
	rankHeld
	rankToCome
	rankCancelled
)

func targetRank(e Event, now time.Time) int {
	switch {
	case e.Cancelled:
		return rankCancelled
	case now.Before(e.Start):
		return rankToCome
	case now.Before(e.End):
		return rankUnderWay
	case !e.Recorded && now.Sub(e.End) <= JustEnded:
		return rankJustEnded
	}
	return rankHeld
}

// better breaks a tie within one rank: the latest of the past, the soonest to come.
func better(e, than Event, rank int) bool {
	if rank == rankToCome {
		return e.Start.Before(than.Start)
	}
	return e.Start.After(than.Start)
}
