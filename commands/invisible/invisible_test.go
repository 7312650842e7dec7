package invisible

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestStrip(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"plain", "La Ruche", "La Ruche"},
		{"accents", "Événement à Crest", "Événement à Crest"},
		{"right-to-left override", "Ali\u202ece", "Alice"},
		{"every bidi embedding and override", "\u202a1\u202b2\u202c3\u202d4\u202e5", "12345"},
		{"bidi isolates", "\u2066a\u2067b\u2068c\u2069", "abc"},
		{"zero width space, non-joiner, joiner, word joiner, BOM", "a\u200bb\u200cc\u200dd\u2060e\ufeff", "abcde"},
		{"marks and soft hyphen", "co\u00adop\u200e\u200f\u061c", "coop"},
		{"controls are not format characters", "a\tb\nc", "a\tb\nc"},
		{"woman technologist", "👩\u200d💻", "👩\u200d💻"},
		{"rainbow flag, after VS16", "🏳\ufe0f\u200d🌈", "🏳\ufe0f\u200d🌈"},
		{"heart on fire", "❤\ufe0f\u200d🔥", "❤\ufe0f\u200d🔥"},
		{"skin tone before the joiner", "👩🏽\u200d🚀", "👩🏽\u200d🚀"},
		{"family of three joiners", "👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"},
		{"black cat", "🐈\u200d⬛", "🐈\u200d⬛"},
		{"joiner after a letter", "a\u200d💻", "a💻"},
		{"joiner before a letter", "👩\u200da", "👩a"},
		{"joiner at the start", "\u200d💻", "💻"},
		{"joiner at the end", "💻\u200d", "💻"},
		{"two joiners", "👩\u200d\u200d💻", "👩\u200d💻"},
		{"override hidden before a joiner", "👩\u202e\u200d💻", "👩\u200d💻"},
		{"override hidden after a joiner", "👩\u200d\u202e💻", "👩💻"},
		{"tag sequence flag", "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", "🏴"},
		{"smuggled tag text", "hi\U000e0041\U000e0042", "hi"},
		{"invalid bytes go", "a\xffb\u202e", "ab"},
		{"bytes around a removed joiner do not join", "\xe2\u200d\x80\x8d", ""},
		{"a replacement character stays", "a\ufffd", "a\ufffd"},
		{"empty", "", ""},
	} {
		if got := Strip(c.in); got != c.want {
			t.Errorf("%s: Strip(%+q) = %+q, want %+q", c.name, c.in, got, c.want)
		}
	}
}

// FuzzStrip checks Strip's promises on any input: no format character left
// but a joiner between two emoji, idempotent, never longer.
func FuzzStrip(f *testing.F) {
	for _, s := range []string{"La Ruche", "Ali\u202ece", "👩\u200d💻", "🏳\ufe0f\u200d🌈", "👩\u202e\u200d💻", "a\u200d\u200d", "\xff\u200d🔥", "🏴\U000e0067\U000e007f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Strip(s)
		if len(out) > len(s) || utf8.RuneCountInString(out) > utf8.RuneCountInString(s) {
			t.Fatalf("Strip(%+q) = %+q is longer", s, out)
		}
		if again := Strip(out); again != out {
			t.Fatalf("not idempotent: Strip(%+q) = %+q, then %+q", s, out, again)
		}
		var prev rune
		for i, r := range out {
			if unicode.Is(unicode.Cf, r) {
				next, _ := utf8.DecodeRuneInString(out[i+utf8.RuneLen(r):])
				if r != '\u200d' || !(IsEmoji(prev) || prev == '\ufe0f') || !IsEmoji(next) {
					t.Fatalf("Strip(%+q) = %+q keeps %U at byte %d", s, out, r, i)
				}
			}
			prev = r
		}
	})
}
