package commands

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"github.com/tierslieux/tiersbot/commands/render"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/robfig/cron/v3"
	"github.com/tierslieux/tiersbot/commands/chart"
	"github.com/tierslieux/tiersbot/commands/week"
	"github.com/tierslieux/tiersbot/storage"
)

// DefaultDigestSchedule: Mondays at 08:00 in the network's zone.
const DefaultDigestSchedule = "0 8 * * 1"

func (a *App) digestRoutes() {
	a.command("digest preview", Coordinator, a.digestPreview)
	a.command("digest export", Coordinator, a.digestExport)
	a.command("digest report", Coordinator, a.digestReport)
}

func (a *App) digestJobs() []Job {
	// Not coalesced: when the clock jumps over several Mondays, each week's digest goes out.
	return []Job{{Name: "weekly digest", Spec: "*/5 * * * *", Run: a.PostDueDigests}}
}

// parseSchedule validates a cron spec; the parser panics on some input.
func parseSchedule(spec string) (s cron.Schedule, err error) {
	defer func() {
		if recover() != nil {
			err = errors.New("invalid")
		}
	}()
	if strings.Contains(spec, "TZ=") {
		return nil, errors.New("the zone comes from /setup timezone")
	}
	return cron.ParseStandard(spec)
}

// weekStart is the Monday 00:00 (in loc) of the week holding t.
func weekStart(t time.Time, loc *time.Location) time.Time { return week.Of(t, loc).From }

// SpaceWeek are a space's figures for a week (decided in package week).
type SpaceWeek = week.Space

// Digest is a network's week, as the digest shows it.
type Digest = week.Figures

// computeDigest gathers the figures of the week starting at from.
func computeDigest(ctx context.Context, tx *storage.Tx, g storage.Guild, from time.Time) (Digest, error) {
	return week.Compute(ctx, tx, g, week.Starting(from.In(location(g.Timezone))), location)
}

var frDays = [7]string{"lun", "mar", "mer", "jeu", "ven", "sam", "dim"}
var enDays = [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}

func change(l Lang, now, before int) string {
	c := week.Compare(now, before)
	switch {
	case c.Same:
		return "="
	case c.New:
		return l.T("digest.new_activity")
	case c.Pct >= 0:
		return fmt.Sprintf("+%d %%", c.Pct)
	}
	return fmt.Sprintf("%d %%", c.Pct)
}

// render builds the digest's embeds and chart in the network's language.
// However large the network, it fits one message: the lists that do not fit
// end with "…and N more — full digest attached" and the whole digest is
// attached as text (a digest Discord refused would be lost for the week).
func renderDigest(d Digest, l Lang) (Message, error) {
	loc := location(d.Guild.Timezone)
	last := d.To.Add(-time.Hour).In(loc)
	first := d.From.In(loc)
	from := l.Day(first) // "du lundi 13 au dimanche 19 avril", "du lundi 1er au dimanche 7 juin"
	if first.Month() != last.Month() {
		from = l.DayMonth(first) // "du lundi 27 avril au dimanche 3 mai"
	}
	period := l.T("digest.period", from, l.Date(last))
	head := &discordgo.MessageEmbed{Title: l.T("digest.title"), Description: period, Color: colorNetwork}
	if d.Late {
		head.Description += "\n" + l.T("digest.late")
	}
	days := enDays
	if l == FR {
		days = frDays
	}
	var series []chart.Series
	for _, sw := range d.Spaces {
		if sw.Checkins > 0 {
			series = append(series, chart.Series{Name: sw.Space.Name, Counts: sw.PerDay})
		}
	}
	var m Message
	if len(series) > 0 {
		png, err := chart.WeekPNG(l.T("digest.chart_title", l.Date(d.From.In(loc))), days, series, func(n int) string { return l.N("digest.chart_others", n) })
		if err != nil {
			return m, err
		}
		name := "passages-" + d.From.In(loc).Format("2006-01-02") + ".png"
		m.Files = []File{{Name: name, ContentType: "image/png", Data: png}}
		head.Image = &discordgo.MessageEmbedImage{URL: "attachment://" + name}
	}
	var b render.Builder
	spaces := make([]render.Field, 0, len(d.Spaces))
	for _, sw := range d.Spaces {
		v := l.N("digest.checkins", sw.Checkins, change(l, sw.Checkins, sw.PrevCheck)) + "\n" + l.N("digest.people", sw.People, sw.New)
		if sw.AvgStay > 0 {
			v += "\n" + l.T("digest.avg_stay", l.Stay(sw.AvgStay))
		}
		if sw.AutoOuts > 0 {
			v += "\n" + l.N("digest.auto_outs", sw.AutoOuts)
		}
		spaces = append(spaces, render.Field{Name: Escape(sw.Space.Name), Value: v, Inline: true})
	}
	moreSpaces := more(l, "spaces", digestAttached)
	total := l.N("digest.checkins", d.Total.Checkins, change(l, d.Total.Checkins, d.Total.PrevCheck)) + "\n" + l.N("digest.people", d.Total.People, d.Total.New)
	total += "\n" + l.N("digest.cross", d.CrossVisits)
	if d.Total.AutoOuts > 0 {
		total += "\n" + l.N("digest.auto_outs", d.Total.AutoOuts)
	}
	if d.BusiestDay >= 0 {
		day := d.From.AddDate(0, 0, d.BusiestDay)
		total += "\n" + l.T("digest.busiest", l.Date(day))
	}
	b.Embed(head).
		FieldList(spaces, func(left int) render.Field { return render.Field{Name: "…", Value: moreSpaces(left)} }).
		Field(l.T("digest.network"), total, false)

	if len(d.Held) > 0 || len(d.Next) > 0 {
		ev := b.Embed(&discordgo.MessageEmbed{Title: l.T("digest.events"), Color: colorEvent})
		var held []string
		for _, e := range d.Held {
			held = append(held, heldLine(l, e, d.SpaceNames[e.SpaceID]))
		}
		if len(held) == 0 {
			held = []string{l.T("digest.none")}
		}
		ev.ListField(l.N("digest.held", len(d.Held)), false, held, more(l, "events", digestAttached))
		var next []string
		for _, e := range d.Next {
			next = append(next, fmt.Sprintf("• **%s** — %s · %s", Escape(e.Title), tsFull(e.Start), Escape(d.SpaceNames[e.SpaceID])))
		}
		if len(next) == 0 {
			next = []string{l.T("digest.none")}
		}
		ev.ListField(l.T("digest.next_week"), false, next, more(l, "events", digestAttached))
		if len(d.PerAnimator) > 0 {
			names := make([]string, 0, len(d.PerAnimator))
			for n := range d.PerAnimator {
				names = append(names, n)
			}
			sort.Slice(names, func(i, j int) bool {
				if d.PerAnimator[names[i]] != d.PerAnimator[names[j]] {
					return d.PerAnimator[names[i]] > d.PerAnimator[names[j]]
				}
				return names[i] < names[j]
			})
			colon := ": "
			if l == FR {
				colon = "\u00a0: "
			}
			var lines []string
			for _, n := range names {
				lines = append(lines, fmt.Sprintf("• %s%s%d", Escape(n), colon, d.PerAnimator[n]))
			}
			ev.ListField(l.T("digest.animators"), false, lines, more(l, "people", digestAttached))
		}
	}
	if d.NewOffers+d.NewSeeks+d.IntrosMade+d.IntrosMet > 0 || len(d.Unmet) > 0 {
		sk := &discordgo.MessageEmbed{Title: l.T("digest.skills"), Color: colorSkill}
		sk.Description = l.T("digest.skills_line", d.NewOffers, d.NewSeeks, d.IntrosMade, d.IntrosMet)
		var lines []string
		for i, s := range d.Unmet {
			if i == 5 {
				break
			}
			lines = append(lines, fmt.Sprintf("• %s (%d)", Escape(s.Display), s.Seeks))
		}
		if len(d.Unmet) > 0 {
			top := d.Unmet[0]
			sk.Footer = &discordgo.MessageEmbedFooter{Text: l.N("digest.suggestion", top.Seeks, top.Display)}
		}
		e := b.Embed(sk)
		if len(lines) > 0 {
			e.ListField(l.T("digest.unmet"), false, lines, more(l, "skills", digestAttached))
		}
	}
	renderProjectDigest(l, &b, d.Projects, d.SpaceNames)
	m.Embeds = b.Embeds()
	attachFull(&m, &b, "bilan-"+d.From.In(loc).Format("2006-01-02")+".txt", loc)
	return m, nil
}

// PostDueDigests posts, for every network whose schedule came due, the digest
// of the week just ended, once: the (network, week) is recorded in the same
// transaction that queues the post. A digest missed while the bot was down
// goes out when it comes back, marked late.
func (a *App) PostDueDigests(ctx context.Context, now time.Time) error {
	// What is due, and its figures and chart, are read beside the writer: at
	// national scale they take most of a second, during which the single
	// writer would hold every check-in back.
	type dueDigest struct {
		d    Digest
		m    Message
		week string
	}
	var due []dueDigest
	err := a.read(ctx, func(tx *storage.Tx) error {
		guilds, err := tx.GuildsWithDigest(ctx)
		if err != nil {
			return err
		}
		for _, g := range guilds {
			spec := g.DigestSchedule
			if spec == "" {
				spec = DefaultDigestSchedule
			}
			sched, err := parseSchedule(spec)
			if err != nil {
				a.log.Error("digest schedule unreadable", "guild", g.ID, "spec", spec)
				continue
			}
			loc := location(g.Timezone)
			at := week.LastDue(sched, now, loc)
			if at.IsZero() {
				continue
			}
			if since, err := tx.Get(ctx, "digest_since:"+g.ID); err != nil {
				return err
			} else if n, _ := strconv.ParseInt(since, 10, 64); at.Unix() < n {
				continue // due before the digest channel was set
			}
			w := week.EndedBefore(at, loc)
			key := w.Key()
			if posted, err := tx.DigestPosted(ctx, g.ID, key); err != nil || posted {
				if err != nil {
					return err
				}
				continue
			}
			d, err := week.Compute(ctx, tx, g, w, location)
			if err != nil {
				return err
			}
			d.Late = week.Late(at, now)
			m, err := renderDigest(d, Lang(g.Lang))
			if err != nil {
				return err
			}
			due = append(due, dueDigest{d, m, key})
		}
		return nil
	})
	if err != nil || len(due) == 0 {
		return err
	}
	return a.writeJob(ctx, func(tx *storage.Tx) error {
		for _, dd := range due {
			g, week, m := dd.d.Guild, dd.week, dd.m
			fresh, err := tx.RecordDigest(ctx, g.ID, week, now, dd.d.Late)
			if err != nil {
				return err
			}
			if !fresh {
				continue
			}
			if _, err := post(ctx, tx, now, g.ID, OutChannel, g.DigestChannel, m, "digest:"+g.ID+":"+week); err != nil {
				return err
			}
			if g.DigestDM != "" {
				if _, err := post(ctx, tx, now, g.ID, OutDM, g.DigestDM, m, "digest-dm:"+g.ID+":"+week); err != nil {
					return err
				}
			}
			// Each space that asked for it gets its own short summary.
			gl := Lang(g.Lang)
			for _, sw := range dd.d.Spaces {
				if !sw.Space.WeeklySummary || sw.Space.ChannelID == "" {
					continue
				}
				held := 0
				for _, e := range dd.d.Held {
					if e.SpaceID == sw.Space.ID {
						held++
					}
				}
				text := gl.T("digest.space_summary", place(Escape(sw.Space.Name)), gl.N("digest.checkins", sw.Checkins, change(gl, sw.Checkins, sw.PrevCheck)),
					gl.N("digest.people", sw.People, sw.New), gl.N("digest.held", held))
				if _, err := post(ctx, tx, now, g.ID, OutChannel, sw.Space.ChannelID, Message{Content: text}, fmt.Sprintf("digest-space:%d:%s", sw.Space.ID, week)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func (a *App) digestPreview(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var m Message
	err := a.read(ctx, func(tx *storage.Tx) error {
		g, err := requireCoordinator(ctx, tx, r)
		if err != nil {
			return err
		}
		loc := location(g.Timezone)
		w := week.EndedBefore(r.Now, loc)
		if r.Has("week") {
			t, err := parseUntil(r.Opt("week"), loc)
			if err != nil {
				return userErr("digest.bad_week")
			}
			w = week.Of(t.AddDate(0, 0, -1), loc) // parseUntil gives the day after
		}
		d, err := week.Compute(ctx, tx, g, w, location)
		if err != nil {
			return err
		}
		m, err = renderDigest(d, l)
		return err
	})
	if err != nil {
		return nil, err
	}
	m.Content = l.T("digest.preview")
	return &Response{Ephemeral: true, Message: m}, nil
}

// digestExport returns the funders' figures: one row per space and month.
func (a *App) digestExport(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		g        storage.Guild
		rows     [][]string
		from, to time.Time
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if g, err = requireCoordinator(ctx, tx, r); err != nil {
			return err
		}
		loc := location(g.Timezone)
		f, err1 := parseUntil(r.Opt("from"), loc)
		t, err2 := parseUntil(r.Opt("to"), loc)
		if err1 != nil || err2 != nil {
			return userErr("digest.bad_range")
		}
		from = f.AddDate(0, 0, -1)
		from = time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, loc)
		to = t // the whole last day counts
		if !to.After(from) || to.Sub(from) > 3*366*24*time.Hour {
			return userErr("digest.bad_range")
		}
		spaces, err := tx.Spaces(ctx, g.ID)
		if err != nil {
			return err
		}
		ids := make([]int64, len(spaces))
		for i, s := range spaces {
			ids[i] = s.ID
		}
		for m := from; m.Before(to); m = m.AddDate(0, 1, 0) {
			end := m.AddDate(0, 1, 0)
			if end.After(to) {
				end = to
			}
			stats, err := tx.VisitStats(ctx, ids, m, end, nil)
			if err != nil {
				return err
			}
			held, err := tx.EventsHeld(ctx, g.ID, m, end)
			if err != nil {
				return err
			}
			bySpace := map[int64]eventSums{}
			for _, e := range held {
				bySpace[e.SpaceID] = bySpace[e.SpaceID].add(e, r.Now)
			}
			for _, s := range spaces {
				v, es := stats[s.ID], bySpace[s.ID]
				rows = append(rows, []string{s.Name, s.Town, m.Format("2006-01"), strconv.Itoa(v.Checkins), strconv.Itoa(v.People), strconv.Itoa(v.New),
					strconv.Itoa(es.events), strconv.Itoa(es.rsvps), strconv.Itoa(es.came), strconv.Itoa(es.unrecorded)})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	gl := Lang(g.Lang)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if gl == FR {
		buf.WriteString("\ufeff") // French Excel reads UTF-8 only with a BOM, and splits on semicolons
		w.Comma = ';'
	}
	if err := writeCSV(w, append([][]string{strings.Split(gl.T("digest.csv_header"), "|")}, rows...)...); err != nil {
		return nil, err
	}
	name := "tiersbot-" + from.Format("2006-01") + "-" + to.AddDate(0, 0, -1).Format("2006-01") + ".csv"
	return &Response{Ephemeral: true, Message: Message{Content: l.N("digest.export_ready", len(rows)),
		Files: []File{{Name: name, ContentType: "text/csv; charset=utf-8", Data: buf.Bytes()}}}}, nil
}

func digestCommands() []*discordgo.ApplicationCommand {
	manage := int64(PermManageGuild)
	return []*discordgo.ApplicationCommand{
		withPerm(command("digest", "bilan", "The weekly digest (coordination)", "Le bilan hebdomadaire (coordination)",
			sub("preview", "apercu", "The digest of last week, or of a given week", "Le bilan de la semaine passée, ou d'une semaine donnée",
				opt(discordgo.ApplicationCommandOptionString, "week", "semaine", "A day of that week, e.g. 2026-04-13", "Un jour de cette semaine, ex. 13/04/2026", false).length(6, 10).o()),
			sub("export", "export", "Funders' figures per space and month (CSV)", "Chiffres pour les financeurs par lieu et par mois (CSV)",
				opt(discordgo.ApplicationCommandOptionString, "from", "du", "First day, e.g. 2026-01-01", "Premier jour, ex. 01/01/2026", true).length(6, 10).o(),
				opt(discordgo.ApplicationCommandOptionString, "to", "au", "Last day, e.g. 2026-12-31", "Dernier jour, ex. 31/12/2026", true).length(6, 10).o()),
			reportSub(),
		), manage),
	}
}
