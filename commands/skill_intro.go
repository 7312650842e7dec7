package commands

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tierslieux/tiersbot/commands/skills"
	"github.com/tierslieux/tiersbot/storage"
)

// introAsk sends the offerer a request, with consent buttons.
func (a *App) introAsk(ctx context.Context, r *Request) (*Response, error) {
	in := skills.AskInput{GuildID: r.GuildID, AskerID: r.User.ID, AskerName: r.User.Name, AskerLang: r.Locale,
		SkillID: r.Params.ID("skill"), OffererID: r.Params.Str("offerer"), Now: r.Now}
	var asked skills.Asked
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if asked, err = skills.Ask(ctx, tx, in); err != nil {
			return introRefusal(err, asked)
		}
		ol := a.memberLang(ctx, tx, r.GuildID, in.OffererID)
		_, err = postNaming(ctx, tx, r.Now, r.GuildID, OutDM, in.OffererID, introRequestDM(ol, r.User.Name, asked),
			fmt.Sprintf("intro:%d", asked.Intro.ID), r.User.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(r.Lang().T("skill.intro_sent", Escape(asked.OffererName), Escape(asked.Skill.Display))), nil
}

// introRefusal words a refused request; the refusals name the offerer or the skill.
func introRefusal(err error, asked skills.Asked) error {
	name := Escape(asked.OffererName)
	switch {
	case errors.Is(err, skills.ErrNoLongerOffers):
		return userErr("skill.no_longer_offers", Escape(asked.Skill.Display))
	case errors.Is(err, skills.ErrIntrosOff):
		return userErr("skill.intros_off", name)
	case errors.Is(err, skills.ErrPaused):
		return userErr("skill.intro_paused", name)
	case errors.Is(err, skills.ErrPending):
		return userErr("skill.intro_pending", name)
	}
	return skillRefusal(err)
}

// introAnswer is the offerer's Accept or Decline, clicked in a DM.
func (a *App) introAnswer(ctx context.Context, r *Request, accept bool) (*Response, error) {
	in := skills.AnswerInput{IntroID: r.Params.ID("intro"), UserID: r.User.ID, GuildID: r.GuildID, Accept: accept, Now: r.Now}
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		ans, err := skills.Answer(ctx, tx, in)
		if err != nil {
			return skillRefusal(err)
		}
		return a.postIntroAnswer(ctx, tx, ans, r.Now)
	})
	if err != nil {
		return nil, err
	}
	return introThanks(r.Lang(), accept), nil
}

// postIntroAnswer tells the asker the answer; an acceptance introduces
// both sides to each other.
func (a *App) postIntroAnswer(ctx context.Context, tx *storage.Tx, ans skills.Answered, now time.Time) error {
	in := ans.Intro
	al := a.memberLang(ctx, tx, in.GuildID, in.AskerID)
	if in.Status != skills.Accepted {
		_, err := post(ctx, tx, now, in.GuildID, OutDM, in.AskerID, introDeclinedDM(al, ans.Skill), fmt.Sprintf("intro-answer:%d", in.ID))
		return err
	}
	ol := a.memberLang(ctx, tx, in.GuildID, in.OffererID)
	asker, offerer := introAcceptedDMs(al, ol, in, ans.Skill)
	if _, err := postNaming(ctx, tx, now, in.GuildID, OutDM, in.AskerID, asker, fmt.Sprintf("intro-answer:%d", in.ID), in.OffererID); err != nil {
		return err
	}
	_, err := postNaming(ctx, tx, now, in.GuildID, OutDM, in.OffererID, offerer, fmt.Sprintf("intro-answer-offerer:%d", in.ID), in.AskerID)
	return err
}

// IntroFollowUps asks both sides, a week after an accepted introduction, whether they met.
func (a *App) IntroFollowUps(ctx context.Context, now time.Time) error {
	return a.writeJob(ctx, func(tx *storage.Tx) error {
		due, err := skills.FollowUps(ctx, tx, now)
		if err != nil {
			return err
		}
		for _, f := range due {
			in := f.Intro
			for _, side := range []struct{ user, other, who string }{{in.AskerID, in.OffererID, "a"}, {in.OffererID, in.AskerID, "o"}} {
				m := metQuestionDM(a.memberLang(ctx, tx, in.GuildID, side.user), in.ID, side.other, side.who, f.Skill)
				if _, _, err := tx.Enqueue(ctx, storage.OutboxItem{GuildID: in.GuildID, Kind: OutDM, Target: side.user, Payload: mustJSON(m),
					DedupKey: fmt.Sprintf("met:%d:%s", in.ID, side.who), Names: []string{side.other}}, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func (a *App) metAnswer(ctx context.Context, r *Request) (*Response, error) {
	met := r.Params.Str("answer") == "y"
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		return skillRefusal(skills.Met(ctx, tx, r.Params.ID("intro"), r.User.ID, r.Params.Str("side") == "a", met))
	})
	if err != nil {
		return nil, err
	}
	return metThanks(r.Lang(), met), nil
}

// WeeklyMatches sends opted-in members one DM listing the week's new matches.
func (a *App) WeeklyMatches(ctx context.Context, now time.Time) error {
	return a.writeJob(ctx, func(tx *storage.Tx) error {
		members, err := tx.WeeklyMatchMembers(ctx)
		if err != nil {
			return err
		}
		year, week := now.ISOWeek()
		news := map[string][]storage.MemberSkill{}
		for _, p := range members {
			fresh, ok := news[p.GuildID]
			if !ok {
				if fresh, err = tx.NewSkillsSince(ctx, p.GuildID, now.AddDate(0, 0, -7), now); err != nil {
					return err
				}
				news[p.GuildID] = fresh
			}
			mine, err := tx.MemberSkills(ctx, p.GuildID, p.UserID)
			if err != nil {
				return err
			}
			ul := a.memberLang(ctx, tx, p.GuildID, p.UserID)
			var lines, named []string
			for _, n := range skills.Matches(p.UserID, skills.Holdings(mine), skills.Holdings(fresh)) {
				lines = append(lines, matchLine(ul, n))
				named = append(named, n.UserID)
			}
			projects, err := projectMatchLines(ctx, tx, ul, p.GuildID, p.UserID, mine, now.AddDate(0, 0, -7), now)
			if err != nil {
				return err
			}
			lines, named = append(lines, projects...), append(named, make([]string, len(projects))...) // a project names no one
			offers, offerers, err := holderMatchLines(ctx, tx, ul, p.GuildID, p.UserID, fresh)
			if err != nil {
				return err
			}
			lines, named = append(lines, offers...), append(named, offerers...)
			if len(lines) == 0 {
				continue
			}
			m, named := weeklyMatchesDM(ul, lines, named)
			if _, _, err := tx.Enqueue(ctx, storage.OutboxItem{GuildID: p.GuildID, Kind: OutDM, Target: p.UserID, Payload: mustJSON(m),
				DedupKey: fmt.Sprintf("matches:%s:%s:%d-%02d", p.GuildID, p.UserID, year, week), Names: named}, now); err != nil {
				return err
			}
		}
		return nil
	})
}
