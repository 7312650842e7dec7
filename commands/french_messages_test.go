package commands

import (
	"regexp"
	"strings"
	"testing"
)

// Every French message, rendered, follows French typography: no plain
// space before ; ! ? : or inside « », none missing.
func TestFrenchTypographyOfEveryMessage(t *testing.T) {
	for _, p := range CheckFrenchTypography(texts()) {
		t.Error(p)
	}
}

// Counts agree, each on its own, and places contract with their article.
// Expected French written by hand.
func TestFrenchGrammarOfMessages(t *testing.T) {
	const nb, nn = "\u00a0", "\u202f"
	cases := []struct {
		lang Lang
		got  string
		want string
	}{
		{FR, FR.N("digest.people", 2, 1), "2 personnes, dont 1 nouvelle"},
		{FR, FR.N("digest.people", 1, 0), "1 personne, dont 0 nouvelle"},
		{FR, FR.N("digest.people", 0, 0), "0 personne, dont 0 nouvelle"},
		{FR, FR.N("digest.people", 3, 2), "3 personnes, dont 2 nouvelles"},
		{EN, EN.N("digest.people", 0, 0), "0 people, 0 new"},
		{FR, FR.T("digest.held_line", "Atelier", "La Ruche", 1, 0), "• **Atelier** (La Ruche) — 1 inscrit·e, 0 présent·e"},
		{FR, FR.T("digest.held_line", "Atelier", "La Ruche", 4, 3), "• **Atelier** (La Ruche) — 4 inscrit·es, 3 présent·es"},
		{FR, FR.T("skill.merged", "compta", "Comptabilité", 0, 1), "🔀 La compétence **compta** est fondue dans **Comptabilité** (0 offre déplacée, 1 recherche déplacée, doublons réunis)."},
		{FR, FR.T("skill.merged", "compta", "Comptabilité", 2, 3), "🔀 La compétence **compta** est fondue dans **Comptabilité** (2 offres déplacées, 3 recherches déplacées, doublons réunis)."},
		{EN, EN.T("skill.merged", "compta", "Accounting", 1, 2), "🔀 **compta** is merged into **Accounting** (1 offer, 2 needs moved, duplicates collapsed)."},
		{FR, FR.T("digest.skills_line", 1, 2, 1, 0), "1 nouvelle offre, 2 nouveaux besoins · 1 mise en relation, 0 rencontre au total"},
		{EN, EN.T("digest.skills_line", 1, 2, 1, 0), "1 new offer, 2 new needs · 1 introduction, 0 meetings in all"},
		{FR, FR.N("event.counts", 1, 0), "✅ 1 inscrit·e · 🤔 0 peut-être"},
		{FR, FR.N("event.counts", 2, 5), "✅ 2 inscrit·es · 🤔 5 peut-être"},
		{FR, FR.T("event.attendance_saved", "Atelier", 1, 2), "✅ **Atelier**" + nb + ": présences enregistrées, 1 personne inscrite venue, 2 sans inscription."},
		{FR, FR.T("event.attendance_saved", "Le Repair Café", 3, 0), "✅ **Le Repair Café**" + nb + ": présences enregistrées, 3 personnes inscrites venues, 0 sans inscription."},
		{FR, FR.N("event.cancel_done", 1, "Le Repair Café"), "❌ **Le Repair Café**" + nb + ": 1 séance annulée" + nn + "; l'annonce le montre."},
		{FR, FR.T("event.you_going", "La Matinée emploi", "jeudi"), "✅ C'est noté, tu viens" + nb + ": **La Matinée emploi** (jeudi). Je te rappelle la veille et une heure avant."},
		{FR, FR.T("calendar.existing", place("La Ruche"), "https://x/c.ics"), "📅 Le lien d'agenda public de la Ruche" + nb + ":\nhttps://x/c.ics\n`/agenda revoquer` le ferme (un nouveau lien remplacera l'ancien)."},
		{FR, FR.T("event.low_fill", "Atelier", "demain", 1, 12), "📣 **Atelier** commence demain avec seulement 1 inscription pour 12 places. Un petit rappel dans les salons" + nn + "?"},
		{FR, FR.T("checkin.done", place("Le Cube"), "Alice", "09:00"), "✅ Bienvenue au **Cube**, Alice" + nn + "! Arrivée notée à 09:00."},
		{FR, FR.T("who.title", place("Le Cube")), "Qui est là au Cube" + nn + "?"},
		{FR, FR.T("desk.posted", place("Le Tiers-Lieu du Diois"), "#diois"), "✅ Accueil du **Tiers-Lieu du Diois** publié dans #diois."},
		{FR, FR.T("checkin.arrival", "Alice", place("Les Ateliers")), "👋 **Alice** vient d'arriver aux Ateliers."},
		{FR, FR.T("checkout.done", place("L'Usine"), "2 h"), "👋 À bientôt" + nn + "! Départ de l'**Usine** noté, après 2 h sur place."},
		{FR, FR.T("skill.intro_request_from", "Alice", place("La Ruche"), "Compta"), "👋 Alice, qui travaille à la Ruche, aimerait ton aide sur **Compta**."},
		{FR, FR.T("event.created", "Matinée emploi", "jeudi", "demain", place("Crest")), "✅ L'événement **Matinée emploi** est annoncé pour jeudi (demain) à **Crest**."},
		{FR, FR.T("perm.animator", place("Le Cube")), "Seule l'équipe d'animation du **Cube** (ou la coordination) peut faire ça. Si tu en fais partie, demande son rôle à la coordination."},
		{EN, EN.T("checkin.done", place("Le Cube"), "Alice", "09:00"), "✅ Welcome to **Le Cube**, Alice! Checked in at 09:00."},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got\n  %q\nwant\n  %q", c.lang, c.got, c.want)
		}
	}
}

// French messages name commands and options as French users see them:
// no English option name of a command a message mentions.
func TestFrenchMessagesNameFrenchOptions(t *testing.T) {
	n := frNames()
	french := map[string]string{} // French path -> English path
	for en, fr := range n.paths {
		french[fr] = en
	}
	span := regexp.MustCompile("`/([^`]+)`")
	for key, tmpl := range frenchTemplates(t) {
		{
			for _, m := range codeSpan.FindAllString(tmpl, -1) {
				if fr, ok := n.bare[strings.Trim(m, "`")]; ok && "`"+fr+"`" != m {
					t.Errorf("%s: %s is an English option name, French users see `%s`", key, m, fr)
				}
			}
			for _, m := range span.FindAllStringSubmatch(tmpl, -1) {
				words := strings.Fields(m[1])
				path := ""
				if len(words) > 1 && french[words[0]+" "+words[1]] != "" {
					path = french[words[0]+" "+words[1]]
				} else if french[words[0]] != "" {
					path = french[words[0]]
				} else {
					t.Errorf("%s: `/%s` is not a French command name", key, m[1])
					continue
				}
				for _, o := range optionArg.FindAllStringSubmatch(m[1], -1) {
					if fr, ok := n.opts[path][o[2]]; ok && fr != o[2] {
						t.Errorf("%s: `/%s` names option %q, which French users see as %q", key, m[1], o[2], fr)
					}
				}
			}
		}
	}
}
