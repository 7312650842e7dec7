package rsvp

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// AnswerInput is one member's click on an event's announcement.
type AnswerInput struct {
	Event  Event
	Member Member
	Choice Status // Going, Maybe or NotGoing; Waitlist is decided here, never chosen
	Now    time.Time
}

// Result is what an answer came to.
type Result struct {
	// Status is the answer recorded: Going becomes Waitlist when the event is full.
	Status Status
	// Previous is the answer before this one ("" if none).
	Previous Status
	// Position is the place on the waitlist (1 = next to get a seat), 0 if not waiting.
	Position int
	// Promoted are those moved up from the waitlist to the seat this answer
	// freed, in the order they had arrived.
	Promoted []Member
}

// Answer records a member's answer: a seat while there is one, else the
// waitlist. Repeating one's answer keeps one's place; changing it goes to
// the back. A seat given up goes to the first waiting.
func Answer(ctx context.Context, tx *storage.Tx, in AnswerInput) (Result, error) {
	e := in.Event
	switch {
	case e.Cancelled:
		return Result{}, ErrCancelled
	case !in.Now.Before(e.End):
		return Result{}, ErrOver
	case in.Choice != Going && in.Choice != Maybe && in.Choice != NotGoing:
		return Result{}, fmt.Errorf("rsvp: answer %q is not a choice", in.Choice)
	}
	prev, err := tx.RSVP(ctx, e.ID, in.Member.ID)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return Result{}, err
	}
	res := Result{Status: in.Choice, Previous: Status(prev.Status)}
	if in.Choice == Going && res.Previous != Going {
		// Someone already going keeps their seat; anyone else needs a free one.
		full, err := isFull(ctx, tx, e)
		if err != nil {
			return Result{}, err
		}
		if full {
			res.Status = Waitlist
		}
	}
	err = tx.SetRSVP(ctx, storage.RSVP{EventID: e.ID, GuildID: e.GuildID, UserID: in.Member.ID, UserName: in.Member.Name, Status: string(res.Status), Since: in.Now})
	if err != nil {
		return Result{}, err
	}
	if res.Status == Waitlist {
		if res.Position, err = waitlistPosition(ctx, tx, e.ID, in.Member.ID); err != nil {
			return Result{}, err
		}
	}
	if res.Previous == Going && res.Status != Going {
		if res.Promoted, err = FillSeats(ctx, tx, e, in.Now); err != nil {
			return Result{}, err
		}
	}
	return res, nil
}

func isFull(ctx context.Context, tx *storage.Tx, e Event) (bool, error) {
	if e.Capacity <= 0 {
		return false, nil
	}
	counts, err := tx.RSVPCounts(ctx, e.ID)
	if err != nil {
		return false, err
	}
	return counts[storage.Going] >= e.Capacity, nil
}

// waitlistPosition is a member's place among those waiting, by arrival.
func waitlistPosition(ctx context.Context, tx *storage.Tx, eventID int64, userID string) (int, error) {
	rsvps, err := tx.RSVPs(ctx, eventID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, x := range rsvps {
		if x.Status != storage.Waitlist {
			continue
		}
		n++
		if x.UserID == userID {
			return n, nil
		}
	}
	return 0, nil
}
