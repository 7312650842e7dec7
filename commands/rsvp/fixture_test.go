package rsvp

import (
	"context"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// A fixture: one network, one space, events added as the test needs.
type fixture struct {
	t     *testing.T
	db    *storage.DB
	space int64
}

var t0 = time.Date(2026, 4, 14, 9, 0, 0, 0, time.UTC)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db, err := storage.Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{t: t, db: db}
	f.write(func(ctx context.Context, tx *storage.Tx) error {
		s, err := tx.AddSpace(ctx, storage.Space{GuildID: "g", Name: "La Ruche", Key: "la ruche", Town: "Crest", Timezone: "Europe/Paris"}, t0)
		f.space = s.ID
		return err
	})
	return f
}

func (f *fixture) write(fn func(context.Context, *storage.Tx) error) {
	f.t.Helper()
	ctx := context.Background()
	if err := f.db.Write(ctx, func(tx *storage.Tx) error { return fn(ctx, tx) }); err != nil {
		f.t.Fatal(err)
	}
}

// event adds an occurrence starting at start, lasting two hours, organised by u-anim.
func (f *fixture) event(start time.Time, capacity int) Event {
	f.t.Helper()
	return f.eventBy(start, capacity, "u-anim")
}

func (f *fixture) eventBy(start time.Time, capacity int, organizer string) Event {
	f.t.Helper()
	var e storage.Event
	f.write(func(ctx context.Context, tx *storage.Tx) error {
		series, err := tx.AddSeries(ctx, "g", f.space, "", organizer, t0)
		if err != nil {
			return err
		}
		e, err = tx.AddEvent(ctx, storage.Event{GuildID: "g", SeriesID: series, SpaceID: f.space, Title: "Atelier", TitleKey: "atelier",
			OrganizerID: organizer, Start: start, End: start.Add(2 * time.Hour), Capacity: capacity})
		return err
	})
	return EventOf(e)
}

// statuses reads an event's answers as "user:status", in the stored order.
func (f *fixture) statuses(eventID int64) []string {
	f.t.Helper()
	var out []string
	err := f.db.Read(context.Background(), func(tx *storage.Tx) error {
		list, err := tx.RSVPs(context.Background(), eventID)
		for _, r := range list {
			out = append(out, r.UserID+":"+r.Status)
		}
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

func names(ms []Member) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}
