package render

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestCut(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"abc", 3, "abc"},
		{"abcd", 3, "ab…"},
		{"éèàç", 3, "éè…"},   // runes, not bytes
		{`ab\_c`, 4, `ab…`},  // a lone backslash would escape the ellipsis
		{`a\\_c`, 4, `a\\…`}, // an escaped backslash is kept whole
		{"abc", 0, ""},
		{"abc", 1, "…"},
	} {
		if got := Cut(c.in, c.n); got != c.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}

func more(left int) string { return fmt.Sprintf("+%d", left) }

func TestJoin(t *testing.T) {
	for _, c := range []struct {
		name  string
		items []string
		limit int
		want  string
		shown int
	}{
		{"all fit", []string{"aa", "bb", "cc"}, 8, "aa\nbb\ncc", 3},
		{"exactly", []string{"aa", "bb", "cc"}, 8, "aa\nbb\ncc", 3},
		// 9 runes would be needed for four; two lines + "\n+2" is 8.
		{"more line", []string{"aa", "bb", "cc", "dd"}, 8, "aa\nbb\n+2", 2},
		{"one left", []string{"aaaa", "bb", "ccc"}, 10, "aaaa\nbb\n+1", 2},
		// room for one item beside "\n+1" is 5 runes.
		{"first too long is cut", []string{"abcdefghij", "bbbbbb"}, 8, "abcd…\n+1", 1},
		{"cut first, then the next fits", []string{"abcdefghij", "b"}, 8, "abcd…\nb", 2},
		{"alone too long is cut", []string{"abcdefghij"}, 5, "abcd…", 1},
		{"nothing", nil, 10, "", 0},
		{"no room", []string{"a"}, 0, "", 0},
	} {
		got, shown := Join(c.items, "\n", c.limit, more)
		if got != c.want || shown != c.shown {
			t.Errorf("%s: got %q (%d shown), want %q (%d)", c.name, got, shown, c.want, c.shown)
		}
	}
}

func TestJoinAtMost(t *testing.T) {
	for _, c := range []struct {
		items       []string
		most, limit int
		want        string
		shown       int
	}{
		{[]string{"a", "b", "c"}, 2, 100, "a, b, +1", 2},
		{[]string{"a", "b", "c"}, 5, 100, "a, b, c", 3},
		{[]string{"aaaa", "bbbb", "c"}, 2, 10, "aaaa, +2", 1},
		{[]string{"a", "b"}, 0, 100, "+2", 0},
	} {
		got, shown := JoinAtMost(c.items, c.most, ", ", c.limit, more)
		if got != c.want || shown != c.shown {
			t.Errorf("%v at most %d in %d: got %q (%d), want %q (%d)", c.items, c.most, c.limit, got, shown, c.want, c.shown)
		}
	}
}

func TestJoinCountsEscapedRunes(t *testing.T) {
	// Ten escaped skill names of 100 runes each: ~1,190 runes once joined,
	// more than a field holds. The old code sent that and got a 400.
	var lines []string
	for i := 0; i < 10; i++ {
		lines = append(lines, "• "+strings.Repeat(`\_`, 48)+fmt.Sprintf(" (%d)", i))
	}
	got, shown := Lines(lines, MaxFieldValue, more)
	if Len(got) > MaxFieldValue {
		t.Fatalf("value of %d runes", Len(got))
	}
	// Each line is 2+96+4 = 102 runes, 103 with its newline: 9 lines and "+1"
	// take 9*103+2 = 929; ten would take 1,029.
	if shown != 9 || !strings.HasSuffix(got, "\n+1") {
		t.Fatalf("shown %d, ends %q", shown, got[len(got)-10:])
	}
}

func TestBuilderSharesTheTotal(t *testing.T) {
	// Three embeds each of a description of 30 lines of 99 runes (+newline):
	// 3,000 runes each, 9,000 together. The largest list gives way first, so
	// they end up about even, and the total fits.
	var b Builder
	line := strings.Repeat("x", 99)
	var lines []string
	for i := 0; i < 30; i++ {
		lines = append(lines, line)
	}
	for i := 0; i < 3; i++ {
		b.Embed(&discordgo.MessageEmbed{Title: "T"}).Desc(lines, more)
	}
	embeds := b.Embeds()
	if n := EmbedsSize(embeds); n > MaxEmbedsTotal {
		t.Fatalf("total %d", n)
	}
	// k lines and "+NN" take 100k+3 runes. Three at 20 lines: 3*2,003 + 3
	// titles = 6,012, too many; one at 19 (the first, which gives way first
	// in each round): 2*2,003 + 1,903 + 3 = 5,912.
	for i, want := range []string{"\n+11", "\n+10", "\n+10"} {
		if d := embeds[i].Description; !strings.HasSuffix(d, want) {
			t.Errorf("embed %d ends %q, want %q", i, d[len(d)-8:], want)
		}
	}
	if b.Omitted() != 31 {
		t.Errorf("omitted %d, want 31", b.Omitted())
	}
}

func TestBuilderFieldList(t *testing.T) {
	var b Builder
	var items []Field
	for i := 0; i < 30; i++ {
		items = append(items, Field{Name: fmt.Sprint("space ", i), Value: "v", Inline: true})
	}
	e := b.Embed(&discordgo.MessageEmbed{Title: "digest", Fields: []*discordgo.MessageEmbedField{{Name: "head", Value: "x"}}})
	e.FieldList(items, func(left int) Field { return Field{Name: "…", Value: more(left)} })
	e.Field("network", "total", false)
	out := b.Embeds()[0]
	// 25 fields: head, 22 spaces, "…", network.
	if len(out.Fields) != 25 {
		t.Fatalf("%d fields", len(out.Fields))
	}
	if f := out.Fields[23]; f.Name != "…" || f.Value != "+8" {
		t.Errorf("more field %+v", f)
	}
	if out.Fields[24].Name != "network" || out.Fields[22].Name != "space 21" {
		t.Errorf("order: %q, %q", out.Fields[22].Name, out.Fields[24].Name)
	}
	if b.Omitted() != 8 {
		t.Errorf("omitted %d", b.Omitted())
	}
	full := b.Full(nil)
	if !strings.Contains(full, "## space 29\nv\n") || !strings.Contains(full, "# digest\n") {
		t.Errorf("full text lacks items:\n%s", full)
	}
}

func TestClamp(t *testing.T) {
	long := strings.Repeat("é", 5000)
	content, embeds, fixes := Clamp(long, []*discordgo.MessageEmbed{
		{Title: long, Description: long, Footer: &discordgo.MessageEmbedFooter{Text: long},
			Fields: []*discordgo.MessageEmbedField{{Name: "", Value: long}}},
	})
	if Len(content) != MaxContent {
		t.Errorf("content %d", Len(content))
	}
	// content, title, description, footer, field value, then the total.
	if len(fixes) != 6 {
		t.Errorf("fixes %q", fixes)
	}
	if n := EmbedsSize(embeds); n > MaxEmbedsTotal {
		t.Errorf("total %d", n)
	}
	if embeds[0].Fields[0].Name != "\u200b" {
		t.Errorf("empty field name kept")
	}
	if _, _, fixes := Clamp("ok", []*discordgo.MessageEmbed{{Title: "t", Description: "d"}}); len(fixes) != 0 {
		t.Errorf("fixed a good message: %q", fixes)
	}
}

// TestBuilderProperty: whatever the lists, the embeds are within every limit,
// and for each list, shown + left out = given.
func TestBuilderProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("ab_*#~|`\\é日 ")
	word := func(max int) string {
		n := rng.IntN(max + 1)
		r := make([]rune, n)
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(r)
	}
	lines := func() []string {
		n := rng.IntN(60)
		out := make([]string, n)
		for i := range out {
			out[i] = word(300)
		}
		return out
	}
	for round := 0; round < 150; round++ {
		var b Builder
		given := 0
		for e := rng.IntN(12); e > 0; e-- {
			em := b.Embed(&discordgo.MessageEmbed{Title: word(300), Footer: &discordgo.MessageEmbedFooter{Text: word(50)}})
			if rng.IntN(2) == 0 {
				l := lines()
				given += len(l)
				em.Desc(l, more)
			}
			for f := rng.IntN(4); f > 0; f-- {
				switch rng.IntN(3) {
				case 0:
					em.Field(word(300), word(1100), false)
				case 1:
					l := lines()
					given += len(l)
					em.ListField(word(30), true, l, more)
				default:
					var items []Field
					for i := rng.IntN(30); i > 0; i-- {
						items = append(items, Field{Name: word(40), Value: word(200)})
					}
					given += len(items)
					em.FieldList(items, nil)
				}
			}
		}
		embeds := b.Embeds()
		if _, _, fixes := Clamp("", embeds); len(fixes) != 0 {
			t.Fatalf("round %d: over the limits: %q", round, fixes)
		}
		shown := 0
		for _, e := range b.kept() {
			if e.desc != nil {
				shown += e.desc.shown
			}
			for _, p := range e.parts {
				if p.value != nil {
					shown += p.value.shown
				} else if p.items != nil {
					shown += p.shown
				}
			}
		}
		if shown+b.Omitted() != given {
			t.Fatalf("round %d: %d shown + %d left out != %d given", round, shown, b.Omitted(), given)
		}
	}
}

func FuzzLines(f *testing.F) {
	f.Add("a\nb\nc", 5)
	f.Add(`\_\*\#`+"\n"+strings.Repeat("é", 3000), 1024)
	f.Fuzz(func(t *testing.T, text string, limit int) {
		limit = limit % 5000
		items := strings.Split(text, "\n")
		got, shown := Lines(items, limit, more)
		if limit > 0 && Len(got) > limit {
			t.Fatalf("%d runes > %d", Len(got), limit)
		}
		if shown < 0 || shown > len(items) {
			t.Fatalf("shown %d of %d", shown, len(items))
		}
		if shown < len(items) && limit > 3 && !strings.HasSuffix(got, more(len(items)-shown)) {
			t.Fatalf("left %d out without saying so: %q", len(items)-shown, got)
		}
	})
}
