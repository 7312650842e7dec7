package bot

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

// runConsole plays a script in the console from a fixed Paris time and returns what it printed.
func runConsole(t *testing.T, lang, start, script string) string {
	t.Helper()
	now, err := time.ParseInLocation("2006-01-02 15:04", start, parisOrUTC())
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err = Console(context.Background(), ConsoleConfig{DB: testDB(t), In: strings.NewReader(script), Out: &out, Lang: lang,
		Now: now, OutDir: t.TempDir(), Rand: newTestRand()})
	if err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// inOrder checks that each part appears, after the previous one.
func inOrder(t *testing.T, got string, parts ...string) {
	t.Helper()
	rest := got
	for _, p := range parts {
		i := strings.Index(rest, p)
		if i < 0 {
			t.Fatalf("%q missing (or out of order) in:\n%s", p, got)
		}
		rest = rest[i+len(p):]
	}
}

func TestConsoleEventScenario(t *testing.T) {
	out := runConsole(t, "en", "2026-04-13 09:00", `
/setup language:en announce_channel:#events
/space add name:"La Ruche" town:Crest channel:#la-ruche animator_role:@animation-ruche
:as Nadia animator:"La Ruche"
/event create space:"La Ruche"
:form title="3D printing workshop" description="Bring a USB stick" start="wednesday 6pm" duration=2h capacity=2
:as Alice
:click going
:as Bruno
:click going
:as Chloé
:click going
:as Alice
:click can't
:clock 2026-04-15 17:55
:as Bruno
/checkin space:"La Ruche"
:as Nadia animator:"La Ruche"
:clock 2026-04-15 21:00
/event attendance event:"3D printing"
:select Bruno
/event sheet event:"3D printing"
/event cancel event:"3D printing"
`)
	inOrder(t, out,
		"[form] New event — La Ruche",
		"**3D printing workshop** is announced for Wednesday 15 April 2026 18:00",
		"[#la-ruche]", "📅 3D printing workshop", "Seats: 0 / 2", "[Going] [Maybe] [Can't come]",
		"[#events]", "📅 3D printing workshop",
		"[Discord event created] 3D printing workshop — Wednesday 15 April 2026 18:00–20:00, La Ruche, Crest",
		"you're going to **3D printing workshop**", "[#la-ruche, edited]", "Seats: 1 / 2",
		"waitlist (#1)", "⏳ 1 waitlisted",
		"you're not coming", "[DM Chloé]", "A seat freed up",
		"[clock] Wednesday 15 April 2026 17:55",
		"[DM Bruno]", "⏰ Tomorrow", "[DM Chloé]", "⏰ Tomorrow",
		"[DM Bruno]", "⏰ In an hour", "[DM Chloé]", "⏰ In an hour",
		"Welcome to **La Ruche**, Bruno",
		"1 present, 0 walk-ins", "[Who came? ▾ ✓ Bruno | Chloé]",
		"1 registered came",
		"Sign-in sheet for **3D printing workshop**: 2 people (going: 2, walk-ins: 0)", "[file emargement-3d-printing-workshop-2026-04-15.pdf -> ",
		"is over: it can't be changed",
	)
	if n := strings.Count(out, "⏰ Tomorrow"); n != 2 {
		t.Errorf("%d day-before reminders, want 2 (Bruno and Chloé; Alice withdrew)", n)
	}
	m := regexp.MustCompile(`\[file \S+ -> (\S+)\]`).FindStringSubmatch(out)
	pdf, err := os.ReadFile(m[1])
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("the saved sheet is not a PDF: %v", err)
	}
}

func TestConsoleLinesAndErrorsInFrench(t *testing.T) {
	out := runConsole(t, "fr", "2026-04-13 09:00", `
# a comment, then an empty line

/lieu ajouter nom:"La Ruche" ville:Crest
/checkin note:"unclosed
/nope
/checkin stray:1
/space add name:X
:click nothing
:form a=b
:clock yesterday
:clock 2026-04-12 10:00
:whatever
hello
/arrivee
`)
	inOrder(t, out,
		"Lieu **La Ruche** (Crest) ajouté",
		"[console] Ligne illisible\u00a0: un guillemet n'est pas fermé.",
		"[console] Commande inconnue «\u00a0/nope\u00a0». Tape `/aide` pour la liste.",
		"[console] Option inconnue «\u00a0stray\u00a0» pour `/arrivee`. Ses options\u00a0: lieu, note.",
		"[console] Il manque l'option obligatoire `ville` de `/lieu ajouter`.",
		"[console] Aucun bouton à cliquer pour l'instant.",
		"[console] Aucun formulaire ouvert.",
		"[console] Usage\u00a0: :clock AAAA-MM-JJ HH:MM",
		"[console] L'horloge n'avance que vers l'avant",
		"[console] Directive inconnue «\u00a0:whatever\u00a0»",
		"[console] Une ligne est une commande",
		"Bienvenue à la **Ruche**, Camille",
	)
	if strings.Contains(out, "console.") {
		t.Errorf("a console message key leaked:\n%s", out)
	}
}

// The French console names commands, options and choices as French users
// see them in Discord, takes French names as typed, and says what a value
// should be in French. Lines written by hand.
func TestConsoleSpeaksFrench(t *testing.T) {
	out := runConsole(t, "fr", "2026-04-13 09:00", `
/lieu ajouter nom:"La Ruche" ville:Crest capacite:beaucoup
/lieu ajouter nom:"La Ruche" ville:Crest capacite:20000
/lieu ajouter nom:"La Ruche" ville:Crest salon:#
/lieu ajouter nom:"La Ruche" ville:Crest arrivees:peut-etre
/lieu ajouter nom:"La Ruche" ville:Crest
/evenement creer lieu:"La Ruche" repetition:daily
/evenement creer lieu:"La Ruche" repetition:"chaque semaine"
:as Nadia animation:"La Ruche"
:as Bruno coordination
/lieu modifier
/checkin lieu:a lieu:b
/checkin lieu:a stray
/
`)
	inOrder(t, out,
		"[console] Valeur refusée pour `capacite`\u00a0: il faut un nombre entier.\n",
		"[console] Valeur refusée pour `capacite`\u00a0: il faut un nombre de 0 à 10000.\n",
		"[console] Valeur refusée pour `salon`\u00a0: il faut un salon (#nom-du-salon).\n",
		"[console] Valeur refusée pour `arrivees`\u00a0: il faut oui ou non.\n",
		"Lieu **La Ruche** (Crest) ajouté",
		"[console] Valeur refusée pour `repetition`\u00a0: il faut l'un de ces choix\u00a0: \"chaque semaine\", \"toutes les 2 semaines\", \"chaque mois\".\n",
		"Une série a besoin d'une fin",
		"[console] La Ruche n'a pas de rôle d'animation\u00a0: donne-lui-en un d'abord avec `/lieu modifier lieu:\"La Ruche\" role_animation:@nom`.\n",
		"[console] Tu es maintenant Bruno.\n",
		"[console] Il manque l'option obligatoire `lieu` de `/lieu modifier`.\n",
		"[console] Ligne illisible\u00a0: l'option `lieu` est donnée deux fois.\n",
		"[console] Ligne illisible\u00a0: «\u00a0stray\u00a0» n'est pas une option\u00a0: écris nom:valeur (entre guillemets si la valeur a des espaces).\n",
		"[console] Ligne illisible\u00a0: quelle commande\u202f? Par exemple `/arrivee`.\n",
	)
}

func TestConsoleMessagesExist(t *testing.T) {
	src, err := os.ReadFile("console.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`"(console\.[a-z_]+)"`).FindAllStringSubmatch(string(src), -1) {
		if !consoleTexts().Has(m[1]) && !strings.HasSuffix(m[1], "_") {
			t.Errorf("console message %s does not exist", m[1])
		}
	}
}

func TestConsoleSkillScenario(t *testing.T) {
	out := runConsole(t, "en", "2026-04-13 09:00", `
/space add name:"La Ruche" town:Crest
/space add name:"Fab Lab" town:Valence
:as Alice
/profile edit home_space:"Fab Lab" bio:"Fab manager, 3D printers"
/skill offer skill:"Impression 3D" level:expert note:"Prusa and resin"
:as Bruno
/profile edit home_space:"La Ruche"
/skill seek skill:"impression 3d" note:"a vase for my shop"
:click see who
:click ask alice
:as Alice
:click accept
/skill list
`)
	inOrder(t, out,
		"You offer **Impression 3D**", "Nobody seeks it yet",
		"you're looking for **Impression 3D**", "1 member offers it", "[See who offers it]",
		"1 person offers Impression 3D", "📍 Fab Lab · expert", "[Ask Alice for an introduction]",
		"Request sent to Alice",
		"[DM Alice]", "Bruno, who works at La Ruche, would like help with **Impression 3D**", "> a vase for my shop", "[Accept] [Decline]",
		"[message updated]", "introduced you",
		"[DM Bruno]", "@Alice agreed to help you",
		"[DM Alice]", "Meet @Bruno",
		"Most offered: • Impression 3D (1)",
	)
}

func TestConsoleDigestAcrossMonday(t *testing.T) {
	out := runConsole(t, "en", "2026-04-15 09:00", `
/setup language:en digest_channel:#coordination
/space add name:"La Ruche" town:Crest channel:#la-ruche
:as Alice
:channel #la-ruche
/checkin
:as Camille
/digest preview
:clock 2026-04-20 08:05
/digest export from:2026-04-01 to:2026-04-30
`)
	inOrder(t, out,
		"Preview (only you see it):", "📊 Weekly digest", "From Monday 6 to Sunday 12 April 2026",
		"[clock] Monday 20 April 2026 08:05",
		"[#coordination]", "📊 Weekly digest", "From Monday 13 to Sunday 19 April 2026", "La Ruche:", "1 check-in (new)", "1 person, 1 new",
		"[file passages-2026-04-13.png -> ",
		"1 row (one space, one month)", "[file tiersbot-2026-04-2026-04.csv -> ",
	)
	if n := strings.Count(out, "[#coordination]"); n != 1 {
		t.Errorf("%d digests posted, want 1", n)
	}
}

// Every command typed with its French words, as Discord shows them to
// French users, is the same command: no two French words collide.
func TestConsoleFrenchCommandWords(t *testing.T) {
	c := &console{}
	c.indexCommands()
	for path, fr := range c.frPaths {
		words := strings.Fields(fr)
		for i, w := range words {
			if canon, ok := c.cmdNames[w]; ok {
				words[i] = canon
			}
		}
		if got := strings.Join(words, " "); got != path {
			t.Errorf("/%s reads as /%s, want /%s", fr, got, path)
		}
	}
	if len(c.frPaths) != len(c.cmdIndex) {
		t.Errorf("%d French paths for %d commands", len(c.frPaths), len(c.cmdIndex))
	}
}
