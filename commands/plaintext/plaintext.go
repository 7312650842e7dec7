// Package plaintext cleans the text users type and folds names for
// comparison. It is the one rule for every typed text, shared by commands
// and the rule packages (which cannot import commands).
package plaintext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tierslieux/tiersbot/commands/invisible"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Clean trims user text, drops control and format characters (bidi
// controls, zero-width; see package invisible), keeps newlines when
// multiline, and reports its length in runes.
func Clean(s string, multiline bool) (string, int) {
	s = strings.Map(func(r rune) rune {
		if r == '\n' && multiline {
			return r
		}
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return -1
		}
		return r
	}, invisible.Strip(s))
	s = strings.TrimSpace(s)
	if !multiline {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s, utf8.RuneCountInString(s)
}

// Fold is the key used to compare names: lower case, no accents, single spaces.
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return unicode.ToLower(r)
		default:
			return ' '
		}
	}, out)
	return strings.Join(strings.Fields(out), " ")
}
