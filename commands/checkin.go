package commands

import (
	"context"
	"errors"
	"fmt"
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
	l := r.Lang()
	var (
		s         storage.Space
		already   storage.Checkin
		movedFrom string
		count     int
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
		if _, err := tx.TouchMember(ctx, r.GuildID, r.User.ID, r.User.Name, r.Locale, r.Now); err != nil {
			return err
		}
		open, err := tx.OpenCheckin(ctx, r.GuildID, r.User.ID)
		switch {
		case err == nil && open.SpaceID == s.ID:
			already = open
			return nil
		case err == nil:
			prev, perr := tx.Space(ctx, r.GuildID, open.SpaceID)
			if perr == nil {
				movedFrom = prev.Name
			}
			if err := tx.CheckOut(ctx, open.ID, r.Now, storage.OutMoved); err != nil {
				return err
			}
		case !errors.Is(err, storage.ErrNotFound):
			return err
		}
		if _, err := tx.CheckIn(ctx, storage.Checkin{GuildID: r.GuildID, SpaceID: s.ID, UserID: r.User.ID, Note: note, At: r.Now}); err != nil {
			return err
		}
		if count, err = tx.CountPresent(ctx, s.ID); err != nil {
			return err
		}
		if s.AnnounceArrivals && s.ChannelID != "" {
			g, err := tx.Guild(ctx, r.GuildID)
			if err != nil {
				return err
			}
			gl := Lang(g.Lang)
			text := gl.T("checkin.arrival", Escape(r.User.Name), place(Escape(s.Name)))
			if note != "" {
				text += " — _" + Escape(note) + "_"
			}
			if _, err := postNaming(ctx, tx, r.Now, r.GuildID, OutChannel, s.ChannelID, Message{Content: text}, "", r.User.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	checkoutRow := Row{Button(Secondary, l.T("btn.checkout"), "checkout")}
	if already.ID != 0 {
		return ephemeral(l.T("checkin.already", place(Escape(s.Name)), tsTime(already.At), tsRel(already.At)), checkoutRow), nil
	}
	var b strings.Builder
	b.WriteString(l.T("checkin.done", place(Escape(s.Name)), Escape(r.User.Name), tsTime(r.Now)))
	if movedFrom != "" {
		b.WriteString("\n" + l.T("checkin.moved", place(Escape(movedFrom))))
	}
	b.WriteString("\n" + l.N("checkin.count", count))
	if s.Capacity > 0 && count > s.Capacity {
		b.WriteString("\n" + l.T("checkin.full", count, s.Capacity))
	} else if s.Capacity > 0 && count == s.Capacity {
		b.WriteString("\n" + l.T("checkin.now_full", s.Capacity))
	}
	b.WriteString("\n" + l.T("checkin.closes", tsTime(closingAfter(r.Now, s))))
	return ephemeral(b.String(), checkoutRow), nil
}

func (a *App) checkout(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		s    storage.Space
		open storage.Checkin
	)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		open, err = tx.OpenCheckin(ctx, r.GuildID, r.User.ID)
		if errors.Is(err, storage.ErrNotFound) {
			return userErr("checkout.not_in")
		}
		if err != nil {
			return err
		}
		if s, err = tx.Space(ctx, r.GuildID, open.SpaceID); err != nil {
			return err
		}
		return tx.CheckOut(ctx, open.ID, r.Now, storage.OutManual)
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.T("checkout.done", place(Escape(s.Name)), l.Stay(r.Now.Sub(open.At)))), nil
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
	l := r.Lang()
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
		loc := location(g.Timezone)
		local := r.Now.In(loc)
		from := time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, loc)
		if visits, err = tx.MemberCheckins(ctx, r.GuildID, r.User.ID, from, from.AddDate(0, 1, 0)); err != nil {
			return err
		}
		spaces, err = tx.Spaces(ctx, r.GuildID)
		return err
	})
	if err != nil {
		return nil, err
	}
	month := l.Month(r.Now.In(location(g.Timezone)))
	if len(visits) == 0 {
		return ephemeral(l.T("mine.none", month)), nil
	}
	names := map[int64]string{}
	for _, s := range spaces {
		names[s.ID] = s.Name
	}
	type agg struct {
		id   int64
		n    int
		stay time.Duration
		last time.Time
	}
	per := map[int64]*agg{}
	var order []*agg
	var total time.Duration
	for _, v := range visits {
		g := per[v.SpaceID]
		if g == nil {
			g = &agg{id: v.SpaceID}
			per[v.SpaceID] = g
			order = append(order, g)
		}
		end := v.OutAt
		if end.IsZero() {
			end = r.Now
		}
		g.n++
		g.stay += end.Sub(v.At)
		g.last = v.At
		total += end.Sub(v.At)
	}
	sort.Slice(order, func(i, j int) bool { return order[i].n > order[j].n })
	fields := make([]render.Field, 0, len(order))
	for _, g := range order {
		fields = append(fields, render.Field{
			Name:   Escape(names[g.id]),
			Value:  l.N("mine.visits", g.n) + " · " + l.Stay(g.stay) + "\n" + l.T("mine.last", tsDate(g.last)),
			Inline: true,
		})
	}
	var b render.Builder
	moreSpaces := more(l, "spaces", listAttached)
	b.Embed(&discordgo.MessageEmbed{Title: l.T("mine.title", month), Color: colorSpace,
		Footer: &discordgo.MessageEmbedFooter{Text: l.N("mine.total", len(visits), l.Stay(total))}}).
		FieldList(fields, func(left int) render.Field { return render.Field{Name: "…", Value: moreSpaces(left)} })
	m := Message{Embeds: b.Embeds()}
	attachFull(&m, &b, "mes-passages.txt", time.UTC)
	return &Response{Ephemeral: true, Message: m}, nil
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
// true even when the job runs late). It returns how many it checked out.
func (a *App) CloseAtClosingTime(ctx context.Context, now time.Time) (int, error) {
	closed := 0
	err := a.db.Write(ctx, func(tx *storage.Tx) error {
		open, err := tx.OpenCheckins(ctx)
		if err != nil {
			return err
		}
		spaces := map[string]map[int64]storage.Space{}
		for _, c := range open {
			if spaces[c.GuildID] == nil {
				list, err := tx.Spaces(ctx, c.GuildID)
				if err != nil {
					return err
				}
				spaces[c.GuildID] = map[int64]storage.Space{}
				for _, s := range list {
					spaces[c.GuildID][s.ID] = s
				}
			}
			end := closingAfter(c.At, spaces[c.GuildID][c.SpaceID])
			if end.After(now) {
				continue
			}
			if err := tx.CheckOut(ctx, c.ID, end, storage.OutClosing); err != nil {
				return err
			}
			closed++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("closing-time check-out: %w", err)
	}
	return closed, nil
}
