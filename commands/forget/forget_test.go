package forget

import (
	"bytes"
	"context"
	"sort"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/ruletest"
	"github.com/tierslieux/tiersbot/storage"
)

func ids(events []storage.Event) []int64 {
	var out []int64
	for _, e := range events {
		out = append(out, e.ID)
	}
	return out
}

func same(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestPlan(t *testing.T) {
	e := func(id int64, cancelled bool) storage.Event { return storage.Event{ID: id, Cancelled: cancelled} }
	for _, c := range []struct {
		name             string
		in               storage.Forgotten
		promote, refresh []int64
	}{
		{"nothing", storage.Forgotten{}, nil, nil},
		{"a seat held: handed on", storage.Forgotten{Withdrawn: []storage.Event{e(1, false)}, WasGoing: []bool{true}}, []int64{1}, []int64{1}},
		{"waitlisted or maybe: no seat to hand on", storage.Forgotten{Withdrawn: []storage.Event{e(1, false), e(2, false)}, WasGoing: []bool{false, false}}, nil, []int64{1, 2}},
		{"cancelled: nobody moves up", storage.Forgotten{Withdrawn: []storage.Event{e(1, true)}, WasGoing: []bool{true}}, nil, []int64{1}},
		{"each seat, in order", storage.Forgotten{Withdrawn: []storage.Event{e(3, false), e(1, false), e(2, false)}, WasGoing: []bool{true, false, true}}, []int64{3, 2}, []int64{3, 1, 2}},
		{"organised: refreshed once", storage.Forgotten{Withdrawn: []storage.Event{e(1, false)}, WasGoing: []bool{true}, Organised: []storage.Event{e(1, false), e(5, false), e(5, false)}}, []int64{1}, []int64{1, 5}},
		{"organised only", storage.Forgotten{Organised: []storage.Event{e(7, false), e(4, true)}}, nil, []int64{7, 4}},
		{"a short WasGoing holds no seat", storage.Forgotten{Withdrawn: []storage.Event{e(1, false), e(2, false)}, WasGoing: []bool{true}}, []int64{1}, []int64{1, 2}},
	} {
		got := Plan(c.in)
		if !same(ids(got.Promote), c.promote) || !same(ids(got.Refresh), c.refresh) {
			t.Errorf("%s: promote %v refresh %v, want %v %v", c.name, ids(got.Promote), ids(got.Refresh), c.promote, c.refresh)
		}
	}
	del := []string{"c/1", "c/2"}
	if got := Plan(storage.Forgotten{Delete: del}).Delete; len(got) != 2 || got[0] != "c/1" || got[1] != "c/2" {
		t.Errorf("delete %v", got)
	}
}

func TestToken(t *testing.T) {
	tok, err := Token(bytes.NewReader([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0xff}))
	if err != nil || tok != "forgotten-000102030405060708090aff" {
		t.Errorf("token %q, %v", tok, err)
	}
	if _, err := Token(bytes.NewReader([]byte{1, 2, 3})); err == nil {
		t.Error("a short random source gave a token")
	}
}

// Forgetting through storage: the seat Alice held at the event to come is
// handed on, the past one keeps her visit under the stand-in, the event she
// organised is refreshed.
func TestMember(t *testing.T) {
	ctx := context.Background()
	db := ruletest.DB(t, false)
	s := ruletest.Space(t, db, "Ruche", "", "")
	now := time.Date(2026, 4, 14, 12, 0, 0, 0, time.UTC)
	var past, next, full, cancelled, organised storage.Event
	ruletest.Write(t, db, func(tx *storage.Tx) error {
		var addErr error // fn runs on the writer's goroutine: no t.Fatal here
		add := func(title string, start time.Time, organizer string) storage.Event {
			series, err := tx.AddSeries(ctx, ruletest.Guild, s.ID, "", organizer, now.Add(-72*time.Hour))
			if err != nil && addErr == nil {
				addErr = err
			}
			e, err := tx.AddEvent(ctx, storage.Event{GuildID: ruletest.Guild, SeriesID: series, SpaceID: s.ID, Title: title, TitleKey: title, Start: start, End: start.Add(time.Hour), Capacity: 1, OrganizerID: organizer})
			if err != nil && addErr == nil {
				addErr = err
			}
			return e
		}
		past = add("past", now.Add(-48*time.Hour), "")
		next = add("next", now.Add(24*time.Hour), "")
		full = add("full", now.Add(48*time.Hour), "")
		cancelled = add("cancelled", now.Add(72*time.Hour), "")
		organised = add("organised", now.Add(96*time.Hour), "alice")
		if addErr != nil {
			return addErr
		}
		if err := tx.SetEventOutbox(ctx, organised.ID, 1, 0, 0); err != nil {
			return err
		}
		if err := tx.CancelEvent(ctx, cancelled.ID, now, "x"); err != nil {
			return err
		}
		for _, r := range []storage.RSVP{
			{EventID: past.ID, UserID: "alice", Status: storage.Going},
			{EventID: next.ID, UserID: "alice", Status: storage.Going},
			{EventID: next.ID, UserID: "bob", Status: storage.Waitlist},
			{EventID: full.ID, UserID: "carol", Status: storage.Going},
			{EventID: full.ID, UserID: "alice", Status: storage.Waitlist},
			{EventID: cancelled.ID, UserID: "alice", Status: storage.Going},
		} {
			r.GuildID, r.UserName, r.Since = ruletest.Guild, r.UserID, now.Add(-time.Hour)
			if err := tx.SetRSVP(ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
	var f Forget
	ruletest.Write(t, db, func(tx *storage.Tx) error {
		var err error
		f, err = Member(ctx, tx, Who{GuildID: ruletest.Guild, UserID: "alice", Token: "forgotten-x", Now: now})
		return err
	})
	if want := []int64{next.ID}; !same(ids(f.Promote), want) {
		t.Errorf("promote %v, want %v", ids(f.Promote), want)
	}
	refresh := ids(f.Refresh)
	sort.Slice(refresh, func(i, j int) bool { return refresh[i] < refresh[j] })
	if want := []int64{next.ID, full.ID, cancelled.ID, organised.ID}; !same(refresh, want) {
		t.Errorf("refresh %v, want %v (next, full, cancelled, organised)", refresh, want)
	}
	ruletest.Read(t, db, func(tx *storage.Tx) error {
		for _, c := range []struct {
			event int64
			user  string
			found bool
		}{
			{past.ID, "alice", false}, {past.ID, "forgotten-x", true},
			{next.ID, "alice", false}, {next.ID, "forgotten-x", false}, // withdrawn, not kept by the stand-in
			{full.ID, "alice", false},
		} {
			_, err := tx.RSVP(ctx, c.event, c.user)
			if (err == nil) != c.found {
				t.Errorf("answer of %s to %d: found %v, want %v", c.user, c.event, err == nil, c.found)
			}
		}
		return nil
	})
}
