package when

import (
	"errors"
	"testing"
	"time"
)

// TestParsePhrasings: how animators and coworkers really type a date, in
// French and English. Expected dates are worked out by hand from a calendar:
// "now" is Wednesday 8 April 2026, 10:00 in Paris; April 2026 starts on a
// Wednesday, 1 May 2026 is a Friday.
func TestParsePhrasings(t *testing.T) {
	now := time.Date(2026, 4, 8, 10, 0, 0, 0, paris)
	cases := []struct{ in, start, end string }{
		// French, with a month name.
		{"23 avril 14h", "2026-04-23 14:00", ""},
		{"23 avril 14h-16h", "2026-04-23 14:00", "2026-04-23 16:00"},
		{"23 avr. 14h", "2026-04-23 14:00", ""},
		{"23 avr 14h", "2026-04-23 14:00", ""},
		{"Jeudi 23 Avril 14H", "2026-04-23 14:00", ""},
		{"le jeudi 23 avril à 14h", "2026-04-23 14:00", ""},
		{"jeudi 23 avril de 14h à 16h", "2026-04-23 14:00", "2026-04-23 16:00"},
		{"lundi 27 avril 14h", "2026-04-27 14:00", ""},
		{"lundi 27 avril 2026 14h", "2026-04-27 14:00", ""},
		{"27 avril 2026 à 14h", "2026-04-27 14:00", ""},
		{"le 27 avril à 14h30", "2026-04-27 14:30", ""},
		{"vendredi 10 avril 14h", "2026-04-10 14:00", ""},
		{"le 1er mai 10h", "2026-05-01 10:00", ""},
		{"le 1er mai à 10h", "2026-05-01 10:00", ""},
		{"1er mai 10h", "2026-05-01 10:00", ""},
		{"le 1er mai de 10h à 12h", "2026-05-01 10:00", "2026-05-01 12:00"},
		{"vendredi 1er mai 10h", "2026-05-01 10:00", ""},
		{"samedi 2 mai 10h", "2026-05-02 10:00", ""},
		{"lundi 4 mai 9h", "2026-05-04 09:00", ""},
		{"3 mai 9h", "2026-05-03 09:00", ""},
		{"14 juillet 21h", "2026-07-14 21:00", ""},
		{"15 août 10h", "2026-08-15 10:00", ""},
		{"1er septembre 8h30", "2026-09-01 08:30", ""},
		{"2 janvier 10h", "2027-01-02 10:00", ""}, // already past this year
		{"25 décembre 2026 18h", "2026-12-25 18:00", ""},
		// French, numeric dates with a weekday.
		{"jeu 23/04 14h", "2026-04-23 14:00", ""},
		{"jeudi 23/04 14h", "2026-04-23 14:00", ""},
		{"JEU 23/04 14H", "2026-04-23 14:00", ""},
		{"samedi 25/04 9h", "2026-04-25 09:00", ""},
		{"sam. 25/04 9h", "2026-04-25 09:00", ""},
		{"mar 14/04 10h", "2026-04-14 10:00", ""},
		{"mer. 15/04 9h", "2026-04-15 09:00", ""},
		{"ven 10/04 14h-17h", "2026-04-10 14:00", "2026-04-10 17:00"},
		{"dim 12/04 10h", "2026-04-12 10:00", ""},
		{"23/04 14h-16h", "2026-04-23 14:00", "2026-04-23 16:00"},
		{"23/04 de 14h à 16h", "2026-04-23 14:00", "2026-04-23 16:00"},
		{"23/04 14h à 16h", "2026-04-23 14:00", "2026-04-23 16:00"},
		{"23/04/2026 14h", "2026-04-23 14:00", ""},
		{"23/04/26 14h", "2026-04-23 14:00", ""},
		{"2026-04-23 14:00-16:00", "2026-04-23 14:00", "2026-04-23 16:00"},
		{"2026-04-23T14:00", "2026-04-23 14:00", ""},
		// French, a day of the month alone.
		{"le 23 à 14h", "2026-04-23 14:00", ""},
		{"le 12 à 18h", "2026-04-12 18:00", ""},
		{"le 3 à 10h", "2026-05-03 10:00", ""},  // the 3rd has passed: next month's
		{"le 31 à 10h", "2026-05-31 10:00", ""}, // April has no 31st
		// French, relative days and weekdays.
		{"mardi prochain 10h", "2026-04-14 10:00", ""},
		{"mardi prochain de 14h à 17h", "2026-04-14 14:00", "2026-04-14 17:00"},
		{"mercredi prochain 9h", "2026-04-15 09:00", ""},
		{"mercredi prochain 18h", "2026-04-15 18:00", ""}, // "prochain" is never today
		{"lundi prochain 9h", "2026-04-13 09:00", ""},
		{"dimanche prochain 10h", "2026-04-12 10:00", ""},
		{"samedi prochain 9h30", "2026-04-11 09:30", ""},
		{"vendredi 14h-16h", "2026-04-10 14:00", "2026-04-10 16:00"},
		{"jeudi 9h-12h30", "2026-04-09 09:00", "2026-04-09 12:30"},
		{"jeudi 9h", "2026-04-09 09:00", ""},
		{"mardi 14h jusqu'à 16h", "2026-04-14 14:00", "2026-04-14 16:00"},
		{"ce soir 19h", "2026-04-08 19:00", ""},
		{"demain matin 9h", "2026-04-09 09:00", ""},
		{"demain soir 20h30", "2026-04-09 20:30", ""},
		{"vendredi soir 19h", "2026-04-10 19:00", ""},
		{"aujourd'hui 14h-16h", "2026-04-08 14:00", "2026-04-08 16:00"},
		{"demain de 9h30 à 12h", "2026-04-09 09:30", "2026-04-09 12:00"},
		{"demain 14h-16h30", "2026-04-09 14:00", "2026-04-09 16:30"},
		{"après-demain 9h-12h", "2026-04-10 09:00", "2026-04-10 12:00"},
		{"demain 22h-2h", "2026-04-09 22:00", "2026-04-10 02:00"},
		{"demain midi", "2026-04-09 12:00", ""},
		{"demain midi-14h", "2026-04-09 12:00", "2026-04-09 14:00"},
		{"demain de midi à 14h", "2026-04-09 12:00", "2026-04-09 14:00"},
		{"demain 9 h 30", "2026-04-09 09:30", ""},
		{"demain 9h - 12h", "2026-04-09 09:00", "2026-04-09 12:00"},
		{"demain 9h–12h", "2026-04-09 09:00", "2026-04-09 12:00"},
		{"demain 18h30-20h", "2026-04-09 18:30", "2026-04-09 20:00"},
		// French, a time alone: today if still ahead, else tomorrow.
		{"de 9h30 à 12h", "2026-04-09 09:30", "2026-04-09 12:00"},
		{"14h-16h", "2026-04-08 14:00", "2026-04-08 16:00"},
		{"14-16h", "2026-04-08 14:00", "2026-04-08 16:00"},
		{"de 14 à 16h", "2026-04-08 14:00", "2026-04-08 16:00"},
		{"à 18h", "2026-04-08 18:00", ""},
		{"vers 18h", "2026-04-08 18:00", ""},
		{"18h", "2026-04-08 18:00", ""},
		// English.
		{"April 23 2pm", "2026-04-23 14:00", ""},
		{"April 23rd at 2pm", "2026-04-23 14:00", ""},
		{"23 April 2pm", "2026-04-23 14:00", ""},
		{"23rd April 2pm-4pm", "2026-04-23 14:00", "2026-04-23 16:00"},
		{"Apr 23 2-4pm", "2026-04-23 14:00", "2026-04-23 16:00"},
		{"the 1st of May 10am", "2026-05-01 10:00", ""},
		{"May 1st 10am", "2026-05-01 10:00", ""},
		{"the 23rd at 2pm", "2026-04-23 14:00", ""},
		{"next tuesday 10am", "2026-04-14 10:00", ""},
		{"next wednesday 6pm", "2026-04-15 18:00", ""},
		{"tomorrow 9am-12pm", "2026-04-09 09:00", "2026-04-09 12:00"},
		{"tomorrow from 9:30 to 12", "2026-04-09 09:30", "2026-04-09 12:00"},
		{"tomorrow 12pm-1pm", "2026-04-09 12:00", "2026-04-09 13:00"},
		{"friday 2pm to 4pm", "2026-04-10 14:00", "2026-04-10 16:00"},
		{"on Friday at 2pm until 5pm", "2026-04-10 14:00", "2026-04-10 17:00"},
		{"Thu 23/04 2pm", "2026-04-23 14:00", ""},
		{"sat 25/04 9am", "2026-04-25 09:00", ""},
		{"Friday April 24 3pm", "2026-04-24 15:00", ""},
		{"Saturday 25 April 9am", "2026-04-25 09:00", ""},
		{"mon 27 april 2pm", "2026-04-27 14:00", ""},
		{"December 25 2026 6pm", "2026-12-25 18:00", ""},
		{"Jan 2 10am", "2027-01-02 10:00", ""},
		{"tonight 8pm", "2026-04-08 20:00", ""},
		{"tomorrow morning 9am", "2026-04-09 09:00", ""},
		{"today noon", "2026-04-08 12:00", ""},
		{"wednesday 9am", "2026-04-15 09:00", ""}, // today's has passed
		{"18:30", "2026-04-08 18:30", ""},
		{"6:30pm", "2026-04-08 18:30", ""},
	}
	if len(cases) < 100 {
		t.Fatalf("only %d phrasings: the issue asks for at least 100", len(cases))
	}
	const layout = "2006-01-02 15:04"
	for _, tc := range cases {
		sp, err := Parse(tc.in, now, paris)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if g := sp.Start.In(paris).Format(layout); g != tc.start {
			t.Errorf("%q starts %s, want %s", tc.in, g, tc.start)
		}
		gotEnd := ""
		if !sp.End.IsZero() {
			gotEnd = sp.End.In(paris).Format(layout)
		}
		if gotEnd != tc.end {
			t.Errorf("%q ends %q, want %q", tc.in, gotEnd, tc.end)
		}
		if st, err := Start(tc.in, now, paris); err != nil || !st.Equal(sp.Start) {
			t.Errorf("Start(%q) = %v, %v; Parse gave %v", tc.in, st, err, sp.Start)
		}
	}
}

func TestParseRefusals(t *testing.T) {
	now := time.Date(2026, 4, 8, 10, 0, 0, 0, paris)
	cases := []struct {
		in   string
		want error
	}{
		{"jeudi 24/04 14h", ErrWeekdayMismatch}, // the 24th is a Friday
		{"lundi 23 avril 14h", ErrWeekdayMismatch},
		{"demain lundi 10h", ErrWeekdayMismatch}, // tomorrow is a Thursday
		{"23 avril", ErrStart},
		{"30 février 10h", ErrStart},
		{"29/02 10h", ErrStart}, // none before 2028: surely a typo
		{"23 foo 14h", ErrStart},
		{"14h-25h", ErrStart},
		{"lundi mardi 10h", ErrStart},
		{"23/04 24/04 10h", ErrStart},
		{"demain 14h-", ErrStart},
		{"le 32 à 10h", ErrStart},
		{"demain 14h 16h", ErrStart},
		{"2026-03-29 02:30-04:00", ErrNonexistentTime},
		{"2026-03-28 20:00-02:30", ErrNonexistentTime}, // ends in the hour that does not exist
	}
	for _, tc := range cases {
		if sp, err := Parse(tc.in, now, paris); !errors.Is(err, tc.want) || !errors.Is(err, ErrStart) {
			t.Errorf("%q: got %v, %v; want %v", tc.in, sp, err, tc.want)
		}
	}
}

func TestDurationRanges(t *testing.T) {
	cases := map[string]time.Duration{
		"14h-16h":        2 * time.Hour,
		"de 9h30 à 12h":  150 * time.Minute,
		"22h-2h":         4 * time.Hour,
		"2pm-4pm":        2 * time.Hour,
		"14h à 16h15":    135 * time.Minute,
		"9-12h":          3 * time.Hour,
		"from 9 to 11am": 2 * time.Hour,
	}
	for in, want := range cases {
		if got, err := Duration(in); err != nil || got != want {
			t.Errorf("Duration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}

// FuzzParse: whatever is typed, a span that parses has its end after its
// start and less than a day later, Start agrees with Parse, and a range read
// as a duration gives the same length.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"23 avril 14h-16h", "jeu 23/04 14h", "le 1er mai à 10h", "mardi prochain 10h", "de 9h30 à 12h", "demain 22h-2h", "April 23rd 2-4pm"} {
		f.Add(s)
	}
	now := time.Date(2026, 4, 8, 10, 0, 0, 0, paris)
	f.Fuzz(func(t *testing.T, s string) {
		sp, err := Parse(s, now, paris)
		if err != nil {
			if !errors.Is(err, ErrStart) {
				t.Fatalf("%q: error %v is not ErrStart", s, err)
			}
			return
		}
		if st, err := Start(s, now, paris); err != nil || !st.Equal(sp.Start) {
			t.Fatalf("%q: Start %v, %v; Parse %v", s, st, err, sp.Start)
		}
		if sp.End.IsZero() {
			return
		}
		length := sp.End.Sub(sp.Start)
		// 25 h: a range over the autumn clock change lasts an hour longer.
		if length <= 0 || length > 25*time.Hour {
			t.Fatalf("%q: span %v – %v", s, sp.Start, sp.End)
		}
		if sp.Start.Add(length).In(paris).Format("15:04") != sp.End.In(paris).Format("15:04") {
			t.Fatalf("%q: end %v is not start + %v", s, sp.End, length)
		}
	})
}
