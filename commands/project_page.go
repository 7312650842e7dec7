package commands

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/project"
	"github.com/tierslieux/tiersbot/commands/render"
	skillrules "github.com/tierslieux/tiersbot/commands/skills"
	"github.com/tierslieux/tiersbot/storage"
)

// projectShow is a project's page: the card, then the team, the stages
// with their dates, the latest news and notes, its events; for the holder,
// who offers the skills it seeks.
func (a *App) projectShow(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		st     projectState
		stages []storage.ProjectStage
		news   []storage.ProjectUpdate
		notes  []storage.ProjectNote
		events []storage.Event
		sugg   []project.Suggestion
		names  = map[string]string{}
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		p, err := loadProject(ctx, tx, r.GuildID, r.Opt("project"), false)
		if err != nil {
			return err
		}
		if st, err = loadProjectState(ctx, tx, p); err != nil {
			return err
		}
		if stages, err = tx.ProjectStages(ctx, p.ID); err != nil {
			return err
		}
		if news, err = tx.ProjectUpdates(ctx, p.ID, 3); err != nil {
			return err
		}
		if notes, err = tx.ProjectNotes(ctx, p.ID, 5); err != nil {
			return err
		}
		for _, n := range notes {
			if m, err := tx.Member(ctx, r.GuildID, n.AnimatorID); err == nil {
				names[n.AnimatorID] = m.Name
			}
		}
		if events, err = tx.ProjectEvents(ctx, p.ID, 25); err != nil {
			return err
		}
		if p.HolderID == r.User.ID {
			sugg, err = project.Suggestions(ctx, tx, p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	var b render.Builder
	card := projectEmbed(l, st)
	card.Footer = nil
	e := b.Embed(card)
	people := func(list []storage.ProjectPerson) []string {
		var out []string
		for _, pp := range list {
			out = append(out, "• "+Escape(personName(l, pp.Name)))
		}
		return out
	}
	if len(st.Members) > 0 {
		e.ListField(l.T("project.f_members"), true, people(st.Members), more(l, "people", listAttached))
	}
	if len(st.Animators) > 0 {
		e.ListField(l.T("project.f_animators"), true, people(st.Animators), more(l, "people", listAttached))
	}
	var hist []string
	for _, s := range stages {
		hist = append(hist, fmt.Sprintf("• %s %s — %s", stageEmoji(s.Stage), l10nStage(l, s.Stage), tsDate(s.At)))
	}
	e.ListField(l.T("project.f_history"), false, hist, more(l, "items", listAttached))
	if len(news) > 0 {
		var lines []string
		for _, u := range news {
			body := u.Body
			if body == "" {
				body = "—"
			}
			lines = append(lines, fmt.Sprintf("• %s — %s", tsDate(u.At), Escape(Truncate(body, 200))))
		}
		e.ListField(l.T("project.f_news"), false, lines, more(l, "items", listAttached))
	}
	if len(notes) > 0 {
		var lines []string
		for _, n := range notes {
			lines = append(lines, fmt.Sprintf("• %s — %s (%s)", tsDate(n.Day), Escape(n.Note), Escape(personName(l, names[n.AnimatorID]))))
		}
		e.ListField(l.T("project.f_notes"), false, lines, more(l, "items", listAttached))
	}
	if len(events) > 0 {
		var lines []string
		for _, ev := range events {
			line := fmt.Sprintf("• **%s** — %s", Escape(ev.Title), tsFull(ev.Start))
			if ev.Cancelled {
				line = "• ~~" + strings.TrimPrefix(line, "• ") + "~~"
			}
			lines = append(lines, line)
		}
		e.ListField(l.T("project.f_events"), false, lines, more(l, "events", listAttached))
	}
	m := Message{Embeds: b.Embeds()}
	if text, rows := suggestionText(l, sugg); text != "" {
		m.Content, m.Components = text, rows
	} else if project.Open(st.Project) && st.Project.HolderID != r.User.ID {
		// The card's buttons, for whoever reads the page.
		m.Components = projectCard(l, st).Components
	}
	attachFull(&m, &b, "projet.txt", time.UTC)
	return &Response{Ephemeral: true, Message: m}, nil
}

func personName(l Lang, name string) string {
	if name == "" {
		return l.T("project.someone")
	}
	return name
}

// projectList lists projects, optionally of one space, at one stage, or seeking one skill.
func (a *App) projectList(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	stage := r.Opt("stage")
	if stage != "" && !slices.Contains(project.Stages, stage) {
		return nil, userErr("project.bad_stage")
	}
	var (
		list   []storage.Project
		f      = storage.ProjectFilter{Stage: stage}
		spaces = map[int64]string{}
		skills = map[int64][]storage.Skill{}
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		if v := r.Opt("space"); v != "" {
			s, err := resolveSpace(ctx, tx, r.GuildID, v)
			if err != nil {
				return err
			}
			f.SpaceID = s.ID
		}
		if v := r.Opt("skill"); v != "" {
			s, err := findSkill(ctx, tx, r.GuildID, v)
			if errors.Is(err, skillrules.ErrUnknown) {
				return userErr("skill.unknown", Escape(Truncate(v, 60)))
			} else if err != nil {
				return err
			}
			f.SkillID = s.ID
		}
		var err error
		if list, err = tx.ListProjects(ctx, r.GuildID, f, 200); err != nil {
			return err
		}
		all, err := tx.Spaces(ctx, r.GuildID)
		for _, s := range all {
			spaces[s.ID] = s.Name
		}
		for _, p := range list {
			if skills[p.ID], err = tx.ProjectSkills(ctx, p.ID); err != nil {
				return err
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return ephemeral(l.T("project.list_none")), nil
	}
	var lines []string
	for _, p := range list {
		line := fmt.Sprintf("%s **%s** — %s · %s", stageEmoji(p.Stage), Escape(p.Title), l10nStage(l, p.Stage), Escape(spaces[p.SpaceID]))
		if p.Archived {
			line += " · " + l.T("project.archived_label")
		}
		if len(skills[p.ID]) > 0 {
			var names []string
			for _, s := range skills[p.ID] {
				names = append(names, Escape(s.Display))
			}
			line += "\n   " + l.T("project.list_seeks", strings.Join(names, ", "))
		}
		lines = append(lines, line)
	}
	var b render.Builder
	b.Embed(&discordgo.MessageEmbed{Title: l.N("project.list_title", len(list)), Color: colorProject,
		Footer: &discordgo.MessageEmbedFooter{Text: l.T("project.list_footer")}}).Desc(lines, more(l, "projects", listAttached))
	m := Message{Embeds: b.Embeds()}
	attachFull(&m, &b, "projets.txt", time.UTC)
	return &Response{Ephemeral: true, Message: m}, nil
}

// maxImageSize: Discord shows embedded images up to this size comfortably.
const maxImageSize = 8 << 20

// projectUpdate posts the holder's news in the project's thread.
func (a *App) projectUpdate(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	body, n := CleanText(r.Options["text"], true)
	if n == 0 || n > project.MaxNews {
		return nil, userErr("project.news_length", project.MaxNews)
	}
	img, hasImg := r.Attachments["image"]
	if r.Has("image") && (!hasImg || !strings.HasPrefix(img.ContentType, "image/") || img.Size > maxImageSize || !strings.HasPrefix(img.URL, "https://")) {
		return nil, userErr("project.bad_image", maxImageSize>>20)
	}
	var p storage.Project
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if p, err = loadProject(ctx, tx, r.GuildID, r.Opt("project"), false); err != nil {
			return err
		}
		if p.HolderID != r.User.ID {
			return userErr("project.holder_only")
		}
		if !project.Open(p) {
			return userErr("project.closed")
		}
		t := threadTarget(p)
		if t == "" {
			return userErr("project.no_thread")
		}
		id, err := tx.AddProjectUpdate(ctx, p.ID, p.GuildID, storage.ProjectUpdate{AuthorID: r.User.ID, Body: body, ImageURL: img.URL, At: r.Now})
		if err != nil {
			return err
		}
		g, err := tx.Guild(ctx, r.GuildID)
		if err != nil {
			return err
		}
		gl := Lang(g.Lang)
		em := &discordgo.MessageEmbed{Description: Truncate(Escape(body), MaxEmbedDesc), Color: colorProject}
		if img.URL != "" {
			em.Image = &discordgo.MessageEmbedImage{URL: img.URL}
		}
		m := Message{Content: gl.T("project.update_post", mentionUser(r.User.ID)), Embeds: []*discordgo.MessageEmbed{em}}
		// It names the holder: forgetting them deletes it.
		_, err = postNaming(ctx, tx, r.Now, p.GuildID, OutChannel, t, m, fmt.Sprintf("project-update:%d", id), r.User.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.T("project.update_posted", Escape(p.Title))), nil
}
