package commands

import (
	"context"
	"errors"
	"fmt"
	"github.com/tierslieux/tiersbot/commands/presence"
	"github.com/tierslieux/tiersbot/commands/render"
	"sort"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/storage"
)

const maxNote = 200

func (a *App) checkin(ctx context.Context, r *Request) (*Response, error) {
	note, n := CleanText(r.Opt("note"), false)
	if n > maxNote {
		return nil, userErr("checkin.note_too_long", maxNote)
	}
	return a.checkinAt(ctx, r, 0, note)
}

// checkinAt checks the user in at spaceID (0: from the options or the default
// space). Checking in elsewhere first checks out of the previous space.
func (a *App) checkinAt(ctx context.Context, r *Request, spaceID int64, note string) (*Response, error) {
	var (
		s   storage.Space
		arr presence.Arrival
	)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if spaceID != 0 {
			s, err = tx.Space(ctx, r.GuildID, spaceID)
			if errors.Is(err, storage.ErrNotFound) {
				return userErr("error.bad_button")
			}
		} else {
			s, err = spaceFor(ctx, tx, r)
		}
		if err != nil {
			return err
		}
		arr, err = presence.CheckIn(ctx, tx, presence.Arrive{GuildID: r.GuildID, UserID: r.User.ID, Name: r.User.Name, Locale: r.Locale, Space: s, Note: note, Now: r.Now}, location)
		if err != nil || arr.Already.ID != 0 || !s.AnnounceArrivals || s.ChannelID == "" {
			return err
		}
		g, err := tx.Guild(ctx, r.GuildID)
		if err != nil {
			return err
		}
		_, err = postNaming(ctx, tx, r.Now, r.GuildID, OutChannel, s.ChannelID, arrivalPost(Lang(g.Lang), r.User.Name, s, note), "", r.User.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return arrivalReply(r.Lang(), r.User.Name, s, r.Now, arr), nil
}

// arrivalPost announces an arrival in the space's channel.
func arrivalPost(l Lang, name string, s storage.Space, note string) Message {
	text := l.T("checkin.arrival", Escape(name), place(Escape(s.Name)))
	if note != "" {
		text += " — _" + Escape(note) + "_"
	}
	return Message{Content: text}
}

// arrivalReply tells the member what their check-in did.
func arrivalReply(l Lang, name string, s storage.Space, now time.Time, arr presence.Arrival) *Response {
	checkoutRow := Row{Button(Secondary, l.T("btn.checkout"), "checkout")}
	if arr.Already.ID != 0 {
		return ephemeral(l.T("checkin.already", place(Escape(s.Name)), tsTime(arr.Already.At), tsRel(arr.Already.At)), checkoutRow)
	}
	var b strings.Builder
	b.WriteString(l.T("checkin.done", place(Escape(s.Name)), Escape(name), tsTime(now)))
	if arr.MovedFrom != "" {
		b.WriteString("\n" + l.T("checkin.moved", place(Escape(arr.MovedFrom))))
	}
	b.WriteString("\n" + l.N("checkin.count", arr.Count))
	switch arr.Fullness {
	case presence.OverFull:
		b.WriteString("\n" + l.T("checkin.full", arr.Count, s.Capacity))
	case presence.NowFull:
		b.WriteString("\n" + l.T("checkin.now_full", s.Capacity))
	}
	b.WriteString("\n" + l.T("checkin.closes", tsTime(arr.Closes)))
	return ephemeral(b.String(), checkoutRow)
}

func (a *App) checkout(ctx context.Context, r *Request) (*Response, error) {
	var d presence.Departure
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		d, err = presence.CheckOut(ctx, tx, r.GuildID, r.User.ID, r.Now)
		if errors.Is(err, presence.ErrNotIn) {
			return userErr("checkout.not_in")
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	l := r.Lang()
	return ephemeral(l.T("checkout.done", place(Escape(d.Space.Name)), l.Stay(d.Stay))), nil
}

func (a *App) whoshere(ctx context.Context, r *Request) (*Response, error) {
	return a.whoshereAt(ctx, r, 0)
}

func (a *App) whoshereAt(ctx context.Context, r *Request, spaceID int64) (*Response, error) {
	l := r.Lang()
	var (
		s       storage.Space
		ok      bool
		present []storage.Checkin
		spaces  []storage.Space
		counts  map[int64]int
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		switch {
		case spaceID != 0:
			s, err = tx.Space(ctx, r.GuildID, spaceID)
			if errors.Is(err, storage.ErrNotFound) {
				return userErr("error.bad_button")
			}
			ok = err == nil
		case r.Opt("space") != "":
			s, err = resolveSpace(ctx, tx, r.GuildID, r.Opt("space"))
			ok = err == nil
		default:
			s, ok, err = defaultSpace(ctx, tx, r)
		}
		if err != nil {
			return err
		}
		if ok {
			present, err = tx.Present(ctx, s.ID)
			return err
		}
		if spaces, err = tx.Spaces(ctx, r.GuildID); err != nil {
			return err
		}
		counts, err = tx.PresentCounts(ctx, r.GuildID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !ok {
		if len(spaces) == 0 {
			return nil, userErr("space.none_yet")
		}
		return &Response{Ephemeral: true, Message: overviewMessage(l, spaces, counts, r.Now)}, nil
	}
	base := &discordgo.MessageEmbed{
		Title:  l.T("who.title", place(Escape(s.Name))),
		Color:  colorSpace,
		Footer: &discordgo.MessageEmbedFooter{Text: presentText(l, len(present), s.Capacity) + " · " + s.Town},
	}
	if len(present) == 0 {
		base.Description = l.T("who.nobody")
	}
	var b render.Builder
	e := b.Embed(base)
	if len(present) > 0 {
		lines := make([]string, 0, len(present))
		for _, c := range present {
			line := l.T("who.line", Escape(c.Name), tsTime(c.At))
			if c.Note != "" {
				line += " · _" + Escape(c.Note) + "_"
			}
			lines = append(lines, line)
		}
		e.Desc(lines, more(l, "people", listAttached))
	}
	m := Message{Embeds: b.Embeds()}
	attachFull(&m, &b, "presents.txt", location(s.Timezone))
	return &Response{Ephemeral: true, Message: m}, nil
}

func overviewMessage(l Lang, spaces []storage.Space, counts map[int64]int, now time.Time) Message {
	total := 0
	sort.SliceStable(spaces, func(i, j int) bool { return counts[spaces[i].ID] > counts[spaces[j].ID] })
	lines := make([]string, 0, len(spaces))
	for _, s := range spaces {
		total += counts[s.ID]
		lines = append(lines, fmt.Sprintf("**%s** (%s) — %s", Escape(s.Name), Escape(s.Town), presentText(l, counts[s.ID], s.Capacity)))
	}
	var b render.Builder
	b.Embed(&discordgo.MessageEmbed{
		Title:  l.T("who.network"),
		Color:  colorNetwork,
		Footer: &discordgo.MessageEmbedFooter{Text: l.N("who.total", total)},
	}).Desc(lines, more(l, "spaces", listAttached))
	m := Message{Embeds: b.Embeds()}
	attachFull(&m, &b, "presents-"+now.UTC().Format("2006-01-02")+".txt", time.UTC)
	return m
}

// myCheckins summarises the user's visits this month, per space.
func (a *App) myCheckins(ctx context.Context, r *Request) (*Response, error) {
	var (
		g      storage.Guild
		visits []storage.Checkin
		spaces []storage.Space
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if g, err = tx.Guild(ctx, r.GuildID); err != nil {
			return err
		}
		from, to := presence.Month(r.Now, location(g.Timezone))
		if visits, err = tx.MemberCheckins(ctx, r.GuildID, r.User.ID, from, to); err != nil {
			return err
		}
		spaces, err = tx.Spaces(ctx, r.GuildID)
		return err
	})
	if err != nil {
		return nil, err
	}
	per, total := presence.Summarise(visits, r.Now)
	return mineReply(r.Lang(), r.Now.In(location(g.Timezone)), spaces, per, len(visits), total), nil
}

// mineReply renders a member's month.
func mineReply(l Lang, now time.Time, spaces []storage.Space, per []presence.SpaceStays, visits int, total time.Duration) *Response {
	month := l.Month(now)
	if visits == 0 {
		return ephemeral(l.T("mine.none", month))
	}
	names := map[int64]string{}
	for _, s := range spaces {
		names[s.ID] = s.Name
	}
	fields := make([]render.Field, 0, len(per))
	for _, g := range per {
		fields = append(fields, render.Field{
			Name:   Escape(names[g.SpaceID]),
			Value:  l.N("mine.visits", g.Visits) + " · " + l.Stay(g.Stay) + autoOutsNote(l, g.AutoOuts) + "\n" + l.T("mine.last", tsDate(g.Last)),
			Inline: true,
		})
	}
	var b render.Builder
	moreSpaces := more(l, "spaces", listAttached)
	b.Embed(&discordgo.MessageEmbed{Title: l.T("mine.title", month), Color: colorSpace,
		Footer: &discordgo.MessageEmbedFooter{Text: l.N("mine.total", visits, l.Stay(total))}}).
		FieldList(fields, func(left int) render.Field { return render.Field{Name: "…", Value: moreSpaces(left)} })
	m := Message{Embeds: b.Embeds()}
	attachFull(&m, &b, "mes-passages.txt", time.UTC)
	return &Response{Ephemeral: true, Message: m}
}

// spaceDesk posts the front desk of a space: a persistent message with
// one-tap check-in and check-out buttons, in the space's channel.
func (a *App) spaceDesk(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var s storage.Space
	var channel string
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if s, err = spaceFor(ctx, tx, r); err != nil {
			return err
		}
		g, err := requireAnimator(ctx, tx, r, s)
		if err != nil {
			return err
		}
		// Always the space's own channel: the channel typed in is the
		// animator's choice, and could be any channel the bot can post in.
		if channel = s.ChannelID; channel == "" {
			return userErr("desk.no_channel", Escape(s.Name))
		}
		gl := Lang(g.Lang)
		m := Message{
			Embeds: []*discordgo.MessageEmbed{{
				Title:       Truncate("🏡 "+gl.T("desk.title", Escape(s.Name)), MaxEmbedTitle),
				Description: gl.T("desk.body", Escape(s.Town)),
				Color:       colorSpace,
				Footer:      &discordgo.MessageEmbedFooter{Text: gl.T("desk.footer", weekText(gl, spaceWeek(s)))},
			}},
			Components: []Row{{
				Button(Success, gl.T("btn.checkin"), CustomID("desk", "in", s.ID)),
				Button(Secondary, gl.T("btn.checkout"), CustomID("desk", "out", s.ID)),
				Button(Primary, gl.T("btn.who"), CustomID("desk", "who", s.ID)),
			}},
		}
		_, err = post(ctx, tx, r.Now, r.GuildID, OutChannel, channel, m, "")
		return err
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.T("desk.posted", place(Escape(s.Name)), mentionChannel(channel))), nil
}

// deskClick handles the front desk's buttons: desk:in:ID, desk:out:ID, desk:who:ID.
// The ids are re-checked: a custom id is user-controlled input.
func (a *App) deskClick(ctx context.Context, r *Request) (*Response, error) {
	id := r.Params.ID("space")
	switch r.Params.Str("action") {
	case "in":
		return a.checkinAt(ctx, r, id, "")
	case "out":
		return a.checkout(ctx, r)
	case "who":
		return a.whoshereAt(ctx, r, id)
	}
	return nil, userErr("error.bad_button")
}

// CloseAtClosingTime checks out everyone still in a space past its closing
// time, recording the closing time itself as the check-out (so stays stay
// true even when the job runs late), and asks each of them by DM whether
// they left earlier. It returns how many it checked out.
func (a *App) CloseAtClosingTime(ctx context.Context, now time.Time) (int, error) {
	var outs []presence.AutoOut
	err := a.writeJob(ctx, func(tx *storage.Tx) error {
		var err error
		if outs, err = presence.CloseDue(ctx, tx, now, location); err != nil {
			return err
		}
		for _, o := range outs {
			l, err := memberLang(ctx, tx, o.Checkin.GuildID, o.Checkin.UserID)
			if err != nil {
				return err
			}
			if _, err := post(ctx, tx, now, o.Checkin.GuildID, OutDM, o.Checkin.UserID, autoOutDM(l, o), fmt.Sprintf("autoout:%d", o.Checkin.ID)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("closing-time check-out: %w", err)
	}
	return len(outs), nil
}
