package commands

import "testing"

// Every count shown agrees with its word, in French (0 and 1 singular) and
// English (1 only). Expected texts written by hand.
func TestCountsAgreeWithTheirWords(t *testing.T) {
	const nb, nn = "\u00a0", "\u202f"
	cases := []struct{ got, want string }{
		{FR.T("event.low_fill", "Atelier", "demain", 1, 1), "📣 **Atelier** commence demain avec seulement 1 inscription pour 1 place. Un petit rappel dans les salons" + nn + "?"},
		{FR.T("event.low_fill", "Atelier", "demain", 2, 12), "📣 **Atelier** commence demain avec seulement 2 inscriptions pour 12 places. Un petit rappel dans les salons" + nn + "?"},
		{EN.T("event.low_fill", "Workshop", "tomorrow", 1, 1), "📣 **Workshop** starts tomorrow with only 1 going out of 1 seat. A quick nudge in the channels?"},
		{EN.T("event.low_fill", "Workshop", "tomorrow", 2, 12), "📣 **Workshop** starts tomorrow with only 2 going out of 12 seats. A quick nudge in the channels?"},
		{FR.T("checkin.full", 1, 1), "⚠️ Le lieu est complet (1 pour 1 place)" + nb + ": ton arrivée est notée, vois avec l'équipe sur place pour une place."},
		{EN.T("checkin.full", 1, 1), "⚠️ The space is full (1 for 1 seat): you're checked in, ask the team on site for a seat."},
		{EN.T("checkin.full", 9, 8), "⚠️ The space is full (9 for 8 seats): you're checked in, ask the team on site for a seat."},
		{FR.T("space.present_cap", 0, 1), "0 / 1 place"},
		{FR.T("space.present_cap", 3, 20), "3 / 20 places"},
		{EN.T("space.present_cap", 1, 1), "1 / 1 seat"},
		{EN.T("space.present_cap", 1, 2), "1 / 2 seats"},
		{FR.T("setup.checklist", 1, 5), "Mise en route" + nb + ": 1 étape sur 5"},
		{EN.T("setup.checklist", 1, 1), "Getting started: 1 of 1 step"},
		{EN.T("setup.checklist", 2, 5), "Getting started: 2 of 5 steps"},
		{FR.T("event.list_title", "le réseau", 1), "📅 Événements — le réseau, 1 jour à venir"},
		{FR.T("event.list_title", "le réseau", 30), "📅 Événements — le réseau, 30 prochains jours"},
		{EN.T("event.list_title", "the network", 1), "📅 Events — the network, next 1 day"},
		{EN.T("event.list_title", "the network", 30), "📅 Events — the network, next 30 days"},
		{FR.T("event.attendance_intro", "Atelier", 1, 1), "Qui était là pour **Atelier**" + nn + "? Coche dans la liste (présélection" + nb + ": les personnes arrivées pendant l'événement ou déjà confirmées). 1 présent·e, 1 sans inscription."},
		{EN.T("event.attendance_intro", "Workshop", 1, 1), "Who came to **Workshop**? Tick them in the list (preselected: checked in during the event or already confirmed). 1 present, 1 walk-in."},
		{EN.T("event.attendance_intro", "Workshop", 2, 0), "Who came to **Workshop**? Tick them in the list (preselected: checked in during the event or already confirmed). 2 present, 0 walk-ins."},
		{FR.T("register.answers_saved", "Alice", 1, 0), "✅ Réponses de **Alice**" + nb + ": 1 enregistrée, 0 effacée. Comptées seulement dans des totaux."},
		{FR.T("register.answers_saved", "Alice", 2, 3), "✅ Réponses de **Alice**" + nb + ": 2 enregistrées, 3 effacées. Comptées seulement dans des totaux."},
		{EN.T("register.answers_saved", "Alice", 1, 2), "✅ **Alice**'s answers: 1 saved, 2 deleted. Only ever counted in totals."},
		{FR.N("event.series", 1, "mardi"), "Série de 1 séance, jusqu'au mardi. Chaque séance est annoncée 14 jours avant."},
		{FR.N("event.series", 4, "mardi"), "Série de 4 séances, jusqu'au mardi. Chaque séance est annoncée 14 jours avant."},
		{EN.N("event.series", 1, "Tuesday"), "A series of 1 occurrence, until Tuesday. Each is announced 14 days ahead."},
		{EN.N("event.series", 4, "Tuesday"), "A series of 4 occurrences, until Tuesday. Each is announced 14 days ahead."},
		{FR.N("report.k_met", 1), "rencontres issues de 1 mise en relation"},
		{FR.N("report.k_met", 6), "rencontres issues de 6 mises en relation"},
		{EN.N("report.k_met", 1), "meetings out of 1 introduction"},
		{EN.N("report.k_met", 6), "meetings out of 6 introductions"},
		{FR.T("btn.previous") + " " + FR.T("btn.next"), "◀ Page précédente Page suivante ▶"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got\n  %q\nwant\n  %q", c.got, c.want)
		}
	}
}

// A refusal or a dead end says what to do next, naming the command as the
// reader sees it in Discord. Expected texts written by hand.
func TestRepliesSayWhatToDoNext(t *testing.T) {
	const nb = "\u00a0"
	cases := []struct{ got, want string }{
		{FR.T("event.rsvp_cancelled", "Atelier"), "L'événement «" + nb + "Atelier" + nb + "» est annulé" + nb + ": plus besoin de répondre. Les prochains" + nb + ": `/evenement liste`."},
		{EN.T("event.rsvp_cancelled", "Workshop"), "“Workshop” is cancelled: no need to answer. What's coming up: `/event list`."},
		{FR.T("event.bad_days"), "Le nombre de jours va de 1 à 366" + nb + ": par exemple `/evenement liste jours:30`."},
		{FR.T("event.you_maybe", "Atelier"), "🤔 Noté «" + nb + "peut-être" + nb + "» pour **Atelier**. Quand tu sais, clique «" + nb + "Je viens" + nb + "» ou «" + nb + "Je ne viens pas" + nb + "» sur l'annonce."},
		{FR.T("skill.intros_off", "Alice"), "Alice ne prend pas de demandes de mise en relation en ce moment. D'autres peuvent aider" + nb + ": `/competence trouver`."},
		{FR.T("checkin.note_too_long", 200), "Ta note est trop longue" + nb + ": 200 caractères au plus. Raccourcis-la et relance `/arrivee`."},
		{FR.T("project.no_thread"), "Ce projet n'a pas de fil" + nb + ": son lieu n'a pas de salon. La coordination peut lui en donner un avec `/lieu modifier salon:`."},
		{FR.T("project.already_accompany", "Jardin"), "Tu accompagnes déjà **Jardin**. Note ce que tu fais avec `/projet note`."},
		{FR.T("register.unknown"), "Je ne trouve pas cette personne au registre. Choisis-la dans les suggestions, ou ajoute-la avec `/registre ajouter`."},
		{FR.T("project.list_footer"), "/projet voir pour le détail, le fil et les boutons «" + nb + "Je peux aider" + nb + "» et «" + nb + "Suivre" + nb + "»."},
		{FR.T("project.holder_only"), "Seule la personne porteuse du projet donne ses nouvelles. Pour les recevoir, clique «" + nb + "Suivre" + nb + "» sur sa fiche."},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got\n  %q\nwant\n  %q", c.got, c.want)
		}
	}
}
