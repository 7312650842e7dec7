package skills

import (
	"context"
	"strconv"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// AddInput is a member's offer or need as typed (name already validated).
type AddInput struct {
	GuildID, UserID string
	Kind            Kind
	// Typed is the option as sent: an autocomplete id names a known skill.
	Typed        string
	Display, Key string // the typed name's spelling and key
	// Level and Note replace the current ones when Set; otherwise an
	// existing offer or need keeps its own.
	Level, Note       string
	LevelSet, NoteSet bool
	Now               time.Time
}

// Added is what an offer or need came to.
type Added struct {
	Skill Skill // its spelling is the known skill's, even when typed otherwise
	// Fresh: a new offer or need (else an update of one).
	Fresh bool
	// Matches counts the other members holding the other kind: seekers of
	// an offer, offerers of a need.
	Matches int
}

// Add records an offer or a need. A known skill keeps its spelling, an
// alias counts for its skill, and a member holds at most MaxPerMember
// offers and needs; updating one option keeps the other.
func Add(ctx context.Context, tx *storage.Tx, in AddInput) (Added, error) {
	var out Added
	if in.Kind == Offer && !ValidLevel(in.Level) {
		return out, ErrBadLevel
	}
	display, key := in.Display, in.Key
	if id, err := strconv.ParseInt(in.Typed, 10, 64); err == nil {
		if s, err := tx.SkillByID(ctx, in.GuildID, id); err == nil {
			display, key = s.Display, s.Key
		}
	}
	if s, err := tx.SkillByAlias(ctx, in.GuildID, key); err == nil {
		display, key = s.Display, s.Key
	}
	skill, err := tx.EnsureSkill(ctx, in.GuildID, key, display, in.Now)
	if err != nil {
		return out, err
	}
	mine, err := tx.MemberSkills(ctx, in.GuildID, in.UserID)
	if err != nil {
		return out, err
	}
	level, note := in.Level, in.Note
	out.Fresh = true
	for _, ms := range mine {
		if ms.Skill.ID == skill.ID && Kind(ms.Kind) == in.Kind {
			out.Fresh = false
			if !in.LevelSet {
				level = ms.Level
			}
			if !in.NoteSet {
				note = ms.Note
			}
		}
	}
	if out.Fresh && len(mine) >= MaxPerMember {
		return out, ErrTooMany
	}
	if _, err := tx.SetMemberSkill(ctx, storage.MemberSkill{GuildID: in.GuildID, UserID: in.UserID, Skill: skill,
		Kind: string(in.Kind), Level: level, Note: note}, in.Now); err != nil {
		return out, err
	}
	out.Skill = SkillOf(skill)
	holders, err := tx.SkillHolders(ctx, in.GuildID, skill.ID, string(in.Kind.Other()))
	for _, h := range holders {
		if h.UserID != in.UserID {
			out.Matches++
		}
	}
	return out, err
}

// Remove takes a skill off a member's offers and needs; ErrUnknown when
// no skill is so named, ErrNotHeld when they hold it neither way.
func Remove(ctx context.Context, tx *storage.Tx, guildID, userID, typed string) (Skill, error) {
	s, err := Resolve(ctx, tx, guildID, typed)
	if err != nil {
		return s, err
	}
	n, err := tx.RemoveMemberSkill(ctx, guildID, userID, s.ID)
	if err == nil && n == 0 {
		return s, ErrNotHeld
	}
	return s, err
}

// Mine lists a member's offers and needs.
func Mine(ctx context.Context, tx *storage.Tx, guildID, userID string) ([]Holding, error) {
	list, err := tx.MemberSkills(ctx, guildID, userID)
	return Holdings(list), err
}
