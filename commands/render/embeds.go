package render

import (
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Builder puts together a message's embeds within every limit: each list
// first fits its own limit (description, field value, 25 fields), then,
// while all embeds together exceed 6,000 characters, the list that takes the
// most room gives up its last item. What was left out is counted (Omitted)
// so the caller can say so and attach the whole text (Full).
type Builder struct {
	embeds []*Embed
	built  bool
}

// Embed is one embed being built. Base holds its fixed parts (title, color,
// footer, author, image…); its Description is used when no list is given for
// it, and its Fields come before the ones added here.
type Embed struct {
	base  discordgo.MessageEmbed
	desc  *list
	parts []part
}

// Field is one embed field of a FieldList.
type Field struct {
	Name, Value string
	Inline      bool
}

// part is one field, or a list of fields (FieldList).
type part struct {
	field  Field
	value  *list // a list field's value
	items  []Field
	more   func(left int) Field
	shown  int   // items shown
	capped int   // items the 25-field limit allows
	sums   []int // sums[k] is the length of the first k items, cut to the limits
}

// Embed adds an embed built on base (copied).
func (b *Builder) Embed(base *discordgo.MessageEmbed) *Embed {
	e := &Embed{base: *base}
	e.base.Fields = nil
	for _, f := range base.Fields {
		e.parts = append(e.parts, part{field: Field{f.Name, f.Value, f.Inline}})
	}
	b.embeds = append(b.embeds, e)
	return e
}

// Desc makes lines the embed's description.
func (e *Embed) Desc(lines []string, more More) *Embed {
	if more == nil {
		more = DefaultMore
	}
	e.desc = newList(lines, "\n", MaxDesc, more)
	return e
}

// Field adds a field of fixed text (cut to the limits if need be).
func (e *Embed) Field(name, value string, inline bool) *Embed {
	e.parts = append(e.parts, part{field: Field{name, value, inline}})
	return e
}

// ListField adds a field whose value is lines.
func (e *Embed) ListField(name string, inline bool, lines []string, more More) *Embed {
	if more == nil {
		more = DefaultMore
	}
	e.parts = append(e.parts, part{field: Field{Name: name, Inline: inline}, value: newList(lines, "\n", MaxFieldValue, more)})
	return e
}

// FieldList adds one field per item; when some are left out, the field
// more(left) comes last.
func (e *Embed) FieldList(items []Field, more func(left int) Field) *Embed {
	if more == nil {
		more = func(left int) Field { return Field{Name: "…", Value: DefaultMore(left)} }
	}
	sums := make([]int, len(items)+1)
	for i, f := range items {
		sums[i+1] = sums[i] + Len(Cut(f.Name, MaxFieldName)) + Len(Cut(f.Value, MaxFieldValue))
	}
	e.parts = append(e.parts, part{items: items, more: more, sums: sums})
	return e
}

// Embeds builds the embeds. At most 10 are kept: a message cannot hold more.
func (b *Builder) Embeds() []*discordgo.MessageEmbed {
	if !b.built {
		b.fit()
		b.built = true
	}
	out := make([]*discordgo.MessageEmbed, 0, len(b.kept()))
	for _, e := range b.kept() {
		out = append(out, e.build())
	}
	// Whatever is left (fixed texts too long together) is cut by the net.
	_, out, _ = Clamp("", out)
	return out
}

// kept are the embeds a message can hold; the others are left out whole.
func (b *Builder) kept() []*Embed {
	return b.embeds[:min(len(b.embeds), MaxEmbeds)]
}

// Omitted is how many items the lists left out, in all (after Embeds).
func (b *Builder) Omitted() int {
	n := 0
	for i, e := range b.embeds {
		if i >= MaxEmbeds {
			n += e.given()
			continue
		}
		if e.desc != nil {
			n += e.desc.n - e.desc.shown
		}
		for _, p := range e.parts {
			switch {
			case p.value != nil:
				n += p.value.n - p.value.shown
			case p.items != nil:
				n += len(p.items) - p.shown
			}
		}
	}
	return n
}

// given is how many items the embed's lists hold.
func (e *Embed) given() int {
	n := 0
	if e.desc != nil {
		n += e.desc.n
	}
	for _, p := range e.parts {
		if p.value != nil {
			n += p.value.n
		}
		n += len(p.items)
	}
	return n
}

// fit sets how many items each list shows.
func (b *Builder) fit() {
	for _, e := range b.kept() {
		fixed := 0
		for _, p := range e.parts {
			if p.items == nil {
				fixed++
			}
		}
		room := MaxFields - fixed
		for i := range e.parts {
			p := &e.parts[i]
			if p.items == nil {
				continue
			}
			k := min(len(p.items), max(room, 0))
			if k < len(p.items) {
				k = max(k-1, 0) // room for the "more" field
			}
			p.capped, p.shown = k, k
			room -= k
			if k < len(p.items) {
				room--
			}
		}
	}
	for b.total() > MaxEmbedsTotal {
		if !b.shrinkLargest() {
			return
		}
	}
}

// shrinkLargest takes one item off the list that takes the most room; false
// when no list has anything left to give.
func (b *Builder) shrinkLargest() bool {
	var best func()
	bestSize := -1
	for _, e := range b.kept() {
		if l := e.desc; l != nil && l.shown > 0 {
			if s := l.size(l.shown); s > bestSize {
				bestSize, best = s, func() { l.shown = l.fit(l.shown - 1) }
			}
		}
		for i := range e.parts {
			p := &e.parts[i]
			switch {
			case p.value != nil && p.value.shown > 0:
				l := p.value
				if s := l.size(l.shown); s > bestSize {
					bestSize, best = s, func() { l.shown = l.fit(l.shown - 1) }
				}
			case p.items != nil && p.shown > 0:
				if s := p.itemsSize(); s > bestSize {
					bestSize, best = s, func() { p.shown-- }
				}
			}
		}
	}
	if best == nil {
		return false
	}
	best()
	return true
}

func (p *part) itemsSize() int {
	n := p.sums[p.shown]
	if p.shown < len(p.items) {
		f := p.more(len(p.items) - p.shown)
		n += Len(Cut(f.Name, MaxFieldName)) + Len(Cut(f.Value, MaxFieldValue))
	}
	return n
}

// size is what the embed counts against the message's total, as built.
func (e *Embed) size() int {
	n := Len(Cut(e.base.Title, MaxTitle))
	if e.desc != nil {
		n += min(e.desc.size(e.desc.shown), MaxDesc)
	} else {
		n += Len(Cut(e.base.Description, MaxDesc))
	}
	if e.base.Footer != nil {
		n += Len(Cut(e.base.Footer.Text, MaxFooter))
	}
	if e.base.Author != nil {
		n += Len(Cut(e.base.Author.Name, MaxAuthor))
	}
	for i := range e.parts {
		p := &e.parts[i]
		switch {
		case p.value != nil:
			n += Len(Cut(p.field.Name, MaxFieldName)) + min(p.value.size(p.value.shown), MaxFieldValue)
		case p.items != nil:
			n += p.itemsSize()
		default:
			n += Len(Cut(p.field.Name, MaxFieldName)) + Len(Cut(p.field.Value, MaxFieldValue))
		}
	}
	return n
}

// fields are the fields a part shows, cut to the field limits.
func (p *part) fields() []Field {
	var out []Field
	switch {
	case p.value != nil:
		out = []Field{{p.field.Name, p.value.text(p.value.shown), p.field.Inline}}
	case p.items != nil:
		out = append(out, p.items[:p.shown]...)
		if p.shown < len(p.items) {
			out = append(out, p.more(len(p.items)-p.shown))
		}
	default:
		out = []Field{p.field}
	}
	for i := range out {
		out[i].Name = Cut(out[i].Name, MaxFieldName)
		out[i].Value = Cut(out[i].Value, MaxFieldValue)
	}
	return out
}

func (b *Builder) total() int {
	n := 0
	for _, e := range b.kept() {
		n += e.size()
	}
	return n
}

func (e *Embed) build() *discordgo.MessageEmbed {
	out := e.base
	out.Title = Cut(out.Title, MaxTitle)
	if e.desc != nil {
		out.Description = e.desc.text(e.desc.shown)
	}
	out.Description = Cut(out.Description, MaxDesc)
	if out.Footer != nil {
		f := *out.Footer
		f.Text = Cut(f.Text, MaxFooter)
		out.Footer = &f
	}
	if out.Author != nil {
		a := *out.Author
		a.Name = Cut(a.Name, MaxAuthor)
		out.Author = &a
	}
	out.Fields = nil
	for i := range e.parts {
		for _, f := range e.parts[i].fields() {
			out.Fields = append(out.Fields, &discordgo.MessageEmbedField{Name: f.Name, Value: f.Value, Inline: f.Inline})
		}
	}
	return &out
}

// Full is the whole content, nothing left out, as plain text for an
// attachment: plain turns each piece of markdown into what a reader of a
// text file should see (nil keeps it as is).
func (b *Builder) Full(plain func(string) string) string {
	if plain == nil {
		plain = func(s string) string { return s }
	}
	var w strings.Builder
	line := func(s string) {
		if s != "" {
			w.WriteString(plain(s) + "\n")
		}
	}
	for i, e := range b.embeds {
		if i > 0 {
			w.WriteString("\n")
		}
		if e.base.Author != nil {
			line(e.base.Author.Name)
		}
		if e.base.Title != "" {
			line("# " + e.base.Title)
		}
		if e.desc != nil {
			for _, it := range e.desc.all() {
				line(it)
			}
		} else {
			line(e.base.Description)
		}
		for _, p := range e.parts {
			switch {
			case p.value != nil:
				line("\n## " + p.field.Name)
				for _, it := range p.value.all() {
					line(it)
				}
			case p.items != nil:
				for _, f := range p.items {
					line("\n## " + f.Name)
					line(f.Value)
				}
			default:
				line("\n## " + p.field.Name)
				line(p.field.Value)
			}
		}
		if e.base.Footer != nil {
			line("\n" + e.base.Footer.Text)
		}
	}
	return w.String()
}
