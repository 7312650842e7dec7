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
	Walkins int // walk-ins counted without a name
	Named   int // walk-ins named in the participant register
	Shared  int // co-organised with another space or animator
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

func (e *Events) add(st storage.EventStats, named int, shared bool) {
	e.Held++
	e.Going += st.Going
	e.Came += st.Attended
	e.Walkins += st.Walkins - named // the event's walk-ins count holds both
	e.Named += named
	if shared {
		e.Shared++
	}
	if !st.Recorded {
		e.NotRecorded++
		return
	}
	e.RecordedGoing += st.Going
	e.RecordedCame += st.Attended - st.Walkins
}

// SpaceRow is one space's figures. A shared event counts at each space
// that co-organised it (and once in the network's totals).
type SpaceRow struct {
	Name, Town string
	Visits
	Events
	Reached storage.PeopleCounts // at this space: check-ins, events, register
}

// MonthRow is one month's figures for the whole network (People are the
// month's distinct people). A period starting or ending mid-month has
// partial first and last months.
type MonthRow struct {
	Month time.Time // first day, in the network's zone
	Visits
	Events
	Reached storage.PeopleCounts
}

// AnimatorRow counts the events an animator organised or co-animated.
// Events whose organiser is no longer known (forgotten) count for their
// space's team: Team is then true and Name the space's.
type AnimatorRow struct {
	Name string
	Team bool
	Events
}

// TypeRow counts the events of one type; Type.Key "" is "not set".
type TypeRow struct {
	Type storage.EventType
	Events
}

// FieldRow is how many people not on Discord, or members with a register
// entry, gave one answer to a register field; Value "" is "no answer".
// Never per person.
type FieldRow struct {
	Field, Value string
	People       int
}

// EventRow is one event held.
type EventRow struct {
	Start         time.Time
	Title, Space  string
	Type          storage.EventType
	CoSpaces      []string // other spaces that co-organised it
	Going, Came   int
	Walkins       int
	Named         int
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
	// Reached: distinct identified people, by check-in, recorded present at
	// an event, or in the register; how many were new, how many are not on
	// Discord. Anonymous walk-ins are not identified: not counted here.
	Reached        storage.PeopleCounts
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
	Types            []TypeRow
	Animators        []AnimatorRow
	Events           []EventRow
	Fields           []FieldRow
	Unmet            []Need
	Total            Totals
	// Projects (projects.go): per home space, per accompanying animator,
	// and the network's totals (sums of the spaces').
	ProjectSpaces, ProjectAnimators []ProjectRow
	ProjectTotal                    ProjectRow

	bySpace map[int64]Events     // while computing
	byMonth map[time.Time]Events // while computing
}

// Period is what Compute is asked for. From and To (excluded) are in the
// network's zone: months are cut there.
type Period struct {
	GuildID, Network, Funding string
	From, To, Now             time.Time
}

// Compute gathers the figures of a period.
func Compute(ctx context.Context, tx *storage.Tx, p Period) (Report, error) {
	return ComputeOn(ctx, tx, tx, p)
}

// ComputeOn is Compute reading the people (PeriodActivity, half of a
// national year's time) on the transaction people while the rest is read
// on tx, at once when they differ: two transactions of one snapshot
// (storage.DB.ReadPair), so the figures still add up.
func ComputeOn(ctx context.Context, tx, people *storage.Tx, p Period) (Report, error) {
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
	cuts := monthCuts(p)
	var (
		act    storage.Activity
		actErr error
		done   = make(chan struct{})
	)
	peopleCtx, cancel := context.WithCancel(ctx)
	readPeople := func() {
		defer close(done)
		act, actErr = people.PeriodActivity(peopleCtx, p.GuildID, ids, cuts)
	}
	if people == tx {
		readPeople()
	} else {
		go readPeople()
	}
	// Whatever happens below, the people's reading is over before return
	// (its transaction ends with ours): stopped early if we fail first.
	defer func() { cancel(); <-done }()
	stats, err := tx.VisitSums(ctx, ids, p.From, p.To)
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
	if err := r.addEvents(ctx, tx, p, held, names); err != nil {
		return r, err
	}
	sums, err := tx.VisitParts(ctx, ids, cuts)
	if err != nil {
		return r, fmt.Errorf("report months: %w", err)
	}
	if err := r.addProjects(ctx, tx, p, names); err != nil {
		return r, err
	}
	<-done
	if actErr != nil {
		return r, fmt.Errorf("report people: %w", actErr)
	}
	reached := act.BySpace
	for id, n := range act.SpaceVisitors {
		v := stats[id]
		v.People = n
		stats[id] = v
	}
	for _, s := range spaces {
		row := SpaceRow{Name: s.Name, Town: s.Town, Visits: visits(stats[s.ID]), Events: r.bySpace[s.ID], Reached: reached[s.ID]}
		r.Spaces = append(r.Spaces, row)
		r.Total.Checkins += row.Checkins
		r.Total.New += row.New
		r.Total.Presence += row.Presence
		r.Total.Stays += row.Stays
		r.Total.AutoOuts += row.AutoOuts
	}
	r.Total.People, r.Total.Reached = act.Visitors, act.Total
	r.months(cuts, sums, act)
	fields, err := tx.RegisterFieldCountsOf(ctx, p.GuildID, act.Entries)
	if err != nil {
		return r, fmt.Errorf("report: %w", err)
	}
	for _, f := range fields {
		r.Fields = append(r.Fields, FieldRow{Field: f.Field, Value: f.Value, People: f.People})
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

// monthCuts cuts the period at each first of the month in From's zone.
func monthCuts(p Period) []time.Time {
	loc := p.From.Location()
	cuts := []time.Time{p.From}
	for m := p.From; m.Before(p.To); {
		next := time.Date(m.Year(), m.Month()+1, 1, 0, 0, 0, 0, loc)
		if next.After(p.To) {
			next = p.To
		}
		cuts = append(cuts, next)
		m = next
	}
	if len(cuts) == 1 { // an empty period: no month, nobody
		cuts = append(cuts, p.From)
	}
	return cuts
}

// months gives each month of the period its row: its visits' sums, and
// its people from the period's activity.
func (r *Report) months(cuts []time.Time, sums []storage.SpaceVisits, act storage.Activity) {
	loc := cuts[0].Location()
	for i, v := range sums {
		m := cuts[i]
		if !cuts[i+1].After(m) {
			continue
		}
		x := visits(v)
		row := MonthRow{Month: time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, loc), Visits: x, Reached: act.Parts[i]}
		row.People = act.PartVisitors[i]
		row.Events = r.byMonth[row.Month]
		r.Months = append(r.Months, row)
	}
}
