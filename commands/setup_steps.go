package commands

import (
	"context"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/render"
	"github.com/tierslieux/tiersbot/storage"
)

// setupStep is one thing a network needs before it runs by itself.
type setupStep struct {
	Key     string // names its messages: "setup.step_<key>" and "setup.next_<key>"
	Done    bool
	Missing []string // what is still missing (spaces without a channel…)
}

// setupSteps is the checklist of a network's setup, in the order a
// coordinator does it: spaces, their channels, the roles, the
// announcements channel, the digest, the funding mention.
func setupSteps(g storage.Guild, spaces []storage.Space) []setupStep {
	var noChannel, noRole []string
	for _, s := range spaces {
		if s.ChannelID == "" {
			noChannel = append(noChannel, s.Name)
		}
		if s.AnimatorRole == "" {
			noRole = append(noRole, s.Name)
		}
	}
	return []setupStep{
		{Key: "spaces", Done: len(spaces) > 0},
		{Key: "channels", Done: len(spaces) > 0 && len(noChannel) == 0, Missing: noChannel},
		{Key: "coordinator_role", Done: g.CoordinatorRole != ""},
		{Key: "animator_roles", Done: len(spaces) > 0 && len(noRole) == 0, Missing: noRole},
		{Key: "announce", Done: g.AnnounceChannel != ""},
		{Key: "digest", Done: g.DigestChannel != ""},
		{Key: "funding", Done: g.FundingMention != ""},
	}
}

// nextStep is the first step not done, or ok false when all are.
func nextStep(steps []setupStep) (setupStep, bool) {
	for _, s := range steps {
		if !s.Done {
			return s, true
		}
	}
	return setupStep{}, false
}

// checklistEmbed shows the steps, done or not, and what comes next.
func checklistEmbed(l Lang, steps []setupStep) *discordgo.MessageEmbed {
	done := 0
	lines := make([]string, 0, len(steps))
	for _, s := range steps {
		mark := "⬜ "
		if s.Done {
			mark = "✅ "
			done++
		}
		line := mark + l.T("setup.step_"+s.Key)
		if !s.Done && len(s.Missing) > 0 {
			names := make([]string, len(s.Missing))
			for i, n := range s.Missing {
				names[i] = Escape(n)
			}
			list, _ := render.JoinAtMost(names, 5, ", ", 300, more(l, "spaces", notAttached))
			line += " — " + list
		}
		lines = append(lines, line)
	}
	next := nextStepLine(l, steps)
	var b render.Builder
	b.Embed(&discordgo.MessageEmbed{Title: "🧭 " + l.T("setup.checklist", done, len(steps)), Color: colorNetwork}).
		Desc(append(lines, "", next), nil)
	return b.Embeds()[0]
}

// nextStepLine says what comes next, or that all is set.
func nextStepLine(l Lang, steps []setupStep) string {
	if s, ok := nextStep(steps); ok {
		return l.T("setup.next", l.T("setup.next_"+s.Key))
	}
	return l.T("setup.all_done")
}

// readSetupSteps reads what setupSteps needs.
func readSetupSteps(ctx context.Context, tx *storage.Tx, g storage.Guild, guildID string) ([]setupStep, error) {
	spaces, err := tx.Spaces(ctx, guildID)
	if err != nil {
		return nil, err
	}
	return setupSteps(g, spaces), nil
}
