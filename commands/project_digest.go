package commands

import (
	"context"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/project"
	"github.com/tierslieux/tiersbot/commands/render"
	"github.com/tierslieux/tiersbot/storage"
)

// renderProjectDigest adds the projects' week to the digest: new projects,
// stage changes, and the skills projects seek that no member offers.
func renderProjectDigest(l Lang, b *render.Builder, w storage.ProjectWeek, spaces map[int64]string) {
	if len(w.New)+len(w.Changes)+len(w.Unmet) == 0 {
		return
	}
	e := b.Embed(&discordgo.MessageEmbed{Title: l.T("digest.projects"), Color: colorProject})
	if len(w.New) > 0 {
		var lines []string
		for _, p := range w.New {
			lines = append(lines, fmt.Sprintf("• **%s** — %s", Escape(p.Title), Escape(spaces[p.SpaceID])))
		}
		e.ListField(l.T("digest.projects_new"), false, lines, more(l, "projects", digestAttached))
	}
	if len(w.Changes) > 0 {
		var lines []string
		for _, c := range w.Changes {
			lines = append(lines, fmt.Sprintf("• %s **%s** → %s", stageEmoji(c.Stage), Escape(c.Project.Title), l10nStage(l, c.Stage)))
		}
		e.ListField(l.T("digest.projects_stages"), false, lines, more(l, "items", digestAttached))
	}
	if len(w.Unmet) > 0 {
		var lines []string
		for _, s := range w.Unmet {
			lines = append(lines, "• "+Escape(s.Display))
		}
		e.ListField(l.T("digest.projects_unmet"), false, lines, more(l, "skills", digestAttached))
	}
}

// projectMatchLines are the weekly-match lines about projects started in
// [from, to) that seek a skill the member offers (not their own projects).
// They name no one: a project and its space.
func projectMatchLines(ctx context.Context, tx *storage.Tx, l Lang, guildID, userID string, mine []storage.MemberSkill, from, to time.Time) ([]string, error) {
	var lines []string
	seen := map[int64]bool{}
	for _, ms := range mine {
		if ms.Kind != storage.Offer {
			continue
		}
		found, err := tx.ProjectsSeekingSince(ctx, guildID, ms.Skill.ID, from, to)
		if err != nil {
			return nil, err
		}
		for _, p := range found {
			if p.HolderID == userID || seen[p.ID] {
				continue
			}
			if in, err := tx.HasProjectRole(ctx, p.ID, userID, storage.RoleMember); err != nil {
				return nil, err
			} else if in {
				continue // already helping
			}
			seen[p.ID] = true
			s, err := tx.Space(ctx, guildID, p.SpaceID)
			if err != nil {
				return nil, err
			}
			lines = append(lines, "• "+l.T("project.match", Escape(p.Title), Escape(s.Name), Escape(ms.Skill.Display)))
		}
	}
	return lines, nil
}

// holderMatchLines are the weekly-match lines telling a holder who newly
// offers a skill one of their projects still going seeks; they name the
// offerer (returned beside each line, for forgetting).
func holderMatchLines(ctx context.Context, tx *storage.Tx, l Lang, guildID, holderID string, fresh []storage.MemberSkill) ([]string, []string, error) {
	var lines, named []string
	var mine []storage.Project
	for _, n := range fresh {
		if n.Kind != storage.Offer || n.UserID == holderID {
			continue
		}
		if mine == nil {
			all, err := tx.ListProjects(ctx, guildID, storage.ProjectFilter{}, 1000)
			if err != nil {
				return nil, nil, err
			}
			mine = []storage.Project{}
			for _, p := range all {
				if p.HolderID == holderID && project.Open(p) {
					mine = append(mine, p)
				}
			}
		}
		for _, p := range mine {
			if in, err := tx.HasProjectRole(ctx, p.ID, n.UserID, storage.RoleMember); err != nil {
				return nil, nil, err
			} else if in {
				continue // already in the team
			}
			skills, err := tx.ProjectSkills(ctx, p.ID)
			if err != nil {
				return nil, nil, err
			}
			for _, s := range skills {
				if s.ID == n.Skill.ID {
					lines = append(lines, "• "+l.T("project.match_holder", Escape(n.Name), Escape(s.Display), Escape(p.Title)))
					named = append(named, n.UserID)
				}
			}
		}
	}
	return lines, named, nil
}
