package hours

import (
	"fmt"
	"testing"
	"time"
)

func TestWeekly(t *testing.T) {
	cases := []struct{ in, want string }{
		{"lundi 8h", "0 8 * * 1"},
		{"Lundi 8h30", "30 8 * * 1"},
		{"le lundi à 8h", "0 8 * * 1"},
		{"lun. 9h", "0 9 * * 1"},
		{"vendredi 17h", "0 17 * * 5"},
		{"dimanche midi", "0 12 * * 0"},
		{"monday 8am", "0 8 * * 1"},
		{"Mon 8:30", "30 8 * * 1"},
		{"on fridays at 5pm", "0 17 * * 5"},
		{"8h lundi", "0 8 * * 1"},
		// not a day and an hour: left to the cron reader
		{"0 8 * * 1", ""},
		{"lundi", ""},
		{"8h", ""},
		{"lundi 8", ""},
		{"lundi mardi 8h", ""},
		{"lundi 25h", ""},
		{"lundi fermé", ""},
	}
	for _, c := range cases {
		got, ok := Weekly(c.in)
		if !ok {
			got = ""
		}
		if got != c.want {
			t.Errorf("Weekly(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if d, m, ok := WeeklyOf("30 8 * * 1"); !ok || d != time.Monday || m != 8*60+30 {
		t.Errorf("WeeklyOf: %v %d %v", d, m, ok)
	}
	for _, s := range []string{"0 8 * * 1-5", "*/5 * * * *", "0 8 1 * 1"} {
		if _, _, ok := WeeklyOf(s); ok {
			t.Errorf("WeeklyOf(%q) reads as weekly", s)
		}
	}
}

// Whatever is typed, a day and an hour read back as the same weekly spec.
func FuzzWeekly(f *testing.F) {
	for _, s := range []string{"lundi 8h", "monday 8am", "le vendredi à 17h30", "dim midi", "0 8 * * 1", "lundi 24h", "mar 12am"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		spec, ok := Weekly(s)
		if !ok {
			return
		}
		d, m, ok := WeeklyOf(spec)
		if !ok {
			t.Fatalf("Weekly(%q) = %q, which does not read back", s, spec)
		}
		if back := fmt.Sprintf("%d %d * * %d", m%60, m/60, d); back != spec {
			t.Fatalf("Weekly(%q) = %q, reads back as %q", s, spec, back)
		}
	})
}
