// Package ics writes events as an iCalendar file (RFC 5545) that calendar
// apps import: local times with their TZID and a VTIMEZONE holding the
// zone's real offset changes over the events' span, cancelled ones marked.
package ics

import (
	"fmt"
	"sort"
	"time"

	ical "github.com/arran4/golang-ical"
)

// Event is one occurrence to export.
type Event struct {
	UID                          string
	Title, Description, Location string
	Organizer                    string
	Start, End                   time.Time
	Zone                         *time.Location
	Cancelled                    bool
}

const localFormat = "20060102T150405"

// Calendar renders the events; stamp is DTSTAMP (the export's time).
func Calendar(name string, events []Event) ([]byte, error) {
	cal := ical.NewCalendar()
	cal.SetProductId("-//tiersbot//events//FR")
	cal.SetMethod(ical.MethodPublish)
	cal.SetName(name)
	cal.SetXWRCalName(name)
	// One VTIMEZONE per zone used, covering the events' span.
	spans := map[string][2]time.Time{}
	zones := map[string]*time.Location{}
	for _, e := range events {
		z := e.Zone
		if z == nil {
			z = time.UTC
		}
		sp, ok := spans[z.String()]
		if !ok || e.Start.Before(sp[0]) {
			sp[0] = e.Start
		}
		if !ok || e.End.After(sp[1]) {
			sp[1] = e.End
		}
		spans[z.String()], zones[z.String()] = sp, z
	}
	names := make([]string, 0, len(zones))
	for n := range zones {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if n == "UTC" {
			continue
		}
		addZone(cal, zones[n], spans[n][0], spans[n][1])
	}
	for _, e := range events {
		ev := cal.AddEvent(e.UID)
		z := e.Zone
		if z == nil {
			z = time.UTC
		}
		ev.SetDtStampTime(e.Start.UTC())
		if z == time.UTC || z.String() == "UTC" {
			ev.SetProperty(ical.ComponentPropertyDtStart, e.Start.UTC().Format(localFormat)+"Z")
			ev.SetProperty(ical.ComponentPropertyDtEnd, e.End.UTC().Format(localFormat)+"Z")
		} else {
			ev.SetProperty(ical.ComponentPropertyDtStart, e.Start.In(z).Format(localFormat), ical.WithTZID(z.String()))
			ev.SetProperty(ical.ComponentPropertyDtEnd, e.End.In(z).Format(localFormat), ical.WithTZID(z.String()))
		}
		ev.SetSummary(e.Title)
		if e.Description != "" {
			ev.SetDescription(e.Description)
		}
		ev.SetLocation(e.Location)
		if e.Organizer != "" {
			ev.SetProperty(ical.ComponentProperty("X-ORGANIZER-NAME"), e.Organizer)
		}
		if e.Cancelled {
			ev.SetStatus(ical.ObjectStatusCancelled)
		} else {
			ev.SetStatus(ical.ObjectStatusConfirmed)
		}
	}
	return []byte(cal.Serialize()), nil
}

// addZone writes the zone's offset at the span's start and every change
// within it (found by stepping, then narrowed to the minute), so any local
// time of the events maps to the right instant.
func addZone(cal *ical.Calendar, loc *time.Location, from, to time.Time) {
	tz := cal.AddTimezone(loc.String())
	from = from.Add(-24 * time.Hour)
	to = to.Add(24 * time.Hour)
	name, off := from.In(loc).Zone()
	add := func(at time.Time, prevOff int, name string, newOff int, first bool) {
		var c *ical.ComponentBase
		dst := newOff > prevOff || (first && isDST(loc, at))
		if dst {
			d := &ical.Daylight{}
			tz.Components = append(tz.Components, d)
			c = &d.ComponentBase
		} else {
			c = &tz.AddStandard().ComponentBase
		}
		c.SetProperty(ical.ComponentPropertyDtStart, at.In(time.FixedZone("", prevOff)).Format(localFormat))
		c.SetProperty(ical.ComponentProperty(ical.PropertyTzoffsetfrom), offset(prevOff))
		c.SetProperty(ical.ComponentProperty(ical.PropertyTzoffsetto), offset(newOff))
		c.SetProperty(ical.ComponentProperty(ical.PropertyTzname), name)
	}
	add(from.Truncate(time.Hour), off, name, off, true)
	for t := from; t.Before(to); t = t.Add(30 * time.Minute) {
		next := t.Add(30 * time.Minute)
		n2, o2 := next.In(loc).Zone()
		if o2 == off {
			continue
		}
		// Narrow to the minute of the change.
		at := t
		for at.Add(time.Minute).Before(next) {
			if _, o := at.Add(time.Minute).In(loc).Zone(); o != off {
				break
			}
			at = at.Add(time.Minute)
		}
		at = at.Add(time.Minute)
		add(at, off, n2, o2, false)
		name, off = n2, o2
	}
}

func isDST(loc *time.Location, t time.Time) bool {
	_, jan := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, loc).Zone()
	_, jul := time.Date(t.Year(), 7, 1, 0, 0, 0, 0, loc).Zone()
	_, now := t.In(loc).Zone()
	return jan != jul && now == max(jan, jul)
}

func offset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	return fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec%3600/60)
}
