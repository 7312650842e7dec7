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
		{fr.T0("console.demo_loaded", 10, 1, 2, "Alice"), "✅ Réseau d'exemple chargé\u00a0: 10 lieux, 1 membre, 2 événements et deux semaines de passages, de compétences et de mises en relation. Tu es Alice (coordination). Essaie `/lieu liste`, `/evenement liste`, `/competence liste` ou `/bilan apercu`."},
		{en.T0("console.demo_loaded", 1, 2, 1, "Alice"), "✅ Sample network loaded: 1 space, 2 members, 1 event and two weeks of visits, skills and introductions. You are Alice (coordinator). Try `/space list`, `/event list`, `/skill list` or `/digest preview`."},
		{fr.T0("console.no_animator_role", "La Ruche"), "La Ruche n'a pas de rôle d'animation\u00a0: donne-lui-en un d'abord avec `/lieu modifier lieu:\"La Ruche\" role_animation:@nom`."},
		{fr.T0("console.want_at_most", 1), "au plus 1 caractère"},
		{fr.T0("console.want_at_most", 80), "au plus 80 caractères"},
		{en.T0("console.want_at_most", 1), "at most 1 character"},
		{(&console{cfg: ConsoleConfig{Lang: "fr"}}).wanted(lineErr("console.want_range", 1.0, 5.0)), "un nombre de 1 à 5"},
		{(&console{cfg: ConsoleConfig{Lang: "fr"}}).wanted(lineErr("console.parse_no_command")), "quelle commande\u202f? Par exemple `/arrivee`"},
		{fr.T0("console.bad_syntax", "x"), "Ligne illisible\u00a0: x."},
		{fr.T0("no.such"), "no.such"},
		{(&console{}).wanted(lineErr("console.want_range", 1.0, 5.0)), "a number from 1 to 5"},
		{(&console{}).wanted(errors.New("plain")), "plain"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// The console's French texts follow French typography, as the bot's do.
func TestConsoleFrenchTypography(t *testing.T) {
	for _, p := range commands.CheckFrenchTypography(consoleTexts()) {
		t.Error(p)
	}
}
