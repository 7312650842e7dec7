package rsvp

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// thirty: an event held this morning with 30 answers going (m01…m30 in that
// order of arrival); m28 checked in during it.
func thirty(t *testing.T) (*fixture, Event) {
	f := newFixture(t)
	e := f.event(t0.Add(-4*time.Hour), 0)
	f.write(func(ctx context.Context, tx *storage.Tx) error {
		for i := 1; i <= 30; i++ {
			id := fmt.Sprintf("m%02d", i)
			if _, err := Answer(ctx, tx, AnswerInput{Event: e, Member: Member{ID: id, Name: id}, Choice: Going, Now: t0.Add(-48 * time.Hour)}); err != nil {
				return err
			}
		}
		_, err := tx.CheckIn(ctx, storage.Checkin{GuildID: "g", SpaceID: f.space, UserID: "m28", At: e.Start.Add(10 * time.Minute)})
		return err
	})
	return f, e
}

func (f *fixture) list(e Event) []Attendee {
	f.t.Helper()
	var list []Attendee
	err := f.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		list, err = List(context.Background(), tx, e)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return list
}

func (f *fixture) record(in RecordInput) (Recorded, error) {
	var rec Recorded
	err := f.db.Write(context.Background(), func(tx *storage.Tx) error {
		var err error
		rec, err = Record(context.Background(), tx, in)
		return err
	})
	return rec, err
}

func ids(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, fmt.Sprintf("m%02d", i))
	}
	return out
}

// 30 answers: two pages (25 and 5). Saving the first changes only its 25:
// the other 5 are not marked absent, and m28, seen at a check-in, still
// counts as present until someone says otherwise.
func TestRecordChangesOnlyThePageShown(t *testing.T) {
	f, e := thirty(t)
	list := f.list(e)
	p0, p1 := PageOf(list, 0), PageOf(list, 1)
	if len(p0.People) != 25 || len(p1.People) != 5 || p0.Pages != 2 || p0.People[0].ID != "m01" || p1.People[0].ID != "m26" {
		t.Fatalf("pages: %d and %d people of %d pages", len(p0.People), len(p1.People), p0.Pages)
	}
	if !p1.People[2].Present() || p1.People[2].ID != "m28" {
		t.Fatalf("m28 checked in: shown present, got %+v", p1.People[2])
	}
	// The first page: 20 came (m01…m20), m21…m25 did not.
	rec, err := f.record(RecordInput{Event: e, Page: 0, Key: p0.Key, Came: ids(1, 20), Now: t0})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Came: 20, Absent: 5, NotRecorded: 5, Detected: 1}); rec.Summary != want {
		t.Errorf("summary %+v, want %+v", rec.Summary, want)
	}
	got := map[string]Attendance{}
	for _, a := range f.list(e) {
		got[a.ID] = a.Attendance
	}
	for _, c := range []struct {
		id   string
		want Attendance
	}{{"m01", Came}, {"m20", Came}, {"m21", Absent}, {"m25", Absent}, {"m26", NotRecorded}, {"m28", NotRecorded}, {"m30", NotRecorded}} {
		if got[c.id] != c.want {
			t.Errorf("%s: %d, want %d", c.id, got[c.id], c.want)
		}
	}
	// The figures: 20 recorded, plus m28 by check-in.
	var held []storage.EventStats
	f.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		held, err = tx.EventsHeld(context.Background(), "g", e.Start.Add(-time.Hour), e.Start.Add(time.Hour))
		return err
	})
	if len(held) != 1 || held[0].Attended != 21 || !held[0].Recorded {
		t.Errorf("figures %+v", held)
	}
	// The second page, as shown: m28 and m30 came.
	rec, err = f.record(RecordInput{Event: e, Page: 1, Key: p1.Key, Came: []string{"m28", "m30"}, Now: t0})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Came: 22, Absent: 8}); rec.Summary != want {
		t.Errorf("summary %+v, want %+v", rec.Summary, want)
	}
}

func TestRecordRefusesWhatWasNotShown(t *testing.T) {
	f, e := thirty(t)
	p1 := PageOf(f.list(e), 1)
	for _, c := range []struct {
		name string
		in   RecordInput
		want error
	}{
		{"someone of another page", RecordInput{Event: e, Page: 1, Key: p1.Key, Came: []string{"m03"}, Now: t0}, ErrNotOffered},
		{"someone never on the list", RecordInput{Event: e, Page: 1, Key: p1.Key, Came: []string{"stranger"}, Now: t0}, ErrNotOffered},
		{"another page's key", RecordInput{Event: e, Page: 0, Key: p1.Key, Now: t0}, ErrListChanged},
		{"no key (an old button)", RecordInput{Event: e, Page: 1, Now: t0}, ErrListChanged},
		{"a page past the end", RecordInput{Event: e, Page: 2, Key: p1.Key, Now: t0}, ErrListChanged},
		{"before it starts", RecordInput{Event: e, Page: 1, Key: p1.Key, Now: e.Start.Add(-time.Minute)}, ErrNotBegun},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := f.record(c.in); !errors.Is(err, c.want) {
				t.Errorf("got %v, want %v", err, c.want)
			}
		})
	}
	// A new answer moves the list: the page shown before cannot be saved.
	f.write(func(ctx context.Context, tx *storage.Tx) error {
		return tx.SetRSVP(ctx, storage.RSVP{EventID: e.ID, GuildID: "g", UserID: "m26", Status: storage.NotGoing, Since: t0})
	})
	if _, err := f.record(RecordInput{Event: e, Page: 1, Key: p1.Key, Now: t0}); !errors.Is(err, ErrListChanged) {
		t.Errorf("after m26 left: %v, want ErrListChanged", err)
	}
	for _, a := range f.list(e) {
		if a.Attendance != NotRecorded {
			t.Errorf("%s recorded by a refused save", a.ID)
		}
	}
}

func TestPageOf(t *testing.T) {
	mk := func(n int) []Attendee {
		out := make([]Attendee, n)
		for i := range out {
			out[i].ID = fmt.Sprint(i)
		}
		return out
	}
	for _, c := range []struct {
		people, page          int
		wantPage, pages, size int
	}{
		{0, 0, 0, 1, 0}, {1, 0, 0, 1, 1}, {25, 0, 0, 1, 25}, {26, 0, 0, 2, 25}, {26, 1, 1, 2, 1},
		{50, 1, 1, 2, 25}, {51, 2, 2, 3, 1}, {30, 7, 1, 2, 5}, {30, -1, 0, 2, 25},
	} {
		p := PageOf(mk(c.people), c.page)
		if p.Number != c.wantPage || p.Pages != c.pages || len(p.People) != c.size {
			t.Errorf("%d people, page %d: page %d of %d with %d, want %d of %d with %d", c.people, c.page, p.Number, p.Pages, len(p.People), c.wantPage, c.pages, c.size)
		}
	}
	if a, b := PageOf(mk(30), 0).Key, PageOf(mk(30), 1).Key; a == b {
		t.Error("two pages share a key")
	}
}

// Ticked on the list: what was recorded, else what a check-in suggests.
func TestPresent(t *testing.T) {
	for _, c := range []struct {
		att       Attendance
		checkedIn bool
		want      bool
	}{
		{Came, false, true}, {Came, true, true},
		{Absent, false, false}, {Absent, true, false}, // recorded absent: a check-in does not overrule it
		{NotRecorded, true, true}, {NotRecorded, false, false},
	} {
		if got := (Attendee{Attendance: c.att, CheckedIn: c.checkedIn}).Present(); got != c.want {
			t.Errorf("attendance %d, checked in %v: present %v, want %v", c.att, c.checkedIn, got, c.want)
		}
	}
}
