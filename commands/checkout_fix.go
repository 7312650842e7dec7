package commands

import (
	"context"
	"errors"

	"github.com/tierslieux/tiersbot/commands/hours"
	"github.com/tierslieux/tiersbot/commands/presence"
	"github.com/tierslieux/tiersbot/storage"
)

// An automatic check-out is a guess: the member gets a DM "I checked you out
// at 18:30 — left earlier?" with a button opening a one-field form, "I left
// at…", that corrects the check-out. Both are used in DMs, where no guild
// comes with the interaction: the custom id carries the network, and the
// visit is loaded and checked against the clicker.
const fixVerb = "outfix"

func (a *App) checkoutFixRoutes() {
	// Owner: the visit is loaded and checked against the clicker.
	a.button(fixVerb+":{guild:word}:{visit:id}", Owner, a.checkoutFixOpen, inDMs, opensForm)
	a.form(fixVerb+":{guild:word}:{visit:id}", Owner, a.checkoutFixSubmit, inDMs)
}

// memberLang is the language a member's DMs are written in: their Discord
// locale as last seen, or the network's language.
func memberLang(ctx context.Context, tx *storage.Tx, guildID, userID string) (Lang, error) {
	m, err := tx.Member(ctx, guildID, userID)
	if err == nil && m.Locale != "" {
		return LangOf(m.Locale), nil
	}
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return EN, err
	}
	g, err := tx.Guild(ctx, guildID)
	return Lang(g.Lang), err
}

// autoOutDM asks the member whether they left before the automatic check-out.
func autoOutDM(l Lang, o presence.AutoOut) Message {
	return Message{
		Content:    l.T("checkout.auto_dm", place(Escape(o.Space.Name)), tsTime(o.Out)),
		Components: []Row{{Button(Secondary, l.T("btn.left_at"), CustomID(fixVerb, o.Checkin.GuildID, o.Checkin.ID))}},
	}
}

// checkoutFixOpen opens the form, once the visit is the clicker's and still
// automatic (a second click after correcting says so instead).
func (a *App) checkoutFixOpen(ctx context.Context, r *Request) (*Response, error) {
	guildID, id := r.Params.Str("guild"), r.Params.ID("visit")
	var c storage.Checkin
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		c, err = tx.CheckinByID(ctx, guildID, id)
		if errors.Is(err, storage.ErrNotFound) {
			return userErr("error.bad_button")
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := fixRefusal(presence.Check(c, r.User.ID, c.OutAt)); err != nil {
		return nil, err
	}
	return &Response{Type: OpenModal, Modal: fixModal(r.Lang(), r.CustomID)}, nil
}

func fixModal(l Lang, customID string) *Modal {
	return &Modal{CustomID: customID, Title: Truncate(l.T("checkout.fix_title"), 45), Fields: []TextField{
		{ID: "left", Label: Truncate(l.T("checkout.fix_label"), 45), Placeholder: l.T("checkout.fix_placeholder"), Required: true, MaxLength: 8},
	}}
}

// checkoutFixSubmit corrects the check-out to the time typed.
func (a *App) checkoutFixSubmit(ctx context.Context, r *Request) (*Response, error) {
	guildID, id := r.Params.Str("guild"), r.Params.ID("visit")
	clock, ok := hours.Clock(r.Fields["left"])
	if !ok {
		return nil, &UserError{Key: "checkout.fix_bad_time", Field: "left"}
	}
	var x presence.Fixed
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		x, err = presence.Correct(ctx, tx, presence.Fix{GuildID: guildID, UserID: r.User.ID, CheckinID: id, Clock: clock}, location)
		if errors.Is(err, storage.ErrNotFound) {
			return userErr("error.bad_button")
		}
		return fixRefusal(err)
	})
	if err != nil {
		return nil, err
	}
	l := r.Lang()
	return &Response{Type: Update, Message: Message{Content: l.T("checkout.fixed", Escape(x.Space.Name), tsTime(x.Left), l.Stay(x.Stay))}}, nil
}

// fixRefusal turns presence's refusals into what the member reads; other
// errors pass through.
func fixRefusal(err error) error {
	switch {
	case errors.Is(err, presence.ErrNotYours):
		return userErr("error.bad_button")
	case errors.Is(err, presence.ErrNotAutomatic):
		return userErr("checkout.fix_done")
	case errors.Is(err, presence.ErrBeforeIn):
		return userErr("checkout.fix_before")
	case errors.Is(err, presence.ErrAfterAuto):
		return userErr("checkout.fix_after")
	}
	return err
}

// autoOutsNote flags, beside a member's stays, those the bot guessed.
func autoOutsNote(l Lang, n int) string {
	if n == 0 {
		return ""
	}
	return " (" + l.N("mine.auto_outs", n) + ")"
}
