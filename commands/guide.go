package commands

import (
	"context"
	"errors"

	"github.com/tierslieux/tiersbot/storage"
)

// guideRoutes: what helps people find their way (did-you-mean buttons,
// skill aliases, the setup checklist).
func (a *App) guideRoutes() {
	a.clics["again"] = a.again
	a.clickOpensForm("again") // the command run again may answer with a form
	a.cmds["skill alias"] = a.skillAlias
	a.auto["skill alias skill"] = a.completeSkill
}

// skillAlias gives a skill another spelling (coordination): typing it
// finds, offers, seeks and counts the skill itself.
func (a *App) skillAlias(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	display, key, err := skillName(r.Opt("alias"))
	if err != nil {
		return nil, err
	}
	var skill storage.Skill
	err = a.write(ctx, r, func(tx *storage.Tx) error {
		if _, err := requireCoordinator(ctx, tx, r); err != nil {
			return err
		}
		var err error
		if skill, err = findSkill(ctx, tx, r.GuildID, r.Opt("skill")); errors.Is(err, storage.ErrNotFound) {
			return skillUnknown(ctx, tx, r.GuildID, r.Opt("skill"))
		} else if err != nil {
			return err
		}
		if skill.Key == key {
			return userErr("skill.merge_same")
		}
		switch err := tx.SetSkillAlias(ctx, r.GuildID, key, skill.ID, r.Now); {
		case errors.Is(err, storage.ErrAliasIsSkill):
			return userErr("skill.alias_is_skill", Escape(display), Escape(skill.Display))
		default:
			return err
		}
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.T("skill.alias_set", Escape(display), Escape(skill.Display))), nil
}

var guideMessages = map[string]msg{
	"space.did_you_mean":   {"Je ne trouve pas de lieu « %s ». Tu voulais dire %s ?", "I can't find a space called “%s”. Did you mean %s?"},
	"event.did_you_mean":   {"Je ne trouve pas d'événement « %s ». Tu voulais dire %s ?", "I can't find an event called “%s”. Did you mean %s?"},
	"skill.did_you_mean":   {"Personne n'a encore indiqué « %s ». Tu voulais dire %s ?", "Nobody has listed “%s” yet. Did you mean %s?"},
	"skill.alias_set":      {"✅ « %s » désigne maintenant **%s** : les recherches, les offres et les comptes le suivent.", "✅ “%s” now stands for **%s**: searches, offers and counts follow it."},
	"skill.alias_is_skill": {"« %s » est déjà une compétence à part entière. Pour réunir les deux : `/skill merge from:%[1]s into:%[2]s`.", "“%s” is already a skill of its own. To bring them together: `/skill merge from:%[1]s into:%[2]s`."},
}
