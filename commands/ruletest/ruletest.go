// Package ruletest builds small networks in a fresh database for the table
// tests of the rule packages (presence, week, forget, retention, skills,
// spaces, register): a network, its spaces and visits, events and answers,
// written through storage as the bot would.
package ruletest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Guild is the test network's id.
const Guild = "g-test"

// DB is a fresh database holding network Guild (Paris, French). file: a WAL
// file with the real reader pool rather than :memory:.
func DB(t testing.TB, file bool) *storage.DB {
	t.Helper()
	ctx := context.Background()
	path := ":memory:"
	if file {
		path = filepath.Join(t.TempDir(), "rules.db")
	}
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	Write(t, db, func(tx *storage.Tx) error {
		return tx.SaveGuild(ctx, storage.Guild{ID: Guild, Lang: "fr", Timezone: "Europe/Paris"}, time.Unix(0, 0))
	})
	return db
}

// Write runs fn in a write transaction, failing the test on error.
func Write(t testing.TB, db *storage.DB, fn func(tx *storage.Tx) error) {
	t.Helper()
	if err := db.Write(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

// Read runs fn in a read transaction, failing the test on error.
func Read(t testing.TB, db *storage.DB, fn func(tx *storage.Tx) error) {
	t.Helper()
	if err := db.Read(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

// Space adds a space to the network: zone "" is Paris, hours "" none set.
func Space(t testing.TB, db *storage.DB, name, zone, hours string) storage.Space {
	t.Helper()
	if zone == "" {
		zone = "Europe/Paris"
	}
	var s storage.Space
	Write(t, db, func(tx *storage.Tx) error {
		var err error
		s, err = tx.AddSpace(context.Background(), storage.Space{GuildID: Guild, Name: name, Key: name, Town: name, Timezone: zone, Hours: hours}, time.Unix(0, 0))
		return err
	})
	return s
}

// Visit checks user in at space at in and, unless out is zero, out at out
// for reason. It returns the check-in's id.
func Visit(t testing.TB, db *storage.DB, user string, s storage.Space, in, out time.Time, reason string) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	Write(t, db, func(tx *storage.Tx) error {
		if _, err := tx.TouchMember(ctx, Guild, user, user, "fr", in); err != nil {
			return err
		}
		c, err := tx.CheckIn(ctx, storage.Checkin{GuildID: Guild, SpaceID: s.ID, UserID: user, At: in})
		if err != nil {
			return err
		}
		id = c.ID
		if out.IsZero() {
			return nil
		}
		return tx.CheckOut(ctx, c.ID, out, reason)
	})
	return id
}

// Event adds a one-off event at space s lasting d from start (capacity 0:
// no limit), cancelled when asked.
func Event(t testing.TB, db *storage.DB, s storage.Space, title string, start time.Time, d time.Duration, cancelled bool) storage.Event {
	t.Helper()
	ctx := context.Background()
	var e storage.Event
	Write(t, db, func(tx *storage.Tx) error {
		series, err := tx.AddSeries(ctx, Guild, s.ID, "", "", start.Add(-24*time.Hour))
		if err != nil {
			return err
		}
		if e, err = tx.AddEvent(ctx, storage.Event{GuildID: Guild, SeriesID: series, SpaceID: s.ID, Title: title, TitleKey: title, Start: start, End: start.Add(d)}); err != nil {
			return err
		}
		if cancelled {
			e.Cancelled = true
			return tx.CancelEvent(ctx, e.ID, start.Add(-time.Hour), "")
		}
		return nil
	})
	return e
}

// Animators gives space s the animator role role.
func Animators(t testing.TB, db *storage.DB, s storage.Space, role string) storage.Space {
	t.Helper()
	s.AnimatorRole = role
	Write(t, db, func(tx *storage.Tx) error { return tx.UpdateSpace(context.Background(), s) })
	return s
}

// Answer records user's answer (storage.Going, NotGoing...) to event e at at.
func Answer(t testing.TB, db *storage.DB, e storage.Event, user, status string, at time.Time) {
	t.Helper()
	Write(t, db, func(tx *storage.Tx) error {
		return tx.SetRSVP(context.Background(), storage.RSVP{EventID: e.ID, GuildID: Guild, UserID: user, UserName: user, Status: status, Since: at})
	})
}
