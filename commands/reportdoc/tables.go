// Package reportdoc draws the activity report (commands/report) as the
// documents a funder receives: a PDF with charts and tables, an XLSX
// workbook (one sheet per table, real numbers and dates, totals rows), and
// the same tables for CSV files. Its words come from the caller (Words), in
// the network's language; it knows nothing of Discord.
package reportdoc

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tierslieux/tiersbot/commands/project"
	"github.com/tierslieux/tiersbot/commands/report"
	"github.com/tierslieux/tiersbot/storage"
)

// Words are the documents' words and formats in one language.
type Words struct {
	// T returns the message of a key (see commands/locales, report.*).
	T func(key string, args ...any) string
	// N is T for a count: the message's singular or plural by n.
	N func(key string, n int, args ...any) string
	// Date and Month write a day and a month in full ("lundi 13 avril 2026").
	Date, Month func(time.Time) string
	Decimal     string // "," or "."
	// TypeName names an event type in the language.
	TypeName func(storage.EventType) string
}

// A Cell is a string, an int, or one of the types below; nil is empty.
type Cell any

type (
	Hours   float64   // a duration in hours, two decimals
	Percent float64   // a share, 0.87 for 87 %
	Day     time.Time // a date
	Moment  time.Time // a date and time
	Month   time.Time // a month (its first day)
)

// Table is one table of the report: a PDF table, a workbook sheet, a CSV file.
type Table struct {
	Key    string // file and sheet name part: "spaces", "months"…
	Title  string
	Header []string
	Rows   [][]Cell
	Total  []Cell // nil: no totals row
	// Note explains a figure of the table that is not a plain sum.
	Note string
}

func hours(d time.Duration) Hours { return Hours(math.Round(d.Hours()*100) / 100) }

func rate(e report.Events) Cell {
	if pct, ok := e.Rate(); ok {
		return Percent(float64(pct) / 100)
	}
	return nil
}

// Tables lays the report out as tables, the same for every format.
func Tables(r report.Report, w Words) []Table {
	t := w.T
	tot := r.Total
	summary := Table{Key: "summary", Title: t("report.t_summary"), Header: []string{t("report.h_figure"), t("report.h_value")}}
	add := func(key string, v Cell) { summary.Rows = append(summary.Rows, []Cell{t(key), v}) }
	add("report.f_from", Day(r.From))
	add("report.f_to", Day(r.To.AddDate(0, 0, -1)))
	add("report.f_reached", tot.Reached.People)
	add("report.f_reached_new", tot.Reached.New)
	add("report.f_not_on_discord", tot.Reached.NotOnDiscord)
	add("report.f_people", tot.People)
	add("report.f_new", tot.New)
	add("report.f_checkins", tot.Checkins)
	add("report.f_hours", hours(tot.Presence))
	add("report.f_autoouts", tot.AutoOuts)
	add("report.f_held", tot.Held)
	add("report.f_shared", tot.Shared)
	add("report.f_not_recorded", tot.NotRecorded)
	add("report.f_going", tot.Going)
	add("report.f_came", tot.Came)
	add("report.f_named", tot.Named)
	add("report.f_walkins", tot.Walkins)
	add("report.f_rate", rate(tot.Events))
	add("report.f_intros", tot.IntrosAccepted)
	add("report.f_met", tot.IntrosMet)
	add("report.f_offers", tot.NewOffers)
	add("report.f_seeks", tot.NewSeeks)
	add("report.f_unmet", len(r.Unmet))
	add("report.f_projects_new", r.ProjectTotal.Stages[storage.StageIdea])
	add("report.f_projects_notes", r.ProjectTotal.Notes)

	spaces := Table{Key: "spaces", Title: t("report.t_spaces"), Note: t("report.n_spaces"),
		Header: []string{t("report.h_space"), t("report.h_town"), t("report.h_reached"), t("report.h_not_on_discord"), t("report.h_checkins"), t("report.h_people"),
			t("report.h_new"), t("report.h_hours"), t("report.h_autoouts"), t("report.h_held"), t("report.h_going"), t("report.h_came"), t("report.h_not_recorded")}}
	for _, s := range r.Spaces {
		spaces.Rows = append(spaces.Rows, []Cell{s.Name, s.Town, s.Reached.People, s.Reached.NotOnDiscord, s.Checkins, s.People, s.New, hours(s.Presence), s.AutoOuts,
			s.Held, s.Going, s.Came, s.NotRecorded})
	}
	spaces.Total = []Cell{t("report.total"), nil, tot.Reached.People, tot.Reached.NotOnDiscord, tot.Checkins, tot.People, tot.New, hours(tot.Presence), tot.AutoOuts,
		tot.Held, tot.Going, tot.Came, tot.NotRecorded}

	months := Table{Key: "months", Title: t("report.t_months"), Note: t("report.n_people_total"),
		Header: []string{t("report.h_month"), t("report.h_reached"), t("report.h_not_on_discord"), t("report.h_checkins"), t("report.h_people"), t("report.h_new"),
			t("report.h_hours"), t("report.h_held"), t("report.h_going"), t("report.h_came"), t("report.h_not_recorded")}}
	for _, m := range r.Months {
		months.Rows = append(months.Rows, []Cell{Month(m.Month), m.Reached.People, m.Reached.NotOnDiscord, m.Checkins, m.People, m.New, hours(m.Presence),
			m.Held, m.Going, m.Came, m.NotRecorded})
	}
	months.Total = []Cell{t("report.total"), tot.Reached.People, tot.Reached.NotOnDiscord, tot.Checkins, tot.People, tot.New, hours(tot.Presence),
		tot.Held, tot.Going, tot.Came, tot.NotRecorded}

	eventCols := []string{t("report.h_held"), t("report.h_shared"), t("report.h_going"), t("report.h_came"), t("report.h_named"), t("report.h_rate")}
	eventCells := func(e report.Events) []Cell { return []Cell{e.Held, e.Shared, e.Going, e.Came, e.Named, rate(e)} }
	types := Table{Key: "types", Title: t("report.t_types"), Header: append([]string{t("report.h_type")}, eventCols...)}
	for _, ty := range r.Types {
		types.Rows = append(types.Rows, append([]Cell{w.typeName(ty.Type)}, eventCells(ty.Events)...))
	}
	types.Total = append([]Cell{t("report.total")}, eventCells(tot.Events)...)

	animators := Table{Key: "animators", Title: t("report.t_animators"), Note: t("report.n_animators"), Header: append([]string{t("report.h_animator")}, eventCols...)}
	for _, a := range r.Animators {
		name := a.Name
		if a.Team {
			name = t("report.team_of", a.Name)
		}
		animators.Rows = append(animators.Rows, append([]Cell{name}, eventCells(a.Events)...))
	}
	animators.Total = append([]Cell{t("report.total")}, eventCells(tot.Events)...)

	events := Table{Key: "events", Title: t("report.t_events"),
		Header: []string{t("report.h_start"), t("report.h_event"), t("report.h_space"), t("report.h_type"), t("report.h_co"), t("report.h_duration"),
			t("report.h_going"), t("report.h_came"), t("report.h_named"), t("report.h_walkins"), t("report.h_recorded")}}
	var evHours float64
	for _, e := range r.Events {
		rec := t("report.yes")
		if !e.Recorded {
			rec = t("report.no")
		}
		events.Rows = append(events.Rows, []Cell{Moment(e.Start), e.Title, e.Space, w.typeName(e.Type), strings.Join(e.CoSpaces, ", "),
			Hours(math.Round(e.DurationHours*100) / 100), e.Going, e.Came, e.Named, e.Walkins, rec})
		evHours += e.DurationHours
	}
	events.Total = []Cell{t("report.total"), len(r.Events), nil, nil, tot.Shared, Hours(math.Round(evHours*100) / 100), tot.Going, tot.Came, tot.Named, tot.Walkins,
		tot.Held - tot.NotRecorded}

	fields := Table{Key: "fields", Title: t("report.t_fields"), Note: t("report.n_fields"), Header: []string{t("report.h_field"), t("report.h_answer"), t("report.h_count")}}
	for _, f := range r.Fields {
		v := f.Value
		if v == "" {
			v = t("report.no_answer")
		}
		fields.Rows = append(fields.Rows, []Cell{f.Field, v, f.People})
	}

	needs := Table{Key: "needs", Title: t("report.t_needs"), Header: []string{t("report.h_skill"), t("report.h_seekers")}}
	for _, n := range r.Unmet {
		needs.Rows = append(needs.Rows, []Cell{n.Skill, n.Seeks})
	}
	projects := projectTable("projects", t("report.t_projects"), t("report.h_space"), r.ProjectSpaces, &r.ProjectTotal, w)
	projects.Note = t("report.n_projects")
	projectAnimators := projectTable("project_animators", t("report.t_project_animators"), t("report.h_animator"), r.ProjectAnimators, nil, w)
	projectAnimators.Note = t("report.n_project_animators")
	return []Table{summary, spaces, months, types, animators, events, fields, needs, projects, projectAnimators}
}

// projectTable lays out projects by stage reached (the columns in the
// stages' order of progress) and notes, one row per
// space or animator; total nil: no totals row (an animator's projects may
// be another's too, so their sum means nothing).
func projectTable(key, title, first string, rows []report.ProjectRow, total *report.ProjectRow, w Words) Table {
	tb := Table{Key: key, Title: title, Header: []string{first}}
	for _, s := range project.Stages {
		tb.Header = append(tb.Header, w.T("stage."+s))
	}
	tb.Header = append(tb.Header, w.T("report.h_notes"))
	cells := func(name string, p report.ProjectRow) []Cell {
		out := []Cell{name}
		for _, s := range project.Stages {
			out = append(out, p.Stages[s])
		}
		return append(out, p.Notes)
	}
	for _, p := range rows {
		tb.Rows = append(tb.Rows, cells(p.Name, p))
	}
	if total != nil {
		tb.Total = cells(w.T("report.total"), *total)
	}
	return tb
}

func (w Words) typeName(t storage.EventType) string {
	if t.Key == "" {
		return w.T("report.type_unset")
	}
	return w.TypeName(t)
}

// Text writes a cell for the PDF and CSV files.
func (w Words) Text(c Cell) string {
	switch v := c.(type) {
	case nil:
		return ""
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case Hours:
		return strings.Replace(strconv.FormatFloat(float64(v), 'f', 2, 64), ".", w.Decimal, 1)
	case Percent:
		return fmt.Sprintf("%d %%", int(math.Round(float64(v)*100)))
	case Day:
		return time.Time(v).Format("2006-01-02")
	case Moment:
		return time.Time(v).Format("2006-01-02 15:04")
	case Month:
		return time.Time(v).Format("2006-01")
	}
	return fmt.Sprint(c)
}
