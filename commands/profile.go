package commands

import (
	"context"
	"github.com/tierslieux/tiersbot/commands/render"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/skills"
	"github.com/tierslieux/tiersbot/storage"
)

// profileShow shows what a member published (home space, bio, skills); their
// own visits and events are shown to themself only.
func (a *App) profileShow(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	target := r.Opt("member")
	if target == "" {
		target = r.User.ID
	}
	self := target == r.User.ID
	var (
		p       storage.Profile
		m       storage.Member
		held    []skills.Holding
		home    string
		visits  int
		stay    time.Duration
		events  int
		unknown bool
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if p, err = tx.Profile(ctx, r.GuildID, target); err != nil {
			return err
		}
		if held, err = skills.Mine(ctx, tx, r.GuildID, target); err != nil {
			return err
		}
		m, err = tx.Member(ctx, r.GuildID, target)
		if err != nil && err != storage.ErrNotFound {
			return err
		}
		unknown = p.HomeSpaceID == 0 && p.Bio == "" && len(held) == 0
		if p.HomeSpaceID != 0 {
			if s, err := tx.Space(ctx, r.GuildID, p.HomeSpaceID); err == nil {
				home = s.Name
			}
		}
		if !self {
			return nil
		}
		g, err := tx.Guild(ctx, r.GuildID)
		if err != nil {
			return err
		}
		loc := location(g.Timezone)
		local := r.Now.In(loc)
		from := time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, loc)
		list, err := tx.MemberCheckins(ctx, r.GuildID, target, from, from.AddDate(0, 1, 0))
		if err != nil {
			return err
		}
		for _, c := range list {
			end := c.OutAt
			if end.IsZero() {
				end = r.Now
			}
			visits++
			stay += end.Sub(c.At)
		}
		events, err = tx.EventsAttended(ctx, r.GuildID, target, r.Now)
		return err
	})
	if err != nil {
		return nil, err
	}
	if unknown && !self {
		return ephemeral(l.T("profile.empty_other", mentionUser(target))), nil
	}
	name := m.Name
	if name == "" {
		name = r.User.Name
	}
	base := &discordgo.MessageEmbed{Title: "👤 " + Escape(name), Color: colorSkill}
	if p.Bio != "" {
		base.Description = Escape(p.Bio)
	}
	if self {
		base.Footer = &discordgo.MessageEmbedFooter{Text: l.T("profile.self_footer")}
	}
	var b render.Builder
	e := b.Embed(base)
	if home != "" {
		e.Field(l.T("profile.f_home"), Escape(home), true)
	}
	addSkillFields(l, e, held)
	if self {
		e.Field(l.T("profile.f_visits"), l.N("mine.visits", visits)+" · "+l.Stay(stay), true).
			Field(l.T("profile.f_events"), strconv.Itoa(events), true)
	}
	out := Message{Embeds: b.Embeds()}
	attachFull(&out, &b, "profil.txt", time.UTC)
	return &Response{Ephemeral: true, Message: out}, nil
}

func (a *App) profileEdit(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	bio, n := CleanText(r.Opt("bio"), true)
	if n > maxBio {
		return nil, userErr("profile.bio_too_long", maxBio)
	}
	if !r.Has("home_space") && !r.Has("bio") {
		return nil, userErr("profile.nothing")
	}
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		p, err := tx.Profile(ctx, r.GuildID, r.User.ID)
		if err != nil {
			return err
		}
		if r.Has("home_space") {
			s, err := resolveSpace(ctx, tx, r.GuildID, r.Opt("home_space"))
			if err != nil {
				return err
			}
			p.HomeSpaceID = s.ID
		}
		if r.Has("bio") {
			p.Bio = bio
		}
		if _, err := tx.TouchMember(ctx, r.GuildID, r.User.ID, r.User.Name, r.Locale, r.Now); err != nil {
			return err
		}
		return tx.SaveProfile(ctx, p)
	})
	if err != nil {
		return nil, err
	}
	res, err := a.profileShow(ctx, &Request{GuildID: r.GuildID, User: r.User, Locale: r.Locale, Now: r.Now, Options: map[string]string{}})
	if err != nil {
		return nil, err
	}
	res.Content = l.T("profile.saved")
	return res, nil
}

// members is the directory of those who published a profile or a skill, ten a page.
func (a *App) members(ctx context.Context, r *Request) (*Response, error) {
	var spaceID, skillID int64
	err := a.read(ctx, func(tx *storage.Tx) error {
		if r.Opt("space") != "" {
			s, err := resolveSpace(ctx, tx, r.GuildID, r.Opt("space"))
			if err != nil {
				return err
			}
			spaceID = s.ID
		}
		if r.Opt("skill") != "" {
			s, err := resolveSkill(ctx, tx, r.GuildID, r.Opt("skill"))
			if err != nil {
				return err
			}
			skillID = s.ID
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a.directory(ctx, r, 0, spaceID, skillID, Reply)
}

func (a *App) membersPage(ctx context.Context, r *Request) (*Response, error) {
	page, spaceID, skillID := r.Params.Int("page"), r.Params.ID("space"), r.Params.ID("skill")
	if page > 10000 {
		return nil, userErr("error.bad_button")
	}
	return a.directory(ctx, r, page, spaceID, skillID, Update)
}

func (a *App) directory(ctx context.Context, r *Request, page int, spaceID, skillID int64, kind ResponseType) (*Response, error) {
	l := r.Lang()
	var (
		list  []storage.Profile
		total int
		names = map[string]string{}
		homes = map[int64]string{}
		offer = map[string][]string{}
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if list, total, err = tx.Directory(ctx, r.GuildID, spaceID, skillID, page, directoryPage); err != nil {
			return err
		}
		spaces, err := tx.Spaces(ctx, r.GuildID)
		if err != nil {
			return err
		}
		for _, s := range spaces {
			homes[s.ID] = s.Name
		}
		for _, p := range list {
			if m, err := tx.Member(ctx, r.GuildID, p.UserID); err == nil {
				names[p.UserID] = m.Name
			}
			skills, err := tx.MemberSkills(ctx, r.GuildID, p.UserID)
			if err != nil {
				return err
			}
			for _, ms := range skills {
				if ms.Kind == storage.Offer && len(offer[p.UserID]) < 4 {
					offer[p.UserID] = append(offer[p.UserID], Escape(ms.Skill.Display))
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	pages := max(1, (total+directoryPage-1)/directoryPage)
	if page >= pages && total > 0 {
		return nil, userErr("error.bad_button")
	}
	base := &discordgo.MessageEmbed{Title: l.N("profile.directory_title", total), Color: colorSkill,
		Footer: &discordgo.MessageEmbedFooter{Text: l.T("profile.page", page+1, pages)}}
	if total == 0 {
		base.Description = l.T("profile.directory_empty")
	}
	var lines []string
	for _, p := range list {
		line := "**" + Escape(names[p.UserID]) + "** " + mentionUser(p.UserID)
		if h := homes[p.HomeSpaceID]; h != "" {
			line += " · 📍 " + Escape(h)
		}
		if len(offer[p.UserID]) > 0 {
			line += "\n   " + strings.Join(offer[p.UserID], ", ")
		}
		lines = append(lines, line)
	}
	var b render.Builder
	e := b.Embed(base)
	if len(lines) > 0 {
		e.Desc(lines, more(l, "members", listAttached))
	}
	m := Message{Embeds: b.Embeds()}
	attachFull(&m, &b, "membres.txt", time.UTC)
	var rows []Row
	if pages > 1 {
		prev := Button(Secondary, l.T("btn.previous"), CustomID("members", page-1, spaceID, skillID))
		next := Button(Secondary, l.T("btn.next"), CustomID("members", page+1, spaceID, skillID))
		prev.Disabled, next.Disabled = page == 0, page+1 >= pages
		rows = append(rows, Row{prev, next})
	}
	m.Components = rows
	return &Response{Type: kind, Ephemeral: true, Message: m}, nil
}
