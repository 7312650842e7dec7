package french

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Place is a place name given to a message: where the template puts it
// right after « à » or « de » (markdown allowed in between), the preposition
// contracts with the name's article (« à **{{.Space}}** » + Le Cube → « au
// **Cube** »; the message files' loader marks those placeholders).
// Elsewhere, and in English, it prints as the name.
type Place string

// A preposition a place name can follow: « à » or « de ».
const (
	A  = "à"
	De = "de"
)

// Contract splits a place name after preposition prep ("à" or "de") into
// the contracted preposition and what is left of the name:
//
//	à + Le Cube      → "au", "Cube"       de + Le Cube      → "du", "Cube"
//	à + Les Ateliers → "aux", "Ateliers"  de + Les Ateliers → "des", "Ateliers"
//	à + La Ruche     → "à la", "Ruche"    de + La Ruche     → "de la", "Ruche"
//	à + L'Usine      → "à l'", "Usine"    de + L'Usine      → "de l'", "Usine"
//	à + Crest        → "à", "Crest"       de + Aouste       → "d'", "Aouste"
//
// The prefix ends with a space unless it ends with an apostrophe. A name
// written with its article elides as written (« Le Hangar » keeps « du »: an
// aspirated h); a name without article takes « d' » before a vowel or an h,
// which in place names is mostly mute (« d'Hostun »).
func Contract(prep, name string) (prefix, rest string) {
	art, rest := article(name)
	switch {
	case art == "le" && prep == A:
		return "au ", rest
	case art == "le":
		return "du ", rest
	case art == "les" && prep == A:
		return "aux ", rest
	case art == "les":
		return "des ", rest
	case art == "la":
		return prep + " la ", rest
	case art == "l'":
		return prep + " l'", rest
	case prep == De && elides(name):
		return "d'", name
	}
	return prep + " ", name
}

// Phrase is Contract joined: "au Cube", "de la Ruche", "à Crest".
func Phrase(prep, name string) string {
	p, r := Contract(prep, name)
	return p + r
}

// article finds a leading definite article: "Le Cube" → "le", "Cube".
func article(name string) (string, string) {
	for _, a := range []string{"Le ", "La ", "Les "} {
		if len(name) > len(a) && strings.EqualFold(name[:len(a)], a) {
			return strings.ToLower(strings.TrimSpace(a)), name[len(a):]
		}
	}
	for _, a := range []string{"L'", "L’"} {
		if len(name) > len(a) && strings.EqualFold(name[:len(a)], a) {
			return "l'", name[len(a):]
		}
	}
	return "", name
}

func elides(name string) bool {
	c, _ := utf8.DecodeRuneInString(name)
	return strings.ContainsRune("aeiouyhâàéèêëîïôöûüœæ", unicode.ToLower(c))
}
