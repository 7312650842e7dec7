package pdffont

import "testing"

func TestArabicShapedAndInVisualOrder(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// م initial, ح medial, م medial, د final; then right to left.
		{"محمد", "\uFEAA\uFEE4\uFEA4\uFEE3"},
		// ف initial, ا final (alef joins only the letter before), ط initial, م medial, ة final.
		{"فاطمة", "\uFE94\uFEE4\uFEC3\uFE8E\uFED3"},
		// س initial, lam-alef final, م isolated (alef does not join the next).
		{"سلام", "\uFEE1\uFEFC\uFEB3"},
		{"لا", "\uFEFB"},
		// Vowel signs dropped: مُحَمَّد is محمد.
		{"مُحَمَّد", "\uFEAA\uFEE4\uFEA4\uFEE3"},
		// Two words: the first is drawn on the right.
		{"فاطمة محمد", "\uFEAA\uFEE4\uFEA4\uFEE3 \uFE94\uFEE4\uFEC3\uFE8E\uFED3"},
		// A left-to-right line keeps its order; the Arabic run is reversed in place.
		{"Fatima فاطمة", "Fatima \uFE94\uFEE4\uFEC3\uFE8E\uFED3"},
		// A right-to-left line: the Latin word goes to the left, with its space.
		{"محمد Ali", "Ali \uFEAA\uFEE4\uFEA4\uFEE3"},
		// Hebrew is reversed, not shaped.
		{"דוד", "דוד"}, {"שלום", "םולש"},
		{"Łukasz", "Łukasz"}, {"王小明", "王小明"},
	} {
		if got := visual(tc.in); got != tc.want {
			t.Errorf("visual(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
