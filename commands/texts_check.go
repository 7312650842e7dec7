package commands

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// MessageFile is one language's file as written, before any rendering rule.
type MessageFile struct {
	Lang     Lang
	Messages map[string]*i18n.Message
}

// ReadMessageFiles reads the language files of dir as written, and args.toml.
func ReadMessageFiles(fsys fs.FS, dir string) ([]MessageFile, map[string][]string, error) {
	names := map[string][]string{}
	raw, err := fs.ReadFile(fsys, path.Join(dir, ArgsFile))
	if err != nil {
		return nil, nil, fmt.Errorf("read placeholder names: %w", err)
	}
	if err := toml.Unmarshal(raw, &names); err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", ArgsFile, err)
	}
	files, err := messageFiles(fsys, dir)
	if err != nil {
		return nil, nil, err
	}
	var out []MessageFile
	for _, f := range files {
		mf, err := parseMessageFile(fsys, f)
		if err != nil {
			return nil, nil, err
		}
		m := MessageFile{Lang: Lang(mf.Tag.String()), Messages: map[string]*i18n.Message{}}
		for _, msg := range mf.Messages {
			m.Messages[msg.ID] = msg
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return langBefore(out[i].Lang, out[j].Lang) })
	return out, names, nil
}

// Forms lists a message's plural forms as written, "other" last.
func Forms(m *i18n.Message) map[string]string {
	out := map[string]string{}
	for form, s := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other} {
		if s != "" {
			out[form] = s
		}
	}
	return out
}

var placeholderRe = regexp.MustCompile(`\{\{[^}]*?\.([A-Za-z][A-Za-z0-9_]*)`)

// Placeholders lists the names a message's forms use, sorted, once each.
func Placeholders(m *i18n.Message) []string {
	var out []string
	for _, s := range Forms(m) {
		for _, p := range placeholderRe.FindAllStringSubmatch(s, -1) {
			if !slices.Contains(out, p[1]) {
				out = append(out, p[1])
			}
		}
	}
	sort.Strings(out)
	return out
}

// pluralSamples are counts that reach every integer plural category of
// the languages CLDR describes (0, 1, 2, few, many as in French 1000000).
var pluralSamples = []int{0, 1, 2, 3, 5, 11, 21, 100, 101, 1000000, 2000000}

// CheckMessageFiles lists what is wrong with the message files of dir: a
// message missing from a language, placeholders that differ between the
// languages or from args.toml, a plural form a language's CLDR rules need
// and its file lacks, a template that does not render.
func CheckMessageFiles(fsys fs.FS, dir string) []string {
	files, names, err := ReadMessageFiles(fsys, dir)
	if err != nil {
		return []string{err.Error()}
	}
	var bad []string
	fail := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	// The parent of a counted placeholder's message "K.P".
	parent := func(id string) (string, bool) {
		i := strings.LastIndex(id, ".")
		if i < 0 {
			return "", false
		}
		k, p := id[:i], id[i+1:]
		return k, slices.Contains(names[k], p) && files[0].Messages[k] != nil
	}
	first := files[0]
	for _, f := range files[1:] {
		for id := range first.Messages {
			if f.Messages[id] == nil {
				fail("%s: missing in %s", id, f.Lang)
			}
		}
		for id := range f.Messages {
			if first.Messages[id] == nil {
				fail("%s: in %s but not in %s", id, f.Lang, first.Lang)
			}
		}
	}
	for id := range names {
		if first.Messages[id] == nil {
			fail("%s: in %s but no such message", id, ArgsFile)
		}
	}
	for id := range first.Messages {
		allowed := names[id]
		if k, ok := parent(id); ok {
			allowed = names[k]
		}
		var used []string
		for _, f := range files {
			m := f.Messages[id]
			if m == nil {
				continue
			}
			p := Placeholders(m)
			for _, n := range p {
				if !slices.Contains(allowed, n) {
					fail("%s (%s): placeholder %s is not in %s %v", id, f.Lang, n, ArgsFile, allowed)
				}
			}
			if used == nil {
				used = p
			} else if !slices.Equal(used, p) {
				fail("%s: %s uses %v, %s uses %v", id, first.Lang, used, f.Lang, p)
			}
		}
		if _, ok := parent(id); !ok && names[id] != nil {
			for _, n := range names[id] {
				if !slices.Contains(used, n) && first.Messages[id+"."+n] == nil {
					fail("%s: %s names %s, which no language uses", id, ArgsFile, n)
				}
			}
		}
	}
	t, err := LoadTexts(fsys, dir, nil)
	if err != nil {
		return append(bad, err.Error())
	}
	for id, e := range t.entries {
		if _, ok := parent(id); ok {
			continue
		}
		counted := e.subs
		if e.plural {
			counted = append([]int{0}, counted...)
		}
		for _, f := range files {
			for _, n := range pluralSamples {
				args := make([]any, len(e.names))
				for i := range args {
					args[i] = "x"
				}
				for _, i := range counted {
					args[i] = n
				}
				if _, err := t.render(f.Lang, id, args); err != nil {
					fail("%s (%s) with %d: %v", id, f.Lang, n, err)
				}
				if len(counted) == 0 {
					break
				}
			}
		}
	}
	sort.Strings(bad)
	return bad
}

var (
	// Code spans, Discord markup and addresses keep their own spacing.
	typoUntouched = regexp.MustCompile("`[^`]*`|<[^\\s<>]+>|https?://\\S+")
	// A plain space (or the wrong no-break one) before a sign, a sign glued
	// to its word, or a plain space inside guillemets.
	badTypo = []*regexp.Regexp{
		regexp.MustCompile(`[ \x{00a0}][;!?](\s|$|\*)`),
		regexp.MustCompile(`[^\s\x{00a0}\x{202f};!?:(«*][;!?](\s|$)`),
		regexp.MustCompile(`[ \x{202f}]:(\s|$|\*)`),
		regexp.MustCompile(`[^\s\x{00a0};!?:*]:(\s|$)`),
		regexp.MustCompile(`« |«[^\x{00a0}]| »|[^\x{00a0}]»`),
	}
)

// CheckFrenchTypography renders every French message of t (its counts 1, 2
// and 1 000 000, its texts "Le Cube") and lists those that break French
// typography: a plain space before ; ! ? : or inside « », or one missing.
func CheckFrenchTypography(t *Texts) []string {
	var bad []string
	for key, e := range t.entries {
		for _, n := range []int{1, 2, 1000000} {
			args := make([]any, len(e.names))
			for i := range args {
				args[i] = "Le Cube"
			}
			if e.plural && len(args) > 0 {
				args[0] = n
			}
			for _, i := range e.subs {
				args[i] = n
			}
			got, _ := t.T(FR, key, args...)
			text := typoUntouched.ReplaceAllString(got, "`x`")
			for _, re := range badTypo {
				if loc := re.FindStringIndex(text); loc != nil {
					bad = append(bad, fmt.Sprintf("%s: %q breaks French typography at %q", key, got, text[max(loc[0]-10, 0):loc[1]]))
				}
			}
		}
	}
	sort.Strings(bad)
	return bad
}
