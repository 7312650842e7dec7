package presence

import (
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

func TestMonth(t *testing.T) {
	for _, c := range []struct {
		loc      *time.Location
		now      string
		from, to string
	}{
		{paris, "2026-04-15 12:00", "2026-04-01 00:00", "2026-05-01 00:00"},
		{paris, "2026-04-01 00:00", "2026-04-01 00:00", "2026-05-01 00:00"},
		{paris, "2026-03-31 23:59", "2026-03-01 00:00", "2026-04-01 00:00"}, // the month clocks go forward
		{paris, "2026-12-31 23:00", "2026-12-01 00:00", "2027-01-01 00:00"},
		{noumea, "2026-02-28 23:30", "2026-02-01 00:00", "2026-03-01 00:00"},
	} {
		from, to := Month(at(c.loc, c.now), c.loc)
		if !from.Equal(at(c.loc, c.from)) || !to.Equal(at(c.loc, c.to)) {
			t.Errorf("%s: %s – %s, want %s – %s", c.now, from.In(c.loc), to.In(c.loc), c.from, c.to)
		}
	}
	// The same instant is another month in another zone: 01:00 on 1 March
	// in Paris is still February in Cayenne.
	from, _ := Month(at(paris, "2026-03-01 01:00"), cayenne)
	if !from.Equal(at(cayenne, "2026-02-01 00:00")) {
		t.Errorf("Cayenne's month of Paris' 1 March 01:00 starts %s", from.In(cayenne))
	}
}

func TestSummarise(t *testing.T) {
	now := at(paris, "2026-04-20 12:00")
	v := func(space int64, in, out string) storage.Checkin {
		c := storage.Checkin{SpaceID: space, At: at(paris, in)}
		if out != "" {
			c.OutAt, c.OutReason = at(paris, out), storage.OutManual
		}
		return c
	}
	auto := func(c storage.Checkin, reason string) storage.Checkin { c.OutReason = reason; return c }
	per, total := Summarise([]storage.Checkin{
		v(2, "2026-04-01 09:00", "2026-04-01 10:00"),
		v(1, "2026-04-02 09:00", "2026-04-02 11:00"),
		v(3, "2026-04-03 09:00", "2026-04-03 09:30"),
		auto(v(1, "2026-04-04 09:00", "2026-04-04 12:00"), storage.OutClosing),
		auto(v(3, "2026-04-05 09:00", "2026-04-05 09:15"), storage.OutCorrected), // corrected: a real stay
		v(2, "2026-04-20 11:00", ""),                                             // still there: until now
	}, now)
	want := []SpaceStays{
		{SpaceID: 2, Visits: 2, Stay: 2 * time.Hour, Last: at(paris, "2026-04-20 11:00")},
		{SpaceID: 1, Visits: 2, Stay: 5 * time.Hour, Last: at(paris, "2026-04-04 09:00"), AutoOuts: 1},
		{SpaceID: 3, Visits: 2, Stay: 45 * time.Minute, Last: at(paris, "2026-04-05 09:00")},
	}
	if len(per) != len(want) {
		t.Fatalf("%d spaces: %+v", len(per), per)
	}
	for i := range want {
		if per[i] != want[i] {
			t.Errorf("space %d: %+v, want %+v", i, per[i], want[i])
		}
	}
	if total != 7*time.Hour+45*time.Minute {
		t.Errorf("total %s", total)
	}
	// Most visited first.
	per, _ = Summarise([]storage.Checkin{
		v(1, "2026-04-01 09:00", "2026-04-01 10:00"),
		v(2, "2026-04-02 09:00", "2026-04-02 10:00"),
		v(2, "2026-04-03 09:00", "2026-04-03 10:00"),
	}, now)
	if len(per) != 2 || per[0].SpaceID != 2 || per[0].Visits != 2 || per[1].SpaceID != 1 {
		t.Errorf("order %+v", per)
	}
	if per, total := Summarise(nil, now); len(per) != 0 || total != 0 {
		t.Errorf("no visit: %+v %s", per, total)
	}
}
