package project

import (
	"context"
	"errors"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Refusals of the services.
var (
	ErrOwnProject    = errors.New("the holder offers help to themself")
	ErrAlreadyMember = errors.New("already a member")
	ErrOfferPending  = errors.New("an offer is already waiting")
	ErrOfferPaused   = errors.New("declined recently")
	ErrAnswered      = errors.New("offer already answered")
	ErrNotHolder     = errors.New("only the holder answers")
	ErrHolderClosed  = errors.New("the holder takes no requests")
	ErrOfferLimit    = errors.New("too many offers today")
)

// MaxOffersPerDay: a member offers help to at most this many projects a day,
// as for introduction requests.
const MaxOffersPerDay = 5

// DeclinePause: after a "no", the same helper may not offer again for this
// long, as for introductions.
const DeclinePause = 30 * 24 * time.Hour

// CreateInput is a new project as the holder typed it (text already cleaned).
type CreateInput struct {
	GuildID  string
	SpaceID  int64
	HolderID string
	Title    string
	TitleKey string // folded, for search
	Pitch    string
	Needs    string
	Now      time.Time
}

// Create records a project at the idea stage with the skills it seeks
// (known skills keep their spelling; new ones are added to the exchange).
func Create(ctx context.Context, tx *storage.Tx, in CreateInput) (storage.Project, error) {
	needs, err := ParseNeeds(in.Needs)
	if err != nil {
		return storage.Project{}, err
	}
	p, err := tx.AddProject(ctx, storage.Project{GuildID: in.GuildID, SpaceID: in.SpaceID, HolderID: in.HolderID,
		Title: in.Title, TitleKey: in.TitleKey, Pitch: in.Pitch, Needs: in.Needs}, in.Now)
	if err != nil {
		return p, err
	}
	return p, setSkills(ctx, tx, p, needs, in.Now)
}

// EditInput is a project's new text.
type EditInput struct {
	Project                storage.Project
	Actor                  Actor
	Title, TitleKey, Pitch string
	Needs                  string
	Now                    time.Time
}

// Edit changes a project's title, pitch and sought skills.
func Edit(ctx context.Context, tx *storage.Tx, in EditInput) (storage.Project, error) {
	p := in.Project
	if err := CanManage(p, in.Actor); err != nil {
		return p, err
	}
	needs, err := ParseNeeds(in.Needs)
	if err != nil {
		return p, err
	}
	p.Title, p.TitleKey, p.Pitch, p.Needs = in.Title, in.TitleKey, in.Pitch, in.Needs
	if err := tx.UpdateProject(ctx, p); err != nil {
		return p, err
	}
	return p, setSkills(ctx, tx, p, needs, in.Now)
}

func setSkills(ctx context.Context, tx *storage.Tx, p storage.Project, needs []Need, now time.Time) error {
	var ids []int64
	for _, n := range needs {
		s, err := tx.EnsureSkill(ctx, p.GuildID, n.Key, n.Display, now)
		if err != nil {
			return err
		}
		ids = append(ids, s.ID)
	}
	return tx.SetProjectSkills(ctx, p.ID, ids)
}

// StageChanged is a stage change done: who follows the project hears of it.
type StageChanged struct {
	Project   storage.Project // at its new stage
	From      string
	Followers []string
}

// ChangeStage moves a project to another stage, dated.
func ChangeStage(ctx context.Context, tx *storage.Tx, p storage.Project, to string, a Actor, now time.Time) (StageChanged, error) {
	if err := CanManage(p, a); err != nil {
		return StageChanged{}, err
	}
	if err := CheckStage(p.Stage, to); err != nil {
		return StageChanged{}, err
	}
	if err := tx.SetProjectStage(ctx, p, to, a.UserID, now); err != nil {
		return StageChanged{}, err
	}
	out := StageChanged{From: p.Stage}
	p.Stage, p.StageAt = to, now
	out.Project = p
	followers, err := tx.ProjectPeople(ctx, p.ID, storage.RoleFollower)
	for _, f := range followers {
		if f.UserID != a.UserID {
			out.Followers = append(out.Followers, f.UserID)
		}
	}
	return out, err
}

// OfferHelp records an "I can help" for the holder to answer.
func OfferHelp(ctx context.Context, tx *storage.Tx, p storage.Project, helperID string, now time.Time) (int64, error) {
	switch {
	case !Open(p):
		return 0, ErrClosed
	case p.HolderID == helperID:
		return 0, ErrOwnProject
	}
	if member, err := tx.HasProjectRole(ctx, p.ID, helperID, storage.RoleMember); err != nil || member {
		if err == nil {
			err = ErrAlreadyMember
		}
		return 0, err
	}
	if prof, err := tx.Profile(ctx, p.GuildID, p.HolderID); err != nil || prof.IntrosOff {
		if err == nil {
			err = ErrHolderClosed // /settings introductions:false covers these requests too
		}
		return 0, err
	}
	if n, err := tx.ProjectOffersSince(ctx, p.GuildID, helperID, now.Add(-24*time.Hour)); err != nil || n >= MaxOffersPerDay {
		if err == nil {
			err = ErrOfferLimit
		}
		return 0, err
	}
	last, err := tx.LastProjectOffer(ctx, p.ID, helperID)
	switch {
	case errors.Is(err, storage.ErrNotFound):
	case err != nil:
		return 0, err
	case last.Status == "pending":
		return 0, ErrOfferPending
	case last.Status == "declined" && now.Sub(last.Created) < DeclinePause:
		return 0, ErrOfferPaused
	}
	return tx.AddProjectOffer(ctx, storage.ProjectOffer{ProjectID: p.ID, GuildID: p.GuildID, HelperID: helperID, Created: now})
}

// Answered is the holder's answer to an offer.
type Answered struct {
	Offer   storage.ProjectOffer
	Project storage.Project
}

// AnswerOffer records the holder's accept or decline; accepting makes the
// helper a member of the project.
func AnswerOffer(ctx context.Context, tx *storage.Tx, offerID int64, by string, accept bool, now time.Time) (Answered, error) {
	o, err := tx.ProjectOffer(ctx, offerID)
	if err != nil {
		return Answered{}, err
	}
	p, err := tx.Project(ctx, o.GuildID, o.ProjectID)
	if err != nil {
		return Answered{}, err
	}
	if p.HolderID != by {
		return Answered{}, ErrNotHolder
	}
	if o.Status != "pending" {
		return Answered{}, ErrAnswered
	}
	o.Status = "declined"
	if accept {
		o.Status = "accepted"
	}
	if err := tx.AnswerProjectOffer(ctx, o.ID, o.Status, now); err != nil {
		return Answered{}, err
	}
	if accept {
		if _, err := tx.AddProjectPerson(ctx, p, o.HelperID, storage.RoleMember, now); err != nil {
			return Answered{}, err
		}
	}
	return Answered{Offer: o, Project: p}, nil
}

// AddNote records what an animator did for a project on a day, and that
// they accompany it.
func AddNote(ctx context.Context, tx *storage.Tx, p storage.Project, a Actor, note string, day, now time.Time) error {
	if !a.Animator {
		return ErrNotManager
	}
	if _, err := tx.AddProjectPerson(ctx, p, a.UserID, storage.RoleAnimator, now); err != nil {
		return err
	}
	return tx.AddProjectNote(ctx, p, a.UserID, note, day, now)
}

// Suggestion is a sought skill with the members who offer it.
type Suggestion struct {
	Skill    storage.Skill
	Offerers []storage.MemberSkill
	InTeam   bool // the holder or a member offers it
}

// Suggestions lists, for each skill a project seeks, who offers it
// (neither the holder nor its members), most recently active first.
func Suggestions(ctx context.Context, tx *storage.Tx, p storage.Project) ([]Suggestion, error) {
	skills, err := tx.ProjectSkills(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	members, err := tx.ProjectPeople(ctx, p.ID, storage.RoleMember)
	if err != nil {
		return nil, err
	}
	skip := map[string]bool{p.HolderID: true}
	for _, m := range members {
		skip[m.UserID] = true
	}
	var out []Suggestion
	for _, s := range skills {
		holders, err := tx.SkillHolders(ctx, p.GuildID, s.ID, storage.Offer)
		if err != nil {
			return nil, err
		}
		sg := Suggestion{Skill: s}
		for _, h := range holders {
			if skip[h.UserID] {
				sg.InTeam = true
				continue
			}
			sg.Offerers = append(sg.Offerers, h)
		}
		out = append(out, sg)
	}
	return out, nil
}
