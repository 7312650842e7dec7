// Package skillname folds skill names so the same skill typed differently is
// one ("Développement Web" = "developpement-web"), and ranks suggestions:
// exact, prefix, word prefix, substring, then one or two typos.
package skillname

import (
	"errors"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tierslieux/tiersbot/commands/invisible"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Validation errors, for localized refusals.
var (
	ErrEmpty    = errors.New("skill name has no letter or digit")
	ErrTooShort = errors.New("skill name too short")
	ErrTooLong  = errors.New("skill name too long")
)

// Name lengths, in characters after Clean.
const (
	MinLen = 2
	MaxLen = 60
)

var ligatures = strings.NewReplacer("œ", "oe", "Œ", "oe", "æ", "ae", "Æ", "ae", "ß", "ss")

// Key folds case, accents, punctuation and spacing. "+" and "#" stay when
// they follow a letter or digit, so C++, C# and F# remain distinct from C and F.
func Key(name string) string {
	s := invisible.Strip(strings.ToValidUTF8(name, " ")) // dev\u200bops is devops
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	if out, _, err := transform.String(t, s); err == nil {
		s = out
	}
	s = ligatures.Replace(s) // after removing accents: ǣ is æ with a macron
	var b strings.Builder
	prevWord := false // last rune written was a letter, digit, + or #
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			prevWord = true
		case (r == '+' || r == '#') && prevWord && !space:
			b.WriteRune(r)
		default:
			space = true
			prevWord = false
		}
	}
	return b.String()
}

// Clean is the display spelling: trimmed, single spaces, no control or
// zero-width characters; case and accents kept.
func Clean(name string) string {
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, invisible.Strip(name))
	return strings.Join(strings.Fields(name), " ")
}

// Validate checks a display name.
func Validate(name string) error {
	c := Clean(name)
	switch n := utf8.RuneCountInString(c); {
	case Key(c) == "":
		return ErrEmpty
	case n < MinLen:
		return ErrTooShort
	case n > MaxLen:
		return ErrTooLong
	}
	return nil
}

// Candidate is a known skill with how many members use it.
type Candidate struct {
	Key, Display string
	Uses         int
	ID           int64 // the caller's, carried through the ranking
}

// Rank returns the candidates matching query, best first, at most limit.
// It runs at every keystroke over a national network's 5,000 skills:
// nothing is allocated per candidate, typos are measured only where the
// Matcher's bounds allow, and only the best limit are kept in order.
func Rank(query string, cands []Candidate, limit int) []Candidate {
	q := Key(query)
	m := NewMatcher(q)
	maxTypos := 0
	switch {
	case m.Len() >= 8:
		maxTypos = 2
	case m.Len() >= 4:
		maxTypos = 1
	}
	word := " " + q
	var best []scored // the best so far, in order, at most limit
	for _, c := range cands {
		tier := -1
		switch {
		case q == "":
			tier = 0
		case c.Key == q:
			tier = 0
		case strings.HasPrefix(c.Key, q):
			tier = 1
		case strings.Contains(c.Key, word): // a later word begins with it
			tier = 2
		case strings.Contains(c.Key, q):
			tier = 3
		case maxTypos > 0:
			// A typo in the whole name, or in the beginning of it (the user is still typing).
			if m.Distance(c.Key, maxTypos) <= maxTypos {
				tier = 4
			} else if pre := prefixRunes(c.Key, m.Len()); pre != c.Key && m.Distance(pre, maxTypos) <= maxTypos {
				tier = 5
			}
		}
		if tier >= 0 {
			best = keepBest(best, scored{c, tier}, limit)
		}
	}
	out := make([]Candidate, len(best))
	for i, h := range best {
		out[i] = h.c
	}
	return out
}

type scored struct {
	c    Candidate
	tier int
}

// before orders ranked candidates: tier, then the most used, then by key.
func (a scored) before(b scored) bool {
	if a.tier != b.tier {
		return a.tier < b.tier
	}
	if a.c.Uses != b.c.Uses {
		return a.c.Uses > b.c.Uses
	}
	return a.c.Key < b.c.Key
}

// keepBest inserts h into best (ordered, at most limit long) if it ranks.
func keepBest(best []scored, h scored, limit int) []scored {
	if limit <= 0 || (len(best) == limit && !h.before(best[len(best)-1])) {
		return best
	}
	i := sort.Search(len(best), func(i int) bool { return h.before(best[i]) })
	if len(best) < limit {
		best = append(best, scored{})
	}
	copy(best[i+1:], best[i:])
	best[i] = h
	return best
}

func prefixRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// Distance is the optimal string alignment distance (Damerau-Levenshtein with
// adjacent swaps), or max+1 once it is known to exceed max.
func Distance(a, b string, max int) int {
	var buf distBuf
	return buf.distance([]rune(a), b, max)
}

// distBuf reuses rows between calls: Rank runs it over thousands of names.
type distBuf struct {
	br               []rune
	prev2, prev, cur []int
}

func (d *distBuf) distance(a []rune, bs string, max int) int {
	d.br = d.br[:0]
	for _, r := range bs {
		d.br = append(d.br, r)
	}
	b := d.br
	if n := len(a) - len(b); n > max || -n > max {
		return max + 1
	}
	if cap(d.cur) < len(b)+1 {
		d.prev2, d.prev, d.cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev2, prev, cur := d.prev2[:len(b)+1], d.prev[:len(b)+1], d.cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[len(b)] > max {
		return max + 1
	}
	return prev[len(b)]
}
