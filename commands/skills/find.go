package skills

import (
	"context"
	"errors"
	"sort"

	"github.com/tierslieux/tiersbot/storage"
)

// FindInput is a member looking for who offers a skill.
type FindInput struct {
	GuildID, UserID string
	Skill           Skill
	// OnlySpace keeps the offerers whose home space it is (0: the network).
	OnlySpace int64
}

// Found is who offers the skill: the asker's home space first, then the
// most recently active. The asker is never among them.
type Found struct {
	Offerers []Holding
	Home     int64 // the asker's home space (0: unknown)
}

// Find lists who offers a skill, for the asker.
func Find(ctx context.Context, tx *storage.Tx, in FindInput) (Found, error) {
	var out Found
	holders, err := tx.SkillHolders(ctx, in.GuildID, in.Skill.ID, string(Offer))
	if err != nil {
		return out, err
	}
	if out.Home, err = HomeSpace(ctx, tx, in.GuildID, in.UserID); err != nil {
		return out, err
	}
	out.Offerers = HomeFirst(Holdings(holders), in.UserID, in.OnlySpace, out.Home)
	return out, nil
}

// HomeFirst keeps the offerers other than the asker (of space only, when
// not 0) and puts those of the asker's home space first, keeping the order
// within each group.
func HomeFirst(holders []Holding, asker string, only, home int64) []Holding {
	var out []Holding
	for _, h := range holders {
		if h.UserID == asker || (only != 0 && h.HomeSpaceID != only) {
			continue
		}
		out = append(out, h)
	}
	if home == 0 {
		return out
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].HomeSpaceID == home && out[j].HomeSpaceID != home })
	return out
}

// HomeSpace is a member's home space: the one in their profile, else the
// last one they checked in at (0: neither).
func HomeSpace(ctx context.Context, tx *storage.Tx, guildID, userID string) (int64, error) {
	p, err := tx.Profile(ctx, guildID, userID)
	if err != nil || p.HomeSpaceID != 0 {
		return p.HomeSpaceID, err
	}
	m, err := tx.Member(ctx, guildID, userID)
	if errors.Is(err, storage.ErrNotFound) {
		return 0, nil
	}
	return m.LastSpaceID, err
}
