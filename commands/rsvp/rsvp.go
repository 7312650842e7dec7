// Package rsvp holds the network's rules for answers to events: who gets a
// seat, who waits and in which order, who is moved up when seats free up,
// who came. It works on a storage transaction and typed input and returns
// typed results; it knows nothing of languages, messages or Discord, so the
// handlers in commands decide here and render there.
package rsvp

import (
	"errors"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Status is a member's answer to an event.
type Status string

// The answers. Going holds a seat; Waitlist waits for one, first come first
// served; Maybe and NotGoing take none.
const (
	Going    Status = storage.Going
	Maybe    Status = storage.Maybe
	NotGoing Status = storage.NotGoing
	Waitlist Status = storage.Waitlist
)

// Attendance is what is known, after the event, of whether someone came.
type Attendance int

const (
	// NotRecorded: nobody said yet. Never counted as absent.
	NotRecorded Attendance = iota
	Came
	Absent
)

// Member is someone who answers.
type Member struct {
	ID   string
	Name string
}

// Event is what the rules need to know of an occurrence.
type Event struct {
	ID        int64
	GuildID   string
	SpaceID   int64
	Capacity  int // 0: no limit
	Start     time.Time
	End       time.Time
	Cancelled bool
	// Recorded: someone recorded its attendance (or its walk-ins).
	Recorded bool
}

// EventOf reads the rules' view of a stored occurrence.
func EventOf(e storage.Event) Event {
	return Event{ID: e.ID, GuildID: e.GuildID, SpaceID: e.SpaceID, Capacity: e.Capacity, Start: e.Start, End: e.End,
		Cancelled: e.Cancelled, Recorded: !e.AttendanceAt.IsZero()}
}

// Refusals; the caller says them in the user's language.
var (
	ErrCancelled = errors.New("rsvp: event cancelled")
	ErrOver      = errors.New("rsvp: event over")
	ErrNotBegun  = errors.New("rsvp: event not started")
	// ErrListChanged: the page saved is not the page shown any more.
	ErrListChanged = errors.New("rsvp: attendance list changed since shown")
	// ErrNotOffered: a person chosen who was not on the page shown.
	ErrNotOffered = errors.New("rsvp: person not on the page")
)
