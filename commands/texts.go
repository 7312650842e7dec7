package commands

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	i18ntemplate "github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"

	"github.com/tierslieux/tiersbot/commands/french"
)

// Texts is a set of message files (see STYLE.md, "Messages"): one go-i18n
// TOML file per language (fr.toml, en.toml…) and args.toml, which names
// each message's placeholders in the order the Go code passes them. The
// calls stay positional (Lang.T(key, args...)); the files are named.
//
// A placeholder P of message K is itself counted when the files have a
// message "K.P": it is rendered first, with P as its plural count, and
// its text takes P's place. A message with several counts is so made of
// one plural message per count, each with its own CLDR forms.
type Texts struct {
	bundle  *i18n.Bundle
	langs   map[Lang]*i18n.Localizer
	entries map[string]*textEntry
}

type textEntry struct {
	names  []string
	subs   []int // positions whose placeholder is rendered by "key.Name"
	plural bool  // the message has plural forms: its count is its first placeholder
}

// A FrenchRule rewrites a French template at load (typography, command
// names); it sees each placeholder as one private-use character.
type FrenchRule func(string) string

// ArgsFile is the language-independent file of placeholder names.
const ArgsFile = "args.toml"

// LoadTexts reads the message files of dir in fsys. French templates go
// through rule once, here, never at render.
func LoadTexts(fsys fs.FS, dir string, rule FrenchRule) (*Texts, error) {
	names := map[string][]string{}
	raw, err := fs.ReadFile(fsys, path.Join(dir, ArgsFile))
	if err != nil {
		return nil, fmt.Errorf("read placeholder names: %w", err)
	}
	if err := toml.Unmarshal(raw, &names); err != nil {
		return nil, fmt.Errorf("read %s: %w", ArgsFile, err)
	}
	files, err := messageFiles(fsys, dir)
	if err != nil {
		return nil, err
	}
	t := &Texts{bundle: i18n.NewBundle(language.French), langs: map[Lang]*i18n.Localizer{}, entries: map[string]*textEntry{}}
	ids := map[string]bool{}
	plural := map[string]bool{}
	for _, f := range files {
		mf, err := parseMessageFile(fsys, f)
		if err != nil {
			return nil, err
		}
		for _, m := range mf.Messages {
			if mf.Tag == language.French {
				frenchForms(m, rule)
			}
			ids[m.ID] = true
			if m.One != "" || m.Many != "" || m.Few != "" || m.Two != "" || m.Zero != "" {
				plural[m.ID] = true
			}
		}
		if err := t.bundle.AddMessages(mf.Tag, mf.Messages...); err != nil {
			return nil, fmt.Errorf("add %s: %w", f, err)
		}
		t.langs[Lang(mf.Tag.String())] = i18n.NewLocalizer(t.bundle, mf.Tag.String())
	}
	for id := range ids {
		e := &textEntry{names: names[id], plural: plural[id]}
		for i, n := range e.names {
			if ids[id+"."+n] {
				e.subs = append(e.subs, i)
			}
		}
		t.entries[id] = e
	}
	return t, nil
}

// messageFiles lists the language files of dir: every TOML file but args.toml.
func messageFiles(fsys fs.FS, dir string) ([]string, error) {
	all, err := fs.Glob(fsys, path.Join(dir, "*.toml"))
	if err != nil {
		return nil, fmt.Errorf("list message files: %w", err)
	}
	var out []string
	for _, f := range all {
		if path.Base(f) != ArgsFile {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out, nil
}

func parseMessageFile(fsys fs.FS, f string) (*i18n.MessageFile, error) {
	buf, err := fs.ReadFile(fsys, f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", f, err)
	}
	mf, err := i18n.ParseMessageFileBytes(buf, f, map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", f, err)
	}
	return mf, nil
}

// Languages lists the languages of the files, French first.
func (t *Texts) Languages() []Lang {
	var out []Lang
	for l := range t.langs {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] == FR || (out[j] != FR && out[i] < out[j]) })
	return out
}

// Has reports whether key is a message.
func (t *Texts) Has(key string) bool { return t.entries[key] != nil }

// T renders message key in lang with args, positional as args.toml names
// them; false when there is no such message.
func (t *Texts) T(l Lang, key string, args ...any) (string, bool) {
	s, err := t.render(l, key, args)
	if err != nil && s == "" {
		return "", false
	}
	return s, true
}

// render is T with go-i18n's error: an unknown message, or a plural form
// the language needs and the file lacks (the text is then the "other" one).
func (t *Texts) render(l Lang, key string, args []any) (string, error) {
	e := t.entries[key]
	if e == nil {
		return "", fmt.Errorf("no message %q", key)
	}
	loc := t.langs[l]
	if loc == nil {
		loc = t.langs[EN]
	}
	data := &templateData{names: e.names, args: args}
	var firstErr error
	if len(e.subs) > 0 {
		// Each count's own message first, from the arguments as given.
		own := append([]any(nil), args...)
		for _, i := range e.subs {
			var n any
			if i < len(args) {
				n = args[i]
			}
			s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: key + "." + e.names[i], TemplateData: data, PluralCount: count(n), TemplateParser: parser})
			if err != nil && firstErr == nil {
				firstErr = err
			}
			if i < len(own) {
				own[i] = s
			}
		}
		data = &templateData{names: e.names, args: own}
	}
	lc := &i18n.LocalizeConfig{MessageID: key, TemplateData: data, TemplateParser: parser}
	if e.plural && len(args) > 0 {
		lc.PluralCount = count(args[0])
	}
	s, err := loc.Localize(lc)
	if err == nil {
		err = firstErr
	}
	return s, err
}

// count is a plural count go-i18n reads; what is not an integer counts
// as "other", so the message still reads and a test catches the mistake.
func count(v any) any {
	switch n := v.(type) {
	case int, int8, int16, int32, int64:
		return n
	case uint:
		return int64(n)
	case uint32:
		return int64(n)
	}
	return 2
}

// parser is how go-i18n parses the templates (once each: go-i18n caches
// what a Cacheable parser returns, per template). Most templates are text
// and placeholders, which it compiles to a list of parts; the rest goes to
// text/template (see textTemplate).
var parser i18ntemplate.Parser = fastParser{}

const placeFunc = "place"

// The rendering layer's view of a template: each {{ }} action is one
// private-use character while the French rules run, so they read the
// text around a placeholder as they read it around a value.
const actionMark = "\ue000"

var (
	action = regexp.MustCompile(`\{\{.*?\}\}`)
)

// frenchForms applies rule to every form of a French message, then marks
// the placeholders that follow « à » or « de » for contraction.
func frenchForms(m *i18n.Message, rule FrenchRule) {
	for _, f := range []*string{&m.Zero, &m.One, &m.Two, &m.Few, &m.Many, &m.Other} {
		if *f != "" {
			*f = frenchTemplate(*f, rule)
		}
	}
}

func frenchTemplate(s string, rule FrenchRule) string {
	actions := action.FindAllString(s, -1)
	masked := action.ReplaceAllLiteralString(s, actionMark)
	if rule != nil {
		masked = rule(masked)
	}
	parts := strings.Split(masked, actionMark)
	if len(parts) != len(actions)+1 {
		return s // a rule removed a placeholder: keep the template as written
	}
	var b strings.Builder
	for i, p := range parts {
		if i == len(actions) {
			b.WriteString(p)
			break
		}
		if head, prep, md, ok := placeBefore(p, i == 0); ok {
			if f := fieldAction.FindStringSubmatch(actions[i]); f != nil {
				fmt.Fprintf(&b, "%s{{%s %q %q .%s}}", head, placeFunc, prep, md, f[1])
				continue
			}
		}
		b.WriteString(p)
		b.WriteString(actions[i])
	}
	return b.String()
}

// placeBefore reports whether text before a placeholder ends with « à »
// or « de », a space and maybe markdown, as a word of its own: at the
// template's start, or after a space, a line break or a parenthesis.
func placeBefore(before string, atStart bool) (head, prep, md string, ok bool) {
	for _, m := range []string{"**", "__", "*", "_"} {
		if strings.HasSuffix(before, m) {
			md, before = m, strings.TrimSuffix(before, m)
			break
		}
	}
	for _, p := range []string{french.A, french.De} {
		h, found := strings.CutSuffix(before, p+" ")
		if !found {
			continue
		}
		if h == "" && atStart || strings.HasSuffix(h, " ") || strings.HasSuffix(h, "\n") || strings.HasSuffix(h, "(") {
			return h, p, md, true
		}
	}
	return "", "", "", false
}
