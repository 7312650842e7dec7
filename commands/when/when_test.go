package when

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

var paris, _ = time.LoadLocation("Europe/Paris")

func TestStart(t *testing.T) {
	now := time.Date(2026, 4, 8, 10, 0, 0, 0, paris) // a Wednesday
	cases := []struct{ in, want string }{
		{"2026-04-12 18:30", "2026-04-12 18:30"},
		{"2026-04-12T18:30", "2026-04-12 18:30"},
		{"2026-04-12 18h30", "2026-04-12 18:30"},
		{"2026-04-12 18h", "2026-04-12 18:00"},
		{"12/04/2026 18h30", "2026-04-12 18:30"},
		{"12/04/2026 18:30", "2026-04-12 18:30"},
		{"12/04/26 18h30", "2026-04-12 18:30"},
		{"12.04.2026 18:30", "2026-04-12 18:30"},
		{"12/04 18:30", "2026-04-12 18:30"},
		{"12/04 18h", "2026-04-12 18:00"},
		{"le 12/04 à 18h", "2026-04-12 18:00"},
		{"vendredi 9h", "2026-04-10 09:00"},
		{"Vendredi 9h30", "2026-04-10 09:30"},
		{"ven 9h", "2026-04-10 09:00"},
		{"friday 9am", "2026-04-10 09:00"},
		{"on Friday at 2pm", "2026-04-10 14:00"},
		{"fri 9:30", "2026-04-10 09:30"},
		{"mercredi 9h", "2026-04-15 09:00"},  // today, but already past: next week
		{"mercredi 18h", "2026-04-08 18:00"}, // today, still ahead
		{"demain 14h", "2026-04-09 14:00"},
		{"tomorrow 2pm", "2026-04-09 14:00"},
		{"aujourd'hui 18h", "2026-04-08 18:00"},
		{"aujourdhui 18h", "2026-04-08 18:00"},
		{"today 6pm", "2026-04-08 18:00"},
		{"après-demain 10h", "2026-04-10 10:00"},
		{"apres-demain 10h", "2026-04-10 10:00"},
		{"demain midi", "2026-04-09 12:00"},
		{"demain 12pm", "2026-04-09 12:00"},
		{"demain 12am", "2026-04-09 00:00"},
		{"18 h 30", "2026-04-08 18:30"},
		{"9h", "2026-04-09 09:00"}, // a time alone: the next one
		{"05/01 10h", "2027-01-05 10:00"},
	}
	for _, tc := range cases {
		got, err := Start(tc.in, now, paris)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if g := got.In(paris).Format("2006-01-02 15:04"); g != tc.want {
			t.Errorf("%q = %s, want %s", tc.in, g, tc.want)
		}
	}
	// Year rollover.
	late := time.Date(2026, 12, 30, 10, 0, 0, 0, paris)
	if got, _ := Start("05/01 10h", late, paris); got.Year() != 2027 {
		t.Errorf("05/01 from 30 December: %v", got)
	}
	bad := []string{"", "demain", "12/04", "31/02/2027 10h", "32/01 10h", "12/13 10h", "25h", "18:60", "13pm", "0am", "vendredi", "blah 9h",
		"2026-02-30 10:00", "18", "12/04/1999 10h", "9h 9h", "demain 14h extra"}
	for _, in := range bad {
		if got, err := Start(in, now, paris); !errors.Is(err, ErrStart) {
			t.Errorf("%q accepted as %v", in, got)
		}
	}
}

func TestStartDaylightSaving(t *testing.T) {
	now := time.Date(2026, 3, 20, 10, 0, 0, 0, paris)
	if _, err := Start("2026-03-29 02:30", now, paris); !errors.Is(err, ErrNonexistentTime) || !errors.Is(err, ErrStart) {
		t.Errorf("a time skipped by the spring change: %v", err)
	}
	got, err := Start("2026-10-25 02:30", now, paris) // happens twice: the first (summer time)
	if err != nil {
		t.Fatal(err)
	}
	if _, off := got.Zone(); off != 2*3600 {
		t.Errorf("ambiguous time took offset %d", off)
	}
}

func TestDuration(t *testing.T) {
	cases := map[string]time.Duration{
		"2h": 2 * time.Hour, "1h30": 90 * time.Minute, "1h30m": 90 * time.Minute, "1 h 30": 90 * time.Minute,
		"90min": 90 * time.Minute, "90 min": 90 * time.Minute, "90mn": 90 * time.Minute, "90m": 90 * time.Minute,
		"90": 90 * time.Minute, "1.5h": 90 * time.Minute, "1,5h": 90 * time.Minute, "2 heures": 2 * time.Hour,
		"2 hours": 2 * time.Hour, "45 minutes": 45 * time.Minute, "1:30": 90 * time.Minute, "3 H": 3 * time.Hour,
	}
	for in, want := range cases {
		if got, err := Duration(in); err != nil || got != want {
			t.Errorf("Duration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "0h", "-2h", "abc", "1h70", "1.5h30", "h", "1:3", "99999999999",
		"999999999:00", "10001:00", "10000h01", "600001", "0.001h"} {
		if got, err := Duration(in); !errors.Is(err, ErrDuration) {
			t.Errorf("Duration(%q) accepted as %v", in, got)
		}
	}
}

func FuzzStart(f *testing.F) {
	for _, s := range []string{"2026-04-12 18:30", "12/04 18h30", "vendredi 9h", "demain 14h", "tomorrow 2pm", "12.04.26 9:30pm", "apres-demain midi"} {
		f.Add(s)
	}
	now := time.Date(2026, 4, 8, 10, 0, 0, 0, paris)
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Start(s, now, paris)
		if err != nil {
			if !errors.Is(err, ErrStart) {
				t.Fatalf("%q: error %v is not ErrStart", s, err)
			}
			return
		}
		// An explicit year may lie in the past (the caller says "that date has
		// passed"); anything else is within two centuries and in loc.
		if got.Year() < 2000 || got.Year() > 2200 || got.Location() != paris {
			t.Fatalf("%q: %v is not a sane start", s, got)
		}
		if again, err := Start(s, now, paris); err != nil || !again.Equal(got) {
			t.Fatalf("%q: not deterministic: %v then %v, %v", s, got, again, err)
		}
		// It renders back to the same instant: the form the edit modal is
		// prefilled with, and the day-first French form.
		for _, layout := range []string{"2006-01-02 15:04", "02/01/2006 15h04", "2006-01-02T15:04"} {
			back := got.In(paris).Format(layout)
			if again, err := Start(back, now, paris); err != nil || !again.Equal(got) {
				t.Fatalf("%q = %v, but %q = %v, %v", s, got, back, again, err)
			}
		}
	})
}

func FuzzDuration(f *testing.F) {
	for _, s := range []string{"2h", "1h30", "90min", "90", "1,5h", "1:30", "2 heures"} {
		f.Add(s)
	}
	f.Add("999999999:00")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Duration(s)
		if err != nil {
			if !errors.Is(err, ErrDuration) {
				t.Fatalf("%q: error %v is not ErrDuration", s, err)
			}
			return
		}
		// Within the documented bounds, in whole minutes.
		if d <= 0 || d > MaxDuration || d%time.Minute != 0 {
			t.Fatalf("%q: %v is out of (0, %v] or not whole minutes", s, d, MaxDuration)
		}
		// It reads back the same written in each canonical form.
		m := int(d / time.Minute)
		for _, back := range []string{fmt.Sprintf("%dmin", m), fmt.Sprintf("%dh%02d", m/60, m%60), fmt.Sprintf("%d:%02d", m/60, m%60)} {
			if again, err := Duration(back); err != nil || again != d {
				t.Fatalf("%q = %v, but %q = %v, %v", s, d, back, again, err)
			}
		}
	})
}
