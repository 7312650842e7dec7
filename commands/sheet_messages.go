package commands

// sheetMessages: the sign-in sheet's words (the sheet itself is in the
// network's language, the reply in the user's).
var sheetMessages = map[string]msg{
	"sheet.animation":          {"Animation", "Animation"},
	"sheet.home":               {"Lieu d'attache ou commune", "Home space or town"},
	"sheet.status":             {"Au titre de", "Listed as"},
	"sheet.status_going":       {"inscription", "going"},
	"sheet.status_came":        {"présence relevée", "came"},
	"sheet.status_walkin":      {"sans inscription", "walk-in"},
	"sheet.morning":            {"Signature du matin", "Morning signature"},
	"sheet.afternoon":          {"Signature de l'après-midi", "Afternoon signature"},
	"sheet.totals.one":         {"%d personne sur la feuille (inscriptions : %d, sans inscription : %d)", "%d person on the sheet (going: %d, walk-ins: %d)"},
	"sheet.totals.other":       {"%d personnes sur la feuille (inscriptions : %d, sans inscription : %d)", "%d people on the sheet (going: %d, walk-ins: %d)"},
	"sheet.collected":          {"Signatures recueillies : ........   Personnes présentes au total : ........", "Signatures collected: ........   People present in all: ........"},
	"sheet.animator_signature": {"Signature de l'équipe d'animation", "Signature of the animation team"},
	"sheet.ready.one": {"🖨️ **%[2]s** : la feuille d'émargement, %[1]d personne (inscriptions : %[3]d, sans inscription : %[4]d), plus des lignes vides pour les autres.",
		"🖨️ Sign-in sheet for **%[2]s**: %[1]d person (going: %[3]d, walk-ins: %[4]d), plus blank rows for others."},
	"sheet.ready.other": {"🖨️ **%[2]s** : la feuille d'émargement, %[1]d personnes (inscriptions : %[3]d, sans inscription : %[4]d), plus des lignes vides pour les autres.",
		"🖨️ Sign-in sheet for **%[2]s**: %[1]d people (going: %[3]d, walk-ins: %[4]d), plus blank rows for others."},
}
