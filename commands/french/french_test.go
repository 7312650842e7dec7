package french

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

const nb, nn = "\u00a0", "\u202f"

func TestTypo(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Qui est là ?", "Qui est là" + nn + "?"},
		{"Bienvenue !", "Bienvenue" + nn + "!"},
		{"Réessaie ; si ça recommence", "Réessaie" + nn + "; si ça recommence"},
		{"Sur place: 0 personne", "Sur place" + nb + ": 0 personne"},
		{"Fermeture : 18 h 30", "Fermeture" + nb + ": 18 h 30"},
		{"Quand:", "Quand" + nb + ":"},
		{"Bravo!", "Bravo" + nn + "!"},
		{"Quoi ?!", "Quoi" + nn + "?!"},
		{"« Matinée emploi »", "«" + nb + "Matinée emploi" + nb + "»"},
		{"«Matinée»", "«" + nb + "Matinée" + nb + "»"},
		{"**Lieu** : x", "**Lieu**" + nb + ": x"},
		{"**Lieu :**\nx", "**Lieu" + nb + ":**\nx"},
		{"`/space edit channel:` ?", "`/space edit channel:`" + nn + "?"},
		// left alone: tokens, code, markup, URLs, shortcodes, times
		{"à 18:30.", "à 18:30."},
		{"`a : b ! c`", "`a : b ! c`"},
		{"``a ? `b` ?``", "``a ? `b` ?``"},
		{"<t:1700000000:f>", "<t:1700000000:f>"},
		{"<@123> <@&45> <#67> <:ruche:89>", "<@123> <@&45> <#67> <:ruche:89>"},
		{"https://bot.example.org/cal?k=1&x=2 !", "https://bot.example.org/cal?k=1&x=2" + nn + "!"},
		{"Salut :wave: toi", "Salut :wave: toi"},
		{"desk:in:12", "desk:in:12"},
		{"Usage : :form champ=valeur", "Usage" + nb + ": :form champ=valeur"},
		{"\\! \\?", "\\! \\?"},
		{"!\n?", "!\n?"},
		{"Who's here?", "Who's here" + nn + "?"}, // French-only rule: callers pass French text
	}
	for _, c := range cases {
		if got := Typo(c.in); got != c.want {
			t.Errorf("Typo(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func stripSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == NBSP || r == NNBSP {
			return -1
		}
		return r
	}, s)
}

func FuzzTypo(f *testing.F) {
	for _, s := range []string{"Qui est là ?", "a : b", "« x »", "`a ? b`", "<t:1:f> !", ":wave: !", "https://x/?a !", "x ?! y", "«»", "a :b: c", "**a**: b", "18:30 !"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		once := Typo(s)
		if twice := Typo(once); twice != once {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, once, twice)
		}
		if stripSpaces(once) != stripSpaces(s) {
			t.Fatalf("changed more than spaces: %q -> %q", s, once)
		}
	})
}

func TestContract(t *testing.T) {
	cases := []struct{ prep, name, want string }{
		{A, "Le Cube", "au Cube"},
		{De, "Le Cube", "du Cube"},
		{De, "Le Tiers-Lieu du Diois", "du Tiers-Lieu du Diois"},
		{A, "Les Ateliers", "aux Ateliers"},
		{De, "Les Ateliers", "des Ateliers"},
		{A, "L'Usine", "à l'Usine"},
		{De, "L’Usine", "de l'Usine"},
		{A, "La Ruche", "à la Ruche"},
		{De, "La Ruche", "de la Ruche"},
		{A, "Crest", "à Crest"},
		{De, "Crest", "de Crest"},
		{De, "Aouste", "d'Aouste"},
		{De, "Hostun", "d'Hostun"},
		{De, "Écosite", "d'Écosite"},
		{A, "Aouste", "à Aouste"},
		{De, "Le Hangar", "du Hangar"},
		{A, "Lesches", "à Lesches"}, // not an article
		{A, "Laboratoire", "à Laboratoire"},
		{A, "Fab Lab", "à Fab Lab"},
	}
	for _, c := range cases {
		if got := Phrase(c.prep, c.name); got != c.want {
			t.Errorf("Phrase(%q, %q) = %q, want %q", c.prep, c.name, got, c.want)
		}
	}
}

func TestSelect(t *testing.T) {
	tmpl := "%[1]d {1:personne|personnes}, dont %[2]d {2:nouvelle|nouvelles}"
	cases := []struct {
		lang string
		a, b int
		want string
	}{
		{"fr", 2, 1, "%[1]d personnes, dont %[2]d nouvelle"},
		{"fr", 0, 0, "%[1]d personne, dont %[2]d nouvelle"},
		{"fr", 1, 3, "%[1]d personne, dont %[2]d nouvelles"},
		{"en", 0, 1, "%[1]d personnes, dont %[2]d nouvelle"},
	}
	for _, c := range cases {
		if got := Select(c.lang, tmpl, []any{c.a, c.b}); got != c.want {
			t.Errorf("Select(%s, %d, %d) = %q, want %q", c.lang, c.a, c.b, got, c.want)
		}
	}
	if got := Select("fr", "{3:a|b}", []any{1}); got != "b" {
		t.Errorf("missing argument: %q, want the plural form", got)
	}
}

func TestPlaces(t *testing.T) {
	cases := []struct {
		tmpl string
		args []any
		want string
	}{
		{"Bienvenue à **%s**, %s !", []any{Place("Le Cube"), "Alice"}, "Bienvenue au **Cube**, Alice !"},
		{"Qui est là à %s ?", []any{Place("Le Cube")}, "Qui est là au Cube ?"},
		{"Accueil de **%s** publié dans %s.", []any{Place("Le Tiers-Lieu du Diois"), "#diois"}, "Accueil du **Tiers-Lieu du Diois** publié dans #diois."},
		{"%s, qui travaille à %s, aimerait", []any{"Alice", Place("L'Usine")}, "Alice, qui travaille à l'Usine, aimerait"},
		{"Départ de **%[2]s** après %[1]s", []any{"2 h", Place("Les Ateliers")}, "Départ des **Ateliers** après 2 h"},
		{"Accueil — %s", []any{Place("Le Cube")}, "Accueil — Le Cube"},
		{"voilà %s", []any{Place("Le Cube")}, "voilà Le Cube"},
		{"à %s, à %s", []any{Place("La Ruche"), Place("Crest")}, "à la Ruche, à Crest"},
		{"à %d%% de %s", []any{5, Place("Aouste")}, "à 5% d'Aouste"},
	}
	for _, c := range cases {
		tmpl, args := Places(c.tmpl, c.args)
		if got := fmt.Sprintf(tmpl, args...); got != c.want {
			t.Errorf("Places(%q) = %q, want %q", c.tmpl, got, c.want)
		}
	}
}
