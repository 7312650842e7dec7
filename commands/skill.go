package commands

import (
	"context"
	"errors"
	"fmt"
	"github.com/tierslieux/tiersbot/commands/render"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/skillname"
	"github.com/tierslieux/tiersbot/storage"
)

// Limits of the skill exchange.
const (
	maxSkillNote     = 300
	maxBio           = 500
	maxMemberSkills  = 30
	maxIntrosPerDay  = 5
	findResults      = 10
	directoryPage    = 10
	introFollowUpAge = 7 * 24 * time.Hour
	// After a decline the same asker may not ask the same member again for
	// this long: a "no" is not answered by asking every day.
	introDeclinePause = 30 * 24 * time.Hour
)

var levels = []string{"beginner", "intermediate", "expert"}

func (a *App) skillRoutes() {
	a.command("skill offer", Anyone, a.skillOffer)
	a.command("skill seek", Anyone, a.skillSeek)
	a.command("skill remove", Anyone, a.skillRemove)
	a.command("skill mine", Anyone, a.skillMine)
	a.command("skill find", Anyone, a.skillFind)
	a.command("skill list", Anyone, a.skillList)
	a.command("skill merge", Coordinator, a.skillMerge)
	a.command("profile show", Anyone, a.profileShow)
	a.command("profile edit", Anyone, a.profileEdit)
	a.command("members", Anyone, a.members)
	a.button("intro:{skill:id}:{offerer:word}", Anyone, a.introAsk)
	a.button("introy:{intro:id}", Owner, func(ctx context.Context, r *Request) (*Response, error) { return a.introAnswer(ctx, r, true) }, inDMs)
	a.button("intron:{intro:id}", Owner, func(ctx context.Context, r *Request) (*Response, error) { return a.introAnswer(ctx, r, false) }, inDMs)
	a.button("met:{intro:id}:{side:a|o}:{answer:y|n}", Owner, a.metAnswer, inDMs)
	a.button("skfind:{skill:id}", Anyone, a.skillFindClick)
	a.button("members:{page:int}:{space:int}:{skill:int}", Anyone, a.membersPage)
	a.auto["skill"] = a.completeSkill
	a.auto["from"] = a.completeSkill
	a.auto["into"] = a.completeSkill
	a.auto["home_space"] = a.completeSpace
}

func (a *App) skillJobs() []Job {
	return []Job{
		{Name: "introduction follow-ups", Spec: "0 10 * * *", Coalesce: true, Run: a.IntroFollowUps},
		{Name: "weekly skill matches", Spec: "30 9 * * 1", Run: a.WeeklyMatches},
	}
}

// skillName validates a typed skill name: display spelling and key.
func skillName(v string) (string, string, error) {
	switch err := skillname.Validate(v); {
	case errors.Is(err, skillname.ErrEmpty), errors.Is(err, skillname.ErrTooShort), errors.Is(err, skillname.ErrTooLong):
		return "", "", userErr("skill.bad_name", skillname.MinLen, skillname.MaxLen)
	}
	d := skillname.Clean(v)
	return d, skillname.Key(d), nil
}

// findSkill resolves a skill option: an id from autocomplete, the exact name,
// or the best suggestion when there is exactly one close match.
func findSkill(ctx context.Context, tx *storage.Tx, guildID, v string) (storage.Skill, error) {
	if id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil && id > 0 {
		if s, err := tx.SkillByID(ctx, guildID, id); err == nil {
			return s, nil
		} else if !errors.Is(err, storage.ErrNotFound) {
			return s, err
		}
	}
	key := skillname.Key(v)
	if s, err := tx.SkillByKey(ctx, guildID, key); err == nil || !errors.Is(err, storage.ErrNotFound) {
		return s, err
	}
	if s, err := tx.SkillByAlias(ctx, guildID, key); err == nil || !errors.Is(err, storage.ErrNotFound) {
		return s, err // "compta" is the coordination's other spelling of "Comptabilité"
	}
	all, err := tx.Skills(ctx, guildID, 0)
	if err != nil {
		return storage.Skill{}, err
	}
	ranked := skillname.Rank(v, candidates(all), 2)
	if len(ranked) == 1 {
		return tx.SkillByKey(ctx, guildID, ranked[0].Key)
	}
	return storage.Skill{}, storage.ErrNotFound
}

func candidates(all []storage.Skill) []skillname.Candidate {
	out := make([]skillname.Candidate, len(all))
	for i, s := range all {
		out[i] = skillname.Candidate{Key: s.Key, Display: s.Display, Uses: s.Offers + s.Seeks}
	}
	return out
}

func (a *App) skillOffer(ctx context.Context, r *Request) (*Response, error) {
	return a.skillAdd(ctx, r, storage.Offer)
}
func (a *App) skillSeek(ctx context.Context, r *Request) (*Response, error) {
	return a.skillAdd(ctx, r, storage.Seek)
}

func (a *App) skillAdd(ctx context.Context, r *Request, kind string) (*Response, error) {
	l := r.Lang()
	display, key, err := skillName(r.Opt("skill"))
	if err != nil {
		return nil, err
	}
	level := r.Opt("level")
	if kind == storage.Offer && level != "" && !contains(levels, level) {
		return nil, userErr("skill.bad_level")
	}
	note, n := CleanText(r.Opt("note"), false)
	if n > maxSkillNote {
		return nil, userErr("skill.note_too_long", maxSkillNote)
	}
	var (
		skill   storage.Skill
		fresh   bool
		matches int
	)
	err = a.write(ctx, r, func(tx *storage.Tx) error {
		if _, err := tx.TouchMember(ctx, r.GuildID, r.User.ID, r.User.Name, r.Locale, r.Now); err != nil {
			return err
		}
		// An id from autocomplete names an existing skill: keep its spelling.
		if id, err := strconv.ParseInt(r.Opt("skill"), 10, 64); err == nil {
			if s, err := tx.SkillByID(ctx, r.GuildID, id); err == nil {
				display, key = s.Display, s.Key
			}
		}
		if s, err := tx.SkillByAlias(ctx, r.GuildID, key); err == nil {
			display, key = s.Display, s.Key // an alias counts for its skill
		}
		var err error
		if skill, err = tx.EnsureSkill(ctx, r.GuildID, key, display, r.Now); err != nil {
			return err
		}
		count, err := tx.CountMemberSkills(ctx, r.GuildID, r.User.ID)
		if err != nil {
			return err
		}
		// Updating one option keeps the other.
		if !r.Has("level") || !r.Has("note") {
			mine, err := tx.MemberSkills(ctx, r.GuildID, r.User.ID)
			if err != nil {
				return err
			}
			for _, ms := range mine {
				if ms.Skill.ID == skill.ID && ms.Kind == kind {
					if !r.Has("level") {
						level = ms.Level
					}
					if !r.Has("note") {
						note = ms.Note
					}
				}
			}
		}
		if fresh, err = tx.SetMemberSkill(ctx, storage.MemberSkill{GuildID: r.GuildID, UserID: r.User.ID, Skill: skill, Kind: kind, Level: level, Note: note}, r.Now); err != nil {
			return err
		}
		if fresh && count >= maxMemberSkills {
			return userErr("skill.too_many", maxMemberSkills)
		}
		other := storage.Seek
		if kind == storage.Seek {
			other = storage.Offer
		}
		holders, err := tx.SkillHolders(ctx, r.GuildID, skill.ID, other)
		for _, h := range holders {
			if h.UserID != r.User.ID {
				matches++
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	name := Escape(skill.Display)
	var b strings.Builder
	switch {
	case kind == storage.Offer && fresh:
		b.WriteString(l.T("skill.offered", name))
	case kind == storage.Offer:
		b.WriteString(l.T("skill.offer_updated", name))
	case fresh:
		b.WriteString(l.T("skill.sought", name))
	default:
		b.WriteString(l.T("skill.seek_updated", name))
	}
	var rows []Row
	if kind == storage.Offer {
		b.WriteString("\n" + l.N("skill.seekers", matches))
	} else {
		b.WriteString("\n" + l.N("skill.offerers", matches))
		if matches > 0 {
			rows = append(rows, Row{Button(Primary, l.T("btn.see_offers"), CustomID("skfind", skill.ID))})
		} else {
			b.WriteString("\n" + l.T("skill.nobody_yet"))
		}
	}
	return ephemeral(b.String(), rows...), nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func (a *App) skillRemove(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var skill storage.Skill
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if skill, err = findSkill(ctx, tx, r.GuildID, r.Opt("skill")); errors.Is(err, storage.ErrNotFound) {
			return userErr("skill.not_yours", Escape(Truncate(r.Opt("skill"), 60)))
		} else if err != nil {
			return err
		}
		n, err := tx.RemoveMemberSkill(ctx, r.GuildID, r.User.ID, skill.ID)
		if err == nil && n == 0 {
			return userErr("skill.not_yours", Escape(skill.Display))
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.T("skill.removed", Escape(skill.Display))), nil
}

func (a *App) skillMine(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var list []storage.MemberSkill
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		list, err = tx.MemberSkills(ctx, r.GuildID, r.User.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return ephemeral(l.T("skill.mine_none")), nil
	}
	var b render.Builder
	e := b.Embed(&discordgo.MessageEmbed{Title: l.T("skill.mine_title"), Color: colorSkill,
		Footer: &discordgo.MessageEmbedFooter{Text: l.T("skill.mine_footer", len(list), maxMemberSkills)}})
	addSkillFields(l, e, list)
	m := Message{Embeds: b.Embeds()}
	attachFull(&m, &b, "competences.txt", time.UTC)
	return &Response{Ephemeral: true, Message: m}, nil
}

const colorSkill = 0x6A1B9A

// addSkillFields adds a member's offers and needs, one line each.
func addSkillFields(l Lang, e *render.Embed, list []storage.MemberSkill) {
	offers, seeks := skillLines(l, list)
	if len(offers) > 0 {
		e.ListField(l.T("skill.f_offers"), false, offers, more(l, "skills", listAttached))
	}
	if len(seeks) > 0 {
		e.ListField(l.T("skill.f_seeks"), false, seeks, more(l, "skills", listAttached))
	}
}

func skillLines(l Lang, list []storage.MemberSkill) ([]string, []string) {
	var offers, seeks []string
	for _, ms := range list {
		line := "• " + Escape(ms.Skill.Display)
		if ms.Level != "" {
			line += " (" + l.T("level."+ms.Level) + ")"
		}
		if ms.Note != "" {
			line += " — _" + Escape(ms.Note) + "_"
		}
		if ms.Kind == storage.Offer {
			offers = append(offers, line)
		} else {
			seeks = append(seeks, line)
		}
	}
	return offers, seeks
}

func (a *App) skillFind(ctx context.Context, r *Request) (*Response, error) {
	return a.find(ctx, r, r.Opt("skill"), r.Opt("space"))
}

func (a *App) skillFindClick(ctx context.Context, r *Request) (*Response, error) {
	return a.find(ctx, r, r.Params.Str("skill"), "")
}

// find lists who offers a skill: the asker's home space first, then the most
// recently active, each with a button to ask for an introduction.
func (a *App) find(ctx context.Context, r *Request, skillText, spaceText string) (*Response, error) {
	l := r.Lang()
	var (
		skill   storage.Skill
		holders []storage.MemberSkill
		names   = map[int64]string{}
		home    int64
		only    storage.Space
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if skill, err = findSkill(ctx, tx, r.GuildID, skillText); errors.Is(err, storage.ErrNotFound) {
			return skillUnknown(ctx, tx, r.GuildID, skillText)
		} else if err != nil {
			return err
		}
		if spaceText != "" {
			if only, err = resolveSpace(ctx, tx, r.GuildID, spaceText); err != nil {
				return err
			}
		}
		if holders, err = tx.SkillHolders(ctx, r.GuildID, skill.ID, storage.Offer); err != nil {
			return err
		}
		spaces, err := tx.Spaces(ctx, r.GuildID)
		if err != nil {
			return err
		}
		for _, s := range spaces {
			names[s.ID] = s.Name
		}
		home, err = homeSpace(ctx, tx, r.GuildID, r.User.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	var found []storage.MemberSkill
	for _, h := range holders {
		if h.UserID == r.User.ID || (only.ID != 0 && h.HomeSpaceID != only.ID) {
			continue
		}
		found = append(found, h)
	}
	// Home space first; SkillHolders already orders by recent activity.
	sort.SliceStable(found, func(i, j int) bool { return found[i].HomeSpaceID == home && home != 0 && found[j].HomeSpaceID != home })
	if len(found) == 0 {
		return ephemeral(l.T("skill.nobody_offers", Escape(skill.Display))), nil
	}
	var b render.Builder
	e := b.Embed(&discordgo.MessageEmbed{Title: l.N("skill.find_title", len(found), Escape(skill.Display)), Color: colorSkill,
		Footer: &discordgo.MessageEmbedFooter{Text: l.T("skill.find_footer")}})
	var rows []Row
	var fields []render.Field
	for i, h := range found {
		if i == findResults {
			break
		}
		where := names[h.HomeSpaceID]
		if where == "" {
			where = l.T("skill.no_home")
		}
		value := "📍 " + Escape(where)
		if h.Level != "" {
			value += " · " + l.T("level."+h.Level)
		}
		if h.Note != "" {
			value += "\n_" + Escape(h.Note) + "_"
		}
		fields = append(fields, render.Field{Name: Escape(h.Name), Value: value})
		if i < 5 {
			label := Truncate(l.T("btn.intro", h.Name), MaxButtonLabel)
			rows = append(rows, Row{Button(Primary, label, CustomID("intro", skill.ID, h.UserID))})
		}
	}
	morePeople := more(l, "people", listAttached)
	e.FieldList(fields, func(left int) render.Field { return render.Field{Name: "…", Value: morePeople(left)} })
	m := Message{Embeds: b.Embeds(), Components: rows}
	attachFull(&m, &b, "competence.txt", time.UTC)
	return &Response{Ephemeral: true, Message: m}, nil
}

// homeSpace is a member's home space: the one in their profile, else the last one they checked in at.
func homeSpace(ctx context.Context, tx *storage.Tx, guildID, userID string) (int64, error) {
	p, err := tx.Profile(ctx, guildID, userID)
	if err != nil || p.HomeSpaceID != 0 {
		return p.HomeSpaceID, err
	}
	m, err := tx.Member(ctx, guildID, userID)
	if errors.Is(err, storage.ErrNotFound) {
		return 0, nil
	}
	return m.LastSpaceID, err
}

// introAsk sends the offerer a request, with consent buttons.
func (a *App) introAsk(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	skillID, offerer := r.Params.ID("skill"), r.Params.Str("offerer")
	var (
		skill storage.Skill
		name  string
	)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if skill, err = tx.SkillByID(ctx, r.GuildID, skillID); errors.Is(err, storage.ErrNotFound) {
			return userErr("error.bad_button")
		} else if err != nil {
			return err
		}
		if offerer == r.User.ID {
			return userErr("skill.intro_self")
		}
		holders, err := tx.SkillHolders(ctx, r.GuildID, skill.ID, storage.Offer)
		if err != nil {
			return err
		}
		var h *storage.MemberSkill
		for i := range holders {
			if holders[i].UserID == offerer {
				h = &holders[i]
			}
		}
		if h == nil {
			return userErr("skill.no_longer_offers", Escape(skill.Display))
		}
		name = h.Name
		p, err := tx.Profile(ctx, r.GuildID, offerer)
		if err != nil {
			return err
		}
		if p.IntrosOff {
			return userErr("skill.intros_off", Escape(name))
		}
		if declined, err := tx.DeclinedSince(ctx, r.GuildID, r.User.ID, offerer, r.Now.Add(-introDeclinePause)); err != nil {
			return err
		} else if declined {
			return userErr("skill.intro_paused", Escape(name))
		}
		if pending, err := tx.PendingIntro(ctx, r.GuildID, r.User.ID, offerer); err != nil {
			return err
		} else if pending {
			return userErr("skill.intro_pending", Escape(name))
		}
		if n, err := tx.IntrosAskedSince(ctx, r.GuildID, r.User.ID, r.Now.Add(-24*time.Hour)); err != nil {
			return err
		} else if n >= maxIntrosPerDay {
			return userErr("skill.intro_limit", maxIntrosPerDay)
		}
		if _, err := tx.TouchMember(ctx, r.GuildID, r.User.ID, r.User.Name, r.Locale, r.Now); err != nil {
			return err
		}
		// What the asker published: their need's note, and where they work.
		note := ""
		mine, err := tx.MemberSkills(ctx, r.GuildID, r.User.ID)
		if err != nil {
			return err
		}
		for _, ms := range mine {
			if ms.Skill.ID == skill.ID && ms.Kind == storage.Seek {
				note = ms.Note
			}
		}
		id, err := tx.AddIntro(ctx, storage.Intro{GuildID: r.GuildID, AskerID: r.User.ID, OffererID: offerer, SkillID: skill.ID, Note: note, Created: r.Now})
		if err != nil {
			return err
		}
		where := ""
		if home, err := homeSpace(ctx, tx, r.GuildID, r.User.ID); err == nil && home != 0 {
			if s, err := tx.Space(ctx, r.GuildID, home); err == nil {
				where = s.Name
			}
		}
		ol := a.memberLang(ctx, tx, r.GuildID, offerer)
		text := ol.T("skill.intro_request", Escape(r.User.Name), Escape(skill.Display))
		if where != "" {
			text = ol.T("skill.intro_request_from", Escape(r.User.Name), place(Escape(where)), Escape(skill.Display))
		}
		if note != "" {
			text += "\n> " + Escape(note)
		}
		text += "\n" + ol.T("skill.intro_consent")
		m := Message{Content: text, Components: []Row{{
			Button(Success, ol.T("btn.accept"), CustomID("introy", id)),
			Button(Secondary, ol.T("btn.decline"), CustomID("intron", id)),
		}}}
		_, err = postNaming(ctx, tx, r.Now, r.GuildID, OutDM, offerer, m, fmt.Sprintf("intro:%d", id), r.User.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.T("skill.intro_sent", Escape(name), Escape(skill.Display))), nil
}

// introAnswer is the offerer's Accept or Decline, clicked in a DM.
func (a *App) introAnswer(ctx context.Context, r *Request, accept bool) (*Response, error) {
	l := r.Lang()
	id := r.Params.ID("intro")
	var in storage.Intro
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if in, err = tx.IntroByID(ctx, id); errors.Is(err, storage.ErrNotFound) || (err == nil && in.OffererID != r.User.ID) ||
			(err == nil && r.GuildID != "" && r.GuildID != in.GuildID) {
			return userErr("error.bad_button")
		} else if err != nil {
			return err
		}
		if in.Status != "pending" {
			return userErr("skill.intro_answered")
		}
		skill, err := tx.SkillByID(ctx, in.GuildID, in.SkillID)
		if err != nil {
			return err
		}
		status := "declined"
		if accept {
			status = "accepted"
		}
		if err := tx.AnswerIntro(ctx, in.ID, status, r.Now); err != nil {
			return err
		}
		al := a.memberLang(ctx, tx, in.GuildID, in.AskerID)
		if !accept {
			// Kind, and nothing more than the asker already saw in /skill find.
			_, err := post(ctx, tx, r.Now, in.GuildID, OutDM, in.AskerID, Message{Content: al.T("skill.intro_declined", Escape(skill.Display))}, fmt.Sprintf("intro-answer:%d", in.ID))
			return err
		}
		ol := a.memberLang(ctx, tx, in.GuildID, in.OffererID)
		both := []string{in.AskerID, in.OffererID}
		if _, err := postNaming(ctx, tx, r.Now, in.GuildID, OutDM, in.AskerID, Message{Content: al.T("skill.intro_accepted_asker", mentionUser(in.OffererID), Escape(skill.Display)), PingUsers: both}, fmt.Sprintf("intro-answer:%d", in.ID), in.OffererID); err != nil {
			return err
		}
		_, err = postNaming(ctx, tx, r.Now, in.GuildID, OutDM, in.OffererID, Message{Content: ol.T("skill.intro_accepted_offerer", mentionUser(in.AskerID), Escape(skill.Display)), PingUsers: both}, fmt.Sprintf("intro-answer-offerer:%d", in.ID), in.AskerID)
		return err
	})
	if err != nil {
		return nil, err
	}
	text := l.T("skill.intro_thanks_decline")
	if accept {
		text = l.T("skill.intro_thanks_accept")
	}
	return &Response{Type: Update, Message: Message{Content: text}}, nil
}

// IntroFollowUps asks both sides, a week after an accepted introduction, whether they met.
func (a *App) IntroFollowUps(ctx context.Context, now time.Time) error {
	return a.writeJob(ctx, func(tx *storage.Tx) error {
		intros, err := tx.IntrosAcceptedBefore(ctx, now.Add(-introFollowUpAge))
		if err != nil {
			return err
		}
		for _, in := range intros {
			skill, err := tx.SkillByID(ctx, in.GuildID, in.SkillID)
			if err != nil {
				continue // merged away or removed
			}
			if storage.IsStandIn(in.AskerID) || storage.IsStandIn(in.OffererID) {
				continue // one of them was forgotten: nobody to meet
			}
			for _, side := range []struct{ user, other, who string }{{in.AskerID, in.OffererID, "a"}, {in.OffererID, in.AskerID, "o"}} {
				ul := a.memberLang(ctx, tx, in.GuildID, side.user)
				m := Message{Content: ul.T("skill.met_question", mentionUser(side.other), Escape(skill.Display)), Components: []Row{{
					Button(Success, ul.T("btn.met_yes"), CustomID("met", in.ID, side.who, "y")),
					Button(Secondary, ul.T("btn.met_no"), CustomID("met", in.ID, side.who, "n")),
				}}}
				if _, _, err := tx.Enqueue(ctx, storage.OutboxItem{GuildID: in.GuildID, Kind: OutDM, Target: side.user, Payload: mustJSON(m),
					DedupKey: fmt.Sprintf("met:%d:%s", in.ID, side.who), Names: []string{side.other}}, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func (a *App) metAnswer(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	id := r.Params.ID("intro")
	asker := r.Params.Str("side") == "a"
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		in, err := tx.IntroByID(ctx, id)
		if errors.Is(err, storage.ErrNotFound) {
			return userErr("error.bad_button")
		} else if err != nil {
			return err
		}
		if (asker && in.AskerID != r.User.ID) || (!asker && in.OffererID != r.User.ID) || in.Status != "accepted" {
			return userErr("error.bad_button")
		}
		return tx.SetMet(ctx, id, asker, r.Params.Str("answer") == "y")
	})
	if err != nil {
		return nil, err
	}
	if r.Params.Str("answer") == "y" {
		return &Response{Type: Update, Message: Message{Content: l.T("skill.met_yes")}}, nil
	}
	return &Response{Type: Update, Message: Message{Content: l.T("skill.met_not_yet")}}, nil
}

// WeeklyMatches sends opted-in members one DM listing the week's new matches.
func (a *App) WeeklyMatches(ctx context.Context, now time.Time) error {
	return a.writeJob(ctx, func(tx *storage.Tx) error {
		members, err := tx.WeeklyMatchMembers(ctx)
		if err != nil {
			return err
		}
		year, week := now.ISOWeek()
		news := map[string][]storage.MemberSkill{}
		for _, p := range members {
			fresh, ok := news[p.GuildID]
			if !ok {
				if fresh, err = tx.NewSkillsSince(ctx, p.GuildID, now.AddDate(0, 0, -7), now); err != nil {
					return err
				}
				news[p.GuildID] = fresh
			}
			mine, err := tx.MemberSkills(ctx, p.GuildID, p.UserID)
			if err != nil {
				return err
			}
			want := map[string]int64{} // skill key+kind I would match
			for _, ms := range mine {
				other := storage.Seek
				if ms.Kind == storage.Seek {
					other = storage.Offer
				}
				want[other+":"+ms.Skill.Key] = ms.Skill.ID
			}
			ul := a.memberLang(ctx, tx, p.GuildID, p.UserID)
			var lines, named []string
			for _, n := range fresh {
				if n.UserID == p.UserID {
					continue
				}
				if _, ok := want[n.Kind+":"+n.Skill.Key]; ok {
					lines = append(lines, "• "+ul.T("skill.match_"+n.Kind, Escape(n.Name), Escape(n.Skill.Display)))
					named = append(named, n.UserID)
				}
			}
			projects, err := projectMatchLines(ctx, tx, ul, p.GuildID, p.UserID, mine, now.AddDate(0, 0, -7), now)
			if err != nil {
				return err
			}
			lines, named = append(lines, projects...), append(named, make([]string, len(projects))...) // a project names no one
			offers, offerers, err := holderMatchLines(ctx, tx, ul, p.GuildID, p.UserID, fresh)
			if err != nil {
				return err
			}
			lines, named = append(lines, offers...), append(named, offerers...)
			if len(lines) == 0 {
				continue
			}
			head, how := ul.N("skill.weekly_matches", len(lines)), ul.T("skill.weekly_matches_how")
			// At most 15 lines, and as many as the message holds.
			extra := max(len(lines)-15, 0)
			lines, named = lines[:len(lines)-extra], named[:len(lines)-extra]
			moreLines := func(left int) string { return ul.N("more.items", left+extra) }
			room := render.MaxContent - render.Len(head) - render.Len(how) - 2
			body, shown := render.Lines(lines, room-render.Len(moreLines(0))-1, moreLines)
			if extra > 0 && shown == len(lines) {
				body += "\n" + moreLines(0)
			}
			m := Message{Content: head + "\n" + body + "\n" + how}
			if _, _, err := tx.Enqueue(ctx, storage.OutboxItem{GuildID: p.GuildID, Kind: OutDM, Target: p.UserID, Payload: mustJSON(m),
				DedupKey: fmt.Sprintf("matches:%s:%s:%d-%02d", p.GuildID, p.UserID, year, week), Names: named}, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// skillList shows the most offered and sought skills and the unmet needs.
func (a *App) skillList(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		all  []storage.Skill
		only storage.Space
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if r.Opt("space") != "" {
			if only, err = resolveSpace(ctx, tx, r.GuildID, r.Opt("space")); err != nil {
				return err
			}
		}
		all, err = tx.Skills(ctx, r.GuildID, only.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return ephemeral(l.T("skill.list_none")), nil
	}
	top := func(score func(storage.Skill) int, n int) []string {
		list := append([]storage.Skill(nil), all...)
		sort.SliceStable(list, func(i, j int) bool {
			if score(list[i]) != score(list[j]) {
				return score(list[i]) > score(list[j])
			}
			return list[i].Key < list[j].Key
		})
		var lines []string
		for _, s := range list {
			if score(s) == 0 || len(lines) == n {
				break
			}
			lines = append(lines, fmt.Sprintf("• %s (%d)", Escape(s.Display), score(s)))
		}
		if len(lines) == 0 {
			return []string{"—"}
		}
		return lines
	}
	where := l.T("event.list_network")
	if only.ID != 0 {
		where = Escape(only.Name)
	}
	// Each list is a top 10; escaping can make ten names longer than a
	// field holds (a 400 for everyone), so the builder keeps what fits.
	var b render.Builder
	b.Embed(&discordgo.MessageEmbed{Title: l.T("skill.list_title", where), Color: colorSkill}).
		ListField(l.T("skill.f_most_offered"), true, top(func(s storage.Skill) int { return s.Offers }, 10), more(l, "skills", listAttached)).
		ListField(l.T("skill.f_most_sought"), true, top(func(s storage.Skill) int { return s.Seeks }, 10), more(l, "skills", listAttached)).
		ListField(l.T("skill.f_unmet"), false, top(func(s storage.Skill) int {
			if s.Offers > 0 {
				return 0
			}
			return s.Seeks
		}, 10), more(l, "skills", listAttached))
	m := Message{Embeds: b.Embeds()}
	attachFull(&m, &b, "competences.txt", time.UTC)
	return &Response{Ephemeral: true, Message: m}, nil
}

// skillMerge moves one skill's offers and needs onto another (coordination).
func (a *App) skillMerge(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var from, into storage.Skill
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		if _, err := requireCoordinator(ctx, tx, r); err != nil {
			return err
		}
		var err error
		if from, err = findSkill(ctx, tx, r.GuildID, r.Opt("from")); errors.Is(err, storage.ErrNotFound) {
			return skillUnknown(ctx, tx, r.GuildID, r.Opt("from"))
		} else if err != nil {
			return err
		}
		if into, err = findSkill(ctx, tx, r.GuildID, r.Opt("into")); errors.Is(err, storage.ErrNotFound) {
			return skillUnknown(ctx, tx, r.GuildID, r.Opt("into"))
		} else if err != nil {
			return err
		}
		if from.ID == into.ID {
			return userErr("skill.merge_same")
		}
		if err := tx.FoldSkillAliases(ctx, r.GuildID, from, into.ID, r.Now); err != nil {
			return err
		}
		return tx.MergeSkills(ctx, from.ID, into.ID)
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.T("skill.merged", Escape(from.Display), Escape(into.Display), from.Offers, from.Seeks)), nil
}

// completeSkill suggests known skills: prefix, word, substring, then typos; most used first.
func (a *App) completeSkill(ctx context.Context, r *Request, typed string) ([]Choice, error) {
	var all []storage.Skill
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		all, err = tx.Skills(ctx, r.GuildID, 0)
		return err
	})
	if err != nil {
		return nil, err
	}
	ids := map[string]int64{}
	for _, s := range all {
		ids[s.Key] = s.ID
	}
	var out []Choice
	for _, c := range skillname.Rank(typed, candidates(all), MaxChoices) {
		out = append(out, Choice{Name: fmt.Sprintf("%s (%d)", c.Display, c.Uses), Value: strconv.FormatInt(ids[c.Key], 10)})
	}
	// Offering or seeking something new: the typed name itself is a choice.
	if r.Command == "skill offer" || r.Command == "skill seek" {
		if d, k, err := skillName(typed); err == nil {
			if _, known := ids[k]; !known {
				out = append([]Choice{{Name: d, Value: d}}, out...)
				if len(out) > MaxChoices {
					out = out[:MaxChoices]
				}
			}
		}
	}
	return out, nil
}
