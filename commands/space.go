package commands

import (
	"context"
	"errors"
	"fmt"
	"github.com/tierslieux/tiersbot/commands/render"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/hours"
	"github.com/tierslieux/tiersbot/storage"
)

const (
	maxSpaceName = 50
	maxTown      = 50
	maxCapacity  = 10000
	// maxRetentionMonths: ten years, the longest a funder asks records kept.
	maxRetentionMonths = 120
)

// spaceInput validates the options shared by /space add and /space edit onto s.
func spaceInput(r *Request, s *storage.Space) error {
	if r.Has("name") {
		name, n := CleanText(r.Opt("name"), false)
		if n < 2 || n > maxSpaceName {
			return userErr("space.bad_name", maxSpaceName)
		}
		if Fold(name) == "" {
			return userErr("space.bad_name", maxSpaceName)
		}
		s.Name, s.Key = name, Fold(name)
	}
	if r.Has("town") {
		town, n := CleanText(r.Opt("town"), false)
		if n < 1 || n > maxTown {
			return userErr("space.bad_town", maxTown)
		}
		s.Town = town
	}
	if r.Has("channel") {
		if err := checkPostable(r, "channel"); err != nil {
			return err
		}
		s.ChannelID = r.Opt("channel")
	}
	if r.Has("animator_role") {
		s.AnimatorRole = r.Opt("animator_role")
	}
	if r.Has("timezone") {
		tz, err := parseTimezone(r.Opt("timezone"))
		if err != nil {
			return err
		}
		s.Timezone = tz
	}
	if r.Has("capacity") {
		c, err := strconv.Atoi(r.Opt("capacity"))
		if err != nil || c < 0 || c > maxCapacity {
			return userErr("space.bad_capacity", maxCapacity)
		}
		s.Capacity = c
	}
	if r.Has("closes_at") {
		w, err := hours.Parse(r.Opt("closes_at"), spaceWeek(*s))
		switch {
		case errors.Is(err, hours.ErrConflict):
			return userErr("space.closes_conflict", Escape(Truncate(r.Opt("closes_at"), 100)))
		case err != nil:
			return userErr("space.bad_closes_at", Escape(Truncate(r.Opt("closes_at"), 100)))
		}
		s.Hours = w.Encode()
	}
	if r.Has("arrivals") {
		s.AnnounceArrivals = r.Opt("arrivals") == "true"
	}
	if r.Has("weekly_summary") {
		s.WeeklySummary = r.Opt("weekly_summary") == "true"
	}
	return nil
}

// parseTimezone accepts an IANA zone name, case-insensitively for the common ones.
func parseTimezone(v string) (string, error) {
	v = strings.TrimSpace(v)
	for _, z := range commonZones {
		if strings.EqualFold(z, v) {
			return z, nil
		}
	}
	if v == "" || v == "Local" || strings.Contains(v, "..") {
		return "", userErr("space.bad_timezone", Escape(Truncate(v, 40)))
	}
	if _, err := time.LoadLocation(v); err != nil {
		return "", userErr("space.bad_timezone", Escape(Truncate(v, 40)))
	}
	return v, nil
}

// commonZones are suggested first: metropolitan France and its neighbours, then overseas France.
var commonZones = []string{
	"Europe/Paris", "Europe/Brussels", "Europe/Luxembourg", "Europe/Zurich", "Europe/Monaco", "Europe/London", "UTC",
	"America/Guadeloupe", "America/Martinique", "America/Cayenne", "America/Miquelon", "Indian/Reunion", "Indian/Mayotte",
	"Pacific/Noumea", "Pacific/Tahiti", "Pacific/Wallis", "America/Montreal",
}

// zones caches loaded time zones (immutable once loaded).
var zones sync.Map

func location(name string) *time.Location {
	// LoadLocation parses the zone database each time: the digest asks
	// once per check-in, so zones are kept once loaded.
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	if loc, err := time.LoadLocation(name); err == nil {
		zones.Store(name, loc)
		return loc
	}
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return time.UTC
	}
	return loc
}

func (a *App) spaceAdd(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	s := storage.Space{GuildID: r.GuildID, Timezone: "Europe/Paris"}
	if !r.Has("name") || !r.Has("town") {
		return nil, userErr("space.need_name_town")
	}
	if err := spaceInput(r, &s); err != nil {
		return nil, err
	}
	var steps []setupStep
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		g, err := requireCoordinator(ctx, tx, r)
		if err != nil {
			return err
		}
		s, err = tx.AddSpace(ctx, s, r.Now)
		if errors.Is(err, storage.ErrDuplicate) {
			return userErr("space.exists", Escape(s.Name))
		}
		if err != nil {
			return err
		}
		steps, err = readSetupSteps(ctx, tx, g, r.GuildID)
		return err
	})
	if err != nil {
		return nil, err
	}
	text := l.T("space.added", Escape(s.Name), Escape(s.Town))
	if s.ChannelID == "" {
		text += "\n" + l.T("space.tip_channel")
	} else {
		text += "\n" + nextStepLine(l, steps) // the reply ends with what comes next
	}
	return &Response{Ephemeral: true, Message: Message{Content: text, Embeds: []*discordgo.MessageEmbed{spaceEmbed(l, s, nil)}}}, nil
}

func (a *App) spaceEdit(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var s storage.Space
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if s, err = resolveSpace(ctx, tx, r.GuildID, r.Opt("space")); err != nil {
			return err
		}
		if _, err := requireCoordinator(ctx, tx, r); err != nil {
			return err
		}
		before := s
		if err := spaceInput(r, &s); err != nil {
			return err
		}
		if before == s {
			return userErr("space.nothing_to_edit")
		}
		err = tx.UpdateSpace(ctx, s)
		if errors.Is(err, storage.ErrDuplicate) {
			return userErr("space.exists", Escape(s.Name))
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &Response{Ephemeral: true, Message: Message{Content: l.T("space.edited", Escape(s.Name)), Embeds: []*discordgo.MessageEmbed{spaceEmbed(l, s, nil)}}}, nil
}

func (a *App) spaceList(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var spaces []storage.Space
	var counts map[int64]int
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if spaces, err = tx.Spaces(ctx, r.GuildID); err != nil {
			return err
		}
		counts, err = tx.PresentCounts(ctx, r.GuildID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(spaces) == 0 {
		return nil, userErr("space.none_yet")
	}
	lines := make([]string, 0, len(spaces))
	for _, s := range spaces {
		line := fmt.Sprintf("**%s** · %s · %s", Escape(s.Name), Escape(s.Town), presentText(l, counts[s.ID], s.Capacity))
		if s.ChannelID != "" {
			line += " · " + mentionChannel(s.ChannelID)
		}
		lines = append(lines, line)
	}
	var b render.Builder
	b.Embed(&discordgo.MessageEmbed{Title: l.N("space.list_title", len(spaces)), Color: colorNetwork}).
		Desc(lines, more(l, "spaces", listAttached))
	m := Message{Embeds: b.Embeds()}
	attachFull(&m, &b, "lieux.txt", time.UTC)
	return &Response{Ephemeral: true, Message: m}, nil
}

func presentText(l Lang, n, capacity int) string {
	if capacity > 0 {
		return l.T("space.present_cap", n, capacity)
	}
	return l.N("space.present", n)
}

func (a *App) spaceInfo(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var s storage.Space
	var present []storage.Checkin
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if s, err = spaceFor(ctx, tx, r); err != nil {
			return err
		}
		present, err = tx.Present(ctx, s.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &Response{Ephemeral: true, Message: Message{Embeds: []*discordgo.MessageEmbed{spaceEmbed(l, s, present)}}}, nil
}

const (
	colorNetwork = 0x2E7D32
	colorSpace   = 0xF9A825
)

func spaceEmbed(l Lang, s storage.Space, present []storage.Checkin) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title:       "🏡 " + Truncate(Escape(s.Name), MaxEmbedTitle-4),
		Description: "📍 " + Escape(s.Town),
		Color:       colorSpace,
	}
	add := func(name, value string) {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: Truncate(value, MaxFieldValue), Inline: true})
	}
	if present != nil || s.ID != 0 {
		add(l.T("space.f_here"), presentText(l, len(present), s.Capacity))
	}
	if s.AnimatorRole != "" {
		add(l.T("space.f_animators"), mentionRole(s.AnimatorRole))
	}
	if s.ChannelID != "" {
		add(l.T("space.f_channel"), mentionChannel(s.ChannelID))
	}
	add(l.T("space.f_closes"), weekText(l, spaceWeek(s))+" ("+s.Timezone+")")
	if s.AnnounceArrivals {
		add(l.T("space.f_arrivals"), l.T("on"))
	}
	if s.WeeklySummary {
		add(l.T("space.f_summary"), l.T("on"))
	}
	if len(present) > 0 {
		var names []string
		for _, c := range present {
			names = append(names, "• "+Escape(c.Name)+" — "+tsTime(c.At))
		}
		// The field holds who fits; /whoshere has the whole list.
		value, _ := render.Lines(names, render.MaxFieldValue, more(l, "people", notAttached))
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.T("space.f_who"), Value: value})
	}
	return e
}

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
			if g.Timezone, err = parseTimezone(r.Opt("timezone")); err != nil {
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

// completeSpace suggests spaces by name or town; the value sent back is the id.
func (a *App) completeSpace(ctx context.Context, r *Request, typed string) ([]Choice, error) {
	var spaces []storage.Space
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		spaces, err = tx.SearchSpaces(ctx, r.GuildID, Fold(typed), MaxChoices)
		return err
	})
	out := make([]Choice, 0, len(spaces))
	for _, s := range spaces {
		out = append(out, Choice{Name: s.Name + " — " + s.Town, Value: strconv.FormatInt(s.ID, 10)})
	}
	return out, err
}

func (a *App) completeTimezone(ctx context.Context, r *Request, typed string) ([]Choice, error) {
	typed = strings.ToLower(strings.TrimSpace(typed))
	var out []Choice
	for _, z := range commonZones {
		if strings.Contains(strings.ToLower(z), typed) {
			out = append(out, Choice{Name: z, Value: z})
		}
	}
	if len(out) == 0 && typed != "" {
		if tz, err := parseTimezone(typed); err == nil {
			out = append(out, Choice{Name: tz, Value: tz})
		}
	}
	return out, nil
}
