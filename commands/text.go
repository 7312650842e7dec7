package commands

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tierslieux/tiersbot/commands/invisible"
	"github.com/tierslieux/tiersbot/commands/plaintext"
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
func CleanText(s string, multiline bool) (string, int) { return plaintext.Clean(s, multiline) }

// Fold is the key used to compare names: lower case, no accents, single spaces.
func Fold(s string) string { return plaintext.Fold(s) }

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
