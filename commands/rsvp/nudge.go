package rsvp

import (
	"context"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// After an event, its organiser is asked "who came?" once, and once more the
// next day if attendance is still not recorded; then never again.
const (
	SecondNudge = 24 * time.Hour // the next day
	LastNudge   = 48 * time.Hour // after that, nothing
)

// Nudge is a "who came?" to send.
type Nudge struct {
	Event     Event
	Organizer string
	// Second: the reminder of the next day. A bot down through the first
	// sends only this one: never two at once.
	Second bool
}

// DueNudges lists the nudges due at now, for every network: held events
// ended less than LastNudge ago whose attendance is not recorded and whose
// organiser is known. Sending each at most once is the caller's (one key
// per event and nudge).
func DueNudges(ctx context.Context, tx *storage.Tx, now time.Time) ([]Nudge, error) {
	events, err := tx.EventsEndedUnrecorded(ctx, now.Add(-LastNudge), now)
	if err != nil {
		return nil, err
	}
	var out []Nudge
	for _, e := range events {
		if e.OrganizerID == "" {
			continue // forgotten: the space's team has no one address
		}
		out = append(out, Nudge{Event: EventOf(e), Organizer: e.OrganizerID, Second: now.Sub(e.End) >= SecondNudge})
	}
	return out, nil
}
