package bot

import (
	"strings"
	"unicode"

	"github.com/tierslieux/tiersbot/commands"
)

// lineError is what is wrong with a typed line or value, as a console
// message: shown in the console's language, never as Go text.
type lineError struct {
	key  string
	args []any
}

func lineErr(key string, args ...any) error { return &lineError{key, args} }

func (e *lineError) Error() string { return consoleLang(commands.EN).T0(e.key, e.args...) }

// token is one word of a console line: `word`, `"two words"`, `key:value`
// or `key:"a value"` (with '=' instead of ':' for :form).
type token struct {
	Key    string
	Value  string
	HasKey bool
}

// tokenize splits a console line. Quotes group spaces; inside quotes \" and
// \\ escape. sep is the key/value separator.
func tokenize(s string, sep rune) ([]token, error) {
	var out []token
	rs := []rune(s)
	i := 0
	for {
		for i < len(rs) && unicode.IsSpace(rs[i]) {
			i++
		}
		if i >= len(rs) {
			return out, nil
		}
		var t token
		// A key is letters, digits, '_' or '-' followed by sep.
		j := i
		for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '_' || rs[j] == '-') {
			j++
		}
		if j > i && j < len(rs) && rs[j] == sep {
			t.Key, t.HasKey = string(rs[i:j]), true
			i = j + 1
		}
		v, next, err := readValue(rs, i)
		if err != nil {
			return nil, err
		}
		t.Value, i = v, next
		out = append(out, t)
	}
}

func readValue(rs []rune, i int) (string, int, error) {
	var b strings.Builder
	if i < len(rs) && rs[i] == '"' {
		i++
		for i < len(rs) {
			switch rs[i] {
			case '\\':
				if i+1 < len(rs) {
					b.WriteRune(rs[i+1])
					i += 2
					continue
				}
				i++
			case '"':
				if i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
					return "", 0, lineErr("console.parse_after_quote", string(rs[max(0, i-10):i+1]))
				}
				return b.String(), i + 1, nil
			default:
				b.WriteRune(rs[i])
				i++
			}
		}
		return "", 0, lineErr("console.parse_open_quote")
	}
	for i < len(rs) && !unicode.IsSpace(rs[i]) {
		b.WriteRune(rs[i])
		i++
	}
	return b.String(), i, nil
}

// slashLine is a parsed slash command: its words, then its options in order.
type slashLine struct {
	Path []string
	Opts []token
}

// parseSlash reads `/space add name:"La Ruche" town:Crest`.
func parseSlash(line string) (slashLine, error) {
	var sl slashLine
	rest, ok := strings.CutPrefix(strings.TrimSpace(line), "/")
	if !ok {
		return sl, lineErr("console.parse_no_slash")
	}
	toks, err := tokenize(rest, ':')
	if err != nil {
		return sl, err
	}
	for _, t := range toks {
		switch {
		case t.HasKey:
			for _, o := range sl.Opts {
				if o.Key == t.Key {
					return sl, lineErr("console.parse_twice", t.Key)
				}
			}
			sl.Opts = append(sl.Opts, t)
		case len(sl.Opts) > 0:
			return sl, lineErr("console.parse_stray", t.Value)
		case t.Value == "":
			return sl, lineErr("console.parse_empty")
		default:
			sl.Path = append(sl.Path, strings.ToLower(t.Value))
		}
	}
	if len(sl.Path) == 0 {
		return sl, lineErr("console.parse_no_command")
	}
	return sl, nil
}
