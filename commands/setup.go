package commands

import (
	"context"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/hours"
	"github.com/tierslieux/tiersbot/storage"
)

const (
	// maxRetentionMonths: ten years, the longest a funder asks records kept.
	maxRetentionMonths = 120
)

func (a *App) setup(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var g storage.Guild
	var spaces []storage.Space
	changed := false
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if g, err = requireCoordinator(ctx, tx, r); err != nil {
			return err
		}
		before := g
		if r.Has("coordinator_role") {
			g.CoordinatorRole = r.Opt("coordinator_role")
		}
		for _, c := range []string{"digest_channel", "announce_channel"} {
			if r.Has(c) {
				if err := checkPostable(r, c); err != nil {
					return err
				}
			}
		}
		if r.Has("digest_channel") {
			if g.DigestChannel == "" {
				// Digests are due from now on: no catch-up for weeks before this.
				if err := tx.Set(ctx, "digest_since:"+g.ID, strconv.FormatInt(r.Now.Unix(), 10)); err != nil {
					return err
				}
			}
			g.DigestChannel = r.Opt("digest_channel")
		}
		if r.Has("digest_dm") {
			g.DigestDM = r.Opt("digest_dm")
		}
		if r.Has("announce_channel") {
			g.AnnounceChannel = r.Opt("announce_channel")
		}
		if r.Has("language") {
			switch v := strings.ToLower(r.Opt("language")); v {
			case "fr", "en":
				g.Lang = v
			default:
				return userErr("setup.bad_language")
			}
		}
		if r.Has("timezone") {
			if g.Timezone, err = zoneOption(r.Opt("timezone")); err != nil {
				return err
			}
		}
		if r.Has("funding_mention") {
			text, n := CleanText(r.Opt("funding_mention"), false)
			if n > 200 {
				return userErr("setup.funding_too_long", 200)
			}
			g.FundingMention = text
		}
		if r.Has("digest_schedule") {
			spec := strings.Join(strings.Fields(r.Opt("digest_schedule")), " ")
			if weekly, ok := hours.Weekly(spec); ok { // "lundi 8h", "monday 8am"
				spec = weekly
			}
			if _, err := parseSchedule(spec); err != nil {
				return userErr("setup.bad_schedule", Escape(Truncate(spec, 60)))
			}
			g.DigestSchedule = spec
		}
		if r.Has("retention_months") {
			m, err := strconv.Atoi(r.Opt("retention_months"))
			if err != nil || m < 1 || m > maxRetentionMonths {
				return userErr("setup.bad_retention", maxRetentionMonths)
			}
			g.RetentionMonths = m
		}
		if spaces, err = tx.Spaces(ctx, r.GuildID); err != nil {
			return err
		}
		named, err := setNetworkName(ctx, tx, r, g.ID) // report_cmd.go
		if err != nil {
			return err
		}
		logo, err := setLogo(ctx, tx, r, g.ID) // sheet_logo.go
		if err != nil {
			return err
		}
		changed = before != g || named || logo
		if before == g {
			return nil
		}
		return tx.SaveGuild(ctx, g, r.Now)
	})
	if err != nil {
		return nil, err
	}
	head := l.T("setup.current")
	if changed {
		head = l.T("setup.saved")
	}
	return &Response{Ephemeral: true, Message: Message{Content: head, Embeds: []*discordgo.MessageEmbed{settingsEmbed(l, g), checklistEmbed(l, setupSteps(g, spaces))}}}, nil
}

func settingsEmbed(l Lang, g storage.Guild) *discordgo.MessageEmbed {
	unset := "—"
	or := func(v, s string) string {
		if v == "" {
			return unset
		}
		return s
	}
	lang := "Français"
	if g.Lang == "en" {
		lang = "English"
	}
	return &discordgo.MessageEmbed{
		Title: "⚙️ " + l.T("setup.title"),
		Color: colorNetwork,
		Fields: []*discordgo.MessageEmbedField{
			{Name: l.T("setup.f_coordinator"), Value: or(g.CoordinatorRole, mentionRole(g.CoordinatorRole)) + "\n" + l.T("setup.coord_hint"), Inline: false},
			{Name: l.T("setup.f_digest"), Value: or(g.DigestChannel, mentionChannel(g.DigestChannel)), Inline: true},
			{Name: l.T("setup.f_announce"), Value: or(g.AnnounceChannel, mentionChannel(g.AnnounceChannel)), Inline: true},
			{Name: l.T("setup.f_language"), Value: lang, Inline: true},
			{Name: l.T("setup.f_timezone"), Value: g.Timezone, Inline: true},
			{Name: l.T("setup.f_funding"), Value: or(g.FundingMention, Escape(g.FundingMention)), Inline: false},
			{Name: l.T("setup.f_retention"), Value: l.N("setup.retention_value", g.RetentionMonths), Inline: false},
			{Name: l.T("setup.f_schedule"), Value: scheduleText(l, schedule(g), g.Timezone) + digestDM(g), Inline: false},
		},
	}
}

// digestDM names who also gets the digest by DM, if anyone.
func digestDM(g storage.Guild) string {
	if g.DigestDM == "" {
		return ""
	}
	return " + " + mentionUser(g.DigestDM)
}

func schedule(g storage.Guild) string {
	if g.DigestSchedule == "" {
		return DefaultDigestSchedule
	}
	return g.DigestSchedule
}
