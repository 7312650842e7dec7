package commands

import "github.com/bwmarrin/discordgo"

func eventCommands() []*discordgo.ApplicationCommand {
	event := func() *discordgo.ApplicationCommandOption {
		return opt(discordgo.ApplicationCommandOptionString, "event", "evenement", "The event", "L'événement", true).auto()
	}
	space := func(required bool) *discordgo.ApplicationCommandOption {
		return opt(discordgo.ApplicationCommandOptionString, "space", "lieu", "The space", "Le lieu", required).auto()
	}
	return []*discordgo.ApplicationCommand{
		command("event", "evenement", "Events of the network", "Les événements du réseau", append([]*discordgo.ApplicationCommandOption{
			sub("create", "creer", "Announce an event (animators)", "Annoncer un événement (animation)",
				space(true),
				opt(discordgo.ApplicationCommandOptionString, "repeat", "repetition", "Repeat it", "Le répéter", false).choices(
					choice("weekly", "chaque semaine", "weekly"), choice("every 2 weeks", "toutes les 2 semaines", "every-2-weeks"), choice("monthly", "chaque mois", "monthly")).o(),
				opt(discordgo.ApplicationCommandOptionString, "until", "jusqu_au", "Last date of the series, e.g. 2026-06-30", "Dernière date de la série, ex. 30/06/2026", false).length(6, 10).o(),
				opt(discordgo.ApplicationCommandOptionInteger, "count", "nombre", "Number of occurrences", "Nombre de séances", false).intRange(1, 53).o(),
				eventTypeOption(), // register_catalog.go
				eventProjectOption(),
			),
			sub("list", "liste", "Upcoming events", "Les prochains événements",
				space(false),
				opt(discordgo.ApplicationCommandOptionInteger, "days", "jours", "How many days ahead (default 30)", "Sur combien de jours (30 par défaut)", false).intRange(1, 366).o(),
			),
			sub("info", "infos", "An event, and your answer", "Un événement, et ta réponse", event()),
			sub("edit", "modifier", "Change an event (animators)", "Modifier un événement (animation)", event(), eventTypeOption(), eventProjectOption()),
			sub("cancel", "annuler", "Cancel an event (animators)", "Annuler un événement (animation)", event(),
				opt(discordgo.ApplicationCommandOptionString, "reason", "raison", "Why (sent to participants)", "Pourquoi (envoyé aux personnes inscrites)", false).length(0, maxCancelReason).o(),
				opt(discordgo.ApplicationCommandOptionString, "scope", "portee", "This date or the whole series", "Cette date ou toute la série", false).choices(
					choice("this date", "cette date", "one"), choice("the whole series", "toute la série", "series")).o(),
			),
			sub("attendance", "presences", "Record who came (animators)", "Noter les présences (animation)", event()),
			sub("sheet", "emargement", "Printable sign-in sheet (PDF)", "Feuille d'émargement à imprimer (PDF)", event()),
			sub("ics", "calendrier", "Events as a calendar file (.ics)", "Les événements en fichier calendrier (.ics)", space(false)),
		}, eventTypeSubs()...)...), // register_catalog.go
		command("settings", "reglages", "Your preferences", "Tes préférences",
			opt(discordgo.ApplicationCommandOptionBoolean, "reminders", "rappels", "Event reminders by DM", "Rappels d'événements en message privé", false).o(),
			opt(discordgo.ApplicationCommandOptionBoolean, "introductions", "mises_en_relation", "Accept introduction requests", "Accepter les demandes de mise en relation", false).o(),
			opt(discordgo.ApplicationCommandOptionBoolean, "weekly_matches", "correspondances", "A weekly DM with new skill matches", "Un message hebdo des nouvelles correspondances", false).o(),
		),
	}
}
