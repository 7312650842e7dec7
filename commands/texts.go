package commands

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	i18ntemplate "github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"
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
	langs   map[Lang]*langTexts
	order   []Lang // French first: the language a missing message falls back to
	entries map[string]*textEntry
}

type textEntry struct {
	names  []string
	subs   []int // positions whose placeholder is rendered by "key.Name"
	plural bool  // the message has plural forms: its count is its first placeholder
	// byLang holds go-i18n's parsed templates of each language, indexed
	// like Texts.order, each by plural form (see formNames).
	byLang []*[len(formNames)]executor
}

// executor is go-i18n's template of one plural form of a message.
type executor interface {
	Execute(i18ntemplate.Parser, any) (string, error)
}

// formNames are CLDR's plural categories, "other" last.
var formNames = [...]string{"zero", "one", "two", "few", "many", "other"}

const other = len(formNames) - 1

// langTexts is one language: its go-i18n localizer, asked which plural
// form a count takes, and the answers for small counts.
type langTexts struct {
	index int
	loc   *i18n.Localizer
	small [1000]uint8
}

// pluralProbe is a message whose every form is its own name: rendering it
// with a count tells which CLDR form go-i18n's rules give the count.
const pluralProbe = "\x00plural form"

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
	t := &Texts{bundle: i18n.NewBundle(language.French), langs: map[Lang]*langTexts{}, entries: map[string]*textEntry{}}
	var parsed []*i18n.MessageFile
	for _, f := range files {
		mf, err := parseMessageFile(fsys, f)
		if err != nil {
			return nil, err
		}
		parsed = append(parsed, mf)
		t.order = append(t.order, Lang(mf.Tag.String()))
	}
	sortLangs(t.order)
	for _, mf := range parsed {
		l := Lang(mf.Tag.String())
		lt := &langTexts{index: slices.Index(t.order, l)}
		t.langs[l] = lt
		for _, m := range mf.Messages {
			if l == FR {
				frenchForms(m, rule)
			}
			e := t.entries[m.ID]
			if e == nil {
				e = &textEntry{names: names[m.ID], byLang: make([]*[len(formNames)]executor, len(files))}
				t.entries[m.ID] = e
			}
			if m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != "" {
				e.plural = true
			}
			forms := new([len(formNames)]executor)
			if mt := i18n.NewMessageTemplate(m); mt != nil {
				for form, tmpl := range mt.PluralTemplates {
					forms[slices.Index(formNames[:], string(form))] = tmpl
				}
			}
			e.byLang[lt.index] = forms
		}
		probe := &i18n.Message{ID: pluralProbe, Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
		if err := t.bundle.AddMessages(mf.Tag, probe); err != nil {
			return nil, fmt.Errorf("plural rules of %s: %w", l, err)
		}
		lt.loc = i18n.NewLocalizer(t.bundle, mf.Tag.String())
		for n := range lt.small {
			lt.small[n] = uint8(lt.askForm(int64(n)))
		}
	}
	for id, e := range t.entries {
		for i, n := range e.names {
			if t.entries[id+"."+n] != nil {
				e.subs = append(e.subs, i)
			}
		}
	}
	return t, nil
}

func sortLangs(ls []Lang) { sort.Slice(ls, func(i, j int) bool { return langBefore(ls[i], ls[j]) }) }

// langBefore orders languages French first, then by code.
func langBefore(a, b Lang) bool { return a == FR && b != FR || a != FR && b != FR && a < b }

// askForm asks go-i18n's CLDR rules which plural form n takes.
func (lt *langTexts) askForm(n int64) int {
	s, err := lt.loc.Localize(&i18n.LocalizeConfig{MessageID: pluralProbe, PluralCount: n})
	if i := slices.Index(formNames[:], s); err == nil && i >= 0 {
		return i
	}
	return other
}

// form is the plural form of count n.
func (lt *langTexts) form(n int64) int {
	if n >= 0 && n < int64(len(lt.small)) {
		return int(lt.small[n])
	}
	return lt.askForm(n)
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
	lt := t.langs[l]
	if lt == nil {
		lt = t.langs[EN]
	}
	var data *templateData
	if len(e.names) > 0 {
		data = newTemplateData(e.names, args)
	}
	var firstErr error
	if len(e.subs) > 0 {
		// Each count's own message first, from the arguments as given.
		own := append([]any(nil), args...)
		for _, i := range e.subs {
			var n any
			if i < len(args) {
				n = args[i]
			}
			sub := key + "." + e.names[i]
			s, err := t.execute(lt, t.entries[sub], sub, count(n), true, data)
			if err != nil && firstErr == nil {
				firstErr = err
			}
			if i < len(own) {
				own[i] = s
			}
		}
		data = newTemplateData(e.names, own)
	}
	var n int64
	if len(args) > 0 {
		n = count(args[0])
	}
	s, err := t.execute(lt, e, key, n, e.plural && len(args) > 0, data)
	if err == nil {
		err = firstErr
	}
	return s, err
}

// execute runs the template of the form count n takes (or "other" when
// the message is not counted), in lt's language or else French.
func (t *Texts) execute(lt *langTexts, e *textEntry, key string, n int64, counted bool, data *templateData) (string, error) {
	forms := e.byLang[lt.index]
	if forms == nil {
		forms = e.byLang[0]
	}
	form := other
	if counted {
		form = lt.form(n)
	}
	var missing error
	if forms[form] == nil {
		missing = fmt.Errorf("message %q has no plural form %q in %s", key, formNames[form], t.order[lt.index])
		form = other
	}
	if forms[form] == nil {
		return "", missing
	}
	s, err := forms[form].Execute(parser, data)
	if err != nil {
		return "", fmt.Errorf("render %q: %w", key, err)
	}
	return s, missing
}

// count is a plural count; what is not an integer counts as "other" (2),
// so the message still reads and a test catches the mistake.
func count(v any) int64 {
	switch n := v.(type) {
	case int:
		return int64(n)
	case int64:
		return n
	case int32:
		return int64(n)
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
