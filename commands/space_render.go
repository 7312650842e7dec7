package commands

import (
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/render"
	"github.com/tierslieux/tiersbot/commands/spaces"
)

const (
	colorNetwork = 0x2E7D32
	colorSpace   = 0xF9A825
)

// spaceAddedReply shows the new space and what comes next.
func spaceAddedReply(l Lang, s spaces.Space, steps []setupStep) *Response {
	text := l.T("space.added", Escape(s.Name), Escape(s.Town))
	if s.ChannelID == "" {
		text += "\n" + l.T("space.tip_channel")
	} else {
		text += "\n" + nextStepLine(l, steps) // the reply ends with what comes next
	}
	return &Response{Ephemeral: true, Message: Message{Content: text, Embeds: []*discordgo.MessageEmbed{spaceEmbed(l, s, nil)}}}
}

func spaceEditedReply(l Lang, s spaces.Space) *Response {
	return &Response{Ephemeral: true, Message: Message{Content: l.T("space.edited", Escape(s.Name)), Embeds: []*discordgo.MessageEmbed{spaceEmbed(l, s, nil)}}}
}

func spaceInfoReply(l Lang, s spaces.Space, here []spaces.Present) *Response {
	return &Response{Ephemeral: true, Message: Message{Embeds: []*discordgo.MessageEmbed{spaceEmbed(l, s, here)}}}
}

// spaceListReply lists the network's spaces with their head counts.
func spaceListReply(l Lang, list []spaces.Listed) *Response {
	lines := make([]string, 0, len(list))
	for _, x := range list {
		s := x.Space
		line := fmt.Sprintf("**%s** · %s · %s", Escape(s.Name), Escape(s.Town), presentText(l, x.Present, s.Capacity))
		if s.ChannelID != "" {
			line += " · " + mentionChannel(s.ChannelID)
		}
		lines = append(lines, line)
	}
	var b render.Builder
	b.Embed(&discordgo.MessageEmbed{Title: l.N("space.list_title", len(list)), Color: colorNetwork}).
		Desc(lines, more(l, "spaces", listAttached))
	m := Message{Embeds: b.Embeds()}
	attachFull(&m, &b, "lieux.txt", time.UTC)
	return &Response{Ephemeral: true, Message: m}
}

func presentText(l Lang, n, capacity int) string {
	if capacity > 0 {
		return l.T("space.present_cap", n, capacity)
	}
	return l.N("space.present", n)
}

// spaceEmbed is a space's card; here (nil: not shown) is who is there.
func spaceEmbed(l Lang, s spaces.Space, here []spaces.Present) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title:       "🏡 " + Truncate(Escape(s.Name), MaxEmbedTitle-4),
		Description: "📍 " + Escape(s.Town),
		Color:       colorSpace,
	}
	add := func(name, value string) {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: Truncate(value, MaxFieldValue), Inline: true})
	}
	if here != nil || s.ID != 0 {
		add(l.T("space.f_here"), presentText(l, len(here), s.Capacity))
	}
	if s.AnimatorRole != "" {
		add(l.T("space.f_animators"), mentionRole(s.AnimatorRole))
	}
	if s.ChannelID != "" {
		add(l.T("space.f_channel"), mentionChannel(s.ChannelID))
	}
	add(l.T("space.f_closes"), weekText(l, s.Week())+" ("+s.Timezone+")")
	if s.Arrivals {
		add(l.T("space.f_arrivals"), l.T("on"))
	}
	if s.WeeklySummary {
		add(l.T("space.f_summary"), l.T("on"))
	}
	if len(here) > 0 {
		var names []string
		for _, c := range here {
			names = append(names, "• "+Escape(c.Name)+" — "+tsTime(c.At))
		}
		// The field holds who fits; /whoshere has the whole list.
		value, _ := render.Lines(names, render.MaxFieldValue, more(l, "people", notAttached))
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.T("space.f_who"), Value: value})
	}
	return e
}
