package commands

import (
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/render"
	"github.com/tierslieux/tiersbot/commands/skills"
	"github.com/tierslieux/tiersbot/storage"
)

const colorSkill = 0x6A1B9A

// skillAddedReply says what an offer or need came to, with who answers it.
func skillAddedReply(l Lang, kind skills.Kind, added skills.Added) *Response {
	name := Escape(added.Skill.Display)
	var b strings.Builder
	switch {
	case kind == skills.Offer && added.Fresh:
		b.WriteString(l.T("skill.offered", name))
	case kind == skills.Offer:
		b.WriteString(l.T("skill.offer_updated", name))
	case added.Fresh:
		b.WriteString(l.T("skill.sought", name))
	default:
		b.WriteString(l.T("skill.seek_updated", name))
	}
	var rows []Row
	// Nobody is not "0 members" in French (CLDR puts 0 with 1): its own line.
	switch {
	case kind == skills.Offer && added.Matches == 0:
		b.WriteString("\n" + l.T("skill.seekers_none"))
	case kind == skills.Offer:
		b.WriteString("\n" + l.N("skill.seekers", added.Matches))
	case added.Matches == 0:
		b.WriteString("\n" + l.T("skill.offerers_none"))
	default:
		b.WriteString("\n" + l.N("skill.offerers", added.Matches))
	}
	if kind != skills.Offer {
		if added.Matches > 0 {
			rows = append(rows, Row{Button(Primary, l.T("btn.see_offers"), CustomID("skfind", added.Skill.ID))})
		} else {
			b.WriteString("\n" + l.T("skill.nobody_yet"))
		}
	}
	return ephemeral(b.String(), rows...)
}

// skillMineReply lists a member's offers and needs.
func skillMineReply(l Lang, list []skills.Holding) *Response {
	if len(list) == 0 {
		return ephemeral(l.T("skill.mine_none"))
	}
	var b render.Builder
	e := b.Embed(&discordgo.MessageEmbed{Title: l.T("skill.mine_title"), Color: colorSkill,
		Footer: &discordgo.MessageEmbedFooter{Text: l.T("skill.mine_footer", len(list), skills.MaxPerMember)}})
	addSkillFields(l, e, list)
	m := Message{Embeds: b.Embeds()}
	attachFull(&m, &b, "competences.txt", time.UTC)
	return &Response{Ephemeral: true, Message: m}
}

// addSkillFields adds a member's offers and needs, one line each.
func addSkillFields(l Lang, e *render.Embed, list []skills.Holding) {
	offers, seeks := skillLines(l, list)
	if len(offers) > 0 {
		e.ListField(l.T("skill.f_offers"), false, offers, more(l, "skills", listAttached))
	}
	if len(seeks) > 0 {
		e.ListField(l.T("skill.f_seeks"), false, seeks, more(l, "skills", listAttached))
	}
}

func skillLines(l Lang, list []skills.Holding) ([]string, []string) {
	var offers, seeks []string
	for _, h := range list {
		line := "• " + Escape(h.Skill.Display)
		if h.Level != "" {
			line += " (" + l.T("level."+h.Level) + ")"
		}
		if h.Note != "" {
			line += " — _" + Escape(h.Note) + "_"
		}
		if h.Kind == skills.Offer {
			offers = append(offers, line)
		} else {
			seeks = append(seeks, line)
		}
	}
	return offers, seeks
}

// findReply lists who offers a skill, the first five with a button to ask
// for an introduction. names are the network's spaces by id.
func findReply(l Lang, skill skills.Skill, found []skills.Holding, names map[int64]string) *Response {
	if len(found) == 0 {
		return ephemeral(l.T("skill.nobody_offers", Escape(skill.Display)))
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
	return &Response{Ephemeral: true, Message: m}
}

// skillListReply shows the top lists of the network, or of one space.
func skillListReply(l Lang, tops skills.Tops, only storage.Space) *Response {
	if tops.Total == 0 {
		return ephemeral(l.T("skill.list_none"))
	}
	lines := func(list []skills.Scored) []string {
		if len(list) == 0 {
			return []string{"—"}
		}
		out := make([]string, len(list))
		for i, s := range list {
			out[i] = fmt.Sprintf("• %s (%d)", Escape(s.Skill.Display), s.Count)
		}
		return out
	}
	where := l.T("event.list_network")
	if only.ID != 0 {
		where = Escape(only.Name)
	}
	// Each list is a top 10; escaping can make ten names longer than a
	// field holds (a 400 for everyone), so the builder keeps what fits.
	var b render.Builder
	b.Embed(&discordgo.MessageEmbed{Title: l.T("skill.list_title", where), Color: colorSkill}).
		ListField(l.T("skill.f_most_offered"), true, lines(tops.Offered), more(l, "skills", listAttached)).
		ListField(l.T("skill.f_most_sought"), true, lines(tops.Sought), more(l, "skills", listAttached)).
		ListField(l.T("skill.f_unmet"), false, lines(tops.Unmet), more(l, "skills", listAttached))
	m := Message{Embeds: b.Embeds()}
	attachFull(&m, &b, "competences.txt", time.UTC)
	return &Response{Ephemeral: true, Message: m}
}

// introRequestDM asks the offerer (in their language) to consent to an
// introduction.
func introRequestDM(ol Lang, asker string, asked skills.Asked) Message {
	text := ol.T("skill.intro_request", Escape(asker), Escape(asked.Skill.Display))
	if asked.AskerSpace != "" {
		text = ol.T("skill.intro_request_from", Escape(asker), place(Escape(asked.AskerSpace)), Escape(asked.Skill.Display))
	}
	if asked.Intro.Note != "" {
		text += "\n> " + Escape(asked.Intro.Note)
	}
	text += "\n" + ol.T("skill.intro_consent")
	return Message{Content: text, Components: []Row{{
		Button(Success, ol.T("btn.accept"), CustomID("introy", asked.Intro.ID)),
		Button(Secondary, ol.T("btn.decline"), CustomID("intron", asked.Intro.ID)),
	}}}
}

// introDeclinedDM tells the asker: kind, and nothing more than they
// already saw in /skill find.
func introDeclinedDM(al Lang, skill skills.Skill) Message {
	return Message{Content: al.T("skill.intro_declined", Escape(skill.Display))}
}

// introAcceptedDMs introduce each side to the other, each in their language.
func introAcceptedDMs(al, ol Lang, in skills.Intro, skill skills.Skill) (asker, offerer Message) {
	both := []string{in.AskerID, in.OffererID}
	asker = Message{Content: al.T("skill.intro_accepted_asker", mentionUser(in.OffererID), Escape(skill.Display)), PingUsers: both}
	offerer = Message{Content: ol.T("skill.intro_accepted_offerer", mentionUser(in.AskerID), Escape(skill.Display)), PingUsers: both}
	return asker, offerer
}

// introThanks replaces the request's buttons once answered.
func introThanks(l Lang, accept bool) *Response {
	text := l.T("skill.intro_thanks_decline")
	if accept {
		text = l.T("skill.intro_thanks_accept")
	}
	return &Response{Type: Update, Message: Message{Content: text}}
}

// metQuestionDM asks one side (who: "a" the asker, "o" the offerer) whether they met other.
func metQuestionDM(ul Lang, introID int64, other, who string, skill skills.Skill) Message {
	return Message{Content: ul.T("skill.met_question", mentionUser(other), Escape(skill.Display)), Components: []Row{{
		Button(Success, ul.T("btn.met_yes"), CustomID("met", introID, who, "y")),
		Button(Secondary, ul.T("btn.met_no"), CustomID("met", introID, who, "n")),
	}}}
}

// metThanks replaces the question's buttons once answered.
func metThanks(l Lang, met bool) *Response {
	if met {
		return &Response{Type: Update, Message: Message{Content: l.T("skill.met_yes")}}
	}
	return &Response{Type: Update, Message: Message{Content: l.T("skill.met_not_yet")}}
}

// matchLine is one of the week's matches: a new offer or need of another member.
func matchLine(ul Lang, n skills.Holding) string {
	return "• " + ul.T("skill.match_"+string(n.Kind), Escape(n.Name), Escape(n.Skill.Display))
}

// weeklyMatchesDM is the week's matches in one DM: at most 15 lines, and
// as many as the message holds. named (one per line, "" for none) is cut
// with the lines.
func weeklyMatchesDM(ul Lang, lines, named []string) (Message, []string) {
	head, how := ul.N("skill.weekly_matches", len(lines)), ul.T("skill.weekly_matches_how")
	extra := max(len(lines)-15, 0)
	lines, named = lines[:len(lines)-extra], named[:len(lines)-extra]
	moreLines := func(left int) string { return ul.N("more.items", left+extra) }
	room := render.MaxContent - render.Len(head) - render.Len(how) - 2
	body, shown := render.Lines(lines, room-render.Len(moreLines(0))-1, moreLines)
	if extra > 0 && shown == len(lines) {
		body += "\n" + moreLines(0)
	}
	return Message{Content: head + "\n" + body + "\n" + how}, named
}
