package ics

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ical "github.com/arran4/golang-ical"
)

func TestCalendarAcrossDaylightSaving(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	reunion, _ := time.LoadLocation("Indian/Reunion")
	events := []Event{
		{UID: "e1@t", Title: "Matinée emploi", Location: "La Ruche, Crest", Start: time.Date(2026, 10, 23, 9, 0, 0, 0, paris), End: time.Date(2026, 10, 23, 12, 0, 0, 0, paris), Zone: paris},
		{UID: "e2@t", Title: "Matinée emploi", Location: "La Ruche, Crest", Start: time.Date(2026, 10, 30, 9, 0, 0, 0, paris), End: time.Date(2026, 10, 30, 12, 0, 0, 0, paris), Zone: paris, Cancelled: true},
		{UID: "e3@t", Title: "Fab; lab, \"3D\"", Description: "Ligne 1\nLigne 2", Location: "Saint-Denis", Start: time.Date(2026, 11, 2, 18, 0, 0, 0, reunion), End: time.Date(2026, 11, 2, 20, 0, 0, 0, reunion), Zone: reunion},
	}
	data, err := Calendar("Réseau", events)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := ical.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("does not parse: %v\n%s", err, data)
	}
	got := cal.Events()
	if len(got) != 3 {
		t.Fatalf("%d events", len(got))
	}
	for i, ev := range got {
		start, err := ev.GetStartAt()
		if err != nil {
			t.Fatal(err)
		}
		if !start.Equal(events[i].Start) {
			t.Errorf("event %d starts %v, want %v", i, start, events[i].Start)
		}
		end, _ := ev.GetEndAt()
		if !end.Equal(events[i].End) {
			t.Errorf("event %d ends %v, want %v", i, end, events[i].End)
		}
	}
	// Same local 09:00 on both sides of the change, different UTC instants.
	if a, b := events[0].Start.UTC().Hour(), events[1].Start.UTC().Hour(); a != 7 || b != 8 {
		t.Errorf("UTC hours %d, %d", a, b)
	}
	s := string(data)
	for _, want := range []string{"DTSTART;TZID=Europe/Paris:20261023T090000", "DTSTART;TZID=Europe/Paris:20261030T090000", "STATUS:CANCELLED",
		"BEGIN:VTIMEZONE", "TZID:Europe/Paris", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZID:Indian/Reunion", "TZOFFSETTO:+0400", "SUMMARY:Fab\\; lab\\, \"3D\""} {
		if !strings.Contains(s, want) {
			t.Errorf("lacks %q", want)
		}
	}
	// The change itself: 25 October 2026 at 03:00 summer time.
	if !strings.Contains(s, "DTSTART:20261025T030000") {
		t.Errorf("the VTIMEZONE does not place the change right:\n%s", s)
	}
}
