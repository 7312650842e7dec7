package skillname

import "math/bits"

// Matcher measures many names against one typed query, as Distance does,
// without allocating: "did you mean" compares what was typed with every
// name of a national network (5,000 skills, several forms each), and that
// comparison was a quarter of the CPU of a mixed load at 500 per second.
// Two lower bounds skip most names before the alignment is computed: the
// difference in length, and the letters one has that the other lacks
// (each edit brings or removes at most one letter).
type Matcher struct {
	q   []rune
	sig uint64
	buf distBuf
}

// NewMatcher prepares a query for Distance.
func NewMatcher(q string) *Matcher {
	m := &Matcher{q: []rune(q)}
	for _, r := range m.q {
		m.sig |= runeBit(r)
	}
	return m
}

// Len is the query's length in characters.
func (m *Matcher) Len() int { return len(m.q) }

// Distance is Distance(query, s, max).
func (m *Matcher) Distance(s string, max int) int {
	if max < 0 {
		return max + 1
	}
	var sig uint64
	n := 0
	for _, r := range s {
		sig |= runeBit(r)
		n++
	}
	if d := n - len(m.q); d > max || -d > max {
		return max + 1
	}
	if bits.OnesCount64(m.sig&^sig) > max || bits.OnesCount64(sig&^m.sig) > max {
		return max + 1
	}
	return m.buf.distance(m.q, s, max)
}

// runeBit maps a character to one of 64 bits: letters and digits their
// own, the rest shared. Sharing only weakens the bound: a bit set for the
// query and not for the name is still a character the name lacks.
func runeBit(r rune) uint64 {
	switch {
	case r >= 'a' && r <= 'z':
		return 1 << (r - 'a')
	case r >= '0' && r <= '9':
		return 1 << (26 + r - '0')
	}
	return 1 << (36 + uint(r)%28)
}
