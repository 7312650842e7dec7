package commands

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tierslieux/tiersbot/commands/project"
	"github.com/tierslieux/tiersbot/storage"
)

// projectHelpClick is "I can help" on a card: the holder is asked by DM,
// with Accept / Decline. Nobody is pinged and nothing is shared before
// they accept, as for introductions.
func (a *App) projectHelpClick(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var p storage.Project
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if p, err = loadProject(ctx, tx, r.GuildID, r.Params.Str("project"), true); err != nil {
			return err
		}
		if p.HolderID == "" {
			return userErr("project.closed")
		}
		if _, err := tx.TouchMember(ctx, r.GuildID, r.User.ID, r.User.Name, r.Locale, r.Now); err != nil {
			return err
		}
		id, err := project.OfferHelp(ctx, tx, p, r.User.ID, r.Now)
		if err != nil {
			return projectRefusal(err)
		}
		// What the helper published that the project seeks, to help the holder decide.
		sought, err := tx.ProjectSkills(ctx, p.ID)
		if err != nil {
			return err
		}
		mine, err := tx.MemberSkills(ctx, r.GuildID, r.User.ID)
		if err != nil {
			return err
		}
		var match []string
		for _, s := range sought {
			for _, ms := range mine {
				if ms.Skill.ID == s.ID && ms.Kind == storage.Offer {
					match = append(match, Escape(s.Display))
				}
			}
		}
		hl := a.memberLang(ctx, tx, r.GuildID, p.HolderID)
		text := hl.T("project.help_request", Escape(r.User.Name), Escape(p.Title))
		if len(match) > 0 {
			text += "\n" + hl.T("project.help_offers", strings.Join(match, ", "))
		}
		text += "\n" + hl.T("project.help_consent")
		m := Message{Content: text, Components: []Row{{
			Button(Success, hl.T("btn.accept"), CustomID("prjok", id)),
			Button(Secondary, hl.T("btn.decline"), CustomID("prjno", id)),
		}}}
		return projectDM(ctx, tx, r.Now, r.GuildID, p.HolderID, m, fmt.Sprintf("project-help:%d", id), r.User.ID)
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.T("project.help_sent", Escape(p.Title))), nil
}

// projectOfferAnswer is the holder's Accept or Decline, clicked in a DM.
func (a *App) projectOfferAnswer(ctx context.Context, r *Request, accept bool) (*Response, error) {
	l := r.Lang()
	id := r.Params.ID("offer")
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		ans, err := project.AnswerOffer(ctx, tx, id, r.User.ID, accept, r.Now)
		if errors.Is(err, storage.ErrNotFound) {
			return userErr("error.bad_button")
		} else if err != nil {
			return projectRefusal(err)
		}
		if r.GuildID != "" && r.GuildID != ans.Offer.GuildID {
			return userErr("error.bad_button")
		}
		return a.tellOfferAnswer(ctx, tx, r.Now, ans, accept)
	})
	if err != nil {
		return nil, err
	}
	if accept {
		return &Response{Type: Update, Message: Message{Content: l.T("project.help_thanks_accept")}}, nil
	}
	return &Response{Type: Update, Message: Message{Content: l.T("project.help_thanks_decline")}}, nil
}

// tellOfferAnswer: on decline the helper is told kindly and nothing more;
// on accept both are introduced (they alone are pinged) and the cards count
// one more member.
func (a *App) tellOfferAnswer(ctx context.Context, tx *storage.Tx, now time.Time, ans project.Answered, accept bool) error {
	o, p := ans.Offer, ans.Project
	hl := a.memberLang(ctx, tx, o.GuildID, o.HelperID)
	if !accept {
		m := Message{Content: hl.T("project.help_declined", Escape(p.Title))}
		return projectDM(ctx, tx, now, o.GuildID, o.HelperID, m, fmt.Sprintf("project-help-answer:%d", o.ID))
	}
	both := []string{o.HelperID, p.HolderID}
	m := Message{Content: hl.T("project.help_accepted_helper", mentionUser(p.HolderID), Escape(p.Title)), PingUsers: both}
	if err := projectDM(ctx, tx, now, o.GuildID, o.HelperID, m, fmt.Sprintf("project-help-answer:%d", o.ID), p.HolderID); err != nil {
		return err
	}
	ol := a.memberLang(ctx, tx, o.GuildID, p.HolderID)
	m = Message{Content: ol.T("project.help_accepted_holder", mentionUser(o.HelperID), Escape(p.Title)), PingUsers: both}
	if err := projectDM(ctx, tx, now, o.GuildID, p.HolderID, m, fmt.Sprintf("project-help-answer-holder:%d", o.ID), o.HelperID); err != nil {
		return err
	}
	return a.refreshProjectCards(ctx, tx, now, p)
}
