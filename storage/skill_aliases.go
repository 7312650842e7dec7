package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrAliasIsSkill refuses an alias whose key is already a skill's own
// name: merge the two skills instead.
var ErrAliasIsSkill = errors.New("alias is a skill's name")

// SetSkillAlias makes key (folded) another spelling of skill skillID,
// replacing what it named before.
func (tx *Tx) SetSkillAlias(ctx context.Context, guildID, key string, skillID int64, now time.Time) error {
	if _, err := tx.SkillByKey(ctx, guildID, key); err == nil {
		return ErrAliasIsSkill
	} else if !errors.Is(err, ErrNotFound) {
		return err
	}
	_, err := tx.exec(ctx, `INSERT INTO skill_aliases(guild_id, key, skill_id, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(guild_id, key) DO UPDATE SET skill_id = excluded.skill_id`, guildID, key, skillID, now.Unix())
	if err != nil {
		return fmt.Errorf("skill alias %q: %w", key, err)
	}
	return nil
}

// SkillByAlias returns the skill an alias names, or ErrNotFound.
func (tx *Tx) SkillByAlias(ctx context.Context, guildID, key string) (Skill, error) {
	var id int64
	err := tx.queryRow(ctx, `SELECT skill_id FROM skill_aliases WHERE guild_id = ? AND key = ?`, guildID, key).Scan(&id)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Skill{}, ErrNotFound
		}
		return Skill{}, fmt.Errorf("skill alias %q: %w", key, err)
	}
	return tx.SkillByID(ctx, guildID, id)
}

// SkillAliases lists the aliases of a skill, sorted.
func (tx *Tx) SkillAliases(ctx context.Context, skillID int64) ([]string, error) {
	rows, err := tx.query(ctx, `SELECT key FROM skill_aliases WHERE skill_id = ? ORDER BY key`, skillID)
	if err != nil {
		return nil, fmt.Errorf("skill aliases: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// FoldSkillAliases is MergeSkills' companion: the aliases of skill from
// follow it into skill into, and from's own key becomes one of into's
// spellings, so what people typed before still finds it.
func (tx *Tx) FoldSkillAliases(ctx context.Context, guildID string, from Skill, into int64, now time.Time) error {
	if _, err := tx.exec(ctx, `UPDATE skill_aliases SET skill_id = ? WHERE skill_id = ?`, into, from.ID); err != nil {
		return fmt.Errorf("fold skill aliases: %w", err)
	}
	_, err := tx.exec(ctx, `INSERT INTO skill_aliases(guild_id, key, skill_id, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(guild_id, key) DO UPDATE SET skill_id = excluded.skill_id`, guildID, from.Key, into, now.Unix())
	if err != nil {
		return fmt.Errorf("fold skill aliases: %w", err)
	}
	return nil
}
