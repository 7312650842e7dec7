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

func init() {
	// Its own table, beside the others (see catalogs).
	catalogs = append(catalogs, checkoutFixMessages)
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

var checkoutFixMessages = map[string]msg{
	"mine.auto_outs.one":       {"dont %d départ noté à la fermeture", "%d checked out at closing time"},
	"mine.auto_outs.other":     {"dont %d départs notés à la fermeture", "%d checked out at closing time"},
	"checkout.auto_dm":         {"🕕 Je t'ai noté·e parti·e de **%s** à %s, l'heure de fermeture. Tu es parti·e plus tôt ? Dis-moi quand : la durée de ton passage sera juste.", "🕕 I checked you out of **%s** at %s, closing time. Left earlier? Tell me when, so your stay is right."},
	"btn.left_at":              {"Je suis parti·e à…", "I left at…"},
	"checkout.fix_title":       {"Heure de départ", "When you left"},
	"checkout.fix_label":       {"Je suis parti·e à", "I left at"},
	"checkout.fix_placeholder": {"17h30", "5:30pm"},
	"checkout.fix_bad_time":    {"Je ne comprends pas cette heure. Écris-la comme `17h30`, `17:30` ou `5:30pm`.", "I can't read that time. Write it like `17:30`, `5:30pm` or `17h30`."},
	"checkout.fix_before":      {"Cette heure est avant ton arrivée : donne l'heure à laquelle tu es parti·e.", "That is before you checked in: give the time you left."},
	"checkout.fix_after":       {"Cette heure est après la fermeture, où je t'ai déjà noté·e parti·e : rien à corriger.", "That is after closing time, when I already checked you out: nothing to correct."},
	"checkout.fix_done":        {"Ce départ est déjà corrigé.", "This check-out is already corrected."},
	"checkout.fixed":           {"✅ Corrigé : départ de **%s** à %s, après %s sur place.", "✅ Corrected: you left **%s** at %s, after %s there."},
}
