package bot

import (
	"os"
	"regexp"
	"strings"
	"testing"

	ical "github.com/arran4/golang-ical"
)

// A weekly series in the console, in French: each date has its own answers,
// Discord events appear as dates enter the 14-day window, an edit tells
// those going, reminders follow the clock, one date then the rest of the
// series are cancelled by typed title, and the calendar file marks it all.
func TestConsoleEventSeries(t *testing.T) {
	out := runConsole(t, "fr", "2026-04-13 09:00", `
/setup announce_channel:#annonces
/space add name:"La Ruche" town:Crest channel:#la-ruche animator_role:@animation-ruche
:as Nadia animator:"La Ruche"
/event create space:"La Ruche" repeat:weekly count:4
:form title="Matinée emploi" start="vendredi 9h" duration=3h
:as Alice
:click je viens
/event list
:as Nadia animator:"La Ruche"
/event edit event:"Matinée emploi"
:form title="Matinée emploi" start="vendredi 9h30" duration=3h
:clock 2026-04-20 08:00
/event cancel event:"Matinée emploi" reason:"Salle prise"
/event ics space:"La Ruche"
/event cancel event:"Matinée emploi" scope:series
/event list
`)
	inOrder(t, out,
		"Série de 4 séances, jusqu'au vendredi 8 mai 2026",
		"[#la-ruche]", "📅 Matinée emploi", "vendredi 17 avril 2026 09:00 → 12:00", "— Chaque semaine", "[Je viens] [Peut-être] [Je ne viens pas]",
		"[#annonces]", "📅 Matinée emploi",
		"[événement Discord créé] Matinée emploi — vendredi 17 avril 2026 09:00–12:00, La Ruche, Crest",
		"[événement Discord créé] Matinée emploi — vendredi 24 avril 2026 09:00–12:00, La Ruche, Crest",
		"tu viens\u00a0: **Matinée emploi** (vendredi 17 avril 2026 09:00)",
		"[#la-ruche, modifié]", "✅ 1 inscrit·e · 🤔 0 peut-être",
		// Each date has its own answers.
		"vendredi 17 avril 2026 09:00 (dans 4 jours) · La Ruche · 1 inscrit·e",
		"vendredi 24 avril 2026 09:00 (dans 11 jours) · La Ruche · 0 inscrit·e",
		"vendredi 8 mai 2026 09:00",
		"[form] Modifier l'événement", `start (Début (ex. jeudi 23/04 14h-16h)) * = "2026-04-17 09:00"`,
		"La date a changé", "[DM Alice]", "Changement d'horaire\u00a0: **Matinée emploi** aura lieu vendredi 17 avril 2026 09:30",
		"[événement Discord modifié] Matinée emploi — vendredi 17 avril 2026 09:30–12:30",
		"[clock] lundi 20 avril 2026 08:00",
		"[DM Alice]", "⏰ Demain\u00a0: **Matinée emploi**, vendredi 17 avril 2026 09:30",
		"[DM Alice]", "⏰ Dans une heure\u00a0: **Matinée emploi**",
		"[événement Discord créé] Matinée emploi — vendredi 1er mai 2026 09:00–12:00",
		// The typed title names the next date still to come.
		"**Matinée emploi**\u00a0: 1 séance annulée", "[événement Discord supprimé]",
		"[#la-ruche, modifié]", "❌ ANNULÉ — Matinée emploi", "vendredi 24 avril 2026 09:00", "Raison\u00a0: Salle prise",
		"📆 4 événements à importer", "[file la-ruche.ics -> ",
		"**Matinée emploi**\u00a0: 2 séances annulées",
		"~~**Matinée emploi** — vendredi 24 avril 2026", "~~**Matinée emploi** — vendredi 1er mai 2026", "~~**Matinée emploi** — vendredi 8 mai 2026",
	)
	if n := strings.Count(out, "[événement Discord créé]"); n != 3 {
		t.Errorf("%d Discord events created, want 3 (8 May is still beyond 14 days)", n)
	}
	if n := strings.Count(out, "⏰"); n != 2 {
		t.Errorf("%d reminders, want 2 (Alice only answered for the 17th)", n)
	}

	// The calendar file: 4 dates in Paris time, the 24th cancelled.
	m := regexp.MustCompile(`\[file la-ruche\.ics -> (\S+)\]`).FindStringSubmatch(out)
	f, err := os.Open(m[1])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cal, err := ical.ParseCalendar(f)
	if err != nil {
		t.Fatal(err)
	}
	paris := parisOrUTC()
	var got []string
	for _, ev := range cal.Events() {
		start, err := ev.GetStartAt()
		if err != nil {
			t.Fatal(err)
		}
		line := start.In(paris).Format("02/01 15:04")
		if p := ev.GetProperty(ical.ComponentPropertyStatus); p != nil && p.Value == "CANCELLED" {
			line += " cancelled"
		}
		got = append(got, line)
	}
	if want := "17/04 09:30|24/04 09:00 cancelled|01/05 09:00|08/05 09:00"; strings.Join(got, "|") != want {
		t.Errorf("calendar %q, want %q", strings.Join(got, "|"), want)
	}
}
