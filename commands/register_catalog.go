package commands

import (
	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/register"
)

// registerCommands: the participant register (/register, /registre).
func registerCommands() []*discordgo.ApplicationCommand {
	participant := func() *discordgo.ApplicationCommandOption {
		return opt(discordgo.ApplicationCommandOptionString, "participant", "participant", "The person in the register", "La personne au registre", true).auto()
	}
	return []*discordgo.ApplicationCommand{
		command("register", "registre", "The participant register: people not on Discord", "Le registre des participant·es : les personnes hors Discord",
			sub("add", "ajouter", "Add a person, or note their presence (animators)", "Ajouter une personne, ou noter sa présence (animation)",
				opt(discordgo.ApplicationCommandOptionString, "name", "nom", "First and last name", "Prénom et nom", true).length(2, register.MaxName).auto(),
				opt(discordgo.ApplicationCommandOptionString, "town", "ville", "Town or postcode (optional)", "Ville ou code postal (facultatif)", false).length(0, register.MaxTown).o(),
				opt(discordgo.ApplicationCommandOptionString, "contact", "contact", "Phone or e-mail (optional)", "Téléphone ou e-mail (facultatif)", false).length(0, register.MaxContact).o(),
				opt(discordgo.ApplicationCommandOptionString, "event", "evenement", "Present at this event", "Sa présence à cet événement", false).auto(),
				opt(discordgo.ApplicationCommandOptionString, "space", "lieu", "Present at this space (today, or day)", "Sa présence dans ce lieu (aujourd'hui, ou le jour dit)", false).auto(),
				opt(discordgo.ApplicationCommandOptionString, "day", "jour", "The day, e.g. 13/04/2026", "Le jour, ex. 13/04/2026", false).length(6, 10).o(),
			),
			sub("answer", "repondre", "Note an optional answer for the funders (animators)", "Noter une réponse facultative pour les financeurs (animation)",
				participant(),
				opt(discordgo.ApplicationCommandOptionString, "field", "question", "The question (none: a form of all)", "La question (aucune : un formulaire de toutes)", false).auto(),
				opt(discordgo.ApplicationCommandOptionString, "value", "reponse", "The answer (— to delete it)", "La réponse (— pour l'effacer)", false).length(1, register.MaxChoiceLength).auto(),
			),
			sub("fields", "questions", "The optional questions and why they are asked", "Les questions facultatives et pourquoi on les pose",
				opt(discordgo.ApplicationCommandOptionString, "add", "ajouter", "New question (coordination), e.g. Job seeker", "Nouvelle question (coordination), ex. Demandeur·se d'emploi", false).length(2, register.MaxFieldName).o(),
				opt(discordgo.ApplicationCommandOptionString, "purpose", "raison", "Why it is asked (read to the person)", "Pourquoi on la pose (lu à la personne)", false).length(1, register.MaxFieldPurpose).o(),
				opt(discordgo.ApplicationCommandOptionString, "choices", "reponses", "Possible answers, e.g. yes, no (empty: free)", "Réponses possibles, ex. oui, non (vide : libre)", false).length(0, 400).o(),
				opt(discordgo.ApplicationCommandOptionString, "remove", "retirer", "Remove a question and its answers (coordination)", "Retirer une question et ses réponses (coordination)", false).auto(),
			),
			sub("link", "relier", "Link an entry to a Discord member (animators)", "Relier une fiche à un membre Discord (animation)",
				participant(),
				opt(discordgo.ApplicationCommandOptionUser, "member", "membre", "The member", "Le membre", false).o(),
				opt(discordgo.ApplicationCommandOptionString, "code", "code", "The code the member got with claim", "Le code obtenu par le membre", false).length(6, 6).o(),
			),
			sub("claim", "reclamer", "Get a code so an animator links your register entry", "Obtenir un code pour que l'animation relie ta fiche du registre"),
			sub("export", "exporter", "One entry's data, on the person's request (coordination)", "Les données d'une fiche, à la demande de la personne (coordination)", participant()),
			sub("erase", "effacer", "Erase one entry, on the person's request (coordination)", "Effacer une fiche, à la demande de la personne (coordination)", participant()),
		),
	}
}

// eventTypeOption is the type option of /event create and /event edit.
func eventTypeOption() *discordgo.ApplicationCommandOption {
	return opt(discordgo.ApplicationCommandOptionString, "type", "type", "Kind of event (for the reports)", "Type d'événement (pour les bilans)", false).auto()
}

// eventTypeSubs are /event types and /event share.
func eventTypeSubs() []*discordgo.ApplicationCommandOption {
	return []*discordgo.ApplicationCommandOption{
		sub("types", "types", "The event types; add or remove one (coordination)", "Les types d'événements ; en ajouter ou retirer (coordination)",
			opt(discordgo.ApplicationCommandOptionString, "add", "ajouter", "New type, English name", "Nouveau type, nom anglais", false).length(2, maxTypeName).o(),
			opt(discordgo.ApplicationCommandOptionString, "add_fr", "ajouter_fr", "Its French name", "Son nom français", false).length(2, maxTypeName).o(),
			opt(discordgo.ApplicationCommandOptionString, "remove", "retirer", "Take a type off the list", "Retirer un type de la liste", false).auto(),
		),
		sub("share", "partager", "Co-organise an event with a space or an animator", "Co-organiser un événement avec un lieu ou une personne de l'animation",
			opt(discordgo.ApplicationCommandOptionString, "event", "evenement", "The event", "L'événement", true).auto(),
			opt(discordgo.ApplicationCommandOptionString, "space", "lieu", "A co-organising space", "Un lieu co-organisateur", false).auto(),
			opt(discordgo.ApplicationCommandOptionUser, "animator", "animation", "A co-organising animator", "Une personne de l'animation co-organisatrice", false).o(),
			opt(discordgo.ApplicationCommandOptionBoolean, "remove", "retirer", "Remove this co-organiser", "Retirer ce co-organisateur", false).o(),
		),
	}
}
