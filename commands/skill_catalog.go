package commands

import "github.com/bwmarrin/discordgo"

func skillCommands() []*discordgo.ApplicationCommand {
	skill := func(name, fr, desc, descFR string) *discordgo.ApplicationCommandOption {
		b := opt(discordgo.ApplicationCommandOptionString, name, fr, desc, descFR, true)
		min, max := 1, 60
		b.MinLength, b.MaxLength = &min, max
		return b.auto()
	}
	note := opt(discordgo.ApplicationCommandOptionString, "note", "note", "A few words (optional)", "Quelques mots (facultatif)", false).length(0, maxSkillNote).o()
	space := opt(discordgo.ApplicationCommandOptionString, "space", "lieu", "Only this space", "Seulement ce lieu", false).auto()
	return []*discordgo.ApplicationCommand{
		command("skill", "competence", "Skills offered and sought across the network", "Les compétences offertes et recherchées dans le réseau",
			sub("offer", "offrir", "I can help with a skill", "Je peux aider sur une compétence",
				skill("skill", "competence", "The skill", "La compétence"),
				opt(discordgo.ApplicationCommandOptionString, "level", "niveau", "Your level", "Ton niveau", false).choices(
					choice("beginner", "débutant·e", "beginner"), choice("intermediate", "intermédiaire", "intermediate"), choice("expert", "expert·e", "expert")).o(),
				note),
			sub("seek", "chercher", "I'm looking for help with a skill", "Je cherche de l'aide sur une compétence",
				skill("skill", "competence", "The skill", "La compétence"), note),
			sub("remove", "retirer", "Remove one of my skills", "Retirer une de mes compétences", skill("skill", "competence", "The skill", "La compétence")),
			sub("mine", "miennes", "My offers and needs", "Mes offres et besoins"),
			sub("find", "trouver", "Who can help with a skill", "Qui peut aider sur une compétence", skill("skill", "competence", "The skill", "La compétence"), space),
			sub("list", "liste", "Most offered, most sought, unmet needs", "Les plus offertes, les plus recherchées, les besoins sans réponse", space),
			sub("merge", "fusionner", "Merge two spellings of a skill (coordination)", "Fusionner deux écritures d'une compétence (coordination)",
				skill("from", "depuis", "The skill to fold in", "La compétence à fondre"), skill("into", "vers", "The skill to keep", "La compétence à garder")),
			sub("alias", "synonyme", "Another spelling of a skill (coordination)", "Une autre écriture d'une compétence (coordination)",
				opt(discordgo.ApplicationCommandOptionString, "alias", "synonyme", "The other spelling, e.g. compta", "L'autre écriture, ex. compta", true).length(1, 60).o(),
				skill("skill", "competence", "The skill it stands for", "La compétence qu'elle désigne")),
		),
		command("profile", "profil", "Member profiles", "Les profils des membres",
			sub("show", "voir", "A member's profile (yours by default)", "Le profil d'un membre (le tien par défaut)",
				opt(discordgo.ApplicationCommandOptionUser, "member", "membre", "The member", "Le membre", false).o()),
			sub("edit", "modifier", "Your home space and a short bio", "Ton lieu d'attache et une courte bio",
				opt(discordgo.ApplicationCommandOptionString, "home_space", "lieu_attache", "Your home space", "Ton lieu d'attache", false).auto(),
				opt(discordgo.ApplicationCommandOptionString, "bio", "bio", "A few lines about you", "Quelques lignes sur toi", false).length(0, maxBio).o()),
		),
		command("members", "membres", "Directory of the network's members", "L'annuaire des membres du réseau",
			opt(discordgo.ApplicationCommandOptionString, "space", "lieu", "Home space", "Lieu d'attache", false).auto(),
			opt(discordgo.ApplicationCommandOptionString, "skill", "competence", "Who offers this skill", "Qui offre cette compétence", false).auto()),
	}
}
