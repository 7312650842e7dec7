package commands

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/tierslieux/tiersbot/commands/render"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/ics"
	"github.com/tierslieux/tiersbot/commands/register"
	"github.com/tierslieux/tiersbot/commands/rsvp"
	"github.com/tierslieux/tiersbot/commands/sheet"
	"github.com/tierslieux/tiersbot/storage"
)

func (a *App) eventList(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	days := 30
	if r.Has("days") {
		n, err := strconv.Atoi(r.Opt("days"))
		if err != nil || n < 1 || n > 366 {
			return nil, userErr("event.bad_days")
		}
		days = n
	}
	var (
		events []storage.Event
		names  = map[int64]string{}
		counts map[int64]map[string]int
		space  storage.Space
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if r.Opt("space") != "" {
			if space, err = resolveSpace(ctx, tx, r.GuildID, r.Opt("space")); err != nil {
				return err
			}
		}
		if events, err = tx.UpcomingEvents(ctx, r.GuildID, space.ID, r.Now, r.Now.AddDate(0, 0, days), 20); err != nil {
			return err
		}
		spaces, err := spacesOf(ctx, tx, r.GuildID, events)
		if err != nil {
			return err
		}
		for id, s := range spaces {
			names[id] = s.Name
		}
		ids := make([]int64, len(events))
		for i, e := range events {
			ids[i] = e.ID
		}
		counts, err = tx.RSVPCountsOf(ctx, ids)
		return err
	})
	if err != nil {
		return nil, err
	}
	where := l.T("event.list_network")
	if space.ID != 0 {
		where = Escape(space.Name)
	}
	em := &discordgo.MessageEmbed{Title: l.T("event.list_title", where, days), Color: colorEvent}
	if len(events) == 0 {
		em.Description = l.T("event.list_none")
	}
	var lines []string
	for _, e := range events {
		line := fmt.Sprintf("**%s** — %s (%s) · %s", Escape(e.Title), tsFull(e.Start), tsRel(e.Start), Escape(names[e.SpaceID]))
		if e.Cancelled {
			line = "~~" + line + "~~ " + l.T("event.cancelled_tag")
		} else if e.Capacity > 0 {
			line += " · " + l.T("event.seats", counts[e.ID][storage.Going], e.Capacity)
		} else {
			line += " · " + l.N("event.going_n", counts[e.ID][storage.Going])
		}
		lines = append(lines, line)
	}
	var b render.Builder
	e := b.Embed(em)
	if len(lines) > 0 {
		e.Desc(lines, more(l, "events", listAttached))
	}
	m := Message{Embeds: b.Embeds()}
	attachFull(&m, &b, "evenements.txt", time.UTC)
	return &Response{Ephemeral: true, Message: m}, nil
}

func (a *App) eventInfo(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var m Message
	var mine storage.RSVP
	ended := false
	err := a.read(ctx, func(tx *storage.Tx) error {
		e, s, err := loadEvent(ctx, tx, r.Now, r.GuildID, r.Opt("event"), false)
		if err != nil {
			return err
		}
		g, err := tx.Guild(ctx, r.GuildID)
		if err != nil {
			return err
		}
		g.Lang = string(l) // shown to this user, in their language
		if m, err = a.announcement(ctx, tx, g, s, e); err != nil {
			return err
		}
		if ended = !r.Now.Before(e.End); ended {
			m.Components = nil
		}
		mine, err = tx.RSVP(ctx, e.ID, r.User.ID)
		if errors.Is(err, storage.ErrNotFound) {
			err = nil
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if mine.Status != "" {
		m.Content = l.T("event.your_answer", answerLabel(l, rsvp.Status(mine.Status), rsvp.AttendanceOf(mine.Attended), ended))
	}
	return &Response{Ephemeral: true, Message: m}, nil
}

// changeableEvent loads the event option for an animator's change: it must
// be theirs to change, not cancelled and not over.
func changeableEvent(ctx context.Context, tx *storage.Tx, r *Request) (storage.Event, storage.Space, error) {
	e, s, _, err := animatorEvent(ctx, tx, r, r.Opt("event"), false)
	if err != nil {
		return e, s, err
	}
	if e.Cancelled {
		return e, s, userErr("event.is_cancelled", Escape(e.Title))
	}
	if !r.Now.Before(e.End) {
		return e, s, userErr("event.is_over", Escape(e.Title))
	}
	return e, s, nil
}

func (a *App) eventEdit(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		e       storage.Event
		s       storage.Space
		typeKey string
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if e, s, err = changeableEvent(ctx, tx, r); err != nil {
			return err
		}
		typeKey, err = eventTypeOpt(ctx, tx, r) // event_types.go
		return err
	})
	if err != nil {
		return nil, err
	}
	proj, err := a.eventProject(ctx, r)
	if err != nil {
		return nil, err
	}
	return &Response{Type: OpenModal, Modal: eventModal(l, CustomID("evedit", e.ID, typeKey, proj), l.T("event.modal_edit"), e, s)}, nil
}

func (a *App) eventEditSubmit(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	id := r.Params.Str("event")
	typeKey := r.Params.Str("type") // the type chosen on the command, if any (event_types.go)
	proj := r.Params.ID("project")  // 0 unless it belongs to a project
	var e storage.Event
	moved := false
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var (
			s   storage.Space
			g   storage.Guild
			err error
		)
		if e, s, g, err = animatorEvent(ctx, tx, r, id, true); err != nil {
			return err
		}
		if e.Cancelled || !r.Now.Before(e.End) {
			return userErr("event.is_over", Escape(e.Title))
		}
		before := e
		if err := eventFields(r, s, &e); err != nil {
			return err
		}
		if err := tx.UpdateEvent(ctx, e); err != nil {
			return err
		}
		if err := formEventType(ctx, tx, r.GuildID, typeKey, e.ID); err != nil { // event_types.go
			return err
		}
		if err := linkEventProject(ctx, tx, e, proj); err != nil {
			return err
		}
		// More seats: the waitlist moves up, as many as there are new seats.
		if _, err := a.fillSeats(ctx, tx, r.Now, e, s); err != nil {
			return err
		}
		moved = !e.Start.Equal(before.Start) || !e.End.Equal(before.End)
		if moved {
			told, err := rsvp.ToTellOfMove(ctx, tx, e.ID)
			if err != nil {
				return err
			}
			for _, x := range told {
				m := movedDM(a.memberLang(ctx, tx, e.GuildID, x.ID), e, s)
				if _, err := post(ctx, tx, r.Now, e.GuildID, OutDM, x.ID, m, fmt.Sprintf("moved:%d:%s:%d", e.ID, x.ID, e.Start.Unix())); err != nil {
					return err
				}
			}
		}
		if e.SchedOutbox != 0 {
			m := Message{Event: &ScheduledEvent{Name: Truncate(e.Title, 100), Description: Truncate(e.Description, 1000),
				Location: Truncate(s.Name+", "+s.Town, 100), Start: e.Start, End: e.End}}
			if _, err := post(ctx, tx, r.Now, e.GuildID, OutEventUpdate, "ref:"+strconv.FormatInt(e.SchedOutbox, 10), m, ""); err != nil {
				return err
			}
		} else if err := a.publish(ctx, tx, g, s, &e, r.Now, false); err != nil {
			return err
		}
		return a.refresh(ctx, tx, r.Now, e)
	})
	if err != nil {
		return nil, err
	}
	text := l.T("event.edited", Escape(e.Title))
	if moved {
		text += "\n" + l.T("event.edited_moved")
	}
	return ephemeral(text), nil
}

func (a *App) eventCancel(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	reason, n := CleanText(r.Opt("reason"), false)
	if n > maxCancelReason {
		return nil, userErr("event.reason_too_long", maxCancelReason)
	}
	whole := r.Opt("scope") == "series"
	var (
		e         storage.Event
		cancelled int
		told      int
	)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var (
			err error
			s   storage.Space
		)
		if e, s, err = changeableEvent(ctx, tx, r); err != nil {
			return err
		}
		targets := []storage.Event{e}
		if whole {
			if targets, err = tx.SeriesEvents(ctx, e.SeriesID, r.Now); err != nil {
				return err
			}
		}
		for _, x := range targets {
			if err := tx.CancelEvent(ctx, x.ID, r.Now, reason); err != nil {
				return err
			}
			x.Cancelled, x.CancelReason = true, reason
			cancelled++
			people, err := rsvp.ToTellOfCancellation(ctx, tx, x.ID)
			if err != nil {
				return err
			}
			for _, p := range people {
				m := cancelledDM(a.memberLang(ctx, tx, x.GuildID, p.ID), x, s, reason)
				if _, err := post(ctx, tx, r.Now, x.GuildID, OutDM, p.ID, m, fmt.Sprintf("cancelled:%d:%s", x.ID, p.ID)); err != nil {
					return err
				}
				told++
			}
			if x.SchedOutbox != 0 {
				if _, err := post(ctx, tx, r.Now, x.GuildID, OutEventDelete, "ref:"+strconv.FormatInt(x.SchedOutbox, 10), Message{}, fmt.Sprintf("unsched:%d", x.ID)); err != nil {
					return err
				}
			}
			if err := a.refresh(ctx, tx, r.Now, x); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.N("event.cancel_done", cancelled, Escape(e.Title)) + "\n" + l.N("event.cancel_told", told)), nil
}

// walkinsOpen shows the walk-ins form: the names of those who came without
// answering, one per line (each a register entry, reused across events), and
// how many more came whose names were not taken.
func (a *App) walkinsOpen(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	id := r.Params.Str("event")
	var (
		e     storage.Event
		named []storage.RegisterEntry
		total int
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if e, err = attendanceEvent(ctx, tx, r, id, true); err != nil {
			return err
		}
		if named, err = tx.EventRegisterAttendees(ctx, e.ID); err != nil {
			return err
		}
		total, err = tx.EventRegisterCount(ctx, e.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	lines := make([]string, 0, len(named))
	for _, x := range named {
		lines = append(lines, register.LineOf(x))
	}
	names := strings.Join(lines, "\n")
	if len([]rune(names)) > register.MaxText { // never at 200 lines of 100 + 60; said rather than cut
		return nil, registerRefusal(&register.Refusal{Reason: register.TooManyLines})
	}
	return &Response{Type: OpenModal, Modal: walkinsModal(l, CustomID("attw", e.ID), names, strconv.Itoa(max(e.Walkins-total, 0)))}, nil
}

// walkinsModal is the walk-ins form: names one per line, and a count.
func walkinsModal(l Lang, customID, names, count string) *Modal {
	return &Modal{CustomID: customID, Title: Truncate(l.T("event.walkins_title"), 45), Fields: []TextField{
		{ID: "names", Label: l.T("register.walkins_names"), Paragraph: true, Value: names, Placeholder: l.T("register.walkins_names_hint"), MaxLength: register.MaxText},
		{ID: "walkins", Label: l.T("register.walkins_anonymous"), Value: count, MaxLength: 4},
	}}
}

// walkinsSubmit records the walk-ins: named ones in the register, the others
// as a count. events.walkins keeps the total (named + anonymous), which the
// figures already add to those who answered.
func (a *App) walkinsSubmit(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	id := r.Params.Str("event")
	anon, err := register.ParseAnonymous(r.Fields["walkins"])
	if err != nil {
		return nil, registerRefusal(err)
	}
	lines, err := register.ParseWalkins(r.Fields["names"])
	if err != nil {
		return nil, registerRefusal(err)
	}
	var (
		e   storage.Event
		got register.WalkinsResult
	)
	err = a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if e, err = attendanceEvent(ctx, tx, r, id, true); err != nil {
			return err
		}
		s, err := tx.Space(ctx, e.GuildID, e.SpaceID)
		if err != nil {
			return err
		}
		got, err = register.RecordWalkins(ctx, tx, register.WalkinsInput{Event: e, Zone: location(s.Timezone), Lines: lines,
			Anonymous: anon, By: r.User.ID, Now: r.Now})
		return registerRefusal(err)
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(walkinsSavedText(l, e, got)), nil
}

// eventSheet returns the printable sign-in sheet (feuille d'émargement) funders require.
func (a *App) eventSheet(ctx context.Context, r *Request) (*Response, error) {
	return a.signInSheet(ctx, r, sheet.Render) // event_sheet.go
}

// eventICS returns the upcoming events as an iCalendar file.
func (a *App) eventICS(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		events []storage.Event
		spaces = map[int64]storage.Space{}
		only   storage.Space
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if r.Opt("space") != "" {
			if only, err = resolveSpace(ctx, tx, r.GuildID, r.Opt("space")); err != nil {
				return err
			}
		}
		if events, err = tx.UpcomingEvents(ctx, r.GuildID, only.ID, r.Now.AddDate(0, 0, -30), r.Now.AddDate(1, 0, 0), 1000); err != nil {
			return err
		}
		list, err := tx.Spaces(ctx, r.GuildID)
		for _, s := range list {
			spaces[s.ID] = s
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	name := l.T("event.ics_network")
	if only.ID != 0 {
		name = only.Name
	}
	data, err := icsFor(name, events, spaces, r.GuildID)
	if err != nil {
		return nil, err
	}
	return &Response{Ephemeral: true, Message: Message{Content: l.N("event.ics_ready", len(events)),
		Files: []File{{Name: slug(name) + ".ics", ContentType: "text/calendar; charset=utf-8", Data: data}}}}, nil
}

// icsFor renders events as iCalendar, each in its space's time zone.
func icsFor(name string, events []storage.Event, spaces map[int64]storage.Space, guildID string) ([]byte, error) {
	var out []ics.Event
	for _, e := range events {
		s := spaces[e.SpaceID]
		out = append(out, ics.Event{UID: fmt.Sprintf("event-%d-%s@tiersbot", e.ID, guildID), Title: e.Title, Description: e.Description,
			Location: s.Name + ", " + s.Town, Start: e.Start, End: e.End, Zone: location(s.Timezone), Cancelled: e.Cancelled,
			// The space's team, never a person: feeds are public and outlive anyone's consent.
			Organizer: s.Name})
	}
	return ics.Calendar(name, out)
}

func slug(s string) string {
	f := strings.ReplaceAll(Fold(s), " ", "-")
	if len(f) > 40 {
		f = f[:40]
	}
	if f == "" {
		return "tiersbot"
	}
	return f
}

// settings shows and changes a member's preferences: event reminders,
// introduction requests, the weekly matches DM.
func (a *App) settings(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		off bool
		p   storage.Profile
	)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if r.Has("reminders") {
			if err := tx.SetRemindersOff(ctx, r.GuildID, r.User.ID, r.Opt("reminders") != "true"); err != nil {
				return err
			}
		}
		if p, err = tx.Profile(ctx, r.GuildID, r.User.ID); err != nil {
			return err
		}
		if r.Has("introductions") || r.Has("weekly_matches") {
			if r.Has("introductions") {
				p.IntrosOff = r.Opt("introductions") != "true"
			}
			if r.Has("weekly_matches") {
				p.WeeklyMatches = r.Opt("weekly_matches") == "true"
			}
			if err := tx.SaveProfile(ctx, p); err != nil {
				return err
			}
		}
		off, err = tx.RemindersOff(ctx, r.GuildID, r.User.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	onOff := func(on bool) string {
		if on {
			return l.T("on")
		}
		return l.T("off")
	}
	// Says whether something changed, then all three, then how to change one.
	head := l.T("settings.shown")
	if r.Has("reminders") || r.Has("introductions") || r.Has("weekly_matches") {
		head = l.T("settings.saved")
	}
	return ephemeral(head + "\n" + l.T("settings.reminders", onOff(!off)) + "\n" + l.T("settings.intros", onOff(!p.IntrosOff)) + "\n" +
		l.T("settings.matches", onOff(p.WeeklyMatches)) + "\n" + l.T("settings.next")), nil
}

// SendReminders sends the 24-hour and 1-hour reminders to those going, once
// each (outbox dedup keys), and warns organizers of under-filled events.
func (a *App) SendReminders(ctx context.Context, now time.Time) error {
	return a.writeJob(ctx, func(tx *storage.Tx) error {
		events, err := tx.EventsStartingAll(ctx, now, now.Add(24*time.Hour))
		if err != nil {
			return err
		}
		for _, e := range events {
			s, err := tx.Space(ctx, e.GuildID, e.SpaceID)
			if err != nil {
				return err
			}
			rsvps, err := tx.RSVPs(ctx, e.ID)
			if err != nil {
				return err
			}
			left := e.Start.Sub(now)
			if left <= 2*time.Hour && left > time.Hour {
				// Too late for the day-before reminder (the bot was down), too
				// early for the hour-before one: nothing yet.
				continue
			}
			hourly := left <= time.Hour
			kind, before := "24h", 24*time.Hour
			if hourly {
				kind, before = "1h", time.Hour
			}
			text := "event.reminder_" + kind
			loc := location(s.Timezone)
			if !hourly && now.In(loc).Format("20060102") == e.Start.In(loc).Format("20060102") {
				text = "event.reminder_today" // sent late, after a restart
			}
			going := 0
			for _, x := range rsvps {
				if x.Status != storage.Going {
					continue
				}
				going++
				// Only those who answered before the reminder's moment: no
				// "tomorrow!" to someone who said yes an hour ago.
				if !x.Since.Before(e.Start.Add(-before)) {
					continue
				}
				if off, err := tx.RemindersOff(ctx, e.GuildID, x.UserID); err != nil {
					return err
				} else if off {
					continue
				}
				ul := a.memberLang(ctx, tx, e.GuildID, x.UserID)
				m := Message{Content: ul.T(text, Escape(e.Title), tsFull(e.Start), tsRel(e.Start), place(Escape(s.Name)), Escape(s.Town))}
				if _, _, err := tx.Enqueue(ctx, storage.OutboxItem{GuildID: e.GuildID, Kind: OutDM, Target: x.UserID, Payload: mustJSON(m),
					DedupKey: fmt.Sprintf("remind:%s:%d:%s:%d", kind, e.ID, x.UserID, e.Start.Unix())}, now); err != nil {
					return err
				}
			}
			// The heads-up is for events that existed 24 hours before: one
			// announced this afternoon for tonight is not "under-filled".
			if !hourly && e.Capacity > 0 && going*3 < e.Capacity && !e.Created.After(e.Start.Add(-24*time.Hour)) {
				ul := a.memberLang(ctx, tx, e.GuildID, e.OrganizerID)
				m := Message{Content: ul.T("event.low_fill", Escape(e.Title), tsRel(e.Start), going, e.Capacity)}
				if _, _, err := tx.Enqueue(ctx, storage.OutboxItem{GuildID: e.GuildID, Kind: OutDM, Target: e.OrganizerID, Payload: mustJSON(m),
					DedupKey: fmt.Sprintf("lowfill:%d:%d", e.ID, e.Start.Unix())}, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// completeEvent suggests events by title: upcoming first, then the recent past.
func (a *App) completeEvent(ctx context.Context, r *Request, typed string) ([]Choice, error) {
	var events []storage.Event
	byID := map[int64]storage.Space{}
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if events, err = tx.SearchEvents(ctx, r.GuildID, Fold(typed), r.Now, MaxChoices); err != nil {
			return err
		}
		byID, err = spacesOf(ctx, tx, r.GuildID, events)
		return err
	})
	return eventChoices(events, byID), err
}

// eventChoices labels events for autocomplete: title, date and space.
func eventChoices(events []storage.Event, byID map[int64]storage.Space) []Choice {
	out := make([]Choice, 0, len(events))
	for _, e := range events {
		s := byID[e.SpaceID]
		label := fmt.Sprintf("%s — %s · %s", e.Title, e.Start.In(location(s.Timezone)).Format("02/01 15:04"), s.Name)
		if e.Cancelled {
			label = "✖ " + label
		}
		out = append(out, Choice{Name: label, Value: strconv.FormatInt(e.ID, 10)})
	}
	return out
}

func mustJSON(m Message) []byte {
	b, err := json.Marshal(fitMessage(context.Background(), nil, "outbox", m))
	if err != nil {
		panic(err) // a Message always encodes
	}
	return b
}

// spacesOf loads the spaces of a few events, not the whole network's
// (3,500 spaces at national scale).
func spacesOf(ctx context.Context, tx *storage.Tx, guildID string, events []storage.Event) (map[int64]storage.Space, error) {
	ids := make([]int64, len(events))
	for i, e := range events {
		ids[i] = e.SpaceID
	}
	return tx.SpacesByID(ctx, guildID, ids)
}

// animatorEvent loads an event (an option typed or chosen, or a button's
// argument) that the caller animates.
func animatorEvent(ctx context.Context, tx *storage.Tx, r *Request, v string, fromButton bool) (storage.Event, storage.Space, storage.Guild, error) {
	e, s, err := loadEvent(ctx, tx, r.Now, r.GuildID, v, fromButton)
	if err != nil {
		return e, s, storage.Guild{}, err
	}
	g, err := requireAnimator(ctx, tx, r, s)
	return e, s, g, err
}

// attendanceEvent loads the event whose attendance is recorded, for an
// animator of its space, or in DMs (no server, no roles) for its organiser,
// to whom the "who came?" DM went; a typed title means the session under way
// or just ended. Only once the event has started, whichever command, select
// or form asks.
func attendanceEvent(ctx context.Context, tx *storage.Tx, r *Request, v string, fromButton bool) (storage.Event, error) {
	var (
		e   storage.Event
		err error
	)
	if r.GuildID == "" {
		e, err = organiserEvent(ctx, tx, r, v)
	} else {
		var s storage.Space
		if e, s, err = loadEventFor(ctx, tx, r.Now, r.GuildID, v, fromButton, pickAttendance); err == nil {
			_, err = requireAnimator(ctx, tx, r, s)
		}
	}
	if err == nil && r.Now.Before(e.Start) {
		err = userErr("event.not_started", Escape(e.Title), tsRel(e.Start))
	}
	return e, err
}

// organiserEvent loads the event a DM button names, for its organiser only.
func organiserEvent(ctx context.Context, tx *storage.Tx, r *Request, v string) (storage.Event, error) {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return storage.Event{}, userErr("error.bad_button")
	}
	e, err := tx.EventAnyGuild(ctx, id)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && (e.OrganizerID == "" || e.OrganizerID != r.User.ID)) {
		return e, userErr("error.bad_button")
	}
	return e, err
}
