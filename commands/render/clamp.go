package render

import (
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// Clamp is the last safety net: it returns content and copies of embeds
// that respect every limit, cutting what exceeds, and says what it had to
// change. Builders should have made this unnecessary: a change is a bug.
func Clamp(content string, embeds []*discordgo.MessageEmbed) (string, []*discordgo.MessageEmbed, []string) {
	var fixes []string
	cut := func(what string, s string, n int) string {
		if Len(s) > n {
			fixes = append(fixes, fmt.Sprintf("%s %d > %d", what, Len(s), n))
			return Cut(s, n)
		}
		return s
	}
	content = cut("content", content, MaxContent)
	if len(embeds) > MaxEmbeds {
		fixes = append(fixes, fmt.Sprintf("embeds %d > %d", len(embeds), MaxEmbeds))
		embeds = embeds[:MaxEmbeds]
	}
	out := make([]*discordgo.MessageEmbed, 0, len(embeds))
	for i, src := range embeds {
		if src == nil {
			continue
		}
		e := *src
		e.Title = cut(fmt.Sprintf("embed %d title", i), e.Title, MaxTitle)
		e.Description = cut(fmt.Sprintf("embed %d description", i), e.Description, MaxDesc)
		if e.Footer != nil {
			f := *e.Footer
			f.Text = cut(fmt.Sprintf("embed %d footer", i), f.Text, MaxFooter)
			e.Footer = &f
		}
		if e.Author != nil {
			a := *e.Author
			a.Name = cut(fmt.Sprintf("embed %d author", i), a.Name, MaxAuthor)
			e.Author = &a
		}
		if len(e.Fields) > MaxFields {
			fixes = append(fixes, fmt.Sprintf("embed %d fields %d > %d", i, len(e.Fields), MaxFields))
			e.Fields = e.Fields[:MaxFields]
		}
		fields := make([]*discordgo.MessageEmbedField, 0, len(e.Fields))
		for j, f := range e.Fields {
			if f == nil {
				continue
			}
			g := *f
			g.Name = cut(fmt.Sprintf("embed %d field %d name", i, j), g.Name, MaxFieldName)
			g.Value = cut(fmt.Sprintf("embed %d field %d value", i, j), g.Value, MaxFieldValue)
			// Discord requires both; an empty one refuses the whole message.
			if g.Name == "" {
				g.Name = "\u200b"
			}
			if g.Value == "" {
				g.Value = "\u200b"
			}
			fields = append(fields, &g)
		}
		e.Fields = fields
		out = append(out, &e)
	}
	if total := EmbedsSize(out); total > MaxEmbedsTotal {
		fixes = append(fixes, fmt.Sprintf("embeds total %d > %d", total, MaxEmbedsTotal))
		shrinkTotal(out, total-MaxEmbedsTotal)
	}
	return content, out, fixes
}

// shrinkTotal cuts the longest texts until excess characters are gone.
func shrinkTotal(embeds []*discordgo.MessageEmbed, excess int) {
	for excess > 0 {
		var longest *string
		n := 1 // never below one character: names and values are required
		for _, e := range embeds {
			for _, p := range textsOf(e) {
				if Len(*p) > n {
					longest, n = p, Len(*p)
				}
			}
		}
		if longest == nil {
			return
		}
		keep := max(n-excess, 1)
		*longest = Cut(*longest, keep)
		excess -= n - Len(*longest)
	}
}

func textsOf(e *discordgo.MessageEmbed) []*string {
	ts := []*string{&e.Title, &e.Description}
	for _, f := range e.Fields {
		ts = append(ts, &f.Name, &f.Value)
	}
	if e.Footer != nil {
		ts = append(ts, &e.Footer.Text)
	}
	if e.Author != nil {
		ts = append(ts, &e.Author.Name)
	}
	return ts
}

// EmbedsSize is what Discord counts against the 6,000 characters of a message.
func EmbedsSize(embeds []*discordgo.MessageEmbed) int {
	n := 0
	for _, e := range embeds {
		n += embedSize(e)
	}
	return n
}

func embedSize(e *discordgo.MessageEmbed) int {
	if e == nil {
		return 0
	}
	n := 0
	for _, p := range textsOf(e) {
		n += Len(*p)
	}
	return n
}
