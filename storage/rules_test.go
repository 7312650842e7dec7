package storage

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The outbox delivers each target's items in the order they were queued:
// an item waits while an older one to the same target is pending (a retry
// due later holds back the edits queued after it), other targets go on.
func TestOutboxFIFOPerTarget(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 4, 14, 9, 0, 0, 0, time.UTC)
	db := rawDB(t, now.Unix(),
		`INSERT INTO outbox(id, guild_id, kind, target, payload, created_at, next_attempt_at) VALUES
			(1, 'g', 'channel', 'c1', '{}', ?1, ?1 + 60),  -- c1's first, retried later: not due
			(2, 'g', 'edit', 'c1', '{}', ?1, ?1),          -- due, but behind 1
			(3, 'g', 'channel', 'c2', '{}', ?1, ?1),       -- due, first of c2
			(4, 'g', 'channel', 'c2', '{}', ?1, ?1),       -- due, behind 3
			(5, 'g', 'dm', 'u1', '{}', ?1, ?1 + 60),       -- not due yet
			(6, 'g', 'dm', 'u2', '{}', ?1, ?1)`,
	)
	due := func(at time.Time) string {
		var ids []string
		err := db.Read(ctx, func(tx *Tx) error {
			list, err := tx.DueOutbox(ctx, at, 10)
			for _, it := range list {
				ids = append(ids, it.Target+"#"+string(rune('0'+it.ID)))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(ids, " ")
	}
	if got, want := due(now), "c2#3 u2#6"; got != want {
		t.Errorf("due now: %q, want %q", got, want)
	}
	if got, want := due(now.Add(time.Minute)), "c1#1 c2#3 u1#5 u2#6"; got != want {
		t.Errorf("due in a minute: %q, want %q", got, want)
	}
	// Once delivered, the next of the target comes.
	err := db.Write(ctx, func(tx *Tx) error {
		if err := tx.MarkSent(ctx, 3, "m", now); err != nil {
			return err
		}
		return tx.MarkFailed(ctx, 1, "gone", now)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := due(now), "c1#2 c2#4 u2#6"; got != want {
		t.Errorf("after delivery: %q, want %q", got, want)
	}
}

// Answers keep their arrival order even within the same second; changing
// one's answer goes to the back, repeating it keeps the place.
func TestRSVPOrderIsArrival(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2026, 4, 14, 9, 0, 0, 0, time.UTC)
	db := rawDB(t, at.Unix(),
		`INSERT INTO spaces(id, guild_id, name, name_key, town, timezone, created_at) VALUES (1, 'g', 'A', 'a', 'T', 'UTC', 0)`,
		`INSERT INTO event_series(id, guild_id, space_id, repeat, organizer_id, created_at) VALUES (1, 'g', 1, '', 'anim', 0)`,
		`INSERT INTO events(id, guild_id, series_id, space_id, title, title_key, description, organizer_id, organizer_name, start_at, end_at, capacity) VALUES
			(1, 'g', 1, 1, 'E', 'e', '', 'anim', 'Anim', ?1 + 86400, ?1 + 90000, 1)`,
	)
	set := func(user, status string, since time.Time) {
		t.Helper()
		err := db.Write(ctx, func(tx *Tx) error {
			return tx.SetRSVP(ctx, RSVP{EventID: 1, GuildID: "g", UserID: user, UserName: user, Status: status, Since: since})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	order := func() string {
		var out []string
		err := db.Read(ctx, func(tx *Tx) error {
			list, err := tx.RSVPs(ctx, 1)
			for _, r := range list {
				out = append(out, r.UserID+":"+r.Status)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(out, " ")
	}
	set("z", Going, at)
	set("y", Waitlist, at)
	set("x", Waitlist, at)
	set("w", Maybe, at)
	set("v", Waitlist, at)
	if got, want := order(), "z:going y:waitlist x:waitlist v:waitlist w:maybe"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	set("y", Waitlist, at.Add(time.Second)) // the same answer again: keeps the place and since
	set("x", Maybe, at)                     // a change: to the back of maybe
	set("x", Waitlist, at)                  // and back: to the back of the waitlist
	if got, want := order(), "z:going y:waitlist v:waitlist x:waitlist w:maybe"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	_ = db.Read(ctx, func(tx *Tx) error {
		r, err := tx.RSVP(ctx, 1, "y")
		if err != nil || !r.Since.Equal(at) {
			t.Errorf("y since %v (%v), want %v", r.Since, err, at)
		}
		return nil
	})
}

// Migration 0011 numbers the answers already stored by since, then by
// insertion, so existing waitlists keep the order they had.
func TestRSVPSeqBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := open(ctx, path, 10, DefaultTuning())
	if err != nil {
		t.Fatal(err)
	}
	err = old.Write(ctx, func(tx *Tx) error {
		for _, q := range []string{
			`INSERT INTO spaces(id, guild_id, name, name_key, town, timezone, created_at) VALUES (1, 'g', 'A', 'a', 'T', 'UTC', 0)`,
			`INSERT INTO event_series(id, guild_id, space_id, repeat, organizer_id, created_at) VALUES (1, 'g', 1, '', 'anim', 0)`,
			`INSERT INTO events(id, guild_id, series_id, space_id, title, title_key, description, organizer_id, organizer_name, start_at, end_at, capacity) VALUES
				(1, 'g', 1, 1, 'E', 'e', '', 'a', 'A', 100, 200, 1), (2, 'g', 1, 1, 'F', 'f', '', 'a', 'A', 100, 200, 1)`,
			`INSERT INTO rsvps(event_id, guild_id, user_id, user_name, status, since) VALUES
				(1, 'g', 'c', 'c', 'waitlist', 20), (1, 'g', 'b', 'b', 'waitlist', 10), (1, 'g', 'a', 'a', 'waitlist', 20),
				(2, 'g', 'd', 'd', 'waitlist', 5)`,
		} {
			if _, err := tx.tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	old.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got []string
	err = db.Read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT user_id || seq FROM rsvps ORDER BY event_id, seq`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			rows.Scan(&s)
			got = append(got, s)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if g := strings.Join(got, " "); g != "b1 c2 a3 d1" {
		t.Errorf("backfilled %q, want b1 c2 a3 d1", g)
	}
}

// The check-in baseline runs the check-in's transaction n times through the
// writer: n interactions marked, everyone checked in once at most.
func TestBaselineCheckins(t *testing.T) {
	ctx := context.Background()
	db := rawDB(t, 0,
		`INSERT INTO spaces(id, guild_id, name, name_key, town, channel_id, timezone, created_at) VALUES
			(1, 'g', 'A', 'a', 'T', 'chan-0', 'UTC', 0), (2, 'g', 'B', 'b', 'T', 'chan-1', 'UTC', 0)`)
	rate, err := db.BaselineCheckins(ctx, 60, 4, "g", 2, 5, time.Date(2026, 4, 14, 9, 0, 0, 0, time.UTC))
	if err != nil || rate <= 0 {
		t.Fatalf("rate %v, %v", rate, err)
	}
	var marks, open, members int
	err = db.Read(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, `SELECT count(*) FROM interactions_seen WHERE id LIKE 'baseline-%'`).Scan(&marks); err != nil {
			return err
		}
		if err := tx.queryRow(ctx, `SELECT count(*) FROM checkins WHERE out_at IS NULL`).Scan(&open); err != nil {
			return err
		}
		return tx.queryRow(ctx, `SELECT count(*) FROM members`).Scan(&members)
	})
	if err != nil {
		t.Fatal(err)
	}
	if marks != 60 || open != members || members < 1 || members > 5 {
		t.Errorf("%d interactions, %d open check-ins, %d members; want 60, one open per member, 1 to 5 members", marks, open, members)
	}
}

// A check-in shows its member at an event while it overlaps it, if it began
// at most PresenceLead before: a visit left open since the day before is a
// forgotten check-out.
func TestCheckedInDuring(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Date(2026, 4, 14, 14, 0, 0, 0, time.UTC) // the event: 14:00-16:00
	end := start.Add(2 * time.Hour)
	h := func(d string) int64 { x, _ := time.ParseDuration(d); return start.Add(x).Unix() }
	var present map[string]bool
	err = db.Write(ctx, func(tx *Tx) error {
		s, err := tx.AddSpace(ctx, Space{GuildID: "g", Name: "S", Key: "s", Town: "T", Timezone: "UTC"}, start)
		if err != nil {
			return err
		}
		for _, v := range []struct {
			user    string
			at, out any
		}{
			{"came-at-two", h("0h"), h("1h")},
			{"left-before", h("-3h"), h("-1h")},
			{"left-at-the-start", h("-3h"), h("0h")},
			{"came-at-the-end", h("2h"), nil},
			{"there-since-morning", h("-5h"), nil},
			{"open-since-yesterday-23h", h("-23h"), nil},
			{"open-since-two-days", h("-25h"), nil},
			{"all-day", h("-6h"), h("4h")},
		} {
			if _, err := tx.exec(ctx, `INSERT INTO checkins(guild_id, space_id, user_id, at, out_at) VALUES ('g', ?, ?, ?, ?)`, s.ID, v.user, v.at, v.out); err != nil {
				return err
			}
		}
		present, err = tx.CheckedInDuring(ctx, s.ID, start, end)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"came-at-two": true, "there-since-morning": true, "open-since-yesterday-23h": true, "all-day": true}
	if !reflect.DeepEqual(present, want) {
		t.Errorf("present %v, want %v", present, want)
	}
}

// An event held counts who said they go, and who came: confirmed present,
// or, when not confirmed and not "no", checked in at its space while it
// ran (as CheckedInDuring), plus the walk-ins.
func TestEventsHeldCounts(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Date(2026, 4, 14, 14, 0, 0, 0, time.UTC) // 14:00-16:00
	h := func(d string) int64 { x, _ := time.ParseDuration(d); return start.Add(x).Unix() }
	yes, no := true, false
	var held []EventStats
	err = db.Write(ctx, func(tx *Tx) error {
		s, err := tx.AddSpace(ctx, Space{GuildID: "g", Name: "S", Key: "s", Town: "T", Timezone: "UTC"}, start)
		if err != nil {
			return err
		}
		other, err := tx.AddSpace(ctx, Space{GuildID: "g", Name: "O", Key: "o", Town: "T", Timezone: "UTC"}, start)
		if err != nil {
			return err
		}
		series, err := tx.AddSeries(ctx, "g", s.ID, "", "anim", start)
		if err != nil {
			return err
		}
		e, err := tx.AddEvent(ctx, Event{GuildID: "g", SeriesID: series, SpaceID: s.ID, Title: "Atelier", TitleKey: "atelier", Start: start, End: start.Add(2 * time.Hour)})
		if err != nil {
			return err
		}
		quiet, err := tx.AddEvent(ctx, Event{GuildID: "g", SeriesID: series, SpaceID: s.ID, Title: "Calme", TitleKey: "calme", Start: start.Add(48 * time.Hour), End: start.Add(50 * time.Hour)})
		if err != nil {
			return err
		}
		for _, r := range []struct {
			user, status string
			came         *bool
			space        int64 // a check-in 14:30-15:00 there, if not 0
		}{
			{"confirmed", Going, &yes, 0},
			{"confirmed-maybe", Maybe, &yes, 0},
			{"said-no-came", Going, &no, s.ID}, // confirmed absent: the check-in does not count
			{"checked-in", Going, nil, s.ID},
			{"maybe-checked-in", Maybe, nil, s.ID},
			{"waitlist-checked-in", Waitlist, nil, s.ID},
			{"not-going-checked-in", NotGoing, nil, s.ID},
			{"elsewhere", Going, nil, other.ID},
			{"stayed-home", Going, nil, 0},
		} {
			if err := tx.SetRSVP(ctx, RSVP{EventID: e.ID, GuildID: "g", UserID: r.user, Status: r.status, Since: start}); err != nil {
				return err
			}
			if r.came != nil {
				if err := tx.SetAttended(ctx, e.ID, r.user, r.came); err != nil {
					return err
				}
			}
			if r.space != 0 {
				if _, err := tx.exec(ctx, `INSERT INTO checkins(guild_id, space_id, user_id, at, out_at) VALUES ('g', ?, ?, ?, ?)`, r.space, r.user, h("30m"), h("1h")); err != nil {
					return err
				}
			}
		}
		if _, err := tx.exec(ctx, `UPDATE events SET walkins = 2 WHERE id = ?`, e.ID); err != nil {
			return err
		}
		if err := tx.SetRSVP(ctx, RSVP{EventID: quiet.ID, GuildID: "g", UserID: "checked-in", Status: Going, Since: start}); err != nil {
			return err
		}
		held, err = tx.EventsHeld(ctx, "g", start.Add(-time.Hour), start.Add(72*time.Hour))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(held) != 2 {
		t.Fatalf("%d events held, want 2", len(held))
	}
	// Going: confirmed, said-no-came, checked-in, elsewhere, stayed-home.
	// Came: confirmed, confirmed-maybe, checked-in, maybe-checked-in,
	// waitlist-checked-in, and 2 walk-ins.
	if got := held[0]; got.Title != "Atelier" || got.Going != 5 || got.Attended != 7 {
		t.Errorf("Atelier: %d going, %d came, want 5 and 7", got.Going, got.Attended)
	}
	// Two days later nobody checked in: its one answer is not a presence.
	if got := held[1]; got.Title != "Calme" || got.Going != 1 || got.Attended != 0 {
		t.Errorf("Calme: %d going, %d came, want 1 and 0", got.Going, got.Attended)
	}
}
