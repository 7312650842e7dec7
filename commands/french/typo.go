// Package french holds the rules of written French the bot follows when it
// renders a message: typography (the spaces before « ; ! ? : » and inside
// guillemets) and place names contracted with their preposition (« au
// Cube »). Plural forms are CLDR's, in the message files. It knows nothing of Discord beyond what text must
// be left untouched (code spans, mentions, timestamps, URLs, shortcodes).
package french

import (
	"strings"
	"unicode"
)

// The two no-break spaces of French typography.
const (
	NBSP  = '\u00a0' // before « : », inside « »
	NNBSP = '\u202f' // narrow, before « ; ! ? »
)

// Typo applies French spacing to s: a narrow no-break space before ; ! ?
// and a no-break space before : and inside « », replacing the plain space
// written there or inserting one. It changes only spaces, never another
// character, and Typo(Typo(s)) == Typo(s). Code spans, Discord's <…>
// markup (mentions, timestamps, custom emoji), URLs and :shortcodes: are
// left as they are, and a sign glued to the next character (18:30,
// "verb:arg", "?q=") is not punctuation.
func Typo(s string) string {
	if !strings.ContainsAny(s, ";!?:«»") {
		return s
	}
	r := []rune(s)
	keep := protected(r)
	out := make([]rune, 0, len(r)+8)
	for i, c := range r {
		if keep[i] {
			out = append(out, c)
			continue
		}
		switch c {
		case ';', '!', '?', ':':
			if isPunct(r, i) {
				out = spaceBefore(out, want(c))
			}
			out = append(out, c)
		case '»':
			out = spaceBefore(out, NBSP)
			out = append(out, c)
		case '«':
			out = append(out, c)
			if i+1 < len(r) && (r[i+1] == ' ' || r[i+1] == NNBSP) {
				r[i+1] = NBSP
			} else if i+1 < len(r) && r[i+1] != NBSP && r[i+1] != '\n' {
				out = append(out, NBSP)
			}
		default:
			out = append(out, c)
		}
	}
	return string(out)
}

func want(c rune) rune {
	if c == ':' {
		return NBSP
	}
	return NNBSP
}

// spaceBefore ends out with space sp: the plain or wrong no-break space
// already there is replaced; none is inserted at a line's start or after
// another sign of the same family ("?!").
func spaceBefore(out []rune, sp rune) []rune {
	if len(out) == 0 {
		return out
	}
	switch last := out[len(out)-1]; last {
	case ' ', NBSP, NNBSP:
		out[len(out)-1] = sp
		return out
	case '\n', '\t', '!', '?', ':', ';', '(', '«', '[':
		return out
	}
	return append(out, sp)
}

// isPunct reports whether the sign at i ends a word rather than being part
// of a token: it must be followed by the end, a space, or a closing mark
// (markdown, a bracket, a guillemet, another sign).
func isPunct(r []rune, i int) bool {
	if i == 0 || r[i-1] == '\n' {
		return false
	}
	j := i + 1
	if r[i] == ':' {
		for j < len(r) && strings.ContainsRune("*_~|", r[j]) {
			j++
		}
		// a sign or guillemet that gets a space before it counts as one
		return j == len(r) || unicode.IsSpace(r[j]) || strings.ContainsRune(";:!?»", r[j])
	}
	return j == len(r) || unicode.IsSpace(r[j]) || strings.ContainsRune("*_~|)]»\"”'.,;:!?", r[j])
}

// protected marks the runes Typo must not touch: code spans, <…> markup,
// URLs up to the next space, and :shortcodes:.
func protected(r []rune) []bool {
	keep := make([]bool, len(r))
	mark := func(from, to int) {
		for k := from; k < to && k < len(r); k++ {
			keep[k] = true
		}
	}
	for i := 0; i < len(r); i++ {
		switch {
		case r[i] == '\\':
			mark(i, i+2) // an escaped character is literal
			i++
		case r[i] == '`':
			n := run(r, i, '`')
			if end := closing(r, i+n, n); end >= 0 {
				mark(i, end+n)
				i = end + n - 1
			} else {
				mark(i, i+n)
				i += n - 1
			}
		case r[i] == '<':
			if end := tokenEnd(r, i+1, '>'); end > i+1 {
				mark(i, end+1)
				i = end
			}
		case r[i] == ':':
			if end := shortcodeEnd(r, i); end > 0 {
				mark(i, end+1)
				i = end
			}
		case hasPrefixAt(r, i, "http://") || hasPrefixAt(r, i, "https://"):
			j := i
			for j < len(r) && !unicode.IsSpace(r[j]) {
				j++
			}
			mark(i, j)
			i = j - 1
		}
	}
	return keep
}

func run(r []rune, i int, c rune) int {
	n := 0
	for i+n < len(r) && r[i+n] == c {
		n++
	}
	return n
}

// closing finds the next run of exactly n backticks from i, or -1.
func closing(r []rune, i, n int) int {
	for i < len(r) {
		if r[i] == '`' {
			m := run(r, i, '`')
			if m == n {
				return i
			}
			i += m
			continue
		}
		i++
	}
	return -1
}

// tokenEnd is the index of end after a run without spaces from i, or -1.
func tokenEnd(r []rune, i int, end rune) int {
	for j := i; j < len(r); j++ {
		switch {
		case r[j] == end:
			return j
		case unicode.IsSpace(r[j]) || r[j] == '<':
			return -1
		}
	}
	return -1
}

// shortcodeEnd is the index of the colon closing an emoji shortcode that
// starts at i (":wave:", ":+1:"), or -1.
func shortcodeEnd(r []rune, i int) int {
	if i > 0 && !unicode.IsSpace(r[i-1]) && r[i-1] != '(' {
		return -1
	}
	for j := i + 1; j < len(r); j++ {
		c := r[j]
		switch {
		case c == ':':
			if j > i+1 {
				return j
			}
			return -1
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_', c == '+', c == '-':
		default:
			return -1
		}
	}
	return -1
}

func hasPrefixAt(r []rune, i int, p string) bool {
	for _, c := range p {
		if i >= len(r) || r[i] != c {
			return false
		}
		i++
	}
	return true
}
