package pdffont

import "strings"

// fpdf draws glyphs one after the other, left to right, without the
// shaping tables of OpenType. Arabic letters change form with their
// neighbours, and Arabic and Hebrew run right to left, so before drawing a
// name this file picks each Arabic letter's contextual form (Unicode's
// presentation forms, which DejaVu Sans draws) and puts right-to-left runs
// in visual order. Names are short: a first strong character decides the
// line's direction; digits and Latin inside keep their own order.

// forms are a letter's isolated, final, initial and medial forms; a letter
// with no initial form joins only the letter before it.
type forms [4]rune

var arabicForms = map[rune]forms{
	0x0621: {0xFE80, 0, 0, 0}, 0x0622: {0xFE81, 0xFE82, 0, 0}, 0x0623: {0xFE83, 0xFE84, 0, 0}, 0x0624: {0xFE85, 0xFE86, 0, 0},
	0x0625: {0xFE87, 0xFE88, 0, 0}, 0x0626: {0xFE89, 0xFE8A, 0xFE8B, 0xFE8C}, 0x0627: {0xFE8D, 0xFE8E, 0, 0}, 0x0628: {0xFE8F, 0xFE90, 0xFE91, 0xFE92},
	0x0629: {0xFE93, 0xFE94, 0, 0}, 0x062A: {0xFE95, 0xFE96, 0xFE97, 0xFE98}, 0x062B: {0xFE99, 0xFE9A, 0xFE9B, 0xFE9C}, 0x062C: {0xFE9D, 0xFE9E, 0xFE9F, 0xFEA0},
	0x062D: {0xFEA1, 0xFEA2, 0xFEA3, 0xFEA4}, 0x062E: {0xFEA5, 0xFEA6, 0xFEA7, 0xFEA8}, 0x062F: {0xFEA9, 0xFEAA, 0, 0}, 0x0630: {0xFEAB, 0xFEAC, 0, 0},
	0x0631: {0xFEAD, 0xFEAE, 0, 0}, 0x0632: {0xFEAF, 0xFEB0, 0, 0}, 0x0633: {0xFEB1, 0xFEB2, 0xFEB3, 0xFEB4}, 0x0634: {0xFEB5, 0xFEB6, 0xFEB7, 0xFEB8},
	0x0635: {0xFEB9, 0xFEBA, 0xFEBB, 0xFEBC}, 0x0636: {0xFEBD, 0xFEBE, 0xFEBF, 0xFEC0}, 0x0637: {0xFEC1, 0xFEC2, 0xFEC3, 0xFEC4}, 0x0638: {0xFEC5, 0xFEC6, 0xFEC7, 0xFEC8},
	0x0639: {0xFEC9, 0xFECA, 0xFECB, 0xFECC}, 0x063A: {0xFECD, 0xFECE, 0xFECF, 0xFED0}, 0x0641: {0xFED1, 0xFED2, 0xFED3, 0xFED4}, 0x0642: {0xFED5, 0xFED6, 0xFED7, 0xFED8},
	0x0643: {0xFED9, 0xFEDA, 0xFEDB, 0xFEDC}, 0x0644: {0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0}, 0x0645: {0xFEE1, 0xFEE2, 0xFEE3, 0xFEE4}, 0x0646: {0xFEE5, 0xFEE6, 0xFEE7, 0xFEE8},
	0x0647: {0xFEE9, 0xFEEA, 0xFEEB, 0xFEEC}, 0x0648: {0xFEED, 0xFEEE, 0, 0}, 0x0649: {0xFEEF, 0xFEF0, 0, 0}, 0x064A: {0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4},
	// Persian and Urdu letters.
	0x067E: {0xFB56, 0xFB57, 0xFB58, 0xFB59}, 0x0686: {0xFB7A, 0xFB7B, 0xFB7C, 0xFB7D}, 0x0698: {0xFB8A, 0xFB8B, 0, 0}, 0x06A9: {0xFB8E, 0xFB8F, 0xFB90, 0xFB91},
	0x06AF: {0xFB92, 0xFB93, 0xFB94, 0xFB95}, 0x06CC: {0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF},
}

// lamAlef: lam followed by an alef is one ligature (isolated, final).
var lamAlef = map[rune][2]rune{0x0622: {0xFEF5, 0xFEF6}, 0x0623: {0xFEF7, 0xFEF8}, 0x0625: {0xFEF9, 0xFEFA}, 0x0627: {0xFEFB, 0xFEFC}}

const tatweel = 0x0640

// joinsNext: the letter connects to the one after it.
func joinsNext(r rune) bool {
	f, ok := arabicForms[r]
	return r == tatweel || ok && f[2] != 0
}

func joining(r rune) bool {
	_, ok := arabicForms[r]
	return ok || r == tatweel
}

// isMark: Arabic vowel signs, which fpdf cannot place over a letter: they
// are dropped (names are written without them in practice).
func isMark(r rune) bool { return r >= 0x064B && r <= 0x065F || r == 0x0670 }

// shapeArabic replaces Arabic letters by their contextual forms.
func shapeArabic(s string) string {
	var rs []rune
	for _, r := range s {
		if !isMark(r) {
			rs = append(rs, r)
		}
	}
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		f, ok := arabicForms[r]
		if !ok {
			b.WriteRune(r)
			continue
		}
		prev := i > 0 && joinsNext(rs[i-1])
		if r == 0x0644 && i+1 < len(rs) {
			if lig, ok := lamAlef[rs[i+1]]; ok {
				if prev {
					b.WriteRune(lig[1])
				} else {
					b.WriteRune(lig[0])
				}
				i++
				continue
			}
		}
		next := f[2] != 0 && i+1 < len(rs) && joining(rs[i+1])
		switch {
		case prev && next:
			b.WriteRune(f[3])
		case prev && f[1] != 0:
			b.WriteRune(f[1])
		case next:
			b.WriteRune(f[2])
		default:
			b.WriteRune(f[0])
		}
	}
	return b.String()
}

func isRTL(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

func isStrongLTR(r rune) bool {
	return !isRTL(r) && (r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= 0x00C0 && r < 0x0590 || r >= 0x0900)
}

// visual shapes Arabic and orders a line for left-to-right drawing: each
// right-to-left run reversed, and the runs themselves reversed when the
// line starts right to left. Neutral characters (spaces, punctuation)
// between two right-to-left letters belong to their run.
func visual(s string) string {
	s = shapeArabic(s)
	rs := []rune(s)
	hasRTL := false
	for _, r := range rs {
		if isRTL(r) {
			hasRTL = true
			break
		}
	}
	if !hasRTL {
		return s
	}
	type seg struct {
		rtl   bool
		runes []rune
	}
	var segs []seg
	for i := 0; i < len(rs); {
		rtl := isRTL(rs[i])
		j := runEnd(rs, i, rtl)
		segs = append(segs, seg{rtl, rs[i:j]})
		i = j
	}
	baseRTL := false
	for _, r := range rs {
		if isRTL(r) {
			baseRTL = true
			break
		}
		if isStrongLTR(r) {
			break
		}
	}
	var out []rune
	add := func(sg seg) {
		if !sg.rtl {
			out = append(out, sg.runes...)
			return
		}
		for k := len(sg.runes) - 1; k >= 0; k-- {
			out = append(out, sg.runes[k])
		}
	}
	if baseRTL {
		// Spaces at the edges of a left-to-right run take the line's
		// direction: "محمد Ali" draws as "Ali" + space + the Arabic.
		var split []seg
		for _, sg := range segs {
			if sg.rtl {
				split = append(split, sg)
				continue
			}
			a, b := 0, len(sg.runes)
			for a < b && !isStrongLTR(sg.runes[a]) {
				a++
			}
			for b > a && !isStrongLTR(sg.runes[b-1]) {
				b--
			}
			split = append(split, seg{true, sg.runes[:a]}, seg{false, sg.runes[a:b]}, seg{true, sg.runes[b:]})
		}
		for k := len(split) - 1; k >= 0; k-- {
			add(split[k])
		}
	} else {
		for _, sg := range segs {
			add(sg)
		}
	}
	return strings.TrimSpace(string(out))
}

func nextStrongIsRTL(rs []rune, j int) bool {
	for _, r := range rs[j:] {
		if isRTL(r) {
			return true
		}
		if isStrongLTR(r) {
			return false
		}
	}
	return false
}

// runEnd is where the run of direction rtl starting at i ends.
func runEnd(rs []rune, i int, rtl bool) int {
	j := i + 1
	for ; j < len(rs); j++ {
		same := isRTL(rs[j]) == rtl
		// A space between two Arabic words stays in their run.
		inside := rtl && !isStrongLTR(rs[j]) && nextStrongIsRTL(rs, j)
		if !same && !inside {
			break
		}
	}
	return j
}
