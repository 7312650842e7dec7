package bot

import (
	"errors"
	"testing"

	"github.com/tierslieux/tiersbot/commands"
)

// The console's files hold every message in each language, with the same
// placeholders, and the plural forms CLDR needs.
func TestConsoleMessageFiles(t *testing.T) {
	for _, p := range commands.CheckMessageFiles(consoleLocales, "locales") {
		t.Error(p)
	}
}

// Counts agree; what an option expects reads in the console's language.
// Expected texts written by hand.
func TestConsoleMessages(t *testing.T) {
	fr, en := consoleLang(commands.FR), consoleLang(commands.EN)
	cases := []struct{ got, want string }{
		{fr.T0("console.ago_d", 3), "il y a 3 jours"},
		{fr.T0("console.in_d", 1), "dans 1 jour"},
		{en.T0("console.ago_d", 1), "1 day ago"},
		{fr.T0("console.demo_loaded", 10, 1, 2, "Alice"), "✅ Réseau d'exemple chargé\u00a0: 10 lieux, 1 membre, 2 événements et deux semaines de passages, de compétences et de mises en relation. Tu es Alice (coordination). Essaie /space list, /event list, /skill list ou /digest preview."},
		{fr.T0("console.bad_syntax", "x"), "Ligne illisible\u00a0: x."},
		{fr.T0("no.such"), "no.such"},
		{(&console{}).wanted(wantErr("console.want_range", 1.0, 5.0)), "a number from 1 to 5"},
		{(&console{}).wanted(errors.New("plain")), "plain"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
