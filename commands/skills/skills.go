// Package skills holds the rules of the skill exchange: which skill a typed
// name means (aliases included), offers and needs and their limits, who can
// help and in which order, introduction requests (consent, the pause after
// a "no", five in any 24 hours), the weekly matches and the network's most
// offered and sought skills. It works on a storage transaction and typed
// input and returns typed results; it knows nothing of languages, messages
// or Discord, so the handlers in commands decide here and render there.
package skills

import (
	"errors"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Limits of the skill exchange.
const (
	// MaxPerMember: offers and needs together, per member.
	MaxPerMember = 30
	// MaxIntrosPerDay: introduction requests an asker makes in any 24 hours.
	MaxIntrosPerDay = 5
	// IntroWindow is the sliding window of MaxIntrosPerDay.
	IntroWindow = 24 * time.Hour
	// DeclinePause: after a decline the same asker may not ask the same
	// member again for this long: a "no" is not answered by asking every day.
	DeclinePause = 30 * 24 * time.Hour
	// FollowUpAge: both sides of an accepted introduction are asked this
	// long after whether they met.
	FollowUpAge = 7 * 24 * time.Hour
)

// Kind is an offer ("I can help") or a need ("I'm looking for help").
type Kind string

const (
	Offer Kind = storage.Offer
	Seek  Kind = storage.Seek
)

// Other is the kind that answers this one: offers answer needs.
func (k Kind) Other() Kind {
	if k == Seek {
		return Offer
	}
	return Seek
}

// Levels an offer may state ("" states none).
var Levels = []string{"beginner", "intermediate", "expert"}

// ValidLevel: "" or one of Levels.
func ValidLevel(level string) bool {
	if level == "" {
		return true
	}
	for _, l := range Levels {
		if l == level {
			return true
		}
	}
	return false
}

// Skill is a skill of the network with how many offer and seek it.
type Skill struct {
	ID            int64
	Key, Display  string
	Offers, Seeks int
}

// SkillOf reads the rules' view of a stored skill.
func SkillOf(s storage.Skill) Skill {
	return Skill{ID: s.ID, Key: s.Key, Display: s.Display, Offers: s.Offers, Seeks: s.Seeks}
}

func skillsOf(list []storage.Skill) []Skill {
	out := make([]Skill, len(list))
	for i, s := range list {
		out[i] = SkillOf(s)
	}
	return out
}

// Holding is one member's offer or need of a skill.
type Holding struct {
	UserID, Name string
	Skill        Skill
	Kind         Kind
	Level, Note  string
	HomeSpaceID  int64 // 0: none in their profile
}

// HoldingOf reads the rules' view of a stored offer or need.
func HoldingOf(ms storage.MemberSkill) Holding {
	return Holding{UserID: ms.UserID, Name: ms.Name, Skill: SkillOf(ms.Skill), Kind: Kind(ms.Kind),
		Level: ms.Level, Note: ms.Note, HomeSpaceID: ms.HomeSpaceID}
}

// Holdings reads a list of stored offers and needs.
func Holdings(list []storage.MemberSkill) []Holding {
	out := make([]Holding, len(list))
	for i, ms := range list {
		out[i] = HoldingOf(ms)
	}
	return out
}

// Refusals; the caller says them in the user's language.
var (
	ErrUnknown    = errors.New("skills: no such skill")
	ErrBadLevel   = errors.New("skills: not a level")
	ErrTooMany    = errors.New("skills: too many offers and needs")
	ErrNotHeld    = errors.New("skills: the member neither offers nor seeks it")
	ErrSameSkill  = errors.New("skills: a skill merged or aliased into itself")
	ErrAliasSkill = errors.New("skills: the alias is a skill of its own")
)
