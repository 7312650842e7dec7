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
