// Package presence decides who is in a space: check-in (checking out of the
// previous space first), check-out, the automatic check-out at closing
// time, and a member's correction of it. It takes a transaction and typed
// input and returns typed results; it knows nothing of languages, messages
// or Discord. Handlers in package commands render what it decided.
package presence

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Zone turns a space's zone name into a location (the caller caches them).
type Zone func(name string) *time.Location

// ErrNotIn: the member is checked in nowhere in the network.
var ErrNotIn = errors.New("not checked in")

// Arrive is a member checking in at Space.
type Arrive struct {
	GuildID, UserID, Name, Locale string
	Space                         storage.Space
	Note                          string
	Now                           time.Time
}

// Fullness says how a space's head count compares with its capacity.
type Fullness int

const (
	Room     Fullness = iota // no capacity, or room left
	NowFull                  // exactly at capacity
	OverFull                 // more present than its capacity
)

// Full is how count people fill a space of the given capacity (0: no limit).
func Full(count, capacity int) Fullness {
	// Ifs, not switch cases: Go's coverage (and so mutation testing) does
	// not see a case's condition.
	if capacity <= 0 || count < capacity {
		return Room
	}
	if count == capacity {
		return NowFull
	}
	return OverFull
}

// Arrival is what a check-in did.
type Arrival struct {
	// Already is the open check-in when the member was already there
	// (ID != 0): nothing changed.
	Already storage.Checkin
	// Checkin is the new check-in (ID == 0 when Already).
	Checkin storage.Checkin
	// MovedFrom is the space checked out of first ("" when none or unknown).
	MovedFrom string
	Count     int // present at the space now, the member included
	Fullness  Fullness
	Closes    time.Time // when this visit ends by itself
}

// CheckIn checks a member in at in.Space. Checking in where they already
// are changes nothing; checking in elsewhere first checks them out of the
// other space, at the same instant (reason "moved").
func CheckIn(ctx context.Context, tx *storage.Tx, in Arrive, zone Zone) (Arrival, error) {
	var a Arrival
	open, err := tx.OpenCheckin(ctx, in.GuildID, in.UserID)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return a, fmt.Errorf("check in: %w", err)
	}
	if err == nil && open.SpaceID == in.Space.ID {
		if _, err := tx.TouchMember(ctx, in.GuildID, in.UserID, in.Name, in.Locale, in.Now); err != nil {
			return a, fmt.Errorf("check in: %w", err)
		}
		a.Already = open
		a.Closes = ClosingAfter(open.At, in.Space, zone)
		return a, nil
	}
	if err == nil {
		if prev, err := tx.Space(ctx, in.GuildID, open.SpaceID); err == nil {
			a.MovedFrom = prev.Name
		}
		if err := tx.CheckOut(ctx, open.ID, in.Now, storage.OutMoved); err != nil {
			return a, fmt.Errorf("check in: %w", err)
		}
	}
	// The member is created or refreshed with the visit (one statement
	// fewer on the single writer than touching them first).
	c := storage.Checkin{GuildID: in.GuildID, SpaceID: in.Space.ID, UserID: in.UserID, Note: in.Note, At: in.Now}
	if a.Checkin, err = tx.CheckInMember(ctx, c, in.Name, in.Locale); err != nil {
		return a, fmt.Errorf("check in: %w", err)
	}
	if a.Count, err = tx.CountPresent(ctx, in.Space.ID); err != nil {
		return a, fmt.Errorf("check in: %w", err)
	}
	a.Fullness = Full(a.Count, in.Space.Capacity)
	a.Closes = ClosingAfter(in.Now, in.Space, zone)
	return a, nil
}

// Departure is what a check-out did.
type Departure struct {
	Space   storage.Space
	Checkin storage.Checkin // as it was open
	Stay    time.Duration
}

// CheckOut checks the member out of wherever they are, now; ErrNotIn when
// they are nowhere.
func CheckOut(ctx context.Context, tx *storage.Tx, guildID, userID string, now time.Time) (Departure, error) {
	var d Departure
	open, err := tx.OpenCheckin(ctx, guildID, userID)
	if errors.Is(err, storage.ErrNotFound) {
		return d, ErrNotIn
	}
	if err != nil {
		return d, fmt.Errorf("check out: %w", err)
	}
	if d.Space, err = tx.Space(ctx, guildID, open.SpaceID); err != nil {
		return d, fmt.Errorf("check out: %w", err)
	}
	if err := tx.CheckOut(ctx, open.ID, now, storage.OutManual); err != nil {
		return d, fmt.Errorf("check out: %w", err)
	}
	d.Checkin, d.Stay = open, now.Sub(open.At)
	return d, nil
}
