package skills

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/tierslieux/tiersbot/commands/skillname"
	"github.com/tierslieux/tiersbot/storage"
)

// Resolve finds the skill a typed value means: an id (from autocomplete),
// the exact name, an alias the coordination set ("compta" for
// "Comptabilité"), or the one close match when there is exactly one.
// ErrUnknown otherwise.
func Resolve(ctx context.Context, tx *storage.Tx, guildID, typed string) (Skill, error) {
	if id, err := strconv.ParseInt(strings.TrimSpace(typed), 10, 64); err == nil && id > 0 {
		s, err := tx.SkillByID(ctx, guildID, id)
		if err == nil {
			return SkillOf(s), nil
		}
		if !errors.Is(err, storage.ErrNotFound) {
			return Skill{}, err
		}
	}
	key := skillname.Key(typed)
	if s, err := found(tx.SkillByKey(ctx, guildID, key)); err == nil || !errors.Is(err, ErrUnknown) {
		return s, err
	}
	if s, err := found(tx.SkillByAlias(ctx, guildID, key)); err == nil || !errors.Is(err, ErrUnknown) {
		return s, err
	}
	all, err := tx.SkillsReadOnly(ctx, guildID) // shared: read only
	if err != nil {
		return Skill{}, err
	}
	ranked := skillname.Rank(typed, StoredCandidates(all), 2)
	if len(ranked) != 1 {
		return Skill{}, ErrUnknown
	}
	return found(tx.SkillByKey(ctx, guildID, ranked[0].Key))
}

// found reads a storage lookup: not found is ErrUnknown.
func found(s storage.Skill, err error) (Skill, error) {
	if errors.Is(err, storage.ErrNotFound) {
		return Skill{}, ErrUnknown
	}
	if err != nil {
		return Skill{}, err
	}
	return SkillOf(s), nil
}

// StoredCandidates is Candidates of the stored list itself, without
// converting it first (autocomplete ranks it at every keystroke).
func StoredCandidates(all []storage.Skill) []skillname.Candidate {
	out := make([]skillname.Candidate, len(all))
	for i, s := range all {
		out[i] = skillname.Candidate{Key: s.Key, Display: s.Display, Uses: s.Offers + s.Seeks, ID: s.ID}
	}
	return out
}

// Candidates are skills as the name ranking sees them: most used first.
func Candidates(all []Skill) []skillname.Candidate {
	out := make([]skillname.Candidate, len(all))
	for i, s := range all {
		out[i] = skillname.Candidate{Key: s.Key, Display: s.Display, Uses: s.Offers + s.Seeks, ID: s.ID}
	}
	return out
}
