package rsvp

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// A weekly "Permanence numérique", Tuesdays 14:00-16:00: the 7th, 14th and
// 21st of April. Which one does /event attendance mean?
func TestAttendanceTarget(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	session := func(day string) Event {
		s := at("2026-04-" + day + " 14:00")
		return Event{Start: s, End: s.Add(2 * time.Hour)}
	}
	recorded := func(e Event) Event { e.Recorded = true; return e }
	cancelled := func(e Event) Event { e.Cancelled = true; return e }
	s7, s14, s21 := session("07"), session("14"), session("21")
	for _, c := range []struct {
		name   string
		series []Event
		now    string
		want   int
	}{
		{"just after the session: that one, not the next", []Event{recorded(s7), s14, s21}, "2026-04-14 16:05", 1},
		{"during the session", []Event{recorded(s7), s14, s21}, "2026-04-14 15:00", 1},
		{"listed next first: the order found does not matter", []Event{s21, s14, recorded(s7)}, "2026-04-14 16:05", 1},
		{"the day after, still not recorded", []Event{recorded(s7), s14, s21}, "2026-04-15 10:00", 1},
		{"already recorded: the latest held, for a correction", []Event{recorded(s7), recorded(s14), s21}, "2026-04-14 16:05", 1},
		{"an older one left unrecorded within the 7 days comes before a recorded one", []Event{session("10"), recorded(s14), s21}, "2026-04-14 16:05", 0},
		{"unrecorded but past the 7 days: the latest held", []Event{s7, recorded(s14), s21}, "2026-04-15 10:00", 1},
		{"7 days after its end, still just ended", []Event{s7, recorded(s14), s21}, "2026-04-14 16:00", 0},
		{"the one just ended was cancelled: the one before", []Event{recorded(s7), cancelled(s14), s21}, "2026-04-14 16:05", 0},
		{"nothing held yet: the next to come", []Event{s21, s14}, "2026-04-13 09:00", 1},
		{"only cancelled ones", []Event{cancelled(s7)}, "2026-04-14 16:05", 0},
		{"none", nil, "2026-04-14 16:05", -1},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := AttendanceTarget(c.series, at(c.now)); got != c.want {
				t.Errorf("picked %d, want %d", got, c.want)
			}
		})
	}
}

// "Who came?" after each event: once when it ends, once the next day if
// still not recorded, then nothing; never for what is recorded, cancelled,
// not over, or whose organiser was forgotten.
func TestDueNudges(t *testing.T) {
	f := newFixture(t)
	now := t0
	ends := func(ago time.Duration) Event { return f.event(now.Add(-ago-2*time.Hour), 0) }
	first := ends(time.Hour)
	second := ends(25 * time.Hour)
	ends(49 * time.Hour) // too late: nothing
	rec := ends(time.Hour)
	canc := ends(time.Hour)
	f.eventBy(now.Add(-3*time.Hour), 0, "u-gone") // its organiser erased their data
	f.event(now.Add(-time.Hour), 0)               // still on
	justNow := ends(0)
	dayAfter := ends(24 * time.Hour) // exactly a day: the second
	f.write(func(ctx context.Context, tx *storage.Tx) error {
		if err := tx.SetAttendanceRecorded(ctx, rec.ID, now); err != nil {
			return err
		}
		if err := tx.CancelEvent(ctx, canc.ID, now, ""); err != nil {
			return err
		}
		_, err := tx.ForgetMember(ctx, "g", "u-gone", storage.ForgottenPrefix+"x", now)
		return err
	})
	var nudges []Nudge
	f.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		nudges, err = DueNudges(context.Background(), tx, now)
		return err
	})
	var got []string
	for _, n := range nudges {
		kind := "first"
		if n.Second {
			kind = "second"
		}
		switch n.Event.ID {
		case first.ID:
			got = append(got, "first:"+kind)
		case second.ID:
			got = append(got, "second:"+kind)
		case justNow.ID:
			got = append(got, "justNow:"+kind)
		case dayAfter.ID:
			got = append(got, "dayAfter:"+kind)
		default:
			got = append(got, "unexpected")
		}
		if n.Organizer != "u-anim" {
			t.Errorf("nudge to %q", n.Organizer)
		}
	}
	if s, want := strings.Join(got, " "), "second:second dayAfter:second first:first justNow:first"; s != want {
		t.Errorf("nudges %q, want %q", s, want)
	}
}
