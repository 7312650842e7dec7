package skills

import (
	"context"
	"sort"

	"github.com/tierslieux/tiersbot/storage"
)

// TopN: each of the network's lists is a top 10.
const TopN = 10

// Scored is a skill with the count it is ranked by.
type Scored struct {
	Skill Skill
	Count int
}

// Tops are the network's (or a space's) skill lists.
type Tops struct {
	Offered, Sought []Scored
	// Unmet are needs nobody offers, most sought first.
	Unmet []Scored
	Total int // skills known, ranked or not
}

// List ranks the skills of the network, or of the members whose home is
// space (0: the network).
func List(ctx context.Context, tx *storage.Tx, guildID string, space int64) (Tops, error) {
	all, err := tx.Skills(ctx, guildID, space)
	if err != nil {
		return Tops{}, err
	}
	return Rank(skillsOf(all)), nil
}

// Rank makes the top lists: highest count first, ties by key; skills at 0
// left out.
func Rank(all []Skill) Tops {
	return Tops{
		Offered: top(all, func(s Skill) int { return s.Offers }),
		Sought:  top(all, func(s Skill) int { return s.Seeks }),
		Unmet: top(all, func(s Skill) int {
			if s.Offers > 0 {
				return 0
			}
			return s.Seeks
		}),
		Total: len(all),
	}
}

func top(all []Skill, score func(Skill) int) []Scored {
	list := append([]Skill(nil), all...)
	sort.SliceStable(list, func(i, j int) bool {
		if score(list[i]) != score(list[j]) {
			return score(list[i]) > score(list[j])
		}
		return list[i].Key < list[j].Key
	})
	var out []Scored
	for _, s := range list {
		if score(s) == 0 || len(out) == TopN {
			break
		}
		out = append(out, Scored{Skill: s, Count: score(s)})
	}
	return out
}
