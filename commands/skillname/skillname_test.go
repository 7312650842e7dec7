package skillname

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

func TestKey(t *testing.T) {
	cases := map[string]string{
		"Développement Web":        "developpement web",
		"developpement-web":        "developpement web",
		"Developpement_Web":        "developpement web",
		"  DÉVELOPPEMENT   web!! ": "developpement web",
		"Comptabilité":             "comptabilite",
		"COMPTABILITE":             "comptabilite",
		"Œnologie":                 "oenologie",
		"C++":                      "c++",
		"c#":                       "c#",
		"C":                        "c",
		".NET":                     "net",
		"Impression 3D":            "impression 3d",
		"l'impression":             "l impression",
		"soudure 🔥":                "soudure",
		"zero\u200bwidth":          "zerowidth", // as Clean reads it: invisible, so not a space
		"Straße":                   "strasse",
		"#hashtag":                 "hashtag",
		"++":                       "",
	}
	for in, want := range cases {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidateAndClean(t *testing.T) {
	if got := Clean("  Impression\t 3D\u200b "); got != "Impression 3D" {
		t.Errorf("Clean = %q", got)
	}
	if Validate("ab") != nil || Validate(strings.Repeat("é", 60)) != nil {
		t.Error("edges refused")
	}
	if Validate("a") != ErrTooShort || Validate(strings.Repeat("é", 61)) != ErrTooLong || Validate("!!!") != ErrEmpty {
		t.Error("bad names accepted")
	}
}

func TestRank(t *testing.T) {
	c := []Candidate{
		{"comptabilite", "Comptabilité", 4, 0}, {"impression 3d", "Impression 3D", 9, 0}, {"3d modeling", "3D modeling", 2, 0},
		{"developpement web", "Développement web", 7, 0}, {"web design", "Web design", 3, 0}, {"soudure", "Soudure", 1, 0},
		{"photo", "Photo", 5, 0}, {"photographie", "Photographie", 1, 0},
	}
	names := func(cs []Candidate) string {
		var out []string
		for _, x := range cs {
			out = append(out, x.Key)
		}
		return strings.Join(out, ",")
	}
	cases := []struct{ q, want string }{
		{"", "impression 3d,developpement web,photo,comptabilite,web design,3d modeling,photographie,soudure"},
		{"photo", "photo,photographie"},          // exact, then prefix
		{"web", "web design,developpement web"},  // prefix before word prefix
		{"3d", "3d modeling,impression 3d"},      // prefix, then word
		{"comptabilte", "comptabilite"},          // one typo
		{"COMPTA", "comptabilite"},               // case
		{"impresion", "impression 3d"},           // a typo while typing
		{"devlopement web", "developpement web"}, // two typos in a long name
		{"xyz", ""},
	}
	for _, tc := range cases {
		if got := names(Rank(tc.q, c, 25)); got != tc.want {
			t.Errorf("Rank(%q) = %s, want %s", tc.q, got, tc.want)
		}
	}
	if got := Rank("", c, 3); len(got) != 3 {
		t.Errorf("limit: %d", len(got))
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b      string
		max, want int
	}{{"abc", "abc", 2, 0}, {"abc", "acb", 2, 1}, {"abc", "abd", 2, 1}, {"abc", "xyz", 1, 2}, {"", "ab", 2, 2}, {"kitten", "sitting", 3, 3}} {
		if got := Distance(tc.a, tc.b, tc.max); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"Développement Web", "C++", "  a  b ", "Œ", "#", "\u200b", "l'été"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, k, Key(k))
		}
		if strings.TrimSpace(k) != k || strings.Contains(k, "  ") || strings.ToLower(k) != k {
			t.Fatalf("bad key %q", k)
		}
	})
}

func BenchmarkRank20k(b *testing.B) {
	words := []string{"web", "design", "impression", "3d", "comptabilite", "soudure", "photo", "bois", "couture", "code", "jardin", "velo", "anglais", "cuisine"}
	var c []Candidate
	for i := range 20000 {
		k := fmt.Sprintf("%s %s %d", words[i%len(words)], words[(i/len(words))%len(words)], i)
		c = append(c, Candidate{Key: k, Display: k, Uses: i % 50})
	}
	b.ReportAllocs()
	for b.Loop() {
		Rank("impresion", c, 25)
	}
}

// The Matcher's bounds only skip work: it agrees with Distance everywhere.
func FuzzMatcherAgreesWithDistance(f *testing.F) {
	for _, s := range [][2]string{{"couture", "coutrue"}, {"cou", "couture 17"}, {"é", "e"}, {"", "ab"}, {"3d", "d3"}, {"c++", "c#"}} {
		f.Add(s[0], s[1], 2)
	}
	f.Fuzz(func(t *testing.T, q, s string, max int) {
		max = max % 5
		if max < 0 {
			max = -max
		}
		if got, want := NewMatcher(q).Distance(s, max), Distance(q, s, max); got != want {
			t.Fatalf("Matcher(%q).Distance(%q, %d) = %d, Distance = %d", q, s, max, got, want)
		}
	})
}

// rankPlain is the ranking Rank must give, the slow way: every candidate
// scored with Distance, all of them sorted.
func rankPlain(query string, cands []Candidate, limit int) []Candidate {
	q := Key(query)
	qr := []rune(q)
	maxTypos := 0
	switch {
	case len(qr) >= 8:
		maxTypos = 2
	case len(qr) >= 4:
		maxTypos = 1
	}
	var hits []scored
	for _, c := range cands {
		tier := -1
		switch {
		case q == "" || c.Key == q:
			tier = 0
		case strings.HasPrefix(c.Key, q):
			tier = 1
		case strings.Contains(" "+c.Key, " "+q):
			tier = 2
		case strings.Contains(c.Key, q):
			tier = 3
		case maxTypos > 0:
			if Distance(q, c.Key, maxTypos) <= maxTypos {
				tier = 4
			} else if pre := prefixRunes(c.Key, len(qr)); pre != c.Key && Distance(q, pre, maxTypos) <= maxTypos {
				tier = 5
			}
		}
		if tier >= 0 {
			hits = append(hits, scored{c, tier})
		}
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].before(hits[j]) })
	var out []Candidate
	for _, h := range hits {
		if len(out) < limit {
			out = append(out, h.c)
		}
	}
	return out
}

// Rank keeps only the best and skips what cannot rank: it must rank as if
// it had not.
func FuzzRankAgreesWithPlainRanking(f *testing.F) {
	f.Add("cou", "couture|couture 2|cuisine|comptabilite|design couture", 3)
	f.Add("imprssion", "impression 3d|impression|pression|impressionnisme", 2)
	f.Add("", "b|a|c", 2)
	f.Fuzz(func(t *testing.T, q, names string, limit int) {
		limit = 1 + (limit%6+6)%6
		var cands []Candidate
		seen := map[string]bool{}
		for i, n := range strings.Split(names, "|") {
			if k := Key(n); !seen[k] { // keys are unique, as stored
				seen[k] = true
				cands = append(cands, Candidate{Key: k, Display: n, Uses: i % 3})
			}
		}
		got, want := Rank(q, cands, limit), rankPlain(q, cands, limit)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("Rank(%q, %d) = %v, want %v", q, limit, got, want)
		}
	})
}
