package commands

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/tierslieux/tiersbot/commands/sheet"
	"github.com/tierslieux/tiersbot/storage"
)

// sheetLogoKey holds the coordinator's logo for sign-in sheets (PNG or
// JPEG, base64), in the settings table.
func sheetLogoKey(guildID string) string { return "sheet_logo:" + guildID }

// sheetPeople lists who goes on an event's sign-in sheet: those going and
// those who came (never the waitlist, nor those who only said maybe or no),
// then the walk-ins named in the register. Full names come from the
// register where a member is linked to an entry.
func sheetPeople(ctx context.Context, tx *storage.Tx, guildID string, e storage.Event, gl Lang) ([]sheet.Participant, int, error) {
	rsvps, err := tx.RSVPs(ctx, e.ID)
	if err != nil {
		return nil, 0, err
	}
	spaces, err := tx.Spaces(ctx, guildID)
	if err != nil {
		return nil, 0, err
	}
	spaceNames := map[int64]string{}
	for _, sp := range spaces {
		spaceNames[sp.ID] = sp.Name
	}
	var listed []storage.RSVP
	var ids []string
	for _, x := range rsvps {
		came := x.Attended != nil && *x.Attended
		if x.Status == storage.Going || came {
			listed = append(listed, x)
			ids = append(ids, x.UserID)
		}
	}
	full, err := tx.RegisterNames(ctx, guildID, ids)
	if err != nil {
		return nil, 0, err
	}
	var out []sheet.Participant
	for _, x := range listed {
		p := sheet.Participant{Name: x.UserName, Status: gl.T("sheet.status_going")}
		if n := full[x.UserID]; n != "" {
			p.Name = n
		}
		if x.Attended != nil && *x.Attended {
			p.Status = gl.T("sheet.status_came")
		}
		if m, err := tx.Member(ctx, guildID, x.UserID); err == nil && m.LastSpaceID != 0 {
			p.Space = spaceNames[m.LastSpaceID]
		} else if err != nil && !errors.Is(err, storage.ErrNotFound) {
			return nil, 0, err
		}
		out = append(out, p)
	}
	walkins, err := tx.EventRegisterAttendees(ctx, e.ID)
	if err != nil {
		return nil, 0, err
	}
	for _, w := range walkins {
		out = append(out, sheet.Participant{Name: w.Name, Space: w.Town, Status: gl.T("sheet.status_walkin")})
	}
	return out, len(walkins), nil
}

// sheetAnimators names who animates: the organiser and co-animators (full
// names from the register where known), else the space's team.
func sheetAnimators(ctx context.Context, tx *storage.Tx, guildID string, e storage.Event, s storage.Space, gl Lang) ([]string, error) {
	hosts, err := tx.EventHostsOf(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	var ids []string
	if e.OrganizerID != "" {
		ids = append(ids, e.OrganizerID)
	}
	for _, u := range hosts.Animators {
		if u != e.OrganizerID {
			ids = append(ids, u)
		}
	}
	full, err := tx.RegisterNames(ctx, guildID, ids)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, u := range ids {
		name := full[u]
		if name == "" {
			m, err := tx.Member(ctx, guildID, u)
			if err != nil && !errors.Is(err, storage.ErrNotFound) {
				return nil, err
			}
			name = m.Name
		}
		if name == "" && u == e.OrganizerID {
			name = e.OrganizerName
		}
		if name != "" {
			out = append(out, name)
		}
	}
	if len(out) == 0 {
		out = []string{gl.T("event.team", s.Name)}
	}
	return out, nil
}

// spansHalfDays: the event has a morning and an afternoon to sign apart
// (it starts before noon and ends after 13:00, or lasts more than a day).
func spansHalfDays(start, end time.Time) bool {
	noon := time.Date(start.Year(), start.Month(), start.Day(), 12, 0, 0, 0, start.Location())
	return start.Before(noon) && end.After(noon.Add(time.Hour))
}

// signInSheet returns the printable sign-in sheet funders require, drawn by
// render (sheet.Render).
func (a *App) signInSheet(ctx context.Context, r *Request, render func(sheet.Sheet, bool) ([]byte, error)) (*Response, error) {
	l := r.Lang()
	var (
		e         storage.Event
		s         storage.Space
		g         storage.Guild
		people    []sheet.Participant
		walkins   int
		animators []string
		network   string
		logo      []byte
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if e, s, g, err = animatorEvent(ctx, tx, r, r.Opt("event"), false); err != nil {
			return err
		}
		gl := Lang(g.Lang)
		if people, walkins, err = sheetPeople(ctx, tx, r.GuildID, e, gl); err != nil {
			return err
		}
		if animators, err = sheetAnimators(ctx, tx, r.GuildID, e, s, gl); err != nil {
			return err
		}
		if network, err = tx.Get(ctx, networkNameKey(g.ID)); err != nil {
			return err
		}
		encoded, err := tx.Get(ctx, sheetLogoKey(g.ID))
		if err != nil {
			return err
		}
		logo, _ = base64.StdEncoding.DecodeString(encoded) // none, or unreadable: no logo
		return nil
	})
	if err != nil {
		return nil, err
	}
	gl := Lang(g.Lang) // the sheet is the network's document
	loc := location(s.Timezone)
	start, end := e.Start.In(loc), e.End.In(loc)
	date := gl.Date(start) + ", " + gl.ClockOf(start) + " – " + gl.ClockOf(end)
	if end.YearDay() != start.YearDay() || end.Year() != start.Year() {
		date = gl.Date(start) + " " + gl.ClockOf(start) + " – " + gl.Date(end) + " " + gl.ClockOf(end)
	}
	registered := len(people) - walkins
	sh := sheet.Sheet{
		Title: e.Title, Date: date, Place: s.Name + ", " + s.Town, Funding: g.FundingMention, Network: network,
		Animators: animators, Participants: people, HalfDays: spansHalfDays(start, end), Logo: logo,
		Labels: sheet.Labels{Heading: gl.T("sheet.heading"), Date: gl.T("sheet.date"), Place: gl.T("sheet.place"), Organizer: gl.T("sheet.animation"),
			Name: gl.T("sheet.name"), Space: gl.T("sheet.home"), Status: gl.T("sheet.status"), Signature: gl.T("sheet.signature"),
			Morning: gl.T("sheet.morning"), Afternoon: gl.T("sheet.afternoon"), Page: gl.T("sheet.page"),
			Totals:    gl.N("sheet.totals", len(people), registered, walkins),
			Collected: gl.T("sheet.collected"), AnimatorSignature: gl.T("sheet.animator_signature")},
	}
	pdf, err := render(sh, true)
	if err != nil {
		return nil, fmt.Errorf("sign-in sheet: %w", err)
	}
	name := "emargement-" + slug(e.Title) + "-" + start.Format("2006-01-02") + ".pdf"
	return &Response{Ephemeral: true, Message: Message{Content: l.N("sheet.ready", len(people), Escape(e.Title), registered, walkins),
		Files: []File{{Name: name, ContentType: "application/pdf", Data: pdf}}}}, nil
}
