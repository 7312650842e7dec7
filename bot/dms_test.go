package bot

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands"
	"github.com/tierslieux/tiersbot/storage"
)

// A member whose DMs are closed is asked once: the refusal (403, 50007) is
// remembered, the next DMs to them are given up without a request to
// Discord for 7 days, or until they use the bot again; others' DMs go out.
func TestClosedDMsRemembered(t *testing.T) {
	fake := startFake(t)
	db := testDB(t)
	ctx := context.Background()
	clock := newFakeClock(time.Date(2026, 4, 13, 9, 0, 0, 0, time.UTC))
	s, err := NewSession("t", fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	app := commands.New(commands.Config{DB: db, Clock: clock.Now})
	ob := NewOutbox(db, NewGateway(s, app, slog.New(slog.DiscardHandler), ""), clock.Now, slog.New(slog.DiscardHandler), newTestRand())
	const bob, alice = "700000000000000003", "700000000000000002"
	fake.CloseDMs(bob)
	// Discord's requests to post in Bob's DMs (refused or not).
	tries := func() int {
		n := 0
		for _, c := range fake.Calls() {
			if c.Method == "POST" && strings.HasPrefix(c.Path, "/channels/") && strings.HasSuffix(c.Path, "/messages") {
				if u, _ := fake.IsDM(strings.Split(c.Path, "/")[2]); u == bob {
					n++
				}
			}
		}
		return n
	}
	deliver := func() {
		t.Helper()
		if _, err := ob.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
	}
	outcome := func(id int64) (sent bool, lastError string) {
		t.Helper()
		db.Read(ctx, func(tx *storage.Tx) error {
			it, ok, err := tx.OutboxItemByID(ctx, id)
			sent, lastError = ok, it.LastError
			return err
		})
		return sent, lastError
	}

	steps := []struct {
		name      string
		before    func()
		to        string
		wantSent  bool
		wantTries int    // requests to Bob's DMs so far
		wantError string // in the item's reason
	}{
		{"first DM to Bob: tried, refused, remembered", nil, bob, false, 1, "DMs refuse the bot (Discord 50007)"},
		{"Alice's DMs are open", nil, alice, true, 1, ""},
		{"a day later: not tried", func() { clock.Add(24 * time.Hour) }, bob, false, 1, "not sent: the member's DMs refused the bot on 2026-04-13 09:00:00"},
		{"six days later still not", func() { clock.Add(5 * 24 * time.Hour) }, bob, false, 1, "tried again after 2026-04-20 09:00:00"},
		{"Bob uses the bot: tried again, refused again", func() {
			db.Write(ctx, func(tx *storage.Tx) error {
				_, err := tx.TouchMember(ctx, "g", bob, "Bob", "fr", clock.Now())
				return err
			})
			clock.Add(time.Minute)
		}, bob, false, 2, "Discord 50007"},
		{"he opens his DMs, but the bot waits its 7 days", func() { fake.OpenDMs(bob); clock.Add(24 * time.Hour) }, bob, false, 2, "not sent"},
		{"7 days after the last refusal: delivered", func() { clock.Add(6 * 24 * time.Hour) }, bob, true, 3, ""},
	}
	for _, st := range steps {
		if st.before != nil {
			st.before()
		}
		id := enqueue(t, db, clock.Now(), commands.OutDM, st.to, st.name)
		deliver()
		sent, reason := outcome(id)
		if sent != st.wantSent || !strings.Contains(reason, st.wantError) {
			t.Errorf("%s: sent %v (want %v), reason %q (want %q)", st.name, sent, st.wantSent, reason, st.wantError)
		}
		if got := tries(); got != st.wantTries {
			t.Errorf("%s: %d requests to Bob's DMs, want %d", st.name, got, st.wantTries)
		}
	}
	if len(fake.DMs(alice)) != 1 || len(fake.DMs(bob)) != 1 {
		t.Errorf("DMs delivered: Alice %d (want 1), Bob %d (want 1)", len(fake.DMs(alice)), len(fake.DMs(bob)))
	}
	for _, r := range fake.Refusals() {
		if !r.Expected {
			t.Errorf("unexpected refusal %v", r)
		}
	}
}

// The record of closed DMs is personal data: exported, forgotten, and
// pruned once its waiting time is over.
func TestClosedDMsPrivacy(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()
	now := time.Date(2026, 4, 13, 9, 0, 0, 0, time.UTC)
	const g, bob, carol = "g", "700000000000000003", "700000000000000004"
	err := db.Write(ctx, func(tx *storage.Tx) error {
		for _, u := range []string{bob, carol} {
			if _, err := tx.TouchMember(ctx, g, u, u, "fr", now.Add(-time.Hour)); err != nil {
				return err
			}
			if err := tx.RememberClosedDMs(ctx, u, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	closed := func(u string, at time.Time) bool {
		var c bool
		if err := db.Read(ctx, func(tx *storage.Tx) (err error) { c, _, _, err = tx.DMsClosed(ctx, u, at); return }); err != nil {
			t.Fatal(err)
		}
		return c
	}
	var d storage.MemberData
	db.Read(ctx, func(tx *storage.Tx) (err error) { d, err = tx.ExportMember(ctx, g, bob); return })
	if len(d.ClosedDMs) != 1 || d.ClosedDMs[0]["refused_at"] != now.Unix() {
		t.Errorf("export: closed DMs %v", d.ClosedDMs)
	}
	db.Write(ctx, func(tx *storage.Tx) error { _, err := tx.ForgetMember(ctx, g, bob, "forgotten-x", now); return err })
	if closed(bob, now.Add(time.Hour)) || !closed(carol, now.Add(time.Hour)) {
		t.Error("forgetting Bob should erase his record only")
	}
	var pruned int64
	db.Write(ctx, func(tx *storage.Tx) (err error) {
		pruned, err = tx.PruneClosedDMs(ctx, now.Add(storage.ClosedDMsFor))
		return
	})
	if pruned != 1 {
		t.Errorf("pruned %d records 7 days later, want Carol's", pruned)
	}
}
