// Package report computes the activity report a network hands to its
// funders (European Social Fund, the Département) for any period: a month,
// a quarter, a year, a convention's dates. It returns plain figures; the
// documents (PDF, XLSX, CSV) are drawn by commands/reportdoc.
//
// Its counts are the weekly digest's, summed over the period: check-ins,
// new people, events held with going and came, introductions. A test in
// commands proves it over the same weeks.
package report

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Visits are check-in figures over a part of the period.
type Visits struct {
	Checkins int
	People   int // distinct people who checked in
	New      int // first check-in ever in the network
	// Presence sums the stays people checked out of themselves (or
	// corrected); stays ended by the bot at closing time are a guess, so
	// they are only counted, in AutoOuts.
	Presence time.Duration
	Stays    int
	AutoOuts int
}

// Events are event figures over a part of the period.
type Events struct {
	Held    int // started before the report was made, not cancelled
	Going   int // answers "going"
	Came    int // recorded present, or checked in during it when not recorded, plus walk-ins
	Walkins int // counted at the door, not named
	// NotRecorded counts the events whose attendance nobody recorded: their
	// "came" is only who checked in during them, never a confirmed zero.
	NotRecorded int
	// Among the events whose attendance was recorded: members going, and
	// members who came (walk-ins aside), for the attendance rate.
	RecordedGoing, RecordedCame int
}

// Rate is the share of members going who came, in percent, over the events
// whose attendance was recorded; ok is false when there is none.
func (e Events) Rate() (pct int, ok bool) {
	if e.RecordedGoing == 0 {
		return 0, false
	}
	return (e.RecordedCame*100 + e.RecordedGoing/2) / e.RecordedGoing, true
}

func (e *Events) add(st storage.EventStats) {
	e.Held++
	e.Going += st.Going
	e.Came += st.Attended
	e.Walkins += st.Walkins
	if st.AttendanceAt.IsZero() {
		e.NotRecorded++
		return
	}
	e.RecordedGoing += st.Going
	e.RecordedCame += st.Attended - st.Walkins
}

// SpaceRow is one space's figures.
type SpaceRow struct {
	Name, Town string
	Visits
	Events
}

// MonthRow is one month's figures for the whole network (People are the
// month's distinct people). A period starting or ending mid-month has
// partial first and last months.
type MonthRow struct {
	Month time.Time // first day, in the network's zone
	Visits
	Events
}

// TeamRow counts the events held by a space's team: events keep no
// organiser's name (a member who is forgotten leaves them to the team).
type TeamRow struct {
	Team string
	Events
}

// EventRow is one event held.
type EventRow struct {
	Start         time.Time
	Title, Space  string
	Going, Came   int
	Walkins       int
	Recorded      bool
	DurationHours float64
}

// Need is a skill sought and offered by nobody.
type Need struct {
	Skill string
	Seeks int
}

// Totals are the network's figures over the whole period.
type Totals struct {
	Visits
	Events
	// PeopleReached: distinct identified people, by check-in or recorded
	// present at an event (walk-ins are not identified).
	PeopleReached  int
	IntrosAccepted int
	IntrosMet      int // of those accepted in the period, how many led to a meeting
	NewOffers      int
	NewSeeks       int
}

// Report is a network's activity over [From, To).
type Report struct {
	Network, Funding string
	From, To         time.Time // To excluded; in the network's zone
	Made             time.Time
	Spaces           []SpaceRow
	Months           []MonthRow
	Teams            []TeamRow
	Events           []EventRow
	Unmet            []Need
	Total            Totals
}

// Period is what Compute is asked for. From and To (excluded) are in the
// network's zone: months are cut there.
type Period struct {
	GuildID, Network, Funding string
	From, To, Now             time.Time
}

// Compute gathers the figures of a period.
func Compute(ctx context.Context, tx *storage.Tx, p Period) (Report, error) {
	r := Report{Network: p.Network, Funding: p.Funding, From: p.From, To: p.To, Made: p.Now}
	spaces, err := tx.Spaces(ctx, p.GuildID)
	if err != nil {
		return r, fmt.Errorf("report spaces: %w", err)
	}
	ids := make([]int64, len(spaces))
	names := map[int64]string{}
	for i, s := range spaces {
		ids[i] = s.ID
		names[s.ID] = s.Name
	}
	stats, err := tx.VisitStats(ctx, ids, p.From, p.To, nil)
	if err != nil {
		return r, fmt.Errorf("report visits: %w", err)
	}
	// Events held: started before now, whatever the period's end says.
	heldTo := p.To
	if p.Now.Before(heldTo) {
		heldTo = p.Now
	}
	var held []storage.EventStats
	if heldTo.After(p.From) {
		if held, err = tx.EventsHeld(ctx, p.GuildID, p.From, heldTo); err != nil {
			return r, fmt.Errorf("report events: %w", err)
		}
	}
	bySpace := map[int64]*Events{}
	for _, s := range spaces {
		bySpace[s.ID] = &Events{}
	}
	for _, st := range held {
		if ev := bySpace[st.SpaceID]; ev != nil {
			ev.add(st)
		}
		r.Total.Events.add(st)
		r.Events = append(r.Events, EventRow{Start: st.Start.In(p.From.Location()), Title: st.Title, Space: names[st.SpaceID],
			Going: st.Going, Came: st.Attended, Walkins: st.Walkins, Recorded: !st.AttendanceAt.IsZero(), DurationHours: st.End.Sub(st.Start).Hours()})
	}
	for _, s := range spaces {
		row := SpaceRow{Name: s.Name, Town: s.Town, Visits: visits(stats[s.ID]), Events: *bySpace[s.ID]}
		r.Spaces = append(r.Spaces, row)
		r.Total.Checkins += row.Checkins
		r.Total.New += row.New
		r.Total.Presence += row.Presence
		r.Total.Stays += row.Stays
		r.Total.AutoOuts += row.AutoOuts
		if row.Held > 0 {
			r.Teams = append(r.Teams, TeamRow{Team: s.Name, Events: row.Events})
		}
	}
	sort.SliceStable(r.Teams, func(i, j int) bool { return r.Teams[i].Held > r.Teams[j].Held })
	if r.Total.People, err = tx.DistinctVisitors(ctx, ids, p.From, p.To); err != nil {
		return r, fmt.Errorf("report people: %w", err)
	}
	if r.Total.PeopleReached, err = tx.PeopleReached(ctx, p.GuildID, ids, p.From, p.To); err != nil {
		return r, err
	}
	if r.Months, err = months(ctx, tx, ids, held, p.From, p.To); err != nil {
		return r, err
	}
	if r.Total.IntrosAccepted, r.Total.IntrosMet, err = tx.IntrosAccepted(ctx, p.GuildID, p.From, p.To); err != nil {
		return r, err
	}
	if r.Total.NewOffers, r.Total.NewSeeks, err = tx.SkillCountsSince(ctx, p.GuildID, p.From, p.To); err != nil {
		return r, fmt.Errorf("report skills: %w", err)
	}
	skills, err := tx.Skills(ctx, p.GuildID, 0)
	if err != nil {
		return r, fmt.Errorf("report needs: %w", err)
	}
	for _, s := range skills {
		if s.Offers == 0 && s.Seeks > 0 {
			r.Unmet = append(r.Unmet, Need{Skill: s.Display, Seeks: s.Seeks})
		}
	}
	sort.SliceStable(r.Unmet, func(i, j int) bool { return r.Unmet[i].Seeks > r.Unmet[j].Seeks })
	return r, nil
}

func visits(v storage.SpaceVisits) Visits {
	return Visits{Checkins: v.Checkins, People: v.People, New: v.New, Presence: time.Duration(v.StaySecs) * time.Second, Stays: v.Stays, AutoOuts: v.AutoOuts}
}

// months cuts the period at each first of the month in from's zone.
func months(ctx context.Context, tx *storage.Tx, ids []int64, held []storage.EventStats, from, to time.Time) ([]MonthRow, error) {
	var out []MonthRow
	loc := from.Location()
	for m := from; m.Before(to); {
		next := time.Date(m.Year(), m.Month()+1, 1, 0, 0, 0, 0, loc)
		end := next
		if end.After(to) {
			end = to
		}
		stats, err := tx.VisitStats(ctx, ids, m, end, nil)
		if err != nil {
			return nil, fmt.Errorf("report month: %w", err)
		}
		row := MonthRow{Month: time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, loc)}
		for _, v := range stats {
			x := visits(v)
			row.Checkins += x.Checkins
			row.New += x.New
			row.Presence += x.Presence
			row.Stays += x.Stays
			row.AutoOuts += x.AutoOuts
		}
		if row.People, err = tx.DistinctVisitors(ctx, ids, m, end); err != nil {
			return nil, fmt.Errorf("report month: %w", err)
		}
		for _, st := range held {
			if !st.Start.Before(m) && st.Start.Before(end) {
				row.Events.add(st)
			}
		}
		out = append(out, row)
		m = next
	}
	return out, nil
}
