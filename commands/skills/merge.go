package skills

import (
	"context"
	"errors"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Merge folds skill from into skill into (coordination): every offer, need,
// introduction and alias of from moves to into, and from's own spelling
// becomes an alias of into.
func Merge(ctx context.Context, tx *storage.Tx, guildID string, from, into Skill, now time.Time) error {
	if from.ID == into.ID {
		return ErrSameSkill
	}
	if err := tx.FoldSkillAliases(ctx, guildID, storage.Skill{ID: from.ID, GuildID: guildID, Key: from.Key, Display: from.Display}, into.ID, now); err != nil {
		return err
	}
	return tx.MergeSkills(ctx, from.ID, into.ID)
}

// Alias makes key another spelling of skill (coordination): typing it
// finds, offers, seeks and counts the skill itself. ErrSameSkill when key
// is the skill's own, ErrAliasSkill when it is another skill's.
func Alias(ctx context.Context, tx *storage.Tx, guildID, key string, skill Skill, now time.Time) error {
	if skill.Key == key {
		return ErrSameSkill
	}
	err := tx.SetSkillAlias(ctx, guildID, key, skill.ID, now)
	if errors.Is(err, storage.ErrAliasIsSkill) {
		return ErrAliasSkill
	}
	return err
}
