package commands

import (
	"strings"
	"testing"
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
