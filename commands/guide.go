package commands

import (
	"context"
	"errors"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/hours"
	"github.com/tierslieux/tiersbot/commands/render"
	"github.com/tierslieux/tiersbot/commands/skills"
	"github.com/tierslieux/tiersbot/storage"
)

// guideRoutes: what helps people find their way (did-you-mean buttons,
// skill aliases, the setup checklist).
func (a *App) guideRoutes() {
	// Anyone may click: the command it runs goes through its own route's
	// checks, as if typed; it may answer with a form (event create).
	a.button("again:{cmd:word}:{opts:word}", Anyone, a.again, opensForm)
	a.command("skill alias", Coordinator, a.skillAlias)
	a.auto["skill alias skill"] = a.completeSkill
}

// help shows what this person can do: everyone's commands, then those of
// the spaces they animate, then the coordination's, and says which role
// they hold.
func (a *App) help(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		g        storage.Guild
		animates []string
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if g, err = tx.Guild(ctx, r.GuildID); err != nil {
			return err
		}
		spaces, err := tx.Spaces(ctx, r.GuildID)
		for _, s := range spaces {
			if r.User.HasRole(s.AnimatorRole) {
				animates = append(animates, Escape(s.Name))
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	coord := isCoordinator(r, g)
	parts := []string{l.T("help.everyday"), l.T("help.events"), l.T("help.skills"), l.T("help.projects"), l.T("help.data")}
	role := l.T("help.role_member")
	if len(animates) > 0 {
		list, _ := render.JoinAtMost(animates, 5, ", ", 300, more(l, "spaces", notAttached))
		parts = append(parts, l.T("help.animation", list))
		role = l.T("help.role_animator", list)
	}
	if coord {
		if len(animates) == 0 {
			parts = append(parts, l.T("help.animation_all"))
		}
		parts = append(parts, l.T("help.coordination"))
		role = l.T("help.role_coordinator")
	}
	var b render.Builder
	b.Embed(&discordgo.MessageEmbed{Title: l.T("help.title"), Color: colorNetwork, Footer: &discordgo.MessageEmbedFooter{Text: role}}).
		Desc(parts, nil)
	return &Response{Ephemeral: true, Message: Message{Embeds: b.Embeds()}}, nil
}

// skillAlias gives a skill another spelling (coordination): typing it
// finds, offers, seeks and counts the skill itself.
func (a *App) skillAlias(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	display, key, err := skillName(r.Opt("alias"))
	if err != nil {
		return nil, err
	}
	var skill skills.Skill
	err = a.write(ctx, r, func(tx *storage.Tx) error {
		if _, err := requireCoordinator(ctx, tx, r); err != nil {
			return err
		}
		var err error
		if skill, err = resolveSkill(ctx, tx, r.GuildID, r.Opt("skill")); err != nil {
			return err
		}
		err = skills.Alias(ctx, tx, r.GuildID, key, skill, r.Now)
		if errors.Is(err, skills.ErrAliasSkill) {
			return userErr("skill.alias_is_skill", Escape(display), Escape(skill.Display))
		}
		return skillRefusal(err)
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.T("skill.alias_set", Escape(display), Escape(skill.Display))), nil
}

// scheduleText says when the digest goes out: the day and hour when the
// spec is a weekly one, the spec itself for experts either way.
func scheduleText(l Lang, spec, zone string) string {
	if day, min, ok := hours.WeeklyOf(spec); ok {
		name := day.String()
		if l == FR {
			name = frWeekdays[day]
		}
		return l.T("setup.schedule_weekly", name, l.Clock(min), spec, zone)
	}
	return "`" + spec + "` (" + zone + ")"
}
