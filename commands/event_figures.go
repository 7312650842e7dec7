package commands

import (
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Events held, as the digest and the funders' export show them: an event
// whose attendance nobody recorded says so, rather than a count that would
// read as "nobody came".

// heldLine is an event held, in the digest: going and came, or "attendance
// not recorded" rather than a count that would read as "nobody came".
func heldLine(l Lang, e storage.EventStats, space string) string {
	if !e.Recorded {
		return l.T("event.held_unrecorded", Escape(e.Title), Escape(space), e.Going)
	}
	return l.T("digest.held_line", Escape(e.Title), Escape(space), e.Going, e.Attended)
}

// eventSums are a space's events in a month of the funders' export.
// Participants count only events whose attendance was recorded; the others
// are counted apart (a check-in guess is not an attendance).
type eventSums struct{ events, rsvps, came, unrecorded int }

func (es eventSums) add(e storage.EventStats, now time.Time) eventSums {
	es.events++
	es.rsvps += e.Going
	switch {
	case e.Recorded:
		es.came += e.Attended
	case !now.Before(e.End):
		es.unrecorded++
	}
	return es
}
