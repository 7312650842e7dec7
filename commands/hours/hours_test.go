package hours

import (
	"errors"
	"testing"
	"time"
)

func TestClock(t *testing.T) {
	cases := map[string]int{
		"18:30": 1110, "18h30": 1110, "18h": 1080, "18": 1080, "18 h 30": 1110, "6pm": 1080, "6:30pm": 1110,
		"12pm": 720, "midi": 720, "Midi": 720, "noon": 720, "minuit": Midnight, "midnight": Midnight, "12am": Midnight,
		"9h05": 545, "24h": Midnight,
	}
	for in, want := range cases {
		if got, ok := Clock(in); !ok || got != want {
			t.Errorf("Clock(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "25h", "18h60", "13pm", "0pm", "18h3", "abc", "h30", "1830"} {
		if got, ok := Clock(in); ok {
			t.Errorf("Clock(%q) accepted as %d", in, got)
		}
	}
}

// Weeks below are written Sunday first, as time.Weekday counts.
func TestParse(t *testing.T) {
	const c = Closed
	base := Every(Default) // 19:00 every day
	cases := []struct {
		in   string
		want Week
	}{
		{"17h", Week{1020, 1020, 1020, 1020, 1020, 1020, 1020}},
		{"18h30", Every(1110)},
		{"6pm", Every(1080)},
		{"midi", Every(720)},
		{"18h30 le mardi, 17h sinon", Week{1020, 1020, 1110, 1020, 1020, 1020, 1020}},
		{"18h30 le mardi, 17h sinon, fermé le dimanche", Week{c, 1020, 1110, 1020, 1020, 1020, 1020}},
		{"fermé le dimanche", Week{c, 1140, 1140, 1140, 1140, 1140, 1140}}, // the others keep base
		{"mardi 18h30", Week{1140, 1140, 1110, 1140, 1140, 1140, 1140}},
		{"lun-ven 18h, sam midi, dim fermé", Week{c, 1080, 1080, 1080, 1080, 1080, 720}},
		{"du lundi au vendredi 18h, samedi 12h, fermé le dimanche", Week{c, 1080, 1080, 1080, 1080, 1080, 720}},
		{"18h en semaine, fermé le week-end", Week{c, 1080, 1080, 1080, 1080, 1080, c}},
		{"17h; mardi 18h30; fermé dimanche", Week{c, 1020, 1110, 1020, 1020, 1020, 1020}},
		{"les mardis et jeudis à 20h, 18h sinon", Week{1080, 1080, 1200, 1080, 1200, 1080, 1080}},
		{"18 h 30 le mercredi, 17 h le reste du temps", Week{1020, 1020, 1020, 1110, 1020, 1020, 1020}},
		{"tous les jours 22h", Every(1320)},
		{"6pm, closed on sundays", Week{c, 1080, 1080, 1080, 1080, 1080, 1080}},
		{"6:30pm on tuesdays, 5pm otherwise", Week{1020, 1020, 1110, 1020, 1020, 1020, 1020}},
		{"mon-fri 6pm, sat noon, closed sunday", Week{c, 1080, 1080, 1080, 1080, 1080, 720}},
		{"weekdays 6pm, closed on weekends", Week{c, 1080, 1080, 1080, 1080, 1080, c}},
		{"monday to friday 18:00", Week{1140, 1080, 1080, 1080, 1080, 1080, 1140}},
		{"ven-lun 20h", Week{1200, 1200, 1140, 1140, 1140, 1200, 1200}}, // Friday to Monday
		{"minuit", Every(Midnight)},
		{"fermé le samedi et le dimanche", Week{c, 1140, 1140, 1140, 1140, 1140, c}},
	}
	for _, tc := range cases {
		got, err := Parse(tc.in, base)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("%q = %v, want %v", tc.in, got, tc.want)
		}
	}
	bad := []struct {
		in   string
		want error
	}{
		{"", ErrUnreadable},
		{"fermé", ErrUnreadable},
		{"bientôt", ErrUnreadable},
		{"18h 19h", ErrUnreadable},
		{"mardi", ErrUnreadable},
		{"18h le mardi, 19h le mardi", ErrConflict},
		{"17h sinon, 18h sinon", ErrConflict},
		{"mardi fermé 18h", ErrUnreadable},
		{"25h", ErrUnreadable},
	}
	for _, tc := range bad {
		if got, err := Parse(tc.in, base); !errors.Is(err, tc.want) || got != base {
			t.Errorf("%q = %v, %v; want %v and base unchanged", tc.in, got, err, tc.want)
		}
	}
}

func TestClosingAfter(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	reunion, _ := time.LoadLocation("Indian/Reunion")
	w := Week{Closed, 1020, 1110, 1020, 1020, 1020, 720} // closed Sunday, Tuesday 18:30, Saturday noon
	at := func(loc *time.Location, d, h, m int) time.Time { return time.Date(2026, 4, d, h, m, 0, 0, loc) }
	cases := []struct {
		name     string
		in, want time.Time
		loc      *time.Location
	}{
		{"Tuesday morning: Tuesday's 18:30", at(paris, 14, 9, 0), at(paris, 14, 18, 30), paris},
		{"Monday: 17:00", at(paris, 13, 9, 0), at(paris, 13, 17, 0), paris},
		{"Saturday: noon", at(paris, 18, 10, 0), at(paris, 18, 12, 0), paris},
		{"after closing: midnight", at(paris, 13, 17, 30), at(paris, 14, 0, 0), paris},
		{"at closing exactly: midnight", at(paris, 13, 17, 0), at(paris, 14, 0, 0), paris},
		{"closed Sunday: the default 19:00", at(paris, 12, 10, 0), at(paris, 12, 19, 0), paris},
		{"in the space's own zone", time.Date(2026, 4, 14, 5, 0, 0, 0, time.UTC), at(reunion, 14, 18, 30), reunion},
		// 29 March 2026: clocks go forward in Paris; a Sunday, so the default.
		{"spring change", time.Date(2026, 3, 29, 1, 30, 0, 0, paris), time.Date(2026, 3, 29, 19, 0, 0, 0, paris), paris},
	}
	for _, tc := range cases {
		if got := w.ClosingAfter(tc.in, tc.loc); !got.Equal(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got.In(tc.loc), tc.want)
		}
	}
	if got := Every(Midnight).ClosingAfter(at(paris, 13, 9, 0), paris); !got.Equal(at(paris, 14, 0, 0)) {
		t.Errorf("midnight closing: %v", got)
	}
}

func TestEncodeDecodeGroups(t *testing.T) {
	w := Week{Closed, 1080, 1080, 1080, 1080, 1080, 720}
	if s := w.Encode(); s != "-1,1080,1080,1080,1080,1080,720" {
		t.Errorf("Encode = %q", s)
	}
	if back, ok := Decode(w.Encode()); !ok || back != w {
		t.Errorf("Decode(Encode) = %v, %v", back, ok)
	}
	for _, bad := range []string{"", "1,2,3", "a,1,1,1,1,1,1", "0,1,1,1,1,1,1", "1441,1,1,1,1,1,1"} {
		if _, ok := Decode(bad); ok {
			t.Errorf("Decode(%q) accepted", bad)
		}
	}
	want := []Group{{time.Monday, time.Friday, 1080}, {time.Saturday, time.Saturday, 720}, {time.Sunday, time.Sunday, Closed}}
	got := w.Groups()
	if len(got) != len(want) {
		t.Fatalf("Groups = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("group %d = %v, want %v", i, got[i], want[i])
		}
	}
}
