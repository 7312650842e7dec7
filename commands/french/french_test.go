package french

import (
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
