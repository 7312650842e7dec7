// Package invisible removes Unicode format characters (category Cf) from
// user text: bidi controls (U+202A–U+202E, U+2066–U+2069) reorder what
// others read, so a name can pass for another or hide a link's true end;
// zero-width characters (U+200B–U+200D, U+2060, U+FEFF) make two names look
// the same while differing, or smuggle text nobody sees; tag characters
// (U+E0020–U+E007F) carry invisible ASCII.
//
// One exception keeps emoji whole: a zero-width joiner between two emoji
// (👩‍💻, 🏳️‍🌈, ❤️‍🔥) is what makes them one picture, and there it neither
// reorders nor hides anything; dropped, the picture falls apart into its
// parts (👩💻). Anywhere else it goes. Tag sequences are not kept: only the
// three British subdivision flags use them, and they degrade to 🏴.
package invisible

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	zwj  = '\u200d'
	vs16 = '\ufe0f' // emoji presentation selector, category Mn: kept anyway
)

// Strip returns s without its format characters, except a zero-width joiner
// right between two emoji, and without invalid UTF-8 (Discord sends none).
// It only removes: the result is never longer than
// s, and Strip(Strip(s)) == Strip(s).
func Strip(s string) string {
	if !hasFormat(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var prev rune // last rune written
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		// Invalid bytes go too: kept, the bytes around a removed rune could
		// join into a new one (\xe2, a joiner, \x80\x8d make a joiner).
		keep := !unicode.Is(unicode.Cf, r) && !(r == utf8.RuneError && n == 1)
		if r == zwj {
			next, _ := utf8.DecodeRuneInString(s[i+n:])
			keep = (IsEmoji(prev) || prev == vs16) && IsEmoji(next)
		}
		if keep {
			b.WriteString(s[i : i+n])
			prev = r
		}
		i += n
	}
	return b.String()
}

func hasFormat(s string) bool {
	for i, r := range s {
		if unicode.Is(unicode.Cf, r) || r == utf8.RuneError && !strings.HasPrefix(s[i:], "\ufffd") {
			return true
		}
	}
	return false
}

// IsEmoji reports whether r is in a block of pictographs that zero-width
// joiner sequences are built from (faces, people, skin tones, hair, objects,
// symbols, dingbats, ⬛ and ⭐). Close enough: a joiner kept between two such
// pictographs that form no sequence shows as the two pictographs, harmlessly.
func IsEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF:
		return true
	case r >= 0x2600 && r <= 0x27BF: // misc symbols (♀ ♂ ⚕ ☠ ❤), dingbats (✈ ➡)
		return true
	case r >= 0x2300 && r <= 0x23FF, r >= 0x2B00 && r <= 0x2BFF:
		return true
	}
	return false
}
