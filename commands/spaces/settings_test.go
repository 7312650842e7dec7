package spaces

import (
	"errors"
	"strings"
	"testing"
)

func str(s string) *string { return &s }
func yes(b bool) *bool     { return &b }

// reason is the refusal's reason, 0 when none.
func reason(err error) Reason {
	var r *Refusal
	if errors.As(err, &r) {
		return r.Reason
	}
	return 0
}

// Each setting's bounds, refusals carrying the value concerned.
func TestApplyBounds(t *testing.T) {
	base := Space{ID: 7, GuildID: "g", Name: "La Ruche", Key: "la ruche", Town: "Crest", Timezone: DefaultZone}
	name := func(n string) Changes { k := strings.ToLower(n); return Changes{Name: &n, NameKey: &k} }
	for _, c := range []struct {
		what  string
		in    Changes
		want  Reason
		value string
	}{
		{"name of 1", name("L"), BadName, "L"},
		{"name of 2", name("Lé"), 0, ""},
		{"name of 50 accented", name(strings.Repeat("é", 50)), 0, ""},
		{"name of 51 accented", name(strings.Repeat("é", 51)), BadName, strings.Repeat("é", 51)},
		{"name of punctuation only", Changes{Name: str("!!!"), NameKey: str("")}, BadName, "!!!"},
		{"name without its key", Changes{Name: str("Le Cube")}, BadName, "Le Cube"},
		{"town of 0", Changes{Town: str("")}, BadTown, ""},
		{"town of 1", Changes{Town: str("Y")}, 0, ""},
		{"town of 50", Changes{Town: str(strings.Repeat("x", 50))}, 0, ""},
		{"town of 51", Changes{Town: str(strings.Repeat("x", 51))}, BadTown, strings.Repeat("x", 51)},
		{"channel refused", Changes{ChannelID: str("c-voice"), ChannelRefused: true}, ChannelRefused, "c-voice"},
		{"zone in lower case", Changes{Timezone: str(" europe/paris ")}, 0, ""},
		{"zone not common", Changes{Timezone: str("Asia/Tokyo")}, 0, ""},
		{"zone unknown", Changes{Timezone: str(" Mars/Olympus_Mons ")}, BadZone, "Mars/Olympus_Mons"},
		{"zone as a path", Changes{Timezone: str("../../etc/passwd")}, BadZone, "../../etc/passwd"},
		{"zone Local", Changes{Timezone: str("Local")}, BadZone, "Local"},
		{"zone empty", Changes{Timezone: str("  ")}, BadZone, ""},
		{"capacity -1", Changes{Capacity: str("-1")}, BadCapacity, "-1"},
		{"capacity 0", Changes{Capacity: str("0")}, 0, ""},
		{"capacity 10000", Changes{Capacity: str("10000")}, 0, ""},
		{"capacity 10001", Changes{Capacity: str("10001")}, BadCapacity, "10001"},
		{"capacity in words", Changes{Capacity: str("douze")}, BadCapacity, "douze"},
		{"closing at 25h", Changes{ClosesAt: str("25h")}, BadClosing, "25h"},
		{"closing at 18:7", Changes{ClosesAt: str("18:7")}, BadClosing, "18:7"},
		{"closing twice on Tuesday", Changes{ClosesAt: str("18h le mardi, 19h le mardi")}, ClosingConflict, "18h le mardi, 19h le mardi"},
		// The first refused option is the one said, in the options' order.
		{"bad name and town", Changes{Name: str("L"), NameKey: str("l"), Town: str("")}, BadName, "L"},
		{"bad town and capacity", Changes{Town: str(""), Capacity: str("-1")}, BadTown, ""},
		{"bad zone and capacity", Changes{Timezone: str("Mars/X"), Capacity: str("-1"), ClosesAt: str("25h")}, BadZone, "Mars/X"},
		{"bad capacity and closing", Changes{Capacity: str("-1"), ClosesAt: str("25h")}, BadCapacity, "-1"},
	} {
		got, err := Apply(base, c.in)
		var ref *Refusal
		errors.As(err, &ref)
		if reason(err) != c.want || (ref != nil && ref.Value != c.value) {
			t.Errorf("%s: %v, want reason %d on %q", c.what, err, c.want, c.value)
		}
		if err != nil && got != base {
			t.Errorf("%s: refused but changed: %+v", c.what, got)
		}
	}
}

// What is applied, and what is left as it was.
func TestApplyValues(t *testing.T) {
	base := Space{ID: 7, GuildID: "g", Name: "La Ruche", Key: "la ruche", Town: "Crest", Timezone: DefaultZone,
		ChannelID: "c1", AnimatorRole: "r1", Capacity: 5, Arrivals: true}
	got, err := Apply(base, Changes{Name: str("Le Cube"), NameKey: str("le cube"), Town: str("Die"), ChannelID: str("c2"),
		AnimatorRole: str("r2"), Timezone: str("indian/reunion"), Capacity: str("12"), Arrivals: yes(false), WeeklySummary: yes(true)})
	want := Space{ID: 7, GuildID: "g", Name: "Le Cube", Key: "le cube", Town: "Die", ChannelID: "c2", AnimatorRole: "r2",
		Timezone: "Indian/Reunion", Capacity: 12, WeeklySummary: true}
	if err != nil || got != want {
		t.Errorf("applied %+v, %v\nwant    %+v", got, err, want)
	}
	if got, err := Apply(base, Changes{}); err != nil || got != base {
		t.Errorf("no changes: %+v, %v", got, err)
	}
}

// Closing times typed for some days keep the others' own times; a space
// without any closes every day at 19:00.
func TestApplyClosingOverCurrent(t *testing.T) {
	s := Space{Name: "La Ruche"}
	w := s.Week()
	for d := range w {
		if w[d] != 19*60 {
			t.Fatalf("default week %v, want 19:00 every day", w)
		}
	}
	s, err := Apply(s, Changes{ClosesAt: str("18h30")})
	if err != nil {
		t.Fatal(err)
	}
	s, err = Apply(s, Changes{ClosesAt: str("12h le samedi")})
	if err != nil {
		t.Fatal(err)
	}
	if want := "1110,1110,1110,1110,1110,1110,720"; s.Hours != want {
		t.Errorf("hours %q, want %q (Sunday first)", s.Hours, want)
	}
	if got := (Space{Hours: "garbage"}).Week(); got != w {
		t.Errorf("unreadable hours read as %v, want the default", got)
	}
}
