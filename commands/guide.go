package commands

import (
	"context"
	"errors"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/hours"
	"github.com/tierslieux/tiersbot/commands/render"
	"github.com/tierslieux/tiersbot/commands/skills"
	"github.com/tierslieux/tiersbot/storage"
)

// guideRoutes: what helps people find their way (did-you-mean buttons,
// skill aliases, the setup checklist).
func (a *App) guideRoutes() {
	// Anyone may click: the command it runs goes through its own route's
	// checks, as if typed; it may answer with a form (event create).
	a.button("again:{cmd:word}:{opts:word}", Anyone, a.again, opensForm)
	a.command("skill alias", Coordinator, a.skillAlias)
	a.auto["skill alias skill"] = a.completeSkill
}

// help shows what this person can do: everyone's commands, then those of
// the spaces they animate, then the coordination's, and says which role
// they hold.
func (a *App) help(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		g        storage.Guild
		animates []string
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if g, err = tx.Guild(ctx, r.GuildID); err != nil {
			return err
		}
		spaces, err := tx.Spaces(ctx, r.GuildID)
		for _, s := range spaces {
			if r.User.HasRole(s.AnimatorRole) {
				animates = append(animates, Escape(s.Name))
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	coord := isCoordinator(r, g)
	parts := []string{l.T("help.everyday"), l.T("help.events"), l.T("help.skills"), l.T("help.projects"), l.T("help.data")}
	role := l.T("help.role_member")
	if len(animates) > 0 {
		list, _ := render.JoinAtMost(animates, 5, ", ", 300, more(l, "spaces", notAttached))
		parts = append(parts, l.T("help.animation", list))
		role = l.T("help.role_animator", list)
	}
	if coord {
		if len(animates) == 0 {
			parts = append(parts, l.T("help.animation_all"))
		}
		parts = append(parts, l.T("help.coordination"))
		role = l.T("help.role_coordinator")
	}
	var b render.Builder
	b.Embed(&discordgo.MessageEmbed{Title: l.T("help.title"), Color: colorNetwork, Footer: &discordgo.MessageEmbedFooter{Text: role}}).
		Desc(parts, nil)
	return &Response{Ephemeral: true, Message: Message{Embeds: b.Embeds()}}, nil
}

// skillAlias gives a skill another spelling (coordination): typing it
// finds, offers, seeks and counts the skill itself.
func (a *App) skillAlias(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	display, key, err := skillName(r.Opt("alias"))
	if err != nil {
		return nil, err
	}
	var skill skills.Skill
	err = a.write(ctx, r, func(tx *storage.Tx) error {
		if _, err := requireCoordinator(ctx, tx, r); err != nil {
			return err
		}
		var err error
		if skill, err = resolveSkill(ctx, tx, r.GuildID, r.Opt("skill")); err != nil {
			return err
		}
		err = skills.Alias(ctx, tx, r.GuildID, key, skill, r.Now)
		if errors.Is(err, skills.ErrAliasSkill) {
			return userErr("skill.alias_is_skill", Escape(display), Escape(skill.Display))
		}
		return skillRefusal(err)
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.T("skill.alias_set", Escape(display), Escape(skill.Display))), nil
}

// scheduleText says when the digest goes out: the day and hour when the
// spec is a weekly one, the spec itself for experts either way.
func scheduleText(l Lang, spec, zone string) string {
	if day, min, ok := hours.WeeklyOf(spec); ok {
		name := day.String()
		if l == FR {
			name = frWeekdays[day]
		}
		return l.T("setup.schedule_weekly", name, l.Clock(min), spec, zone)
	}
	return "`" + spec + "` (" + zone + ")"
}

var guideMessages = map[string]msg{
	"help.everyday":               {"**Au quotidien**\n`/checkin` — j'arrive (le lieu se devine depuis le salon)\n`/checkout` — je pars\n`/whoshere` — qui est là ?\n`/checkins` — mes passages du mois\n`/space list` · `/space info` — les lieux du réseau\n", "**Every day**\n`/checkin` — I'm here (the space is guessed from the channel)\n`/checkout` — I'm leaving\n`/whoshere` — who's here?\n`/checkins` — my visits this month\n`/space list` · `/space info` — the network's spaces\n"},
	"help.events":                 {"**Événements**\n`/event list` · `/event info` — ce qui arrive, et répondre\n`/event ics` — dans mon agenda\n`/settings` — mes rappels\n", "**Events**\n`/event list` · `/event info` — what's coming, and answer\n`/event ics` — in my calendar\n`/settings` — my reminders\n"},
	"help.skills":                 {"**Compétences**\n`/skill offer` · `/skill seek` — ce que je sais faire, ce que je cherche\n`/skill find` — qui sait faire ? (mise en relation avec accord)\n`/profile edit` · `/members`\n", "**Skills**\n`/skill offer` · `/skill seek` — what I can do, what I'm looking for\n`/skill find` — who can? (introductions with consent)\n`/profile edit` · `/members`\n"},
	"help.projects":               {"**Projets**\n`/project create` — lancer un projet (ce qu'il faut, qui peut aider)\n`/project list` · `/project show` — les projets du réseau : « Je peux aider », « Suivre »\n`/project update` — donner des nouvelles dans son fil\n", "**Projects**\n`/project create` — start a project (what it needs, who can help)\n`/project list` · `/project show` — the network's projects: “I can help”, “Follow”\n`/project update` — news in its thread\n"},
	"help.data":                   {"**Mes données**\n`/privacy export` · `/privacy forget` · `/register claim`\n", "**My data**\n`/privacy export` · `/privacy forget` · `/register claim`\n"},
	"help.animation":              {"**Animation — %s**\n`/event create` · `/event edit` · `/event cancel` — annoncer, changer, annuler\n`/event attendance` · `/event sheet` — les présences, la feuille d'émargement\n`/event share` — partager un événement avec un autre lieu\n`/project accompany` · `/project note` — accompagner un projet\n`/space desk` — les boutons d'accueil dans le salon du lieu\n`/register add` · `/register answer` · `/register link` — le registre des personnes hors Discord\n", "**Animating — %s**\n`/event create` · `/event edit` · `/event cancel` — announce, change, cancel\n`/event attendance` · `/event sheet` — who came, the sign-in sheet\n`/event share` — share an event with another space\n`/project accompany` · `/project note` — follow a project closely\n`/space desk` — the check-in buttons in the space's channel\n`/register add` · `/register answer` · `/register link` — the register of people not on Discord\n"},
	"help.animation_all":          {"**Animation — tous les lieux**\n`/event create` · `/event edit` · `/event cancel` · `/event attendance` · `/event sheet` · `/event share` · `/space desk`\n`/register add` · `/register answer` · `/register link`\n", "**Animating — every space**\n`/event create` · `/event edit` · `/event cancel` · `/event attendance` · `/event sheet` · `/event share` · `/space desk`\n`/register add` · `/register answer` · `/register link`\n"},
	"help.coordination":           {"**Coordination**\n`/setup` — réglages du réseau et étapes de mise en route\n`/space add` · `/space edit` — les lieux\n`/digest preview` · `/digest export` — le bilan, les chiffres des financeurs\n`/skill merge` · `/skill alias` — les écritures des compétences\n`/calendar link` — l'agenda public\n`/event types` · `/register fields` · `/register export` · `/register erase` — les types d'événements, le registre", "**Coordination**\n`/setup` — network settings and getting-started steps\n`/space add` · `/space edit` — the spaces\n`/digest preview` · `/digest export` — the digest, funders' figures\n`/skill merge` · `/skill alias` — skill spellings\n`/calendar link` — the public calendar\n`/event types` · `/register fields` · `/register export` · `/register erase` — event types, the register"},
	"help.role_member":            {"Ce que tu peux faire comme membre du réseau.", "What you can do as a member of the network."},
	"help.role_animator":          {"Ce que tu peux faire comme membre de l'équipe d'animation (%s).", "What you can do as an animator (%s)."},
	"help.role_coordinator":       {"Ce que tu peux faire comme membre de la coordination : tout.", "What you can do as part of the coordination: everything."},
	"setup.checklist":             {"Mise en route : %[1]d {1:étape|étapes} sur %[2]d", "Getting started: %[1]d of %[2]d steps"},
	"setup.step_spaces":           {"Les lieux du réseau", "The network's spaces"},
	"setup.step_channels":         {"Un salon pour chaque lieu", "A channel for each space"},
	"setup.step_coordinator_role": {"Le rôle de coordination", "The coordinator role"},
	"setup.step_animator_roles":   {"Un rôle d'animation pour chaque lieu", "An animator role for each space"},
	"setup.step_announce":         {"Le salon des annonces d'événements", "The event announcements channel"},
	"setup.step_digest":           {"Le salon du bilan hebdo, et son jour", "The weekly digest's channel, and its day"},
	"setup.step_funding":          {"La mention de financement des feuilles d'émargement", "The funding mention of sign-in sheets"},
	"setup.next":                  {"**Étape suivante :** %s", "**Next step:** %s"},
	"setup.all_done":              {"🎉 Tout est en place. Les lieux peuvent publier leur accueil : `/space desk`.", "🎉 All set. Each space can post its front desk: `/space desk`."},
	"setup.next_spaces":           {"ajoute un lieu avec `/space add name:\"La Ruche\" town:Crest channel:#la-ruche`.", "add a space with `/space add name:\"La Ruche\" town:Crest channel:#la-ruche`."},
	"setup.next_channels":         {"relie chaque lieu à son salon : `/space edit space:… channel:#…`.", "link each space to its channel: `/space edit space:… channel:#…`."},
	"setup.next_coordinator_role": {"choisis le rôle de la coordination : `/setup coordinator_role:@…`.", "pick the coordination's role: `/setup coordinator_role:@…`."},
	"setup.next_animator_roles":   {"donne à chaque lieu le rôle de son équipe d'animation : `/space edit space:… animator_role:@…`.", "give each space its animators' role: `/space edit space:… animator_role:@…`."},
	"setup.next_announce":         {"choisis où annoncer les événements : `/setup announce_channel:#…`.", "pick where events are announced: `/setup announce_channel:#…`."},
	"setup.next_digest":           {"choisis le salon et le jour du bilan hebdo : `/setup digest_channel:#… digest_schedule:\"lundi 8h\"`.", "pick the weekly digest's channel and day: `/setup digest_channel:#… digest_schedule:\"monday 8am\"`."},
	"setup.next_funding":          {"ajoute la mention de financement des feuilles d'émargement : `/setup funding_mention:\"…\"`.", "add the funding mention of sign-in sheets: `/setup funding_mention:\"…\"`."},
	"setup.schedule_weekly":       {"chaque %s à %s (`%s`, %s)", "every %s at %s (`%s`, %s)"},
	"space.did_you_mean":          {"Je ne trouve pas de lieu « %s ». Tu voulais dire %s ?", "I can't find a space called “%s”. Did you mean %s?"},
	"event.did_you_mean":          {"Je ne trouve pas d'événement « %s ». Tu voulais dire %s ?", "I can't find an event called “%s”. Did you mean %s?"},
	"skill.did_you_mean":          {"Personne n'a encore indiqué « %s ». Tu voulais dire %s ?", "Nobody has listed “%s” yet. Did you mean %s?"},
	"skill.alias_set":             {"✅ « %s » désigne maintenant **%s** : les recherches, les offres et les comptes le suivent.", "✅ “%s” now stands for **%s**: searches, offers and counts follow it."},
	"skill.alias_is_skill":        {"« %s » est déjà une compétence à part entière. Pour réunir les deux : `/skill merge from:%[1]s into:%[2]s`.", "“%s” is already a skill of its own. To bring them together: `/skill merge from:%[1]s into:%[2]s`."},
}
