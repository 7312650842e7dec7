package commands

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tierslieux/tiersbot/commands/skillname"
)

func TestClosestNames(t *testing.T) {
	spaces := []string{"La Fabrique", "Fab Lab", "La Ruche", "Le Tiers-Lieu du Diois", "L'Usine", "Le Cube"}
	cases := []struct {
		typed string
		want  []string // closest first
	}{
		{"fabrik", []string{"La Fabrique"}},
		{"fab lob", []string{"Fab Lab"}},
		{"rcuhe", []string{"La Ruche"}},
		{"diosi", []string{"Le Tiers-Lieu du Diois"}},
		{"usin", []string{"L'Usine"}},
		{"cub", []string{"Le Cube"}},
		{"zzzzzz", nil},
		{"", nil},
	}
	folded := func(names []string) []string {
		out := make([]string, len(names))
		for i, n := range names {
			out[i] = Fold(n)
		}
		return out
	}
	for _, c := range cases {
		var got []string
		for _, i := range closest(Fold(c.typed), folded(spaces), 3) {
			got = append(got, spaces[i])
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("closest(%q) = %v, want %v", c.typed, got, c.want)
		}
	}
	if got := closest("hackaton", folded([]string{"Atelier impression 3D", "Hackathon solidaire", "Matinée emploi"}), 3); len(got) != 1 || got[0] != 1 {
		t.Errorf("hackaton: %v, want [1] (Hackathon solidaire)", got)
	}
}

// An unknown space offers the closest as buttons; one click runs the same
// command with it, the other options kept.
func TestDidYouMeanSpaceButtonRunsTheCommand(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	res := h.do(alice, "c-any", "checkin", "space", "rcuhe", "note", "on the website")
	mustContain(t, text(res), "I can't find a space called “rcuhe”. Did you mean **La Ruche**?", "[La Ruche]")
	id := res.Components[0][0].CustomID
	if !strings.HasPrefix(id, "again:checkin:") {
		t.Fatalf("button %q", id)
	}
	res = h.click(alice, id)
	mustContain(t, text(res), "Welcome to **La Ruche**, Alice!")
	mustContain(t, text(h.do(bob, "c-ruche", "whoshere")), "on the website")

	// A button runs its command through the command's own checks: a member
	// cannot post a front desk by forging one, a coordinator cannot be skipped.
	mustContain(t, text(h.click(alice, "again:space+desk:space=ruche")), "Only a space's animators")
	mustContain(t, text(h.click(alice, "again:space+add:name=X&town=Die")), "Only the network's coordination")
	mustContain(t, text(h.click(animUs, "again:space+desk:space=ruche")), "Front desk of **La Ruche** posted")
	// A forged or stale button is refused, never guessed.
	for _, bad := range []string{"again:nope:space=1", "again:checkin:%zz", "again:checkin"} {
		mustContain(t, text(h.click(alice, bad)), "no longer valid")
	}
	// French: the same refusal, in French, with the buttons.
	r := h.req(alice, "c-any", "whoshere", "space", "fab lob")
	r.Locale = "fr"
	res = h.app.Handle(t.Context(), r)
	mustContain(t, text(res), "Je ne trouve pas de lieu «\u00a0fab lob\u00a0». Tu voulais dire **Fab Lab**\u202f?", "[Fab Lab]")
}

// The coordination's aliases: "compta" finds, counts and suggests Comptabilité.
func TestSkillAliasesAndSuggestions(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	mustContain(t, text(h.do(alice, "c", "skill offer", "skill", "Comptabilité")), "You offer **Comptabilité**")
	mustContain(t, text(h.do(alice, "c", "skill alias", "alias", "compta", "skill", "Comptabilité")), "Only the network's coordination")
	mustContain(t, text(h.do(coord, "c", "skill alias", "alias", "compta", "skill", "Comptabilité")), "“compta” now stands for **Comptabilité**")
	mustContain(t, text(h.do(bob, "c", "skill seek", "skill", "compta")), "looking for **Comptabilité**", "1 member offers it")
	mustContain(t, text(h.do(carol, "c", "skill find", "skill", "COMPTA")), "1 person offers Comptabilité")
	if s := h.skills(); len(s) != 1 || s[0].Offers != 1 || s[0].Seeks != 1 {
		t.Fatalf("skills %+v: the alias must count for Comptabilité", s)
	}
	// An alias that is a skill's own name is refused: merge them instead.
	h.do(carol, "c", "skill offer", "skill", "Gestion")
	mustContain(t, text(h.do(coord, "c", "skill alias", "alias", "gestion", "skill", "Comptabilité")), "“gestion” is already a skill", "/skill merge")
	// A merge keeps what people typed: the merged name becomes an alias.
	h.do(coord, "c", "skill merge", "from", "Gestion", "into", "Comptabilité")
	mustContain(t, text(h.do(bob, "c", "skill find", "skill", "gestion")), "offer Comptabilité")
	// A typo close to two skills: the closest, as buttons that run find again.
	h.do(carol, "c", "skill offer", "skill", "Comptabilité publique")
	res := h.do(bob, "c", "skill find", "skill", "comptabilte")
	mustContain(t, text(res), "Did you mean **Comptabilité**, **Comptabilité publique**?", "[Comptabilité]", "[Comptabilité publique]")
	mustContain(t, text(h.click(bob, res.Components[0][0].CustomID)), "offer Comptabilité")
}

func TestDidYouMeanEvent(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	mustContain(t, text(h.newEvent(map[string]string{"title": "Hackathon solidaire", "start": "2026-04-20 10:00", "duration": "2h"})), "announced")
	res := h.do(alice, "c", "event info", "event", "hackaton")
	mustContain(t, text(res), "I can't find an event called “hackaton”. Did you mean **Hackathon solidaire**?", "[Hackathon solidaire]")
	mustContain(t, text(h.click(alice, res.Components[0][0].CustomID)), "Hackathon solidaire")
	mustContain(t, text(h.do(alice, "c", "event info", "event", "zzzzzzzz")), "I can't find this event.")
}

// closestPlain is the ranking closest must give, measured the slow way:
// every form of every name, then a stable sort by distance.
func closestPlain(q string, keys []string, limit int) []int {
	if q == "" {
		return nil
	}
	n := len([]rune(q))
	budget := max(1, n/3)
	type hit struct{ i, d int }
	var hits []hit
	for i, k := range keys {
		forms := []string{k, prefix(k, n)}
		for _, w := range strings.Fields(k) {
			forms = append(forms, w, prefix(w, n))
		}
		best := budget + 1
		for _, f := range forms {
			if f != "" {
				best = min(best, skillname.Distance(q, f, budget))
			}
		}
		if best <= budget {
			hits = append(hits, hit{i, best})
		}
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].d < hits[b].d })
	var out []int
	for _, h := range hits {
		if len(out) < limit {
			out = append(out, h.i)
		}
	}
	return out
}

// closest skips names it knows cannot rank: it must rank as if it had not.
func FuzzClosestAgreesWithPlainRanking(f *testing.F) {
	f.Add("cou", "couture 17|couture|cuisine 3|compta", 3)
	f.Add("fabrik", "la fabrique|fab lab|fabrique 2|fabrik", 2)
	f.Add("ab", "ab|ab|ba|a b|abc", 1)
	f.Fuzz(func(t *testing.T, q, names string, limit int) {
		limit = 1 + (limit%5+5)%5
		keys := strings.Split(names, "|")
		got, want := closest(q, keys, limit), closestPlain(q, keys, limit)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("closest(%q, %q, %d) = %v, want %v", q, keys, limit, got, want)
		}
	})
}

// BenchmarkClosestNational: a refusal's "did you mean" over a national
// network's skill names (the dataset's vocabulary: 5,000 names).
func BenchmarkClosestNational(b *testing.B) {
	base := []string{"couture", "comptabilite", "impression 3d", "soudure", "menuiserie", "graphisme", "developpement web", "cuisine", "jardinage", "photographie"}
	var keys []string
	for v := 1; len(keys) < 5000; v++ {
		for _, s := range base {
			keys = append(keys, s+" "+strconv.Itoa(v))
		}
	}
	for _, q := range []string{"cou", "imprssion", "zzzz"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				closest(q, keys, maxSuggestions)
			}
		})
	}
}
