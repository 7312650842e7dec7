package presence

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/hours"
	"github.com/tierslieux/tiersbot/commands/ruletest"
	"github.com/tierslieux/tiersbot/storage"
)

var (
	paris   = mustZone("Europe/Paris")
	cayenne = mustZone("America/Cayenne")
	noumea  = mustZone("Pacific/Noumea")
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// zone is what commands passes: a name to a location, "" is UTC.
func zone(name string) *time.Location {
	switch name {
	case "Europe/Paris":
		return paris
	case "America/Cayenne":
		return cayenne
	case "Pacific/Noumea":
		return noumea
	}
	return time.UTC
}

func at(loc *time.Location, s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		panic(err)
	}
	return t
}

func TestFull(t *testing.T) {
	for _, c := range []struct {
		count, capacity int
		want            Fullness
	}{
		{0, 0, Room},
		{50, 0, Room}, // no limit
		{1, 2, Room},
		{2, 2, NowFull},
		{3, 2, OverFull},
		{1, 1, NowFull},
		{5, -1, Room},
	} {
		if got := Full(c.count, c.capacity); got != c.want {
			t.Errorf("Full(%d, %d) = %v, want %v", c.count, c.capacity, got, c.want)
		}
	}
}

func TestCheckInAndOut(t *testing.T) {
	ctx := context.Background()
	db := ruletest.DB(t, false)
	ruche := ruletest.Space(t, db, "Ruche", "", hours.Every(18*60+30).Encode())
	fab := ruletest.Space(t, db, "Fab", "", "")
	ruletest.Write(t, db, func(tx *storage.Tx) error {
		ruche.Capacity = 2
		return tx.UpdateSpace(ctx, ruche)
	})
	arrive := func(user string, s storage.Space, when string) Arrival {
		t.Helper()
		var a Arrival
		ruletest.Write(t, db, func(tx *storage.Tx) error {
			var err error
			a, err = CheckIn(ctx, tx, Arrive{GuildID: ruletest.Guild, UserID: user, Name: user, Locale: "fr", Space: s, Note: "n-" + user, Now: at(paris, when)}, zone)
			return err
		})
		return a
	}
	for _, c := range []struct {
		user      string
		space     storage.Space
		when      string
		already   bool
		movedFrom string
		count     int
		full      Fullness
		closes    string
	}{
		{"alice", ruche, "2026-04-14 09:00", false, "", 1, Room, "2026-04-14 18:30"},
		{"alice", ruche, "2026-04-14 10:00", true, "", 0, Room, "2026-04-14 18:30"}, // already there: nothing changes
		{"bob", ruche, "2026-04-14 10:30", false, "", 2, NowFull, "2026-04-14 18:30"},
		{"carol", ruche, "2026-04-14 11:00", false, "", 3, OverFull, "2026-04-14 18:30"},
		{"alice", fab, "2026-04-14 12:00", false, "Ruche", 1, Room, "2026-04-14 19:00"}, // moved; Fab has no hours: 19:00
		{"alice", fab, "2026-04-14 20:00", true, "", 0, Room, "2026-04-14 19:00"},
		{"dave", fab, "2026-04-14 20:00", false, "", 2, Room, "2026-04-15 00:00"}, // after closing: until midnight
	} {
		a := arrive(c.user, c.space, c.when)
		if (a.Already.ID != 0) != c.already || a.MovedFrom != c.movedFrom || a.Count != c.count || a.Fullness != c.full || !a.Closes.Equal(at(paris, c.closes)) {
			t.Errorf("%s at %s %s: %+v, want already %v moved from %q count %d fullness %v closes %s",
				c.user, c.space.Name, c.when, a, c.already, c.movedFrom, c.count, c.full, c.closes)
		}
		if !c.already && (a.Checkin.ID == 0 || !a.Checkin.At.Equal(at(paris, c.when)) || a.Checkin.SpaceID != c.space.ID) {
			t.Errorf("%s at %s: check-in %+v", c.user, c.when, a.Checkin)
		}
		if c.already && a.Checkin.ID != 0 {
			t.Errorf("%s at %s: a new check-in while already there", c.user, c.when)
		}
	}
	// Alice's first visit was closed when she moved, at that instant.
	ruletest.Read(t, db, func(tx *storage.Tx) error {
		list, err := tx.MemberCheckins(ctx, ruletest.Guild, "alice", time.Time{}, at(paris, "2026-05-01 00:00"))
		if err != nil {
			return err
		}
		if len(list) != 2 || !list[0].OutAt.Equal(at(paris, "2026-04-14 12:00")) || list[0].OutReason != storage.OutMoved || !list[1].OutAt.IsZero() || list[1].Note != "n-alice" {
			t.Errorf("alice's visits %+v", list)
		}
		return nil
	})
	leave := func(user, when string) (Departure, error) {
		var d Departure
		err := db.Write(ctx, func(tx *storage.Tx) error {
			var err error
			d, err = CheckOut(ctx, tx, ruletest.Guild, user, at(paris, when))
			return err
		})
		return d, err
	}
	d, err := leave("alice", "2026-04-14 21:30")
	if err != nil || d.Space.ID != fab.ID || d.Stay != 9*time.Hour+30*time.Minute || !d.Checkin.At.Equal(at(paris, "2026-04-14 12:00")) {
		t.Errorf("alice leaves: %+v, %v", d, err)
	}
	if _, err := leave("alice", "2026-04-14 21:40"); !errors.Is(err, ErrNotIn) {
		t.Errorf("alice leaves twice: %v, want ErrNotIn", err)
	}
	if _, err := leave("zoe", "2026-04-14 21:40"); !errors.Is(err, ErrNotIn) {
		t.Errorf("zoe never came: %v, want ErrNotIn", err)
	}
	ruletest.Read(t, db, func(tx *storage.Tx) error {
		list, err := tx.MemberCheckins(ctx, ruletest.Guild, "alice", time.Time{}, at(paris, "2026-05-01 00:00"))
		if err != nil {
			return err
		}
		if len(list) != 2 || !list[1].OutAt.Equal(at(paris, "2026-04-14 21:30")) || list[1].OutReason != storage.OutManual {
			t.Errorf("alice's visits %+v", list)
		}
		return nil
	})
}

// Closing time per zone and per weekday: a visit ends at its day's closing
// where the space is; after closing, at midnight there; a closed day or a
// space without hours at hours.Default.
func TestClosingAfterPerZone(t *testing.T) {
	week, err := hours.Parse("18h30 le mardi, 17h sinon, fermé le dimanche", hours.Every(hours.Default))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		zone  string
		hours string
		at    string // in the space's zone
		want  string // in the space's zone
	}{
		{"Tuesday", "Europe/Paris", week.Encode(), "2026-04-14 09:00", "2026-04-14 18:30"},
		{"Wednesday: otherwise", "Europe/Paris", week.Encode(), "2026-04-15 09:00", "2026-04-15 17:00"},
		{"Sunday closed: default", "Europe/Paris", week.Encode(), "2026-04-19 10:00", "2026-04-19 19:00"},
		{"after closing: midnight", "Europe/Paris", week.Encode(), "2026-04-15 17:00", "2026-04-16 00:00"},
		{"just before closing", "Europe/Paris", week.Encode(), "2026-04-15 16:59", "2026-04-15 17:00"},
		{"no hours: default", "Europe/Paris", "", "2026-04-15 09:00", "2026-04-15 19:00"},
		{"unreadable hours: default", "Europe/Paris", "garbage", "2026-04-15 09:00", "2026-04-15 19:00"},
		{"Cayenne", "America/Cayenne", week.Encode(), "2026-04-14 09:00", "2026-04-14 18:30"},
		{"Nouméa", "Pacific/Noumea", week.Encode(), "2026-04-14 09:00", "2026-04-14 18:30"},
		{"clocks back day, Paris", "Europe/Paris", "", "2026-10-25 01:00", "2026-10-25 19:00"},
		{"clocks forward day, Paris", "Europe/Paris", "", "2026-03-29 01:00", "2026-03-29 19:00"},
		{"midnight closing", "Europe/Paris", hours.Every(hours.Midnight).Encode(), "2026-04-15 09:00", "2026-04-16 00:00"},
	} {
		s := storage.Space{Timezone: c.zone, Hours: c.hours}
		loc := zone(c.zone)
		if got := ClosingAfter(at(loc, c.at), s, zone); !got.Equal(at(loc, c.want)) {
			t.Errorf("%s: %s, want %s", c.name, got.In(loc).Format("2006-01-02 15:04"), c.want)
		}
	}
}

// One run checks out, in every network, the visits past their closing
// where the space is, at that closing time, and returns them.
func TestCloseDue(t *testing.T) {
	ctx := context.Background()
	db := ruletest.DB(t, false)
	six := hours.Every(18 * 60).Encode()
	ruche := ruletest.Space(t, db, "Ruche", "", six)
	carbet := ruletest.Space(t, db, "Carbet", "America/Cayenne", six)
	kase := ruletest.Space(t, db, "Case", "Pacific/Noumea", six)
	u := func(h, m int) time.Time { return time.Date(2026, 4, 13, h, m, 0, 0, time.UTC) }
	// 12:00 UTC: 14:00 in Paris, 09:00 in Cayenne, 23:00 in Nouméa (past
	// closing there: until midnight, Nouméa time).
	alice := ruletest.Visit(t, db, "alice", ruche, u(12, 0), time.Time{}, "")
	bob := ruletest.Visit(t, db, "bob", carbet, u(12, 0), time.Time{}, "")
	carol := ruletest.Visit(t, db, "carol", kase, u(12, 0), time.Time{}, "")
	ruletest.Visit(t, db, "dave", ruche, u(9, 0), u(10, 0), storage.OutManual) // already out: untouched
	type out struct {
		id  int64
		end time.Time
	}
	for _, step := range []struct {
		now  time.Time
		want []out
	}{
		{u(12, 59), nil},
		{u(13, 0), []out{{carol, u(13, 0)}}},
		{u(15, 59), nil},
		{u(16, 30), []out{{alice, u(16, 0)}}}, // the job ran late: 18:00 Paris recorded
		{u(20, 59), nil},
		{u(21, 0), []out{{bob, u(21, 0)}}},
		{u(23, 0), nil},
	} {
		var got []AutoOut
		ruletest.Write(t, db, func(tx *storage.Tx) error {
			var err error
			got, err = CloseDue(ctx, tx, step.now, zone)
			return err
		})
		if len(got) != len(step.want) {
			t.Errorf("at %s UTC: %d checked out, want %d", step.now.Format("15:04"), len(got), len(step.want))
			continue
		}
		for i, w := range step.want {
			if got[i].Checkin.ID != w.id || !got[i].Out.Equal(w.end) || got[i].Space.ID != got[i].Checkin.SpaceID || got[i].Space.Name == "" {
				t.Errorf("at %s UTC: %+v, want check-in %d out at %s", step.now.Format("15:04"), got[i], w.id, w.end)
			}
		}
	}
	ruletest.Read(t, db, func(tx *storage.Tx) error {
		for _, c := range []struct {
			id     int64
			out    time.Time
			reason string
		}{
			{alice, u(16, 0), storage.OutClosing},
			{bob, u(21, 0), storage.OutClosing},
			{carol, u(13, 0), storage.OutClosing},
		} {
			got, err := tx.CheckinByID(ctx, ruletest.Guild, c.id)
			if err != nil || !got.OutAt.Equal(c.out) || got.OutReason != c.reason {
				t.Errorf("check-in %d: %+v (%v), want out at %s (%s)", c.id, got, err, c.out, c.reason)
			}
		}
		return nil
	})
}

func TestLeftAt(t *testing.T) {
	for _, c := range []struct {
		loc   *time.Location
		in    string
		clock int
		want  string
	}{
		{paris, "2026-04-14 09:00", 17*60 + 30, "2026-04-14 17:30"},
		{paris, "2026-04-14 20:00", hours.Midnight, "2026-04-15 00:00"},
		{paris, "2026-10-25 01:00", 17 * 60, "2026-10-25 17:00"}, // the day clocks go back
		{cayenne, "2026-04-14 22:00", 23 * 60, "2026-04-14 23:00"},
	} {
		c0 := storage.Checkin{At: at(c.loc, c.in)}
		if got := LeftAt(c0, c.clock, c.loc); !got.Equal(at(c.loc, c.want)) {
			t.Errorf("LeftAt(%s, %d) = %s, want %s", c.in, c.clock, got.In(c.loc), c.want)
		}
	}
}

func TestCheck(t *testing.T) {
	visit := storage.Checkin{UserID: "alice", At: at(paris, "2026-04-14 14:00"), OutAt: at(paris, "2026-04-14 18:30"), OutReason: storage.OutClosing}
	with := func(f func(*storage.Checkin)) storage.Checkin { c := visit; f(&c); return c }
	for _, c := range []struct {
		name  string
		visit storage.Checkin
		user  string
		left  string
		want  error
	}{
		{"within", visit, "alice", "2026-04-14 16:30", nil},
		{"at the automatic time", visit, "alice", "2026-04-14 18:30", nil},
		{"a minute after check-in", visit, "alice", "2026-04-14 14:01", nil},
		{"at check-in", visit, "alice", "2026-04-14 14:00", ErrBeforeIn},
		{"before check-in", visit, "alice", "2026-04-14 13:00", ErrBeforeIn},
		{"after the automatic time", visit, "alice", "2026-04-14 18:31", ErrAfterAuto},
		{"someone else's", visit, "bob", "2026-04-14 16:30", ErrNotYours},
		{"already corrected", with(func(c *storage.Checkin) { c.OutReason = storage.OutCorrected }), "alice", "2026-04-14 16:30", ErrNotAutomatic},
		{"checked out by hand", with(func(c *storage.Checkin) { c.OutReason = storage.OutManual }), "alice", "2026-04-14 16:30", ErrNotAutomatic},
		{"moved", with(func(c *storage.Checkin) { c.OutReason = storage.OutMoved }), "alice", "2026-04-14 16:30", ErrNotAutomatic},
	} {
		if got := Check(c.visit, c.user, at(paris, c.left)); !errors.Is(got, c.want) || (c.want == nil && got != nil) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestCorrect(t *testing.T) {
	ctx := context.Background()
	db := ruletest.DB(t, true) // a WAL file: reads go through the reader pool
	carbet := ruletest.Space(t, db, "Carbet", "America/Cayenne", "")
	in := at(cayenne, "2026-04-14 14:00")
	auto := ruletest.Visit(t, db, "alice", carbet, in, at(cayenne, "2026-04-14 19:00"), storage.OutClosing)
	manual := ruletest.Visit(t, db, "alice", carbet, at(cayenne, "2026-04-15 09:00"), at(cayenne, "2026-04-15 10:00"), storage.OutManual)
	correct := func(user string, id int64, clock int) (Fixed, error) {
		var x Fixed
		err := db.Write(ctx, func(tx *storage.Tx) error {
			var err error
			x, err = Correct(ctx, tx, Fix{GuildID: ruletest.Guild, UserID: user, CheckinID: id, Clock: clock}, zone)
			return err
		})
		return x, err
	}
	for _, c := range []struct {
		name  string
		user  string
		id    int64
		clock int
		want  error
	}{
		{"no such visit", "alice", 999, 16 * 60, storage.ErrNotFound},
		{"someone else's", "bob", auto, 16 * 60, ErrNotYours},
		{"checked out by hand", "alice", manual, 9*60 + 30, ErrNotAutomatic},
		{"before check-in", "alice", auto, 13 * 60, ErrBeforeIn},
		{"after closing", "alice", auto, 19*60 + 1, ErrAfterAuto},
	} {
		if _, err := correct(c.user, c.id, c.clock); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	// 16:45 in Cayenne, where the space is.
	x, err := correct("alice", auto, 16*60+45)
	if err != nil || !x.Left.Equal(at(cayenne, "2026-04-14 16:45")) || x.Stay != 2*time.Hour+45*time.Minute || x.Space.ID != carbet.ID || x.Checkin.ID != auto {
		t.Errorf("correct: %+v, %v", x, err)
	}
	if _, err := correct("alice", auto, 16*60); !errors.Is(err, ErrNotAutomatic) {
		t.Errorf("second correction: %v, want ErrNotAutomatic", err)
	}
	ruletest.Read(t, db, func(tx *storage.Tx) error {
		got, err := tx.CheckinByID(ctx, ruletest.Guild, auto)
		if err != nil || !got.OutAt.Equal(at(cayenne, "2026-04-14 16:45")) || got.OutReason != storage.OutCorrected {
			t.Errorf("after correction: %+v, %v", got, err)
		}
		return nil
	})
}
