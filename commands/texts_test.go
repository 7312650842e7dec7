package commands

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tierslieux/tiersbot/commands/french"
)

// frenchTemplates are the French forms as they render: each message's
// forms joined, after the French rules of the rendering layer.
func frenchTemplates(t *testing.T) map[string]string {
	t.Helper()
	files, _, err := ReadMessageFiles(locales, "locales")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	rule := func(s string) string { return frenchRule(s) }
	for id, m := range files[0].Messages {
		var forms []string
		for _, s := range Forms(m) {
			forms = append(forms, frenchTemplate(s, rule))
		}
		out[id] = strings.Join(forms, "\n")
	}
	return out
}

// Every message is in every language, with the same placeholders, named
// in args.toml, and every plural form each language's CLDR rules need.
func TestMessageFilesComplete(t *testing.T) {
	files, _, err := ReadMessageFiles(locales, "locales")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 || files[0].Lang != FR || files[1].Lang != EN {
		t.Fatalf("languages %v, want fr and en first", files)
	}
	for _, p := range CheckMessageFiles(locales, "locales") {
		t.Error(p)
	}
}

// French counts by CLDR: 0 and 1 singular, a million takes "many" (here
// written as "other"); English: only 1 singular. Each count of a message
// agrees on its own. Expected texts written by hand.
func TestPluralForms(t *testing.T) {
	cases := []struct{ got, want string }{
		{FR.N("mine.visits", 0), "0 passage"},
		{FR.N("mine.visits", 1), "1 passage"},
		{FR.N("mine.visits", 2), "2 passages"},
		{FR.N("mine.visits", 1000000), "1000000 passages"},
		{EN.N("mine.visits", 0), "0 visits"},
		{EN.N("mine.visits", 1), "1 visit"},
		{EN.N("mine.visits", 1000000), "1000000 visits"},
		{FR.N("digest.people", 1000000, 1), "1000000 personnes, dont 1 nouvelle"},
		{FR.N("digest.people", 1, 1000000), "1 personne, dont 1000000 nouvelles"},
		{FR.T("skill.merged", "a", "b", 1000000, 0), "🔀 La compétence **a** est fondue dans **b** (1000000 offres déplacées, 0 recherche déplacée, doublons réunis)."},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// An unknown message says its key, so a test or a reader spots it.
func TestUnknownMessage(t *testing.T) {
	if got := FR.T("no.such_message"); got != "!no.such_message!" {
		t.Errorf("got %q", got)
	}
}

// Every reply renders several messages: a plain one, a plural, a place.
func BenchmarkLangT(b *testing.B) {
	FR.T("error.internal") // load the files outside the timing
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			_ = FR.T("error.internal")
		}
	})
	b.Run("plural", func(b *testing.B) {
		for b.Loop() {
			_ = FR.N("mine.visits", 3)
		}
	})
	b.Run("place", func(b *testing.B) {
		for b.Loop() {
			_ = FR.T("checkin.done", place("Le Cube"), "Alice", "09:00")
		}
	})
}

// A place after « à » or « de » contracts with its article, markdown in
// between or not; elsewhere, in English, or when the value is not a
// french.Place, it prints as given. Expected texts written by hand.
func TestPlacesContract(t *testing.T) {
	files := fstest.MapFS{
		"l/args.toml": {Data: []byte(`
welcome = ["Space", "Name"]
who = ["Space"]
desk = ["Space", "Channel"]
works = ["Name", "Space"]
left = ["Duration", "Space"]
header = ["Space"]
voila = ["Space"]
both = ["Space", "Town"]
pct = ["Rate", "Town"]
`)},
		"l/fr.toml": {Data: []byte(`
welcome = "Bienvenue à **{{.Space}}**, {{.Name}} !"
who = "Qui est là à {{.Space}} ?"
desk = "Accueil de **{{.Space}}** publié dans {{.Channel}}."
works = "{{.Name}}, qui travaille à {{.Space}}, aimerait"
left = "Départ de **{{.Space}}** après {{.Duration}}"
header = "Accueil — {{.Space}}"
voila = "voilà {{.Space}}"
both = "à {{.Space}}, à {{.Town}}"
pct = "à {{.Rate}}% de {{.Town}}"
`)},
		"l/en.toml": {Data: []byte(`
welcome = "Welcome to **{{.Space}}**, {{.Name}}!"
who = "Who's at {{.Space}}?"
desk = "Desk of **{{.Space}}** posted in {{.Channel}}."
works = "{{.Name}}, who works at {{.Space}}, would like"
left = "Left **{{.Space}}** after {{.Duration}}"
header = "Desk — {{.Space}}"
voila = "there is {{.Space}}"
both = "at {{.Space}}, at {{.Town}}"
pct = "{{.Rate}}% at {{.Town}}"
`)},
	}
	tx, err := LoadTexts(files, "l", french.Typo)
	if err != nil {
		t.Fatal(err)
	}
	p := func(s string) french.Place { return french.Place(s) }
	const nn = "\u202f"
	cases := []struct {
		lang Lang
		key  string
		args []any
		want string
	}{
		{FR, "welcome", []any{p("Le Cube"), "Alice"}, "Bienvenue au **Cube**, Alice" + nn + "!"},
		{FR, "welcome", []any{"Le Cube", "Alice"}, "Bienvenue à **Le Cube**, Alice" + nn + "!"},
		{FR, "who", []any{p("Le Cube")}, "Qui est là au Cube" + nn + "?"},
		{FR, "desk", []any{p("Le Tiers-Lieu du Diois"), "#diois"}, "Accueil du **Tiers-Lieu du Diois** publié dans #diois."},
		{FR, "works", []any{"Alice", p("L'Usine")}, "Alice, qui travaille à l'Usine, aimerait"},
		{FR, "left", []any{"2 h", p("Les Ateliers")}, "Départ des **Ateliers** après 2 h"},
		{FR, "header", []any{p("Le Cube")}, "Accueil — Le Cube"},
		{FR, "voila", []any{p("Le Cube")}, "voilà Le Cube"},
		{FR, "both", []any{p("La Ruche"), p("Crest")}, "à la Ruche, à Crest"},
		{FR, "pct", []any{5, p("Aouste")}, "à 5% d'Aouste"},
		{EN, "welcome", []any{p("Le Cube"), "Alice"}, "Welcome to **Le Cube**, Alice!"},
	}
	for _, c := range cases {
		if got, ok := tx.T(c.lang, c.key, c.args...); !ok || got != c.want {
			t.Errorf("%s %s: got %q, want %q", c.lang, c.key, got, c.want)
		}
	}
	if bad := CheckMessageFiles(files, "l"); len(bad) > 0 {
		t.Errorf("check: %v", bad)
	}
}

// The check finds what a volunteer's edit can break: a message missing in
// a language, a renamed placeholder, a missing plural form.
func TestCheckMessageFilesFindsMistakes(t *testing.T) {
	files := fstest.MapFS{
		"l/args.toml": {Data: []byte(`
seats = ["Count", "Space"]
hello = ["Name"]
`)},
		"l/fr.toml": {Data: []byte(`
seats = { one = "{{.Count}} place à {{.Space}}", other = "{{.Count}} places à {{.Space}}" }
hello = "Bonjour {{.Nom}}"
only_fr = "seulement en français"
`)},
		"l/en.toml": {Data: []byte(`
seats = { one = "{{.Count}} seat at {{.Space}}", other = "{{.Count}} seats at {{.Space}}" }
hello = "Hello {{.Name}}"
`)},
	}
	got := strings.Join(CheckMessageFiles(files, "l"), "\n")
	for _, want := range []string{
		"only_fr: missing in en",
		"hello (fr): placeholder Nom is not in args.toml [Name]",
		"hello: fr uses [Nom], en uses [Name]",
		`seats (fr) with 1000000: message "seats" has no plural form "many" in fr`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("check does not say %q; it says:\n%s", want, got)
		}
	}
}

// Templates are parsed once: rendering allocates only its text, never a
// parse (go-i18n's TextParser with functions would parse at every call).
func TestTemplatesParsedOnce(t *testing.T) {
	FR.T("checkin.done", place("Le Cube"), "Alice", "09:00")
	if n := testing.AllocsPerRun(100, func() { _ = FR.T("error.internal") }); n != 0 {
		t.Errorf("a plain message allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = FR.T("checkin.done", place("Le Cube"), "Alice", "09:00") }); n > 5 {
		t.Errorf("a message with a place allocates %v times", n)
	}
}
