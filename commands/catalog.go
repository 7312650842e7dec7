package commands

import (
	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/spaces"
)

// Catalog returns the slash command definitions, with French localizations.
// Interactions always carry the English (default) names, so handlers only
// know those; French users see and type the French ones.
func Catalog() []*discordgo.ApplicationCommand {
	cmds := coreCommands()
	cmds = append(cmds, eventCommands()...)
	cmds = append(cmds, skillCommands()...)
	cmds = append(cmds, privacyCommands()...)
	cmds = append(cmds, calendarCommands()...)
	cmds = append(cmds, registerCommands()...)
	cmds = append(cmds, projectCommands()...)
	return append(cmds, digestCommands()...)
}

func coreCommands() []*discordgo.ApplicationCommand {
	manage := int64(PermManageGuild)
	space := func(required bool) *discordgo.ApplicationCommandOption {
		return opt(discordgo.ApplicationCommandOptionString, "space", "lieu", "The space", "Le lieu", required).auto()
	}
	spaceFields := func(required bool) []*discordgo.ApplicationCommandOption {
		return []*discordgo.ApplicationCommandOption{
			opt(discordgo.ApplicationCommandOptionString, "name", "nom", "Name of the space", "Nom du lieu", required).length(spaces.MinName, spaces.MaxName).o(),
			opt(discordgo.ApplicationCommandOptionString, "town", "ville", "Town", "Ville", required).length(1, spaces.MaxTown).o(),
			opt(discordgo.ApplicationCommandOptionChannel, "channel", "salon", "The space's channel", "Le salon du lieu", false).channels().o(),
			opt(discordgo.ApplicationCommandOptionRole, "animator_role", "role_animation", "Role of its animators", "Rôle de son équipe d'animation", false).o(),
			opt(discordgo.ApplicationCommandOptionString, "timezone", "fuseau", "Time zone (default Europe/Paris)", "Fuseau horaire (Europe/Paris par défaut)", false).auto(),
			opt(discordgo.ApplicationCommandOptionInteger, "capacity", "capacite", "Seats (0 = no limit)", "Places (0 = sans limite)", false).intRange(0, spaces.MaxCapacity).o(),
			opt(discordgo.ApplicationCommandOptionString, "closes_at", "fermeture", "Closing times, e.g. 18:30 or 6:30pm on tuesdays, 5pm otherwise, closed sunday", "Fermeture, ex. 18h30 ou 18h30 le mardi, 17h sinon, fermé le dimanche", false).length(1, 100).o(),
			opt(discordgo.ApplicationCommandOptionBoolean, "arrivals", "arrivees", "Post arrivals in the channel", "Annoncer les arrivées dans le salon", false).o(),
			opt(discordgo.ApplicationCommandOptionBoolean, "weekly_summary", "resume_hebdo", "A short weekly summary in the channel", "Un court résumé hebdo dans le salon", false).o(),
		}
	}
	editOpts := append([]*discordgo.ApplicationCommandOption{space(true)}, spaceFields(false)...)
	addOpts := spaceFields(true)

	return []*discordgo.ApplicationCommand{
		command("checkin", "arrivee", "Check in at a space", "J'arrive dans un lieu",
			space(false),
			opt(discordgo.ApplicationCommandOptionString, "note", "note", "What you're up to (optional)", "Ce que tu fais aujourd'hui (facultatif)", false).length(0, maxNote).o(),
		),
		command("checkout", "depart", "Check out of the space you're in", "Je quitte le lieu où je suis"),
		command("whoshere", "quiestla", "Who's in a space right now", "Qui est dans un lieu en ce moment", space(false)),
		command("checkins", "mespassages", "My visits this month", "Mes passages ce mois-ci"),
		command("help", "aide", "What tiersbot can do", "Ce que sait faire tiersbot"),
		command("space", "lieu", "The network's spaces", "Les lieux du réseau",
			sub("add", "ajouter", "Add a space (coordination)", "Ajouter un lieu (coordination)", addOpts...),
			sub("edit", "modifier", "Change a space (coordination)", "Modifier un lieu (coordination)", editOpts...),
			sub("list", "liste", "All the spaces and who's there", "Tous les lieux et qui y est"),
			sub("info", "infos", "A space: who's in, capacity, animators", "Un lieu : présents, capacité, animation", space(false)),
			sub("desk", "accueil", "Post check-in buttons in the space's channel", "Publier les boutons d'accueil dans le salon du lieu", space(false)),
		),
		withPerm(command("setup", "configuration", "Network settings (coordination)", "Réglages du réseau (coordination)",
			opt(discordgo.ApplicationCommandOptionRole, "coordinator_role", "role_coordination", "Role of the coordination", "Rôle de la coordination", false).o(),
			opt(discordgo.ApplicationCommandOptionChannel, "digest_channel", "salon_bilan", "Channel for the weekly digest", "Salon du bilan hebdomadaire", false).channels().o(),
			opt(discordgo.ApplicationCommandOptionChannel, "announce_channel", "salon_annonces", "Channel for event announcements", "Salon des annonces d'événements", false).channels().o(),
			opt(discordgo.ApplicationCommandOptionString, "language", "langue", "Language of public posts", "Langue des messages publics", false).
				choices(choice("Français", "Français", "fr"), choice("English", "English", "en")).o(),
			opt(discordgo.ApplicationCommandOptionString, "timezone", "fuseau", "Network time zone", "Fuseau horaire du réseau", false).auto(),
			opt(discordgo.ApplicationCommandOptionString, "funding_mention", "mention_financement", "Funding mention for sign-in sheets", "Mention de financement des feuilles d'émargement", false).length(0, 200).o(),
			opt(discordgo.ApplicationCommandOptionUser, "digest_dm", "bilan_en_prive", "Also send the digest by DM to", "Envoyer aussi le bilan en privé à", false).o(),
			opt(discordgo.ApplicationCommandOptionString, "digest_schedule", "planning_bilan", "When the weekly digest goes out: monday 8am (or cron)", "Quand part le bilan hebdo : lundi 8h (ou cron)", false).length(4, 60).o(),
			opt(discordgo.ApplicationCommandOptionInteger, "retention_months", "conservation_mois", "Months visits keep names (default 24)", "Mois pendant lesquels les passages gardent les noms (24 par défaut)", false).intRange(1, maxRetentionMonths).o(),
			networkNameOpt(),
			logoOpts()[0], logoOpts()[1],
		), manage),
	}
}

type optBuilder struct {
	*discordgo.ApplicationCommandOption
}

func opt(t discordgo.ApplicationCommandOptionType, name, nameFR, desc, descFR string, required bool) optBuilder {
	return optBuilder{&discordgo.ApplicationCommandOption{
		Type: t, Name: name, Description: desc, Required: required,
		NameLocalizations:        map[discordgo.Locale]string{discordgo.French: nameFR},
		DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: descFR},
	}}
}

func (b optBuilder) o() *discordgo.ApplicationCommandOption { return b.ApplicationCommandOption }

func (b optBuilder) auto() *discordgo.ApplicationCommandOption {
	b.Autocomplete = true
	return b.ApplicationCommandOption
}

func (b optBuilder) length(min, max int) optBuilder {
	b.MinLength = &min
	b.MaxLength = max
	return b
}

func (b optBuilder) intRange(min, max float64) optBuilder {
	b.MinValue = &min
	b.MaxValue = max
	return b
}

// channels limits Discord's channel picker to what the bot can post in
// (postableChannels; the handlers check it again).
func (b optBuilder) channels() optBuilder {
	b.ChannelTypes = append([]discordgo.ChannelType(nil), postableChannels...)
	return b
}

func (b optBuilder) choices(c ...*discordgo.ApplicationCommandOptionChoice) optBuilder {
	b.Choices = c
	return b
}

func choice(name, nameFR string, value any) *discordgo.ApplicationCommandOptionChoice {
	return &discordgo.ApplicationCommandOptionChoice{Name: name, Value: value,
		NameLocalizations: map[discordgo.Locale]string{discordgo.French: nameFR}}
}

func command(name, nameFR, desc, descFR string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommand {
	// Guild only, installed on the network's server: contexts and
	// integration types replace the deprecated dm_permission.
	return &discordgo.ApplicationCommand{
		Type: discordgo.ChatApplicationCommand, Name: name, Description: desc, Options: opts,
		NameLocalizations:        &map[discordgo.Locale]string{discordgo.French: nameFR},
		DescriptionLocalizations: &map[discordgo.Locale]string{discordgo.French: descFR},
		Contexts:                 &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild},
		IntegrationTypes:         &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall},
	}
}

func sub(name, nameFR, desc, descFR string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
	o := opt(discordgo.ApplicationCommandOptionSubCommand, name, nameFR, desc, descFR, false).o()
	o.Options = opts
	return o
}

// withPerm sets Discord's default member permission: a hint that hides the
// command from others; handlers still check on every call.
func withPerm(c *discordgo.ApplicationCommand, perm int64) *discordgo.ApplicationCommand {
	c.DefaultMemberPermissions = &perm
	return c
}
