package commands

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	texttemplate "text/template"

	i18ntemplate "github.com/nicksnyder/go-i18n/v2/i18n/template"

	"github.com/tierslieux/tiersbot/commands/french"
)

// templateData is what a message's template reads: its placeholders'
// names (args.toml) and the caller's arguments, in the same order.
type templateData struct {
	names  []string
	args   []any
	inline [4]any
}

// newTemplateData copies args (in one allocation for most messages): the
// caller's slice then stays on its stack.
func newTemplateData(names []string, args []any) *templateData {
	d := &templateData{names: names}
	if len(args) <= len(d.inline) {
		d.args = d.inline[:copy(d.inline[:], args)]
	} else {
		d.args = append([]any(nil), args...)
	}
	return d
}

func (d *templateData) get(name string) (any, bool) {
	for i, n := range d.names {
		if n == name {
			if i < len(d.args) {
				return d.args[i], true
			}
			break
		}
	}
	return nil, false
}

func (d *templateData) asMap() map[string]any {
	if d == nil {
		return nil
	}
	m := make(map[string]any, len(d.names))
	for i, n := range d.names {
		if i < len(d.args) {
			m[n] = d.args[i]
		}
	}
	return m
}

// fastParser compiles a template made of text, placeholders ({{.Space}})
// and place contractions ({{place "à" "**" .Space}}, written at load) to
// its parts; any other template is text/template's.
type fastParser struct{}

func (fastParser) Cacheable() bool { return true }

var (
	fieldAction = regexp.MustCompile(`^\{\{\s*\.([A-Za-z][A-Za-z0-9_]*)\s*\}\}$`)
	placeAction = regexp.MustCompile(`^\{\{` + placeFunc + ` "(à|de)" "([*_]*)" \.([A-Za-z][A-Za-z0-9_]*)\}\}$`)
)

type part struct {
	text      string // literal text, or
	name      string // a placeholder,
	prep, md  string // after « à » or « de » and markdown when contracted
	contracts bool
}

type partsTemplate []part

func (fastParser) Parse(src, _, _ string) (i18ntemplate.ParsedTemplate, error) {
	var parts partsTemplate
	last := 0
	for _, loc := range action.FindAllStringIndex(src, -1) {
		a := src[loc[0]:loc[1]]
		var p part
		if m := fieldAction.FindStringSubmatch(a); m != nil {
			p = part{name: m[1]}
		} else if m := placeAction.FindStringSubmatch(a); m != nil {
			p = part{name: m[3], prep: m[1], md: m[2], contracts: true}
		} else {
			return textTemplate(src)
		}
		if loc[0] > last {
			parts = append(parts, part{text: src[last:loc[0]]})
		}
		parts = append(parts, p)
		last = loc[1]
	}
	if strings.Contains(src[last:], "{{") || strings.Contains(src[last:], "}}") && len(parts) == 0 {
		return textTemplate(src)
	}
	if last < len(src) {
		parts = append(parts, part{text: src[last:]})
	}
	return parts, nil
}

func (t partsTemplate) Execute(data any) (string, error) {
	if len(t) == 1 && t[0].name == "" {
		return t[0].text, nil
	}
	d, _ := data.(*templateData)
	var b strings.Builder
	b.Grow(t.size())
	for _, p := range t {
		if p.name == "" {
			b.WriteString(p.text)
			continue
		}
		var v any
		ok := false
		if d != nil {
			v, ok = d.get(p.name)
		}
		if p.contracts {
			writePlace(&b, p.prep, p.md, v, ok)
			continue
		}
		writeValue(&b, v, ok)
	}
	return b.String(), nil
}

// writeValue prints a value as text/template does: "<no value>" when the
// caller passed none.
func writeValue(b *strings.Builder, v any, ok bool) {
	if !ok {
		b.WriteString("<no value>")
		return
	}
	switch x := v.(type) {
	case string:
		b.WriteString(x)
	case french.Place:
		b.WriteString(string(x))
	case int:
		b.WriteString(strconv.Itoa(x))
	default:
		b.WriteString(fmt.Sprint(v)) // not Fprint(b): b would escape, for every message
	}
}

// contractPlace writes « à **X** » or « de **X** » for a placeholder
// value: contracted with the article when it is a french.Place (« au
// **Cube** »), as written otherwise.
func contractPlace(prep, md string, v any, ok bool) string {
	var b strings.Builder
	writePlace(&b, prep, md, v, ok)
	return b.String()
}

func writePlace(b *strings.Builder, prep, md string, v any, ok bool) {
	if p, isPlace := v.(french.Place); isPlace {
		prefix, rest := french.Contract(prep, string(p))
		b.WriteString(prefix)
		b.WriteString(md)
		b.WriteString(rest)
		return
	}
	b.WriteString(prep)
	b.WriteByte(' ')
	b.WriteString(md)
	writeValue(b, v, ok)
}

// size guesses the rendered length: the text, and a short value for each
// placeholder.
func (t partsTemplate) size() int {
	n := 0
	for _, p := range t {
		n += len(p.text) + len(p.prep) + len(p.md)
		if p.name != "" {
			n += 16
		}
	}
	return n
}

// textTemplate is text/template for what the parts do not cover (a
// translator's {{if}}…): slower, same data.
func textTemplate(src string) (i18ntemplate.ParsedTemplate, error) {
	t, err := texttemplate.New("").Option("missingkey=default").Funcs(texttemplate.FuncMap{
		placeFunc: func(prep, md string, v any) string { return contractPlace(prep, md, v, true) },
	}).Parse(src)
	if err != nil {
		return nil, fmt.Errorf("parse template %q: %w", src, err)
	}
	return textParsed{t}, nil
}

type textParsed struct{ t *texttemplate.Template }

func (p textParsed) Execute(data any) (string, error) {
	if d, ok := data.(*templateData); ok {
		data = d.asMap()
	}
	var b strings.Builder
	if err := p.t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("render template: %w", err)
	}
	return b.String(), nil
}
