package commands

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's rule for command and option names.
var nameRule = regexp.MustCompile(`^[-_\p{L}\p{N}]{1,32}$`)

func TestCatalogIsValidAndLocalized(t *testing.T) {
	seen := map[string]bool{}
	var check func(path, name, desc string, names, descs map[discordgo.Locale]string, opts []*discordgo.ApplicationCommandOption)
	check = func(path, name, desc string, names, descs map[discordgo.Locale]string, opts []*discordgo.ApplicationCommandOption) {
		for _, n := range []string{name, names[discordgo.French]} {
			if !nameRule.MatchString(n) || strings.ToLower(n) != n {
				t.Errorf("%s: bad name %q", path, n)
			}
		}
		for _, d := range []string{desc, descs[discordgo.French]} {
			if n := utf8.RuneCountInString(d); n < 1 || n > 100 {
				t.Errorf("%s: description of %d characters: %q", path, n, d)
			}
		}
		optional := false
		local := map[string]bool{}
		for _, o := range opts {
			p := path + " " + o.Name
			if local[o.Name] {
				t.Errorf("%s: duplicate option", p)
			}
			local[o.Name] = true
			if o.Required && optional {
				t.Errorf("%s: a required option after an optional one", p)
			}
			optional = optional || !o.Required
			if o.Autocomplete && len(o.Choices) > 0 {
				t.Errorf("%s: autocomplete and choices together", p)
			}
			for _, c := range o.Choices {
				if c.NameLocalizations[discordgo.French] == "" {
					t.Errorf("%s: choice %q has no French name", p, c.Name)
				}
			}
			check(p, o.Name, o.Description, o.NameLocalizations, o.DescriptionLocalizations, o.Options)
		}
	}
	for _, c := range Catalog() {
		if seen[c.Name] {
			t.Errorf("duplicate command %s", c.Name)
		}
		seen[c.Name] = true
		if c.NameLocalizations == nil || c.DescriptionLocalizations == nil {
			t.Fatalf("%s: no localizations", c.Name)
		}
		check("/"+c.Name, c.Name, c.Description, *c.NameLocalizations, *c.DescriptionLocalizations, c.Options)
	}
	if len(seen) > 100 {
		t.Errorf("%d commands: Discord allows 100", len(seen))
	}
}

// Every routed command is in the catalog and every catalog command is routed.
func TestCatalogMatchesRoutes(t *testing.T) {
	h := newHarness(t)
	paths := map[string]bool{}
	for _, c := range Catalog() {
		subs := false
		for _, o := range c.Options {
			if o.Type == discordgo.ApplicationCommandOptionSubCommand {
				subs = true
				paths[c.Name+" "+o.Name] = true
			}
		}
		if !subs {
			paths[c.Name] = true
		}
	}
	routed := map[string]bool{}
	for _, rt := range h.app.Routes() {
		if rt.Kind == KindCommand {
			routed[rt.Path] = true
		}
	}
	for p := range paths {
		if !routed[p] {
			t.Errorf("/%s is in the catalog but has no route", p)
		}
	}
	for p := range routed {
		if !paths[p] {
			t.Errorf("route %q has no command definition", p)
		}
	}
}

// Every message key the code names exists, so no user sees "!key!".
func TestMessageKeysUsedExist(t *testing.T) {
	use := regexp.MustCompile(`(?:userErr|\.T|\.N)\("([a-z_\-]+(?:\.[a-z_\-]+)+)"\s*[,)]`)
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(src), -1) {
			key := m[1]
			if !texts().Has(key) {
				t.Errorf("%s: message %q does not exist", f, key)
			}
		}
	}
}

func TestLang(t *testing.T) {
	for loc, want := range map[string]Lang{"fr": FR, "fr-FR": FR, "FR": FR, "en-US": EN, "en-GB": EN, "de": EN, "": EN} {
		if got := LangOf(loc); got != want {
			t.Errorf("LangOf(%q) = %s", loc, got)
		}
	}
	// French plural: 0 and 1 are singular.
	if got := FR.N("mine.visits", 0); got != "0 passage" {
		t.Errorf("FR 0: %q", got)
	}
	if got := EN.N("mine.visits", 0); got != "0 visits" {
		t.Errorf("EN 0: %q", got)
	}
	if got := FR.N("mine.visits", 2); got != "2 passages" {
		t.Errorf("FR 2: %q", got)
	}
}

func TestEscapeAndClean(t *testing.T) {
	cases := map[string]string{
		"@everyone":          "@\u200beveryone",
		"<@&123> hi":         "<\u200b@\u200b&123\\> hi",
		"**bold** _it_":      `\*\*bold\*\* \_it\_`,
		"# title":            `\# title`,
		"[x](http://evil)":   `\[x\](http://evil)`,
		"Café de la Drôme":   "Café de la Drôme",
		"a\\b":               `a\\b`,
		"> quote ~~s~~ |sp|": `\> quote \~\~s\~\~ \|sp\|`,
	}
	for in, want := range cases {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
	if got, n := CleanText("  a\tb\n c\u200b\x07 ", false); got != "a b c" || n != 5 {
		t.Errorf("CleanText = %q, %d", got, n)
	}
	if got := Truncate("abcdef", 4); got != "abc…" {
		t.Errorf("Truncate = %q", got)
	}
	if got := Fold("  La Ruché-Numérique!! "); got != "la ruche numerique" {
		t.Errorf("Fold = %q", got)
	}
}

// French replies name commands as French users see them in Discord.
func TestFrenchRepliesUseFrenchCommandNames(t *testing.T) {
	mustContain(t, FR.T("help.everyday")+FR.T("help.events")+FR.T("help.coordination"), "`/arrivee`", "`/evenement liste`", "`/configuration`")
	mustContain(t, EN.T("help.everyday")+EN.T("help.events"), "`/checkin`", "`/event list`")
	for key, s := range frenchTemplates(t) {
		for _, en := range []string{"`/checkin`", "`/whoshere", "`/event ", "`/skill ", "`/space ", "`/setup"} {
			if strings.Contains(s, en) {
				t.Errorf("%s: French text names %s: %s", key, en, s)
			}
		}
	}
}

// Every command is for the network's server only, said with contexts and
// integration types, not the deprecated dm_permission.
func TestCommandsGuildOnlyByContexts(t *testing.T) {
	for _, c := range Catalog() {
		raw, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		s := string(raw)
		if strings.Contains(s, "dm_permission") || !strings.Contains(s, `"contexts":[0]`) || !strings.Contains(s, `"integration_types":[0]`) {
			t.Errorf("/%s: %s", c.Name, s[:min(len(s), 200)])
		}
	}
}
