package rsvp

import (
	"context"
	"fmt"
	"hash/fnv"
	"slices"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// PageSize is how many people one attendance page shows: a Discord select
// holds at most 25 options.
const PageSize = 25

// Attendee is one person on an event's attendance list.
type Attendee struct {
	Member
	Status     Status
	Attendance Attendance
	// CheckedIn: they had a check-in at the space during the event.
	CheckedIn bool
}

// Present is whether the list shows them ticked: recorded as come, or not
// recorded yet and checked in during the event.
func (a Attendee) Present() bool {
	return a.Attendance == Came || (a.Attendance == NotRecorded && a.CheckedIn)
}

// List is everyone who answered anything but "can't come", going first,
// then waiting, then maybe, each by arrival: the order of the pages.
func List(ctx context.Context, tx *storage.Tx, e Event) ([]Attendee, error) {
	rsvps, present, err := tx.AnswersAndPresence(ctx, e.ID, e.SpaceID, e.Start, e.End)
	if err != nil {
		return nil, err
	}
	var out []Attendee
	for _, x := range rsvps {
		if x.Status == storage.NotGoing {
			continue
		}
		out = append(out, Attendee{Member: Member{ID: x.UserID, Name: x.UserName}, Status: Status(x.Status),
			Attendance: AttendanceOf(x.Attended), CheckedIn: present[x.UserID]})
	}
	return out, nil
}

// AttendanceOf reads a stored attended flag (nil: not recorded).
func AttendanceOf(v *bool) Attendance {
	switch {
	case v == nil:
		return NotRecorded
	case *v:
		return Came
	}
	return Absent
}

// Page is one page of an attendance list.
type Page struct {
	Number int // from 0
	Pages  int // at least 1
	People []Attendee
	// Key identifies exactly who the page shows: saving it with another key
	// means the list moved in between, and nothing is saved.
	Key string
}

// PageOf cuts page n (from 0) out of list; a page past the end is the last.
func PageOf(list []Attendee, n int) Page {
	pages := max(1, (len(list)+PageSize-1)/PageSize)
	n = min(max(n, 0), pages-1)
	people := list[min(n*PageSize, len(list)):min((n+1)*PageSize, len(list))]
	h := fnv.New32a()
	for _, a := range people {
		h.Write([]byte(a.ID))
		h.Write([]byte{0})
	}
	return Page{Number: n, Pages: pages, People: people, Key: fmt.Sprintf("%08x", h.Sum32())}
}

// Summary counts an event's list.
type Summary struct {
	Came, Absent, NotRecorded int
	// Detected are the not recorded who checked in during it.
	Detected int
}

// Summarize counts a list.
func Summarize(list []Attendee) Summary {
	var s Summary
	for _, a := range list {
		switch a.Attendance {
		case Came:
			s.Came++
		case Absent:
			s.Absent++
		default:
			s.NotRecorded++
			if a.CheckedIn {
				s.Detected++
			}
		}
	}
	return s
}

// RecordInput is the attendance of one page, as ticked.
type RecordInput struct {
	Event Event
	Page  int
	Key   string   // the page's key when it was shown
	Came  []string // ids ticked; everyone else on the page did not come
	Now   time.Time
}

// Recorded is what saving a page did.
type Recorded struct {
	Page    Page    // the page saved, as it now stands
	Summary Summary // the whole list after saving
	List    []Attendee
}

// Record saves who came among the people of one page, and only them: those
// on other pages keep what they had (a check-in still counts for them). The
// event's attendance is then recorded.
func Record(ctx context.Context, tx *storage.Tx, in RecordInput) (Recorded, error) {
	e := in.Event
	if in.Now.Before(e.Start) {
		return Recorded{}, ErrNotBegun
	}
	list, err := List(ctx, tx, e)
	if err != nil {
		return Recorded{}, err
	}
	page := PageOf(list, in.Page)
	if page.Number != in.Page || page.Key != in.Key {
		return Recorded{}, ErrListChanged
	}
	for _, id := range in.Came {
		if !slices.ContainsFunc(page.People, func(a Attendee) bool { return a.ID == id }) {
			return Recorded{}, ErrNotOffered
		}
	}
	for i, a := range page.People {
		came := slices.Contains(in.Came, a.ID)
		if err := tx.SetAttended(ctx, e.ID, a.ID, &came); err != nil {
			return Recorded{}, err
		}
		page.People[i].Attendance = AttendanceOf(&came) // page.People shares list's array: the summary sees it
	}
	if err := tx.SetAttendanceRecorded(ctx, e.ID, in.Now); err != nil {
		return Recorded{}, err
	}
	return Recorded{Page: page, Summary: Summarize(list), List: list}, nil
}
