// Package render fits outgoing messages into Discord's limits by
// construction. Lists are given as items (lines, or fields) with a "more"
// line: what does not fit is left out and counted, never cut at random, so a
// caller cannot build a message Discord would refuse. Lengths are counted in
// Unicode characters (runes) of the final text, after markdown escaping.
package render

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Discord's limits on a message, in characters.
const (
	MaxContent     = 2000
	MaxEmbeds      = 10
	MaxEmbedsTotal = 6000 // title, description, field names and values, footer and author of all embeds together
	MaxTitle       = 256
	MaxDesc        = 4096
	MaxFields      = 25
	MaxFieldName   = 256
	MaxFieldValue  = 1024
	MaxFooter      = 2048
	MaxAuthor      = 256
	MaxRows        = 5
	MaxButtons     = 5 // a row
	MaxOptions     = 25
	MaxLabel       = 80
	MaxPlaceholder = 150
	MaxOptionText  = 100 // a select option's label, value and description
)

// Len is the length Discord counts: Unicode characters.
func Len(s string) int { return utf8.RuneCountInString(s) }

// Cut shortens s to at most n characters, ending with "…" when cut. It never
// ends on a lone escaping backslash, which would escape the ellipsis.
func Cut(s string, n int) string {
	if Len(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	r := []rune(s)[:n-1]
	k := 0
	for i := len(r) - 1; i >= 0 && r[i] == '\\'; i-- {
		k++
	}
	if k%2 == 1 {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// More is the last line of a list that did not fit whole: given how many
// items were left out, it says so ("…and 7 more spaces").
type More func(left int) string

// DefaultMore is used when a caller gives no More.
func DefaultMore(left int) string { return fmt.Sprintf("… (+%d)", left) }

// Join joins as many items as fit in limit characters, in order, separated
// by sep; when some are left out, the text ends with sep and more(left). An
// item too long to fit even alone is cut so that the first one always shows.
// It returns the text and how many items it shows (cut ones included).
func Join(items []string, sep string, limit int, more More) (string, int) {
	if more == nil {
		more = DefaultMore
	}
	l := newList(items, sep, limit, more)
	return l.text(l.shown), l.shown
}

// JoinAtMost is Join showing at most most items: those beyond are counted
// in the more line as left out.
func JoinAtMost(items []string, most int, sep string, limit int, more More) (string, int) {
	if more == nil {
		more = DefaultMore
	}
	extra := max(len(items)-max(most, 0), 0)
	l := newList(items[:len(items)-extra], sep, limit, func(left int) string { return more(left + extra) })
	l.extra = extra
	l.shown = l.fit(l.n)
	return l.text(l.shown), l.shown
}

// Lines is Join with one item a line.
func Lines(lines []string, limit int, more More) (string, int) {
	return Join(lines, "\n", limit, more)
}

// list is a list of text items that becomes one text (a description, a
// field's value, a message's content).
type list struct {
	n     int      // items given
	orig  []string // as given, for the full text
	items []string // already cut to fit alone with the more line
	sums  []int    // sums[k] is the length of the first k items
	extra int      // items left out before fitting (JoinAtMost)
	sep   string
	limit int
	more  More
	shown int
}

func newList(items []string, sep string, limit int, more More) *list {
	n := len(items)
	l := &list{n: n, orig: items, sep: sep, limit: limit, more: more}
	if limit <= 0 {
		return l
	}
	room := limit
	if n > 1 {
		room = limit - Len(sep) - Len(more(n-1))
	}
	room = max(room, 1)
	for _, it := range items {
		it = Cut(it, room)
		l.items = append(l.items, it)
	}
	l.sums = make([]int, len(l.items)+1)
	for i, it := range l.items {
		l.sums[i+1] = l.sums[i] + Len(it)
	}
	l.shown = l.fit(n)
	return l
}

// fit is the largest count up to k whose text fits the list's own limit.
func (l *list) fit(k int) int {
	for ; k > 0; k-- {
		if l.size(k) <= l.limit {
			return k
		}
	}
	return 0
}

// size is the length of text(k), computed without building it.
func (l *list) size(k int) int {
	n := l.sums[k]
	seps := k - 1
	if k < l.n || l.extra > 0 {
		n += Len(l.more(l.n - k))
		seps++
	}
	if seps > 0 {
		n += seps * Len(l.sep)
	}
	return n
}

func (l *list) text(k int) string {
	if l.limit <= 0 || l.n+l.extra == 0 {
		return ""
	}
	parts := append([]string(nil), l.items[:k]...)
	if k < l.n || l.extra > 0 {
		parts = append(parts, l.more(l.n-k))
	}
	return Cut(strings.Join(parts, l.sep), l.limit)
}

// all is every item as given.
func (l *list) all() []string { return l.orig }
