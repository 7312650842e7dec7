package commands

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/tierslieux/tiersbot/commands/french"
)

func lookup(key string) (msg, bool) {
	for _, c := range catalogs {
		if m, ok := c[key]; ok {
			return m, true
		}
	}
	return msg{}, false
}

// T returns message key in lang, formatted with args (fmt verbs).
func (l Lang) oldT(key string, args ...any) string {
	m, ok := lookup(key)
	if !ok {
		return "!" + key + "!"
	}
	s := m.en
	if l == FR {
		s = oldFrenchTemplates()[key]
	}
	s = french.Select(string(l), s, args)
	if l == FR {
		s, args = french.Places(s, args)
	}
	if len(args) == 0 || !strings.Contains(s, "%") {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// frenchTemplates are the French messages as they are rendered, computed
// once: commands and options named as French users see them in Discord
// (`/checkin` becomes `/arrivee`, `channel:` becomes `salon:`), and French
// typography applied (see package french).
var oldFrenchTemplates = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	for _, c := range catalogs {
		for key, m := range c {
			out[key] = french.Typo(frenchCommands(m.fr))
		}
	}
	return out
})

// N picks key+".one" or key+".other" by n, with French rules (0 and 1 are
// singular), and passes n as the first argument.
func (l Lang) oldN(key string, n int, args ...any) string {
	one := n == 1
	if l == FR {
		one = n == 0 || n == 1
	}
	suffix := ".other"
	if one {
		suffix = ".one"
	}
	return l.oldT(key+suffix, append([]any{n}, args...)...)
}

// The oracle: every message renders byte for byte as the Go maps did.
func TestOracleSameAsMaps(t *testing.T) {
	strs := []any{"Le Cube", place("Le Cube"), place("La Ruche"), place("L'Usine"), place("Aouste"), place("Les Ateliers"), "x:y", place("Crest")}
	nums := []int{0, 1, 2, 5, 1000000}
	bad := 0
	for _, cat := range catalogs {
		for key, m := range cat {
			base, plural := key, false
			if b, ok := strings.CutSuffix(key, ".one"); ok {
				base, plural = b, true
			} else if b, ok := strings.CutSuffix(key, ".other"); ok {
				base, plural = b, true
			}
			kinds := map[int]byte{}
			np := 0
			for _, s := range []string{m.fr, m.en} {
				for _, a := range argsOf(s) {
					var i int
					fmt.Sscanf(a, "%d:", &i)
					kinds[i] = a[len(a)-1]
					np = max(np, i)
				}
			}
			for vi := 0; vi < len(strs)*len(nums); vi++ {
				var args []any
				for i := 1; i <= np; i++ {
					if kinds[i] == 'd' {
						args = append(args, nums[(vi+i)%len(nums)])
					} else {
						args = append(args, strs[(vi/len(nums)+i)%len(strs)])
					}
				}
				for _, l := range []Lang{FR, EN} {
					var want, got string
					if plural {
						if len(args) == 0 {
							args = []any{1}
						}
						n, _ := args[0].(int)
						if kinds[1] != 'd' {
							n = nums[vi%len(nums)]
						}
						want = l.oldN(base, n, args[1:]...)
						got = l.N(base, n, args[1:]...)
					} else {
						want = l.oldT(key, args...)
						got = l.T(key, args...)
					}
					if want != got && bad < 40 {
						bad++
						t.Errorf("%s %s %v:\nold %q\nnew %q", l, key, args, want, got)
					}
				}
			}
		}
	}
}

var verbs = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// argsOf lists a template's arguments as "position:verb", in position
// order, whether the template numbers them (%[2]d) or not.
func argsOf(s string) []string {
	byArg := map[int]string{}
	next := 1
	for _, v := range verbs.FindAllStringSubmatch(s, -1) {
		if v[0] == "%%" {
			continue
		}
		if v[1] != "" {
			next, _ = strconv.Atoi(strings.Trim(v[1], "[]"))
		}
		byArg[next] = v[0][len(v[0])-1:]
		next++
	}
	var out []string
	for i, v := range byArg {
		out = append(out, fmt.Sprintf("%02d:%s", i, v))
	}
	sort.Strings(out)
	return out
}

func BenchmarkLangTOld(b *testing.B) {
	FR.oldT("error.internal")
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			_ = FR.oldT("error.internal")
		}
	})
	b.Run("plural", func(b *testing.B) {
		for b.Loop() {
			_ = FR.oldN("mine.visits", 3)
		}
	})
	b.Run("place", func(b *testing.B) {
		for b.Loop() {
			_ = FR.oldT("checkin.done", place("Le Cube"), "Alice", "09:00")
		}
	})
}
