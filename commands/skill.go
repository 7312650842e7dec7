package commands

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/tierslieux/tiersbot/commands/skillname"
	"github.com/tierslieux/tiersbot/commands/skills"
	"github.com/tierslieux/tiersbot/storage"
)

// Limits of the skill exchange's input and pages (the rules' own limits
// are in package skills).
const (
	maxSkillNote  = 300
	maxBio        = 500
	findResults   = 10
	directoryPage = 10
)

func (a *App) skillRoutes() {
	a.command("skill offer", Anyone, a.skillOffer)
	a.command("skill seek", Anyone, a.skillSeek)
	a.command("skill remove", Anyone, a.skillRemove)
	a.command("skill mine", Anyone, a.skillMine)
	a.command("skill find", Anyone, a.skillFind)
	a.command("skill list", Anyone, a.skillList)
	a.command("skill merge", Coordinator, a.skillMerge)
	a.command("profile show", Anyone, a.profileShow)
	a.command("profile edit", Anyone, a.profileEdit)
	a.command("members", Anyone, a.members)
	a.button("intro:{skill:id}:{offerer:word}", Anyone, a.introAsk)
	a.button("introy:{intro:id}", Owner, func(ctx context.Context, r *Request) (*Response, error) { return a.introAnswer(ctx, r, true) }, inDMs)
	a.button("intron:{intro:id}", Owner, func(ctx context.Context, r *Request) (*Response, error) { return a.introAnswer(ctx, r, false) }, inDMs)
	a.button("met:{intro:id}:{side:a|o}:{answer:y|n}", Owner, a.metAnswer, inDMs)
	a.button("skfind:{skill:id}", Anyone, a.skillFindClick)
	a.button("members:{page:int}:{space:int}:{skill:int}", Anyone, a.membersPage)
	a.auto["skill"] = a.completeSkill
	a.auto["from"] = a.completeSkill
	a.auto["into"] = a.completeSkill
	a.auto["home_space"] = a.completeSpace
}

func (a *App) skillJobs() []Job {
	return []Job{
		{Name: "introduction follow-ups", Spec: "0 10 * * *", Coalesce: true, Run: a.IntroFollowUps},
		{Name: "weekly skill matches", Spec: "30 9 * * 1", Run: a.WeeklyMatches},
	}
}

// skillName validates a typed skill name: display spelling and key.
func skillName(v string) (string, string, error) {
	switch err := skillname.Validate(v); {
	case errors.Is(err, skillname.ErrEmpty), errors.Is(err, skillname.ErrTooShort), errors.Is(err, skillname.ErrTooLong):
		return "", "", userErr("skill.bad_name", skillname.MinLen, skillname.MaxLen)
	}
	d := skillname.Clean(v)
	return d, skillname.Key(d), nil
}

// findSkill resolves a skill option; skills.ErrUnknown when none matches.
func findSkill(ctx context.Context, tx *storage.Tx, guildID, v string) (skills.Skill, error) {
	return skills.Resolve(ctx, tx, guildID, v)
}

// resolveSkill resolves a skill option, refusing an unknown one with the
// closest names.
func resolveSkill(ctx context.Context, tx *storage.Tx, guildID, v string) (skills.Skill, error) {
	s, err := skills.Resolve(ctx, tx, guildID, v)
	if errors.Is(err, skills.ErrUnknown) {
		return s, skillUnknown(ctx, tx, guildID, v)
	}
	return s, err
}

// skillRefusal words the rules' refusals that need no names; other errors
// pass through.
func skillRefusal(err error) error {
	switch {
	case errors.Is(err, skills.ErrBadLevel):
		return userErr("skill.bad_level")
	case errors.Is(err, skills.ErrTooMany):
		return userErr("skill.too_many", skills.MaxPerMember)
	case errors.Is(err, skills.ErrSameSkill):
		return userErr("skill.merge_same")
	case errors.Is(err, skills.ErrNotYours):
		return userErr("error.bad_button")
	case errors.Is(err, skills.ErrSelf):
		return userErr("skill.intro_self")
	case errors.Is(err, skills.ErrIntroLimit):
		return userErr("skill.intro_limit", skills.MaxIntrosPerDay)
	case errors.Is(err, skills.ErrAnswered):
		return userErr("skill.intro_answered")
	}
	return err
}

func (a *App) skillOffer(ctx context.Context, r *Request) (*Response, error) {
	return a.skillAdd(ctx, r, skills.Offer)
}
func (a *App) skillSeek(ctx context.Context, r *Request) (*Response, error) {
	return a.skillAdd(ctx, r, skills.Seek)
}

func (a *App) skillAdd(ctx context.Context, r *Request, kind skills.Kind) (*Response, error) {
	display, key, err := skillName(r.Opt("skill"))
	if err != nil {
		return nil, err
	}
	level := r.Opt("level")
	if kind == skills.Offer && !skills.ValidLevel(level) {
		return nil, userErr("skill.bad_level")
	}
	note, n := CleanText(r.Opt("note"), false)
	if n > maxSkillNote {
		return nil, userErr("skill.note_too_long", maxSkillNote)
	}
	in := skills.AddInput{GuildID: r.GuildID, UserID: r.User.ID, Kind: kind, Typed: r.Opt("skill"), Display: display, Key: key,
		Level: level, Note: note, LevelSet: r.Has("level"), NoteSet: r.Has("note"), Now: r.Now}
	var added skills.Added
	err = a.write(ctx, r, func(tx *storage.Tx) error {
		if _, err := tx.TouchMember(ctx, r.GuildID, r.User.ID, r.User.Name, r.Locale, r.Now); err != nil {
			return err
		}
		var err error
		added, err = skills.Add(ctx, tx, in)
		return skillRefusal(err)
	})
	if err != nil {
		return nil, err
	}
	return skillAddedReply(r.Lang(), kind, added), nil
}

func (a *App) skillRemove(ctx context.Context, r *Request) (*Response, error) {
	var skill skills.Skill
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		skill, err = skills.Remove(ctx, tx, r.GuildID, r.User.ID, r.Opt("skill"))
		switch {
		case errors.Is(err, skills.ErrUnknown):
			return userErr("skill.not_yours", Escape(Truncate(r.Opt("skill"), 60)))
		case errors.Is(err, skills.ErrNotHeld):
			return userErr("skill.not_yours", Escape(skill.Display))
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(r.Lang().T("skill.removed", Escape(skill.Display))), nil
}

func (a *App) skillMine(ctx context.Context, r *Request) (*Response, error) {
	var list []skills.Holding
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		list, err = skills.Mine(ctx, tx, r.GuildID, r.User.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return skillMineReply(r.Lang(), list), nil
}

func (a *App) skillFind(ctx context.Context, r *Request) (*Response, error) {
	return a.find(ctx, r, r.Opt("skill"), r.Opt("space"))
}

func (a *App) skillFindClick(ctx context.Context, r *Request) (*Response, error) {
	return a.find(ctx, r, r.Params.Str("skill"), "")
}

// find lists who offers a skill: the asker's home space first, then the most
// recently active, each with a button to ask for an introduction.
func (a *App) find(ctx context.Context, r *Request, skillText, spaceText string) (*Response, error) {
	var (
		skill skills.Skill
		found skills.Found
		names = map[int64]string{}
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if skill, err = resolveSkill(ctx, tx, r.GuildID, skillText); err != nil {
			return err
		}
		var only storage.Space
		if spaceText != "" {
			if only, err = resolveSpace(ctx, tx, r.GuildID, spaceText); err != nil {
				return err
			}
		}
		if found, err = skills.Find(ctx, tx, skills.FindInput{GuildID: r.GuildID, UserID: r.User.ID, Skill: skill, OnlySpace: only.ID}); err != nil {
			return err
		}
		var ids []int64
		for _, h := range found.Offerers {
			if h.HomeSpaceID != 0 {
				ids = append(ids, h.HomeSpaceID)
			}
		}
		spaces, err := tx.SpacesByID(ctx, r.GuildID, ids)
		for id, s := range spaces {
			names[id] = s.Name
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return findReply(r.Lang(), skill, found.Offerers, names), nil
}

// skillList shows the most offered and sought skills and the unmet needs.
func (a *App) skillList(ctx context.Context, r *Request) (*Response, error) {
	var (
		tops skills.Tops
		only storage.Space
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if r.Opt("space") != "" {
			if only, err = resolveSpace(ctx, tx, r.GuildID, r.Opt("space")); err != nil {
				return err
			}
		}
		tops, err = skills.List(ctx, tx, r.GuildID, only.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return skillListReply(r.Lang(), tops, only), nil
}

// skillMerge moves one skill's offers and needs onto another (coordination).
func (a *App) skillMerge(ctx context.Context, r *Request) (*Response, error) {
	var from, into skills.Skill
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		if _, err := requireCoordinator(ctx, tx, r); err != nil {
			return err
		}
		var err error
		if from, err = resolveSkill(ctx, tx, r.GuildID, r.Opt("from")); err != nil {
			return err
		}
		if into, err = resolveSkill(ctx, tx, r.GuildID, r.Opt("into")); err != nil {
			return err
		}
		return skillRefusal(skills.Merge(ctx, tx, r.GuildID, from, into, r.Now))
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(r.Lang().T("skill.merged", Escape(from.Display), Escape(into.Display), from.Offers, from.Seeks)), nil
}

// completeSkill suggests known skills: prefix, word, substring, then typos; most used first.
func (a *App) completeSkill(ctx context.Context, r *Request, typed string) ([]Choice, error) {
	var all []storage.Skill // shared with other readers: read only
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		all, err = tx.SkillsReadOnly(ctx, r.GuildID)
		return err
	})
	if err != nil {
		return nil, err
	}
	var out []Choice
	for _, c := range skillname.Rank(typed, skills.StoredCandidates(all), MaxChoices) {
		out = append(out, Choice{Name: fmt.Sprintf("%s (%d)", c.Display, c.Uses), Value: strconv.FormatInt(c.ID, 10)})
	}
	// Offering or seeking something new: the typed name itself is a choice.
	if r.Command == "skill offer" || r.Command == "skill seek" {
		if d, k, err := skillName(typed); err == nil {
			if !slices.ContainsFunc(all, func(s storage.Skill) bool { return s.Key == k }) {
				out = append([]Choice{{Name: d, Value: d}}, out...)
				if len(out) > MaxChoices {
					out = out[:MaxChoices]
				}
			}
		}
	}
	return out, nil
}
