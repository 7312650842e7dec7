package bot

import (
	"strings"
	"testing"
)

// A project in the console, in French: the form, the card in two channels
// and its thread, "I can help" asked of the holder and accepted, news with
// an image in the thread, an animator's note, a follower told of the stage
// change, a member who may not change it, then Monday's weekly matches and
// digest counting it.
func TestConsoleProjectScenario(t *testing.T) {
	out := runConsole(t, "fr", "2026-04-13 09:00", `
/setup announce_channel:#annonces digest_channel:#coordination
/space add name:"La Ruche" town:Crest channel:#la-ruche animator_role:@animation-ruche
:as Alice
/competence offrir competence:Soudure niveau:expert
/settings weekly_matches:true
:as Chloé
/competence offrir competence:Soudure
/settings weekly_matches:true
:as Bruno
/settings weekly_matches:true
:channel #la-ruche
/projet creer
:form title="Imprimante 3D en kit" pitch="Construire une imprimante 3D pendant la formation" needs="soudure, financement participatif, découpe laser"
:as Alice
:click je peux aider
:as Bruno
:click accepter
/projet nouvelles projet:imprimante texte:"Le cadre est soudé !" image:cadre.jpg
:as Nadia animator:"La Ruche"
/projet note projet:imprimante texte:"Séance au fab-lab, découpe laser"
:as Carol
/projet suivre projet:imprimante
:as Dora
/competence offrir competence:"Découpe laser"
:as Alice
/projet etape projet:imprimante etape:prototype
:as Bruno
/projet etape projet:imprimante etape:prototype
/projet voir projet:imprimante
:clock 2026-04-20 09:35
`)
	inOrder(t, out,
		"[form] Nouveau projet — La Ruche",
		"Le projet **Imprimante 3D en kit** est lancé depuis La Ruche, à l'étape idée.",
		"Sa fiche est publiée dans #la-ruche, #annonces",
		"• **financement participatif**\u00a0: personne ne la propose encore", "• **Soudure**\u00a0: Alice, Chloé",
		"[#la-ruche]", "💡 Imprimante 3D en kit", "Porté par\u00a0: @Bruno", "Cherche\u00a0: découpe laser · financement participatif · Soudure", "[Je peux aider] [Suivre]",
		"[#annonces]", "💡 Imprimante 3D en kit",
		"[fil ouvert] #la-ruche › Imprimante 3D en kit",
		// Consent: the holder is asked; nobody is pinged before the answer.
		"Proposition envoyée pour **Imprimante 3D en kit**",
		"[DM Bruno]", "🙋 Alice propose d'aider sur ton projet **Imprimante 3D en kit**.", "Ses compétences que le projet cherche\u00a0: Soudure.", "[Accepter] [Refuser]",
		"[DM Alice]", "🎉 @Bruno accepte ton aide",
		"[DM Bruno]", "🤝 Je te présente @Alice, qui rejoint **Imprimante 3D en kit**",
		"[#la-ruche, modifié]", "👥 1 membre",
		"[#la-ruche › Imprimante 3D en kit]", "📣 Des nouvelles de @Bruno\u00a0:", "Le cadre est soudé !", "[image https://cdn.discordapp.com/attachments/console/cadre.jpg]",
		"📝 Noté pour **Imprimante 3D en kit**, le lundi 13 avril 2026.",
		"🔔 Tu suis **Imprimante 3D en kit**",
		"⚠️ Seules la personne porteuse du projet et l'équipe d'animation peuvent le modifier.",
		"✅ **Imprimante 3D en kit**\u00a0: idée → prototype. 1 abonnement prévenu.",
		"[#la-ruche › Imprimante 3D en kit]", "🛠️ Nouvelle étape\u00a0: idée → **prototype**",
		"[DM Carol]", "🔔 **Imprimante 3D en kit** passe à une nouvelle étape\u00a0: idée → **prototype**.",
		"[#la-ruche, modifié]", "🛠️ Imprimante 3D en kit", "Étape\u00a0: prototype",
		// The holder's page: the team, dated stages, news, the note; Chloé suggested.
		"• **Soudure**\u00a0: Chloé",
		"Membres\u00a0: • Alice", "Accompagnement\u00a0: • Nadia", "• 💡 idée — lundi 13 avril 2026", "• 🛠️ prototype — lundi 13 avril 2026",
		"Dernières nouvelles\u00a0: • lundi 13 avril 2026 — Le cadre est soudé !",
		"Séance au fab-lab, découpe laser (Nadia)",
		"[clock] lundi 20 avril 2026 09:35",
		"🛠️ Projets", "Nouveaux projets\u00a0: • **Imprimante 3D en kit** — La Ruche",
		"Changements d'étape\u00a0: • 🛠️ **Imprimante 3D en kit** → prototype",
		"Compétences cherchées par des projets, que personne ne propose\u00a0: • financement participatif",
	)
	// Weekly matches: Chloé offers welding and hears of the project; Alice, already in it, does not.
	if !strings.Contains(out, "[DM Chloé]\n  🧩 1 nouvelle correspondance cette semaine\u00a0:\n  • le projet **Imprimante 3D en kit** (La Ruche) cherche **Soudure**") {
		t.Errorf("Chloé's weekly matches lack the project:\n%s", out)
	}
	// Bruno, the holder, hears who newly offers what his project seeks (Alice is in the team already).
	if !strings.Contains(out, "[DM Bruno]\n  🧩 2 nouvelles correspondances cette semaine\u00a0:\n  • Chloé propose **Soudure**, que ton projet **Imprimante 3D en kit** cherche\n  • Dora propose **découpe laser**, que ton projet **Imprimante 3D en kit** cherche") {
		t.Errorf("Bruno's weekly matches lack Dora's offer:\n%s", out)
	}
	if strings.Contains(out, "[DM Alice]\n  🧩") {
		t.Errorf("Alice, a member already, is told of the project in her weekly matches")
	}
	if n := strings.Count(out, "[DM Carol]"); n != 1 {
		t.Errorf("Carol got %d DMs, want 1 (following is one DM per stage change, nothing more)", n)
	}
}
