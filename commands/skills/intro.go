package skills

import (
	"context"
	"errors"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Introduction statuses.
const (
	Pending  = "pending"
	Accepted = "accepted"
	Declined = "declined"
)

// Refusals of introductions.
var (
	// ErrNotYours: the button names an introduction (or skill) that is not
	// there, or not the clicker's to answer.
	ErrNotYours       = errors.New("skills: not this member's introduction")
	ErrSelf           = errors.New("skills: asking oneself")
	ErrNoLongerOffers = errors.New("skills: the member no longer offers it")
	ErrIntrosOff      = errors.New("skills: the member takes no requests")
	ErrPaused         = errors.New("skills: declined recently")
	ErrPending        = errors.New("skills: a request is already waiting")
	ErrIntroLimit     = errors.New("skills: too many requests in 24 hours")
	ErrAnswered       = errors.New("skills: already answered")
)

// Intro is an introduction request.
type Intro struct {
	ID                 int64
	GuildID            string
	AskerID, OffererID string
	SkillID            int64
	Note, Status       string
}

// IntroOf reads the rules' view of a stored introduction.
func IntroOf(in storage.Intro) Intro {
	return Intro{ID: in.ID, GuildID: in.GuildID, AskerID: in.AskerID, OffererID: in.OffererID, SkillID: in.SkillID, Note: in.Note, Status: in.Status}
}

// AskInput is a member asking an offerer for an introduction.
type AskInput struct {
	GuildID                       string
	AskerID, AskerName, AskerLang string
	SkillID                       int64
	OffererID                     string
	Now                           time.Time
}

// Asked is a request recorded, for the offerer to consent to.
type Asked struct {
	Intro Intro
	Skill Skill
	// OffererName is set as soon as the offerer is known to offer the
	// skill, refusals included: they name them.
	OffererName string
	// AskerSpace is the name of the asker's home space ("" when unknown).
	AskerSpace string
}

// Ask records an introduction request. The offerer must still offer the
// skill and take requests; the asker may not ask them again while a request
// waits, nor for DeclinePause after a "no", nor make more than
// MaxIntrosPerDay requests in any IntroWindow (refusals are not counted).
// The request carries the note of the asker's own need of the skill.
func Ask(ctx context.Context, tx *storage.Tx, in AskInput) (Asked, error) {
	var out Asked
	s, err := tx.SkillByID(ctx, in.GuildID, in.SkillID)
	if errors.Is(err, storage.ErrNotFound) {
		return out, ErrNotYours
	}
	if err != nil {
		return out, err
	}
	out.Skill = SkillOf(s)
	if in.OffererID == in.AskerID {
		return out, ErrSelf
	}
	holders, err := tx.SkillHolders(ctx, in.GuildID, s.ID, string(Offer))
	if err != nil {
		return out, err
	}
	offers := false
	for _, h := range holders {
		if h.UserID == in.OffererID {
			offers, out.OffererName = true, h.Name
		}
	}
	if !offers {
		return out, ErrNoLongerOffers
	}
	if err := mayAsk(ctx, tx, in); err != nil {
		return out, err
	}
	if _, err := tx.TouchMember(ctx, in.GuildID, in.AskerID, in.AskerName, in.AskerLang, in.Now); err != nil {
		return out, err
	}
	mine, err := tx.MemberSkills(ctx, in.GuildID, in.AskerID)
	if err != nil {
		return out, err
	}
	out.Intro = Intro{GuildID: in.GuildID, AskerID: in.AskerID, OffererID: in.OffererID, SkillID: s.ID, Status: Pending}
	for _, ms := range mine {
		if ms.Skill.ID == s.ID && Kind(ms.Kind) == Seek {
			out.Intro.Note = ms.Note
		}
	}
	if out.Intro.ID, err = tx.AddIntro(ctx, storage.Intro{GuildID: in.GuildID, AskerID: in.AskerID, OffererID: in.OffererID,
		SkillID: s.ID, Note: out.Intro.Note, Created: in.Now}); err != nil {
		return out, err
	}
	// Where the asker works is a courtesy: not finding it sends the request anyway.
	if home, err := HomeSpace(ctx, tx, in.GuildID, in.AskerID); err == nil && home != 0 {
		if sp, err := tx.Space(ctx, in.GuildID, home); err == nil {
			out.AskerSpace = sp.Name
		}
	}
	return out, nil
}

// mayAsk applies the offerer's consent and the asker's limits.
func mayAsk(ctx context.Context, tx *storage.Tx, in AskInput) error {
	p, err := tx.Profile(ctx, in.GuildID, in.OffererID)
	if err != nil {
		return err
	}
	if p.IntrosOff {
		return ErrIntrosOff
	}
	declined, err := tx.DeclinedSince(ctx, in.GuildID, in.AskerID, in.OffererID, in.Now.Add(-DeclinePause))
	if err != nil {
		return err
	}
	if declined {
		return ErrPaused
	}
	pending, err := tx.PendingIntro(ctx, in.GuildID, in.AskerID, in.OffererID)
	if err != nil {
		return err
	}
	if pending {
		return ErrPending
	}
	n, err := tx.IntrosAskedSince(ctx, in.GuildID, in.AskerID, in.Now.Add(-IntroWindow))
	if err != nil {
		return err
	}
	if n >= MaxIntrosPerDay {
		return ErrIntroLimit
	}
	return nil
}

// AnswerInput is the offerer's Accept or Decline.
type AnswerInput struct {
	IntroID int64
	UserID  string
	GuildID string // "" in a DM
	Accept  bool
	Now     time.Time
}

// Answered is an answer recorded.
type Answered struct {
	Intro Intro // with its new status
	Skill Skill
}

// Answer records the offerer's answer to a pending request; only the
// offerer answers, once.
func Answer(ctx context.Context, tx *storage.Tx, in AnswerInput) (Answered, error) {
	var out Answered
	got, err := tx.IntroByID(ctx, in.IntroID)
	if errors.Is(err, storage.ErrNotFound) {
		return out, ErrNotYours
	}
	if err != nil {
		return out, err
	}
	if got.OffererID != in.UserID || (in.GuildID != "" && in.GuildID != got.GuildID) {
		return out, ErrNotYours
	}
	if got.Status != Pending {
		return out, ErrAnswered
	}
	s, err := tx.SkillByID(ctx, got.GuildID, got.SkillID)
	if err != nil {
		return out, err
	}
	out.Intro, out.Skill = IntroOf(got), SkillOf(s)
	out.Intro.Status = Declined
	if in.Accept {
		out.Intro.Status = Accepted
	}
	return out, tx.AnswerIntro(ctx, got.ID, out.Intro.Status, in.Now)
}

// Met records one side's answer to "did you meet?"; only that side of an
// accepted introduction answers.
func Met(ctx context.Context, tx *storage.Tx, introID int64, userID string, asker, met bool) error {
	in, err := tx.IntroByID(ctx, introID)
	if errors.Is(err, storage.ErrNotFound) {
		return ErrNotYours
	}
	if err != nil {
		return err
	}
	side := in.OffererID
	if asker {
		side = in.AskerID
	}
	if side != userID || in.Status != Accepted {
		return ErrNotYours
	}
	return tx.SetMet(ctx, introID, asker, met)
}

// FollowUp is an accepted introduction whose two sides are asked whether they met.
type FollowUp struct {
	Intro Intro
	Skill Skill
}

// FollowUps are the introductions accepted at least FollowUpAge before now
// (within the storage's 30 days more; the outbox's key sends each once),
// but for those whose skill went (merged away) or one of whose sides was
// forgotten: nobody to meet.
func FollowUps(ctx context.Context, tx *storage.Tx, now time.Time) ([]FollowUp, error) {
	intros, err := tx.IntrosAcceptedBefore(ctx, now.Add(-FollowUpAge))
	if err != nil {
		return nil, err
	}
	var out []FollowUp
	for _, in := range intros {
		s, err := tx.SkillByID(ctx, in.GuildID, in.SkillID)
		if err != nil || storage.IsStandIn(in.AskerID) || storage.IsStandIn(in.OffererID) {
			continue
		}
		out = append(out, FollowUp{Intro: IntroOf(in), Skill: SkillOf(s)})
	}
	return out, nil
}
