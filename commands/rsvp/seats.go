package rsvp

import (
	"context"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// FillSeats moves those waiting up to the free seats, first arrived first,
// as many as there are seats (all of them when the event has no limit any
// more), and returns them in that order. It is what follows a seat given up,
// seats added to an event, or a member forgotten.
func FillSeats(ctx context.Context, tx *storage.Tx, e Event, now time.Time) ([]Member, error) {
	if e.Cancelled || !now.Before(e.End) {
		return nil, nil // nobody is moved up to an event that will not take place
	}
	rsvps, err := tx.RSVPs(ctx, e.ID) // going first, then waiting by arrival
	if err != nil {
		return nil, err
	}
	going := 0
	var waiting []storage.RSVP
	for _, x := range rsvps {
		switch x.Status {
		case storage.Going:
			going++
		case storage.Waitlist:
			waiting = append(waiting, x)
		}
	}
	free := len(waiting)
	if e.Capacity > 0 {
		free = min(free, e.Capacity-going)
	}
	var promoted []Member
	for _, x := range waiting[:max(free, 0)] {
		x.Status, x.Since = storage.Going, now
		if err := tx.SetRSVP(ctx, x); err != nil {
			return nil, err
		}
		promoted = append(promoted, Member{ID: x.UserID, Name: x.UserName})
	}
	return promoted, nil
}
