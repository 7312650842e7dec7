package rsvp

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Ids that sort against arrival (zoé < yann < xavier by arrival, the
// reverse by id), so an order by id cannot pass for one by arrival. Every
// answer of a case is in the same second.
func TestAnswer(t *testing.T) {
	type step struct {
		who    string
		choice Status
		want   string // status, "#n" waitlist position, ">a,b" promoted
	}
	for _, c := range []struct {
		name     string
		capacity int
		steps    []step
		order    string // final stored order
	}{
		{"seats by arrival, waitlist in order", 1, []step{
			{"alice", Going, "going"}, {"zoe", Going, "waitlist#1"}, {"yann", Going, "waitlist#2"}, {"xavier", Going, "waitlist#3"},
		}, "alice:going zoe:waitlist yann:waitlist xavier:waitlist"},
		{"repeating keeps one's place", 1, []step{
			{"alice", Going, "going"}, {"zoe", Going, "waitlist#1"}, {"yann", Going, "waitlist#2"}, {"zoe", Going, "waitlist#1"}, {"alice", Going, "going"},
		}, "alice:going zoe:waitlist yann:waitlist"},
		{"the seat given up goes to the first waiting", 1, []step{
			{"alice", Going, "going"}, {"zoe", Going, "waitlist#1"}, {"yann", Going, "waitlist#2"}, {"alice", NotGoing, "no>zoe"},
		}, "zoe:going yann:waitlist alice:no"},
		{"maybe gives the seat up too", 1, []step{
			{"alice", Going, "going"}, {"zoe", Going, "waitlist#1"}, {"alice", Maybe, "maybe>zoe"},
		}, "zoe:going alice:maybe"},
		{"leaving the waitlist frees no seat", 1, []step{
			{"alice", Going, "going"}, {"zoe", Going, "waitlist#1"}, {"yann", Going, "waitlist#2"}, {"zoe", NotGoing, "no"}, {"xavier", Going, "waitlist#2"},
		}, "alice:going yann:waitlist xavier:waitlist zoe:no"},
		{"maybe and no take no seat", 2, []step{
			{"zoe", Maybe, "maybe"}, {"yann", NotGoing, "no"}, {"alice", Going, "going"}, {"xavier", Going, "going"}, {"zoe", Going, "waitlist#1"},
		}, "alice:going xavier:going zoe:waitlist yann:no"},
		{"coming back after withdrawing is a new arrival", 1, []step{
			{"alice", Going, "going"}, {"zoe", Going, "waitlist#1"}, {"alice", NotGoing, "no>zoe"}, {"yann", Going, "waitlist#1"}, {"alice", Going, "waitlist#2"},
		}, "zoe:going yann:waitlist alice:waitlist"},
		{"no limit: everyone goes", 0, []step{
			{"alice", Going, "going"}, {"zoe", Going, "going"}, {"yann", Going, "going"},
		}, "alice:going zoe:going yann:going"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			e := f.event(t0.Add(24*time.Hour), c.capacity)
			for i, s := range c.steps {
				var res Result
				f.write(func(ctx context.Context, tx *storage.Tx) error {
					var err error
					res, err = Answer(ctx, tx, AnswerInput{Event: e, Member: Member{ID: s.who, Name: s.who}, Choice: s.choice, Now: t0})
					return err
				})
				got := string(res.Status)
				if res.Position > 0 {
					got += fmt.Sprintf("#%d", res.Position)
				}
				if len(res.Promoted) > 0 {
					got += ">" + strings.Join(names(res.Promoted), ",")
				}
				if got != s.want {
					t.Errorf("step %d (%s %s): %s, want %s", i+1, s.who, s.choice, got, s.want)
				}
			}
			if got := strings.Join(f.statuses(e.ID), " "); got != c.order {
				t.Errorf("order\n got %s\nwant %s", got, c.order)
			}
		})
	}
}

func TestAnswerRefused(t *testing.T) {
	f := newFixture(t)
	e := f.event(t0.Add(time.Hour), 0)
	cancelled := e
	cancelled.Cancelled = true
	for _, c := range []struct {
		name string
		e    Event
		now  time.Time
		want error
	}{
		{"cancelled", cancelled, t0, ErrCancelled},
		{"over", e, e.End, ErrOver},
		{"long over", e, e.End.Add(time.Hour), ErrOver},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := f.db.Write(context.Background(), func(tx *storage.Tx) error {
				_, err := Answer(context.Background(), tx, AnswerInput{Event: c.e, Member: Member{ID: "alice"}, Choice: Going, Now: c.now})
				return err
			})
			if !errors.Is(err, c.want) {
				t.Errorf("got %v, want %v", err, c.want)
			}
		})
	}
	// Waitlist is the rules' decision, never a choice.
	err := f.db.Write(context.Background(), func(tx *storage.Tx) error {
		_, err := Answer(context.Background(), tx, AnswerInput{Event: e, Member: Member{ID: "alice"}, Choice: Waitlist, Now: t0})
		return err
	})
	if err == nil || len(f.statuses(e.ID)) != 0 {
		t.Errorf("choosing the waitlist: %v, answers %v", err, f.statuses(e.ID))
	}
	// Still running: an answer is taken until the end.
	f.write(func(ctx context.Context, tx *storage.Tx) error {
		_, err := Answer(ctx, tx, AnswerInput{Event: e, Member: Member{ID: "alice"}, Choice: Going, Now: e.End.Add(-time.Second)})
		return err
	})
}

// Seats added to a full event go to those waiting, as many as the new seats
// and in their order of arrival.
func TestFillSeats(t *testing.T) {
	for _, c := range []struct {
		name     string
		capacity int // after the change (the event had 1 seat)
		now      time.Time
		cancel   bool
		promoted string
		waiting  string
	}{
		{"one more seat", 2, t0, false, "zoe", "yann xavier"},
		{"two more seats", 3, t0, false, "zoe yann", "xavier"},
		{"more seats than waiting", 9, t0, false, "zoe yann xavier", ""},
		{"no limit any more", 0, t0, false, "zoe yann xavier", ""},
		{"same seats", 1, t0, false, "", "zoe yann xavier"},
		{"cancelled: nobody moves up", 9, t0, true, "", "zoe yann xavier"},
		{"over: nobody moves up", 9, t0.Add(30 * time.Hour), false, "", "zoe yann xavier"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			e := f.event(t0.Add(24*time.Hour), 1)
			f.write(func(ctx context.Context, tx *storage.Tx) error {
				for _, who := range []string{"alice", "zoe", "yann", "xavier"} {
					if _, err := Answer(ctx, tx, AnswerInput{Event: e, Member: Member{ID: who}, Choice: Going, Now: t0}); err != nil {
						return err
					}
				}
				return nil
			})
			e.Capacity, e.Cancelled = c.capacity, c.cancel
			var promoted []Member
			f.write(func(ctx context.Context, tx *storage.Tx) error {
				var err error
				promoted, err = FillSeats(ctx, tx, e, c.now)
				return err
			})
			if got := strings.Join(names(promoted), " "); got != c.promoted {
				t.Errorf("promoted %q, want %q", got, c.promoted)
			}
			var waiting []string
			for _, s := range f.statuses(e.ID) {
				if u, ok := strings.CutSuffix(s, ":waitlist"); ok {
					waiting = append(waiting, u)
				}
			}
			if got := strings.Join(waiting, " "); got != c.waiting {
				t.Errorf("still waiting %q, want %q", got, c.waiting)
			}
		})
	}
}
