package commands

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/rsvp"
	"github.com/tierslieux/tiersbot/commands/when"
	"github.com/tierslieux/tiersbot/storage"
)

// Limits of events.
const (
	maxTitle        = 100
	maxDescription  = 1000
	maxEventLength  = storage.MaxEventLength
	maxOccurrences  = 60
	publishHorizon  = 14 * 24 * time.Hour // Discord allows 100 scheduled events per server
	maxEventCap     = 10000
	maxCancelReason = 300
)

var repeats = map[string]func(time.Time, *time.Location, int) time.Time{
	"weekly": func(t time.Time, loc *time.Location, n int) time.Time {
		l := t.In(loc)
		return time.Date(l.Year(), l.Month(), l.Day()+7*n, l.Hour(), l.Minute(), 0, 0, loc)
	},
	"every-2-weeks": func(t time.Time, loc *time.Location, n int) time.Time {
		l := t.In(loc)
		return time.Date(l.Year(), l.Month(), l.Day()+14*n, l.Hour(), l.Minute(), 0, 0, loc)
	},
	"monthly": func(t time.Time, loc *time.Location, n int) time.Time {
		l := t.In(loc)
		d := time.Date(l.Year(), l.Month()+time.Month(n), l.Day(), l.Hour(), l.Minute(), 0, 0, loc)
		if d.Day() != l.Day() { // no 31st that month: skipped
			return time.Time{}
		}
		return d
	},
}

func (a *App) eventRoutes() {
	a.command("event create", Animator, a.eventCreate, opensForm)
	a.command("event list", Anyone, a.eventList)
	a.command("event info", Anyone, a.eventInfo)
	a.command("event edit", Animator, a.eventEdit, opensForm)
	a.command("event cancel", Animator, a.eventCancel)
	a.command("event sheet", Animator, a.eventSheet)
	a.command("event ics", Anyone, a.eventICS)
	a.command("settings", Anyone, a.settings)
	// The forms carry what the command said besides the form's fields: its
	// event type and project (0: none). The shorter ids are forms opened
	// before types and projects existed.
	a.form("evnew:{space:id}:{repeat:any}:{until:any}:{count:int}:{type:any}:{project:int}", Animator, a.eventCreateSubmit)
	a.form("evedit:{event:id}:{type:any}:{project:int}", Animator, a.eventEditSubmit)
	a.form("evnew:{space:id}:{repeat:any}:{until:any}:{count:int}", Animator, a.eventCreateSubmit)
	a.form("evedit:{event:id}", Animator, a.eventEditSubmit)
	a.form("attw:{event:id}", Animator, a.walkinsSubmit)
	a.button("rsvp:{event:id}:{answer:y|m|n}", Anyone, a.rsvpClick)
	a.button("attw:{event:id}", Animator, a.walkinsOpen, opensForm)
	a.auto["event"] = a.completeEvent
	a.attendanceRoutes()
}

func (a *App) eventJobs() []Job {
	return []Job{
		// Announcements and Discord scheduled events of occurrences entering the 14-day window.
		{Name: "event publishing", Spec: "5 * * * *", Coalesce: true, Run: a.PublishDueEvents},
		// Reminders must go out at their moment even when the clock jumps: not coalesced.
		{Name: "event reminders", Spec: "*/5 * * * *", Run: a.SendReminders},
		// "Who came?" to organisers after their events; it catches up by itself.
		{Name: "attendance nudges", Spec: "*/10 * * * *", Coalesce: true, Run: a.AttendanceNudges},
	}
}

// parseUntil reads the end date of a series: 2026-06-30 or 30/06/2026.
func parseUntil(v string, loc *time.Location) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006", "02.01.2006"} {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(v), loc); err == nil {
			return t.AddDate(0, 0, 1), nil // the whole day counts
		}
	}
	return time.Time{}, errors.New("bad date")
}

func (a *App) eventCreate(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		s       storage.Space
		typeKey string
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if s, err = resolveSpace(ctx, tx, r.GuildID, r.Opt("space")); err != nil {
			return err
		}
		if _, err = requireAnimator(ctx, tx, r, s); err != nil {
			return err
		}
		typeKey, err = eventTypeOpt(ctx, tx, r) // event_types.go
		return err
	})
	if err != nil {
		return nil, err
	}
	repeat := r.Opt("repeat")
	if _, ok := repeats[repeat]; repeat != "" && !ok {
		return nil, userErr("event.bad_repeat")
	}
	until, count := "", 0
	if r.Has("until") {
		t, err := parseUntil(r.Opt("until"), location(s.Timezone))
		if err != nil {
			return nil, userErr("event.bad_until")
		}
		until = t.Format("20060102")
	}
	if r.Has("count") {
		n, err := strconv.Atoi(r.Opt("count"))
		if err != nil || n < 1 || n > 53 {
			return nil, userErr("event.bad_count")
		}
		count = n
	}
	if repeat == "" && (until != "" || count != 0) {
		return nil, userErr("event.until_without_repeat")
	}
	if repeat != "" && until == "" && count == 0 {
		return nil, userErr("event.repeat_needs_end")
	}
	proj, err := a.eventProject(ctx, r)
	if err != nil {
		return nil, err
	}
	return &Response{Type: OpenModal, Modal: eventModal(l, CustomID("evnew", s.ID, repeat, until, count, typeKey, proj), l.T("event.modal_new", Truncate(s.Name, 30)), storage.Event{}, s)}, nil
}

func eventModal(l Lang, customID, title string, e storage.Event, s storage.Space) *Modal {
	start, dur, capacity := "", "", ""
	if e.ID != 0 {
		start = e.Start.In(location(s.Timezone)).Format("2006-01-02 15:04")
		dur = durationText(e.End.Sub(e.Start))
		if e.Capacity > 0 {
			capacity = strconv.Itoa(e.Capacity)
		}
	}
	return &Modal{CustomID: customID, Title: Truncate(title, 45), Fields: []TextField{
		{ID: "title", Label: l.T("event.f_title"), Value: e.Title, Required: true, MinLength: 1, MaxLength: maxTitle},
		{ID: "description", Label: l.T("event.f_description"), Paragraph: true, Value: e.Description, MaxLength: maxDescription},
		{ID: "start", Label: l.T("event.f_start"), Value: start, Placeholder: strings.Join(when.Examples(string(l))[1:4], " · "), Required: true, MaxLength: 40},
		{ID: "duration", Label: l.T("event.f_duration"), Value: dur, Placeholder: "2h, 1h30, 90min", MaxLength: 20},
		{ID: "capacity", Label: l.T("event.f_capacity"), Value: capacity, Placeholder: l.T("event.capacity_hint"), MaxLength: 5},
	}}
}

func durationText(d time.Duration) string {
	m := int(d / time.Minute)
	if m%60 == 0 {
		return fmt.Sprintf("%dh", m/60)
	}
	if m > 60 {
		return fmt.Sprintf("%dh%02d", m/60, m%60)
	}
	return fmt.Sprintf("%dmin", m)
}

// eventFields validates the modal's fields onto e (start in the space's zone).
func eventFields(r *Request, s storage.Space, e *storage.Event) error {
	l := r.Lang()
	title, n := CleanText(r.Fields["title"], false)
	if n == 0 {
		return userErr("event.need_title")
	}
	if n > maxTitle {
		return userErr("event.title_too_long", maxTitle)
	}
	desc, n := CleanText(r.Fields["description"], true)
	if n > maxDescription {
		return userErr("event.description_too_long", maxDescription)
	}
	loc := location(s.Timezone)
	span, err := when.Parse(r.Fields["start"], r.Now, loc)
	start := span.Start
	switch {
	case errors.Is(err, when.ErrNonexistentTime):
		return userErr("event.start_dst", Escape(Truncate(r.Fields["start"], 40)))
	case errors.Is(err, when.ErrWeekdayMismatch):
		return userErr("event.weekday_mismatch", Escape(Truncate(r.Fields["start"], 40)))
	case err != nil:
		return userErr("event.bad_start", Escape(Truncate(r.Fields["start"], 40)), "`"+strings.Join(when.Examples(string(l)), "`, `")+"`")
	case !start.After(r.Now):
		return userErr("event.start_past", tsFull(start))
	}
	dur, err := eventDuration(span, r.Fields["duration"])
	if err != nil {
		return err
	}
	capacity := 0
	if v := strings.TrimSpace(r.Fields["capacity"]); v != "" {
		c, err := strconv.Atoi(v)
		if err != nil || c < 1 || c > maxEventCap {
			return userErr("event.bad_capacity", maxEventCap)
		}
		capacity = c
	}
	e.Title, e.TitleKey, e.Description, e.Start, e.End, e.Capacity = title, Fold(title), desc, start, start.Add(dur), capacity
	return nil
}

// eventDuration takes the length from the start field's range ("14h-16h")
// or from the duration field; typing both is fine when they agree.
func eventDuration(span when.Span, typed string) (time.Duration, error) {
	var fromRange time.Duration
	if !span.End.IsZero() {
		fromRange = span.End.Sub(span.Start)
	}
	if strings.TrimSpace(typed) == "" {
		if fromRange == 0 {
			return 0, userErr("event.need_duration")
		}
		typed = durationText(fromRange)
	}
	dur, err := when.Duration(typed)
	if err != nil || dur > maxEventLength {
		return 0, userErr("event.bad_duration")
	}
	if fromRange != 0 && dur != fromRange {
		return 0, userErr("event.range_and_duration", durationText(fromRange), durationText(dur))
	}
	return dur, nil
}

// occurrences lists the starts of a series, at most a year after the first.
func occurrences(first time.Time, loc *time.Location, repeat string, until time.Time, count int) []time.Time {
	next, ok := repeats[repeat]
	if !ok {
		return []time.Time{first}
	}
	limit := first.AddDate(1, 0, 0)
	out := []time.Time{first}
	for n := 1; len(out) < maxOccurrences; n++ {
		t := next(first, loc, n)
		if t.IsZero() {
			continue
		}
		if t.After(limit) || (!until.IsZero() && !t.Before(until)) || (count > 0 && len(out) >= count) {
			break
		}
		out = append(out, t)
	}
	return out
}

func (a *App) eventCreateSubmit(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	spaceID := r.Params.ID("space")
	repeat, untilText := r.Params.Str("repeat"), r.Params.Str("until")
	count := r.Params.Int("count")
	proj := r.Params.ID("project") // 0 unless it belongs to a project
	if _, ok := repeats[repeat]; (repeat != "" && !ok) || count > 53 {
		return nil, userErr("error.bad_button")
	}
	var (
		s      storage.Space
		g      storage.Guild
		events []storage.Event
	)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if s, err = tx.Space(ctx, r.GuildID, spaceID); errors.Is(err, storage.ErrNotFound) {
			return userErr("error.bad_button")
		} else if err != nil {
			return err
		}
		if g, err = requireAnimator(ctx, tx, r, s); err != nil {
			return err
		}
		loc := location(s.Timezone)
		var until time.Time
		if untilText != "" {
			if until, err = time.ParseInLocation("20060102", untilText, loc); err != nil {
				return userErr("error.bad_button")
			}
		}
		e := storage.Event{GuildID: r.GuildID, SpaceID: s.ID, OrganizerID: r.User.ID}
		if err := eventFields(r, s, &e); err != nil {
			return err
		}
		starts := occurrences(e.Start, loc, repeat, until, count)
		if e.SeriesID, err = tx.AddSeries(ctx, r.GuildID, s.ID, repeat, r.User.ID, r.Now); err != nil {
			return err
		}
		e.Repeat = repeat
		length := e.End.Sub(e.Start)
		for i, start := range starts {
			occ := e
			occ.Start, occ.End = start, start.Add(length)
			if occ, err = tx.AddEvent(ctx, occ); err != nil {
				return err
			}
			if err := formEventType(ctx, tx, r.GuildID, r.Params.Str("type"), occ.ID); err != nil { // event_types.go
				return err
			}
			if err := linkEventProject(ctx, tx, occ, proj); err != nil {
				return err
			}
			// The first occurrence is announced now; the others as they come near.
			if err := a.publish(ctx, tx, g, s, &occ, r.Now, i == 0); err != nil {
				return err
			}
			events = append(events, occ)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	first := events[0]
	var b strings.Builder
	b.WriteString(l.T("event.created", Escape(first.Title), tsFull(first.Start), tsRel(first.Start), place(Escape(s.Name))))
	if len(events) > 1 {
		b.WriteString("\n" + l.N("event.series", len(events), tsDate(events[len(events)-1].Start)))
	}
	var where []string
	if s.ChannelID != "" {
		where = append(where, mentionChannel(s.ChannelID))
	}
	if g.AnnounceChannel != "" && g.AnnounceChannel != s.ChannelID {
		where = append(where, mentionChannel(g.AnnounceChannel))
	}
	if len(where) > 0 {
		b.WriteString("\n" + l.T("event.announced_in", strings.Join(where, ", ")))
	} else {
		b.WriteString("\n" + l.T("event.no_channel"))
	}
	return ephemeral(b.String()), nil
}

// publish posts an occurrence's announcements (if announce and not done yet)
// and queues the network's due Discord scheduled events, in tx.
func (a *App) publish(ctx context.Context, tx *storage.Tx, g storage.Guild, s storage.Space, e *storage.Event, now time.Time, announce bool) error {
	changed := false
	if announce && e.PostSpace == 0 && e.PostNetwork == 0 {
		m, err := a.announcement(ctx, tx, g, s, *e)
		if err != nil {
			return err
		}
		if s.ChannelID != "" {
			if e.PostSpace, err = post(ctx, tx, now, g.ID, OutChannel, s.ChannelID, m, fmt.Sprintf("announce:%d:space", e.ID)); err != nil {
				return err
			}
		}
		if g.AnnounceChannel != "" && g.AnnounceChannel != s.ChannelID {
			if e.PostNetwork, err = post(ctx, tx, now, g.ID, OutChannel, g.AnnounceChannel, m, fmt.Sprintf("announce:%d:network", e.ID)); err != nil {
				return err
			}
		}
		changed = true
	}
	if changed {
		if err := tx.SetEventPosts(ctx, e.ID, e.PostSpace, e.PostNetwork); err != nil {
			return err
		}
	}
	if e.SchedOutbox != 0 {
		return nil
	}
	// Its Discord scheduled event comes with the network's others, soonest
	// first, as Discord's cap leaves room (schedcap.go).
	return a.scheduleDue(ctx, tx, g, now, e)
}

// PublishDueEvents announces and schedules occurrences entering the 14-day window.
func (a *App) PublishDueEvents(ctx context.Context, now time.Time) error {
	return a.writeJob(ctx, func(tx *storage.Tx) error {
		events, err := tx.EventsToPublish(ctx, now, now.Add(publishHorizon))
		if err != nil {
			return err
		}
		for i := range events {
			e := &events[i]
			s, err := tx.Space(ctx, e.GuildID, e.SpaceID)
			if err != nil {
				return err
			}
			g, err := tx.Guild(ctx, e.GuildID)
			if err != nil {
				return err
			}
			if err := a.publish(ctx, tx, g, s, e, now, true); err != nil {
				return err
			}
		}
		return nil
	})
}

// announcement is the public post of an occurrence, in the network's language.
func (a *App) announcement(ctx context.Context, tx *storage.Tx, g storage.Guild, s storage.Space, e storage.Event) (Message, error) {
	counts, err := tx.RSVPCounts(ctx, e.ID)
	if err != nil {
		return Message{}, err
	}
	gl := Lang(g.Lang)
	m := Message{Embeds: []*discordgo.MessageEmbed{eventEmbed(gl, s, e, counts)}}
	if err := decorateEvent(ctx, tx, gl, m.Embeds[0], e); err != nil { // type, co-organisers: event_types.go
		return Message{}, err
	}
	if !e.Cancelled {
		m.Components = []Row{{
			Button(Success, gl.T("btn.going"), CustomID("rsvp", e.ID, "y")),
			Button(Secondary, gl.T("btn.maybe"), CustomID("rsvp", e.ID, "m")),
			Button(Danger, gl.T("btn.no"), CustomID("rsvp", e.ID, "n")),
		}}
	}
	return m, nil
}

const (
	colorEvent     = 0x1565C0
	colorCancelled = 0x757575
)

func eventEmbed(l Lang, s storage.Space, e storage.Event, counts map[string]int) *discordgo.MessageEmbed {
	em := &discordgo.MessageEmbed{
		Title:       Truncate("📅 "+Escape(e.Title), MaxEmbedTitle),
		Description: Truncate(Escape(e.Description), MaxEmbedDesc),
		Color:       colorEvent,
	}
	if e.Cancelled {
		em.Title = Truncate("❌ "+l.T("event.cancelled_title")+" — "+Escape(e.Title), MaxEmbedTitle)
		em.Color = colorCancelled
	}
	add := func(name, value string, inline bool) {
		em.Fields = append(em.Fields, &discordgo.MessageEmbedField{Name: name, Value: Truncate(value, MaxFieldValue), Inline: inline})
	}
	add(l.T("event.f_when"), fmt.Sprintf("%s → %s (%s)", tsFull(e.Start), tsTime(e.End), tsRel(e.Start)), false)
	add(l.T("event.f_where"), Escape(s.Name)+", "+Escape(s.Town), true)
	// The space's team, not the person who typed it in: the announcement
	// outlives their membership, and nobody's name is kept for it.
	add(l.T("event.f_organizer"), l.T("event.team", Escape(s.Name)), true)
	seats := l.T("event.open")
	if e.Capacity > 0 {
		seats = l.T("event.seats", counts[storage.Going], e.Capacity)
	}
	add(l.T("event.f_seats"), seats, true)
	answers := l.N("event.counts", counts[storage.Going], counts[storage.Maybe])
	if counts[storage.Waitlist] > 0 {
		answers += " · " + l.T("event.waitlist_count", counts[storage.Waitlist])
	}
	add(l.T("event.f_answers"), answers, false)
	if e.Cancelled && e.CancelReason != "" {
		add(l.T("event.f_reason"), Escape(e.CancelReason), false)
	}
	if e.Repeat != "" {
		em.Footer = &discordgo.MessageEmbedFooter{Text: l.T("event.repeat_" + e.Repeat)}
	}
	return em
}

// refresh queues edits of an occurrence's announcements to show its current state.
func (a *App) refresh(ctx context.Context, tx *storage.Tx, now time.Time, e storage.Event) error {
	if e.PostSpace == 0 && e.PostNetwork == 0 {
		return nil
	}
	s, err := tx.Space(ctx, e.GuildID, e.SpaceID)
	if err != nil {
		return err
	}
	g, err := tx.Guild(ctx, e.GuildID)
	if err != nil {
		return err
	}
	m, err := a.announcement(ctx, tx, g, s, e)
	if err != nil {
		return err
	}
	payload, err := json.Marshal(fitMessage(ctx, nil, "announcement edit", m))
	if err != nil {
		return fmt.Errorf("encode announcement: %w", err)
	}
	for _, ref := range []int64{e.PostSpace, e.PostNetwork} {
		if ref != 0 {
			// The edit shows the current state: a newer one replaces a pending
			// one, so 100 clicks leave one edit per message, not 100.
			target := "ref:" + strconv.FormatInt(ref, 10)
			it := storage.OutboxItem{GuildID: e.GuildID, Kind: OutEdit, Target: target, Payload: payload, DedupKey: "announce-edit:" + target}
			if _, err := tx.EnqueueLatest(ctx, it, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// eventPick says which occurrence of a series a typed title means.
type eventPick int

const (
	// pickToCome: a change or an answer is about a date still to come.
	pickToCome eventPick = iota
	// pickAttendance: the occurrence under way or that just ended (rsvp.AttendanceTarget).
	pickAttendance
)

// loadEvent finds the event an option or a custom id names: an id (sent back
// by autocomplete or carried by a button), or for an option a title typed
// freely (accent-insensitive; upcoming first). A button's id is never guessed.
func loadEvent(ctx context.Context, tx *storage.Tx, now time.Time, guildID, v string, fromButton bool) (storage.Event, storage.Space, error) {
	return loadEventFor(ctx, tx, now, guildID, v, fromButton, pickToCome)
}

// loadEventFor is loadEvent choosing among a series' dates as pick says.
func loadEventFor(ctx context.Context, tx *storage.Tx, now time.Time, guildID, v string, fromButton bool, pick eventPick) (storage.Event, storage.Space, error) {
	bad := "event.unknown"
	if fromButton {
		bad = "error.bad_button"
	}
	v = strings.TrimSpace(v)
	id, err := strconv.ParseInt(v, 10, 64)
	var e storage.Event
	switch {
	case err == nil && id > 0:
		e, err = tx.Event(ctx, guildID, id)
		if errors.Is(err, storage.ErrNotFound) {
			return e, storage.Space{}, userErr(bad)
		}
		if err != nil {
			return e, storage.Space{}, err
		}
	case fromButton || Fold(v) == "":
		return e, storage.Space{}, userErr(bad)
	default:
		found, err := searchEvents(ctx, tx, guildID, Fold(v), now, pick)
		if err != nil {
			return e, storage.Space{}, err
		}
		// Prefer the exact title; among one title (a series), the soonest to come.
		var exact []storage.Event
		for _, f := range found {
			if f.TitleKey == Fold(v) {
				exact = append(exact, f)
			}
		}
		if len(exact) > 0 {
			found = exact
		}
		titles := map[string]bool{}
		for _, f := range found {
			titles[f.TitleKey] = true
		}
		switch {
		case len(found) == 0:
			return e, storage.Space{}, eventUnknown(ctx, tx, guildID, v, now)
		case len(titles) > 1:
			var names []string
			for _, f := range found {
				names = append(names, "**"+Escape(f.Title)+"**")
			}
			return e, storage.Space{}, userErr("event.ambiguous", Escape(Truncate(v, 40)), nameList{names: names, what: "events"})
		}
		e = pickOccurrence(found, now, pick)
	}
	s, err := tx.Space(ctx, guildID, e.SpaceID)
	return e, s, err
}

// searchEvents finds the occurrences a typed title may mean. For an
// attendance, the recent past comes in whole: a weekly series' coming dates
// would otherwise fill the search and hide the session just held.
func searchEvents(ctx context.Context, tx *storage.Tx, guildID, key string, now time.Time, pick eventPick) ([]storage.Event, error) {
	found, err := tx.SearchEvents(ctx, guildID, key, now, 10)
	if err != nil || pick != pickAttendance {
		return found, err
	}
	past, err := tx.SearchPastEvents(ctx, guildID, key, now.AddDate(0, 0, -60), now, 10)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for _, p := range past {
		seen[p.ID] = true
	}
	for _, f := range found {
		if !seen[f.ID] {
			past = append(past, f)
		}
	}
	return past, nil
}

// pickOccurrence chooses among the dates of one title (found is not empty).
func pickOccurrence(found []storage.Event, now time.Time, pick eventPick) storage.Event {
	if pick == pickAttendance {
		occ := make([]rsvp.Event, len(found))
		for i, f := range found {
			occ[i] = rsvp.EventOf(f)
		}
		return found[rsvp.AttendanceTarget(occ, now)]
	}
	// A change or an answer is about a date still to come: skip the
	// cancelled and finished ones of a series when there is one.
	for _, f := range found {
		if !f.Cancelled && now.Before(f.End) {
			return f
		}
	}
	return found[0]
}

// rsvpChoices are the answers an announcement's buttons carry.
var rsvpChoices = map[string]rsvp.Status{"y": rsvp.Going, "m": rsvp.Maybe, "n": rsvp.NotGoing}

// rsvpClick: decode the button (the router checked its parameters), authorize (any member of the event's
// network), decide (rsvp.Answer), then render the answer and tell those
// moved up.
func (a *App) rsvpClick(ctx context.Context, r *Request) (*Response, error) {
	var (
		e     storage.Event
		res   rsvp.Result
		quiet bool // reminders turned off
	)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var (
			err error
			s   storage.Space
		)
		if e, s, err = loadEvent(ctx, tx, r.Now, r.GuildID, r.Params.Str("event"), true); err != nil {
			return err
		}
		res, err = rsvp.Answer(ctx, tx, rsvp.AnswerInput{Event: rsvp.EventOf(e), Member: rsvp.Member{ID: r.User.ID, Name: r.User.Name},
			Choice: rsvpChoices[r.Params.Str("answer")], Now: r.Now})
		switch {
		case errors.Is(err, rsvp.ErrCancelled):
			return userErr("event.rsvp_cancelled", Escape(e.Title))
		case errors.Is(err, rsvp.ErrOver):
			return userErr("event.rsvp_over", Escape(e.Title))
		case err != nil:
			return err
		}
		if err := a.tellPromoted(ctx, tx, r.Now, e, s, res.Promoted); err != nil {
			return err
		}
		if quiet, err = tx.RemindersOff(ctx, r.GuildID, r.User.ID); err != nil {
			return err
		}
		if _, err := tx.TouchMember(ctx, r.GuildID, r.User.ID, r.User.Name, r.Locale, r.Now); err != nil {
			return err
		}
		return a.refresh(ctx, tx, r.Now, e)
	})
	if err != nil {
		return nil, err
	}
	return answerReply(r.Lang(), e, res, quiet), nil
}

// fillSeats gives free seats to those waiting (rsvp.FillSeats) and tells them.
func (a *App) fillSeats(ctx context.Context, tx *storage.Tx, now time.Time, e storage.Event, s storage.Space) ([]rsvp.Member, error) {
	promoted, err := rsvp.FillSeats(ctx, tx, rsvp.EventOf(e), now)
	if err != nil {
		return nil, err
	}
	return promoted, a.tellPromoted(ctx, tx, now, e, s, promoted)
}

// tellPromoted DMs each member moved up from the waitlist, in their language.
func (a *App) tellPromoted(ctx context.Context, tx *storage.Tx, now time.Time, e storage.Event, s storage.Space, promoted []rsvp.Member) error {
	for _, m := range promoted {
		ul := a.memberLang(ctx, tx, e.GuildID, m.ID)
		if _, err := post(ctx, tx, now, e.GuildID, OutDM, m.ID, promotedDM(ul, e, s), fmt.Sprintf("promoted:%d:%s:%d", e.ID, m.ID, now.Unix())); err != nil {
			return err
		}
	}
	return nil
}

// memberLang is the language of a DM to a member: their last known locale,
// else the network's language.
func (a *App) memberLang(ctx context.Context, tx *storage.Tx, guildID, userID string) Lang {
	if m, err := tx.Member(ctx, guildID, userID); err == nil && m.Locale != "" {
		return LangOf(m.Locale)
	}
	if g, err := tx.Guild(ctx, guildID); err == nil {
		return Lang(g.Lang)
	}
	return FR
}
