package rsvp

import (
	"context"
	"slices"

	"github.com/tierslieux/tiersbot/storage"
)

// Who hears of a change to an event, in order of answer.
var (
	// A cancellation: everyone who meant to come, waiting included.
	toldOfCancellation = []Status{Going, Waitlist, Maybe}
	// A new time: those going or maybe; those waiting hear when a seat frees up.
	toldOfMove = []Status{Going, Maybe}
)

// ToTellOfCancellation lists who is told that an event is cancelled.
func ToTellOfCancellation(ctx context.Context, tx *storage.Tx, eventID int64) ([]Member, error) {
	return answered(ctx, tx, eventID, toldOfCancellation)
}

// ToTellOfMove lists who is told that an event's time changed.
func ToTellOfMove(ctx context.Context, tx *storage.Tx, eventID int64) ([]Member, error) {
	return answered(ctx, tx, eventID, toldOfMove)
}

func answered(ctx context.Context, tx *storage.Tx, eventID int64, statuses []Status) ([]Member, error) {
	rsvps, err := tx.RSVPs(ctx, eventID)
	if err != nil {
		return nil, err
	}
	var out []Member
	for _, x := range rsvps {
		if slices.Contains(statuses, Status(x.Status)) {
			out = append(out, Member{ID: x.UserID, Name: x.UserName})
		}
	}
	return out, nil
}
