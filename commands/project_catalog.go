package commands

import (
	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/project"
)

// projectCommands: /project (/projet in French).
func projectCommands() []*discordgo.ApplicationCommand {
	proj := func() *discordgo.ApplicationCommandOption {
		return opt(discordgo.ApplicationCommandOptionString, "project", "projet", "The project", "Le projet", true).length(1, 100).auto()
	}
	stages := []*discordgo.ApplicationCommandOptionChoice{
		choice("idea", "idée", "idea"), choice("prototype", "prototype", "prototype"), choice("launched", "lancé", "launched"),
		choice("finished", "terminé", "finished"), choice("paused", "en pause", "paused"), choice("dropped", "abandonné", "dropped"),
	}
	return []*discordgo.ApplicationCommand{
		command("project", "projet", "Shared projects, from an idea to a prototype", "Les projets partagés, de l'idée au prototype",
			sub("create", "creer", "Start a project (opens a form)", "Lancer un projet (ouvre un formulaire)",
				opt(discordgo.ApplicationCommandOptionString, "space", "lieu", "Its home space", "Son lieu d'attache", false).auto()),
			sub("show", "voir", "A project: stage, team, needs, news, events", "Un projet : étape, équipe, besoins, nouvelles, événements", proj()),
			sub("list", "liste", "The network's projects", "Les projets du réseau",
				opt(discordgo.ApplicationCommandOptionString, "space", "lieu", "Only this space", "Seulement ce lieu", false).auto(),
				opt(discordgo.ApplicationCommandOptionString, "stage", "etape", "Only at this stage", "Seulement à cette étape", false).choices(stages...).o(),
				opt(discordgo.ApplicationCommandOptionString, "skill", "competence", "Only those seeking this skill", "Seulement ceux qui cherchent cette compétence", false).length(1, 60).auto()),
			sub("edit", "modifier", "Change a project's title, pitch or needs (holder, animators)", "Modifier le titre, le pitch ou les besoins (personne porteuse, animation)", proj()),
			sub("stage", "etape", "Move a project on, pause, finish or drop it (holder, animators)", "Faire avancer, mettre en pause, terminer ou abandonner (personne porteuse, animation)",
				proj(), opt(discordgo.ApplicationCommandOptionString, "stage", "etape", "The new stage", "La nouvelle étape", true).choices(stages...).o()),
			sub("update", "nouvelles", "Post news in the project's thread (holder)", "Donner des nouvelles dans le fil du projet (personne porteuse)",
				proj(),
				opt(discordgo.ApplicationCommandOptionString, "text", "texte", "What's new", "Ce qui est nouveau", true).length(1, project.MaxNews).o(),
				opt(discordgo.ApplicationCommandOptionAttachment, "image", "image", "A picture (optional)", "Une image (facultatif)", false).o()),
			sub("accompany", "accompagner", "I accompany this project (animators)", "J'accompagne ce projet (animation)", proj()),
			sub("note", "note", "Note what you did for a project (animators)", "Noter ce que tu as fait pour un projet (animation)",
				proj(),
				opt(discordgo.ApplicationCommandOptionString, "text", "texte", "One line, e.g. session at the fab-lab, laser cutting", "Une ligne, ex. séance au fab-lab, découpe laser", true).length(1, project.MaxNote).o(),
				opt(discordgo.ApplicationCommandOptionString, "date", "date", "The day (default today), e.g. 2026-04-14 or 14/04", "Le jour (aujourd'hui par défaut), ex. 2026-04-14 ou 14/04", false).length(1, 20).o()),
			sub("follow", "suivre", "A DM at each stage change (again to stop)", "Un message privé à chaque étape (encore une fois pour arrêter)", proj()),
		),
	}
}
