package week

import (
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func in(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Which week an instant belongs to, Monday 00:00 to Monday 00:00 where the
// network is, on both DST changes of 2026 in Paris and in zones without DST.
func TestOf(t *testing.T) {
	for _, c := range []struct {
		zone, at   string
		from, to   string
		hours      float64
		contains   bool
		key        string
		ended      string // EndedBefore(at): its From
		prev, next string // Previous().From, Next().From
	}{
		// Clocks go back on Sunday 25 October 2026 at 03:00: a 169-hour week.
		{"Europe/Paris", "2026-10-25 23:15", "2026-10-19 00:00", "2026-10-26 00:00", 169, true, "2026-10-19", "2026-10-12 00:00", "2026-10-12 00:00", "2026-10-26 00:00"},
		{"Europe/Paris", "2026-10-19 00:00", "2026-10-19 00:00", "2026-10-26 00:00", 169, true, "2026-10-19", "2026-10-12 00:00", "2026-10-12 00:00", "2026-10-26 00:00"},
		{"Europe/Paris", "2026-10-26 00:00", "2026-10-26 00:00", "2026-11-02 00:00", 168, true, "2026-10-26", "2026-10-19 00:00", "2026-10-19 00:00", "2026-11-02 00:00"},
		{"Europe/Paris", "2026-10-18 23:59", "2026-10-12 00:00", "2026-10-19 00:00", 168, true, "2026-10-12", "2026-10-05 00:00", "2026-10-05 00:00", "2026-10-19 00:00"},
		// Clocks go forward on Sunday 29 March 2026 at 02:00: a 167-hour week.
		{"Europe/Paris", "2026-03-29 23:15", "2026-03-23 00:00", "2026-03-30 00:00", 167, true, "2026-03-23", "2026-03-16 00:00", "2026-03-16 00:00", "2026-03-30 00:00"},
		{"Europe/Paris", "2026-03-29 03:30", "2026-03-23 00:00", "2026-03-30 00:00", 167, true, "2026-03-23", "2026-03-16 00:00", "2026-03-16 00:00", "2026-03-30 00:00"},
		{"Europe/Paris", "2026-03-30 00:30", "2026-03-30 00:00", "2026-04-06 00:00", 168, true, "2026-03-30", "2026-03-23 00:00", "2026-03-23 00:00", "2026-04-06 00:00"},
		// A Wednesday, a Saturday; across a month and a year.
		{"Europe/Paris", "2026-04-15 12:00", "2026-04-13 00:00", "2026-04-20 00:00", 168, true, "2026-04-13", "2026-04-06 00:00", "2026-04-06 00:00", "2026-04-20 00:00"},
		{"Europe/Paris", "2027-01-02 18:00", "2026-12-28 00:00", "2027-01-04 00:00", 168, true, "2026-12-28", "2026-12-21 00:00", "2026-12-21 00:00", "2027-01-04 00:00"},
		// No DST in Cayenne nor in Nouméa.
		{"America/Cayenne", "2026-10-25 23:15", "2026-10-19 00:00", "2026-10-26 00:00", 168, true, "2026-10-19", "2026-10-12 00:00", "2026-10-12 00:00", "2026-10-26 00:00"},
		{"Pacific/Noumea", "2026-03-29 23:15", "2026-03-23 00:00", "2026-03-30 00:00", 168, true, "2026-03-23", "2026-03-16 00:00", "2026-03-16 00:00", "2026-03-30 00:00"},
	} {
		loc := zone(t, c.zone)
		at := in(t, loc, c.at)
		w := Of(at, loc)
		if !w.From.Equal(in(t, loc, c.from)) || !w.To.Equal(in(t, loc, c.to)) {
			t.Errorf("%s %s: week %s – %s, want %s – %s", c.zone, c.at, w.From.In(loc), w.To.In(loc), c.from, c.to)
		}
		if got := w.To.Sub(w.From).Hours(); got != c.hours {
			t.Errorf("%s %s: %v hours, want %v", c.zone, c.at, got, c.hours)
		}
		if w.Contains(at) != c.contains {
			t.Errorf("%s %s: Contains = %v", c.zone, c.at, !c.contains)
		}
		if w.Key() != c.key {
			t.Errorf("%s %s: key %s, want %s", c.zone, c.at, w.Key(), c.key)
		}
		if e := EndedBefore(at, loc); !e.From.Equal(in(t, loc, c.ended)) || !e.To.Equal(w.From) {
			t.Errorf("%s %s: ended before %s – %s, want from %s to %s", c.zone, c.at, e.From.In(loc), e.To.In(loc), c.ended, c.from)
		}
		if p := w.Previous(); !p.From.Equal(in(t, loc, c.prev)) || !p.To.Equal(w.From) {
			t.Errorf("%s %s: previous %s – %s, want from %s", c.zone, c.at, p.From.In(loc), p.To.In(loc), c.prev)
		}
		if n := w.Next(); !n.From.Equal(in(t, loc, c.next)) || !n.To.Equal(in(t, loc, c.next).AddDate(0, 0, 7)) {
			t.Errorf("%s %s: next %s – %s, want from %s", c.zone, c.at, n.From.In(loc), n.To.In(loc), c.next)
		}
	}
}

// A week is [From, To): its first instant in, its end out.
func TestContains(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	w := Starting(in(t, paris, "2026-10-19 00:00"))
	for _, c := range []struct {
		at   time.Time
		want bool
	}{
		{in(t, paris, "2026-10-18 23:59"), false},
		{in(t, paris, "2026-10-19 00:00"), true},
		{in(t, paris, "2026-10-25 23:15"), true}, // lost by from + 168h
		{in(t, paris, "2026-10-26 00:00").Add(-time.Second), true},
		{in(t, paris, "2026-10-26 00:00"), false},
	} {
		if got := w.Contains(c.at); got != c.want {
			t.Errorf("%s: %v, want %v", c.at.In(paris), got, c.want)
		}
	}
}

// The days of the week, its last hour, and the ten midnights around it in a
// space's zone.
func TestDaysAndAround(t *testing.T) {
	paris, cay := zone(t, "Europe/Paris"), zone(t, "America/Cayenne")
	w := Starting(in(t, paris, "2026-10-19 00:00"))
	if d := w.Day(6); !d.Equal(in(t, paris, "2026-10-25 00:00")) {
		t.Errorf("Sunday %s", d.In(paris))
	}
	if d := w.Day(0); !d.Equal(w.From) {
		t.Errorf("Monday %s", d.In(paris))
	}
	if l := w.Last(); !l.Equal(in(t, paris, "2026-10-25 23:00")) {
		t.Errorf("last hour %s", l.In(paris))
	}
	want := []string{"2026-10-18", "2026-10-19", "2026-10-20", "2026-10-21", "2026-10-22", "2026-10-23", "2026-10-24", "2026-10-25", "2026-10-26", "2026-10-27"}
	for _, c := range []struct {
		loc *time.Location
	}{{paris}, {cay}} {
		b := w.Around(c.loc)
		for k, day := range want {
			if !b[k].Equal(in(t, c.loc, day+" 00:00")) {
				t.Errorf("%s bound %d: %s, want %s 00:00", c.loc, k, b[k].In(c.loc), day)
			}
		}
	}
}

// Nine day counts (Sunday before .. Monday after) fold into seven, Monday first.
func TestFold(t *testing.T) {
	for _, c := range []struct {
		in   [9]int
		want [7]int
	}{
		{[9]int{}, [7]int{}},
		{[9]int{0, 1, 2, 3, 4, 5, 6, 7, 0}, [7]int{1, 2, 3, 4, 5, 6, 7}},
		{[9]int{10, 0, 0, 0, 0, 0, 0, 0, 0}, [7]int{0, 0, 0, 0, 0, 0, 10}},
		{[9]int{0, 0, 0, 0, 0, 0, 0, 0, 20}, [7]int{20, 0, 0, 0, 0, 0, 0}},
		{[9]int{1, 2, 0, 0, 0, 0, 0, 3, 4}, [7]int{6, 0, 0, 0, 0, 0, 4}},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestBusiest(t *testing.T) {
	for _, c := range []struct {
		perDay [7]int
		want   int
	}{
		{[7]int{}, -1},
		{[7]int{0, 0, 0, 0, 0, 0, 1}, 6},
		{[7]int{1, 0, 0, 0, 0, 0, 0}, 0},
		{[7]int{2, 5, 5, 1, 0, 0, 0}, 1}, // the first of equals
		{[7]int{2, 3, 9, 1, 0, 9, 0}, 2},
	} {
		if got := Busiest(c.perDay); got != c.want {
			t.Errorf("Busiest(%v) = %d, want %d", c.perDay, got, c.want)
		}
	}
}

func TestCompare(t *testing.T) {
	for _, c := range []struct {
		now, before int
		want        Change
	}{
		{0, 0, Change{Same: true}},
		{3, 0, Change{New: true}},
		{0, 4, Change{Pct: -100}},
		{5, 4, Change{Pct: 25}},
		{4, 4, Change{Pct: 0}},
		{2, 3, Change{Pct: -33}},
		{9, 3, Change{Pct: 200}},
	} {
		if got := Compare(c.now, c.before); got != c.want {
			t.Errorf("Compare(%d, %d) = %+v, want %+v", c.now, c.before, got, c.want)
		}
	}
}

func TestAverage(t *testing.T) {
	for _, c := range []struct {
		secs, n int64
		want    time.Duration
	}{
		{0, 0, 0},
		{3600, 0, 0},
		{3600, 1, time.Hour},
		{7201, 2, time.Hour},
		{10, 3, 3 * time.Second},
		{-5, -1, 0},
	} {
		if got := average(c.secs, c.n); got != c.want {
			t.Errorf("average(%d, %d) = %s, want %s", c.secs, c.n, got, c.want)
		}
	}
}

func TestUnmet(t *testing.T) {
	skills := []storage.Skill{
		{Display: "Couture", Offers: 1, Seeks: 3},
		{Display: "Compta", Offers: 0, Seeks: 2},
		{Display: "Soudure", Offers: 0, Seeks: 0},
		{Display: "Vélo", Offers: 0, Seeks: 5},
		{Display: "Excel", Offers: 0, Seeks: 2},
	}
	var got []string
	for _, s := range Unmet(skills) {
		got = append(got, s.Display)
	}
	if want := "Vélo Compta Excel"; join(got) != want {
		t.Errorf("unmet %q, want %q", join(got), want)
	}
}

func join(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += " "
		}
		out += v
	}
	return out
}

// The last due time of a schedule at or before now, in the eight days
// before it (more than now - 8 days).
func TestLastDue(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	mondays := every{first: in(t, paris, "2026-03-02 08:00"), step: 7} // Mondays 08:00, Paris
	for _, c := range []struct {
		now, want string // "" = none
	}{
		{"2026-04-20 08:00", "2026-04-20 08:00"}, // due exactly now
		{"2026-04-20 07:59", "2026-04-13 08:00"},
		{"2026-04-21 12:00", "2026-04-20 08:00"},
		{"2026-04-28 07:59", "2026-04-27 08:00"},
		{"2026-03-30 09:00", "2026-03-30 08:00"}, // the Monday after clocks go forward
		{"2026-10-26 08:30", "2026-10-26 08:00"}, // the Monday after clocks go back
		{"2026-03-01 09:00", ""},                 // before the first
	} {
		got := LastDue(mondays, in(t, paris, c.now), paris)
		if (c.want == "" && !got.IsZero()) || (c.want != "" && !got.Equal(in(t, paris, c.want))) {
			t.Errorf("now %s: last due %s, want %q", c.now, got.In(paris), c.want)
		}
	}
	// Fortnightly: looking back eight days, not further.
	fortnight := every{first: in(t, paris, "2026-04-06 08:00"), step: 14}
	for _, c := range []struct{ now, want string }{
		{"2026-04-28 07:59", "2026-04-20 08:00"}, // 7 days 23:59 back
		{"2026-04-28 08:00", ""},                 // 8 days back exactly: out (Next is strictly after)
		{"2026-04-28 08:01", ""},                 // more than 8 days back
	} {
		got := LastDue(fortnight, in(t, paris, c.now), paris)
		if (c.want == "" && !got.IsZero()) || (c.want != "" && !got.Equal(in(t, paris, c.want))) {
			t.Errorf("fortnightly, now %s: last due %s, want %q", c.now, got.In(paris), c.want)
		}
	}
	// A schedule that never comes due.
	if got := LastDue(every{}, in(t, paris, "2026-04-20 08:00"), paris); !got.IsZero() {
		t.Errorf("never due: %s", got)
	}
}

func TestLate(t *testing.T) {
	due := time.Date(2026, 4, 20, 6, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		after time.Duration
		want  bool
	}{{0, false}, {time.Hour, false}, {time.Hour + time.Second, true}, {72 * time.Hour, true}} {
		if got := Late(due, due.Add(c.after)); got != c.want {
			t.Errorf("%s after: late %v, want %v", c.after, got, c.want)
		}
	}
}

// every comes due at first and every step days after, at the same local
// time (zero first: never).
type every struct {
	first time.Time
	step  int
}

func (e every) Next(t time.Time) time.Time {
	if e.first.IsZero() {
		return time.Time{}
	}
	for d := e.first; ; d = d.AddDate(0, 0, e.step) {
		if d.After(t) {
			return d
		}
	}
}
