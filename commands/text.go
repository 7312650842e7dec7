package commands

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tierslieux/tiersbot/commands/invisible"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Discord's limits on what a message may hold.
const (
	MaxContent       = 2000
	MaxEmbedTitle    = 256
	MaxEmbedDesc     = 4096
	MaxFieldName     = 256
	MaxFieldValue    = 1024
	MaxFields        = 25
	MaxButtonLabel   = 80
	MaxChoices       = 25
	MaxChoiceName    = 100
	MaxCustomID      = 100
	MaxSelectOptions = 25
)

// Escape makes user text safe to show: markdown is shown literally, and
// mentions (@everyone, @here, <@id>, <@&role>, <#chan>) are broken with a zero-width
// space so they neither render nor ping, even if allowed mentions failed.
func Escape(s string) string {
	var b strings.Builder
	for _, r := range invisible.Strip(s) { // also for text stored before input was cleaned
		switch r {
		case '\\', '*', '_', '~', '`', '|', '>', '#', '[', ']':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '@':
			b.WriteString("@\u200b")
		case '<':
			b.WriteString("<\u200b")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Truncate cuts s to at most n runes, ending with an ellipsis when cut.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// CleanText trims user text, drops control and format characters (bidi
// controls, zero-width; see package invisible), keeps newlines when
// multiline, and reports its length in runes. Every text a user types goes
// through it (or skillname.Clean, built on the same rule) before it is stored.
func CleanText(s string, multiline bool) (string, int) {
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

// Discord timestamp markup: each reader sees it in their own zone and language.
func tsFull(t time.Time) string       { return fmt.Sprintf("<t:%d:f>", t.Unix()) }
func tsTime(t time.Time) string       { return fmt.Sprintf("<t:%d:t>", t.Unix()) }
func tsRel(t time.Time) string        { return fmt.Sprintf("<t:%d:R>", t.Unix()) }
func tsDate(t time.Time) string       { return fmt.Sprintf("<t:%d:D>", t.Unix()) }
func mentionUser(id string) string    { return "<@" + id + ">" }
func mentionChannel(id string) string { return "<#" + id + ">" }
func mentionRole(id string) string    { return "<@&" + id + ">" }

// memberName cleans a display name from Discord like typed text: it is
// stored, posted and shown to others. A name made only of invisible
// characters becomes "?", which still reads as a name.
func memberName(s string) string {
	if s, _ = CleanText(s, false); s == "" {
		return "?"
	}
	return s
}
