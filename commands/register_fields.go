package commands

import (
	"context"
	"strconv"
	"strings"

	"github.com/tierslieux/tiersbot/commands/register"
	"github.com/tierslieux/tiersbot/storage"
)

// registerFields lists the optional questions with why each is asked (for
// anyone: a person may ask what is noted about them and why); the
// coordination adds (add, purpose, choices) or removes one.
func (a *App) registerFields(ctx context.Context, r *Request) (*Response, error) {
	var (
		fields         []register.Field
		added, removed *register.Field
	)
	change := r.Opt("add") != "" || r.Opt("remove") != ""
	err := a.readOrWrite(ctx, r, change, func(tx *storage.Tx) error {
		if change {
			if _, err := requireCoordinator(ctx, tx, r); err != nil {
				return err
			}
		}
		if r.Opt("add") != "" {
			f, err := register.AddField(ctx, tx, register.NewField{GuildID: r.GuildID, Name: r.Opt("add"),
				Purpose: r.Opt("purpose"), Choices: r.Opt("choices"), Now: r.Now})
			if err != nil {
				return registerRefusal(err)
			}
			added = &f
		}
		if r.Opt("remove") != "" {
			f, err := register.RemoveField(ctx, tx, r.GuildID, r.Opt("remove"), r.Now)
			if err != nil {
				return registerRefusal(err)
			}
			removed = &f
		}
		var err error
		fields, err = register.Fields(ctx, tx, r.GuildID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return registerFieldsReply(r.Lang(), fields, added, removed), nil
}

// completeRegisterField suggests the questions in use.
func (a *App) completeRegisterField(ctx context.Context, r *Request, typed string) ([]Choice, error) {
	var fields []register.Field
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		fields, err = register.Fields(ctx, tx, r.GuildID)
		return err
	})
	var out []Choice
	for _, f := range fields {
		if strings.Contains(f.NameKey, Fold(typed)) {
			out = append(out, Choice{Name: f.Name + " — " + f.Purpose, Value: strconv.FormatInt(f.ID, 10)})
		}
	}
	return out, err
}

// completeRegisterValue suggests the chosen field's answers, and "—" to
// delete one.
func (a *App) completeRegisterValue(ctx context.Context, r *Request, typed string) ([]Choice, error) {
	var f register.Field
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		f, err = register.FindField(ctx, tx, r.GuildID, r.Opt("field"))
		return registerRefusal(err)
	})
	if err != nil {
		return nil, err
	}
	var out []Choice
	for _, c := range f.Choices {
		if strings.Contains(Fold(c), Fold(typed)) {
			out = append(out, Choice{Name: c, Value: c})
		}
	}
	return append(out, Choice{Name: "—", Value: "-"}), nil
}

// registerAnswerForm opens the optional questions as a form (the first five):
// each labelled with its name and showing why it is asked. The fields are
// blank, never prefilled: an animator does not read back a person's
// answers. Empty keeps an answer, "-" deletes it.
func (a *App) registerAnswerForm(ctx context.Context, r *Request) (*Response, error) {
	var (
		entry  register.Entry
		fields []register.Field
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if entry, err = participantFor(ctx, tx, r, requireRegisterKeeper); err != nil {
			return err
		}
		fields, err = register.FormFor(ctx, tx, entry)
		return registerRefusal(err)
	})
	if err != nil {
		return nil, err
	}
	return registerAnswerModal(r.Lang(), entry, fields), nil
}

// registerAnswerSubmit saves the answers typed in the form (field "f12":
// the answer to question 12).
func (a *App) registerAnswerSubmit(ctx context.Context, r *Request) (*Response, error) {
	typed := map[int64]string{}
	for k, v := range r.Fields {
		if id, err := strconv.ParseInt(strings.TrimPrefix(k, "f"), 10, 64); err == nil && strings.HasPrefix(k, "f") {
			typed[id] = v
		}
	}
	var got register.Saved
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		if _, err := requireRegisterKeeper(ctx, tx, r); err != nil {
			return err
		}
		var err error
		got, err = register.SaveAnswers(ctx, tx, r.GuildID, r.Params.ID("entry"), typed)
		return registerRefusal(err)
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(r.Lang().T("register.answers_saved", Escape(got.Entry.Name), got.Saved, got.Erased)), nil
}

// registerAnswerRefill reopens a refused answers form with what was typed
// (the questions as they are now), the refused question marked.
func (a *App) registerAnswerRefill(ctx context.Context, r *Request, f formFix) (*Modal, error) {
	_, id, _ := strings.Cut(f.CustomID, ":")
	var res *Response
	err := a.read(ctx, func(tx *storage.Tx) error {
		if _, err := requireRegisterKeeper(ctx, tx, r); err != nil {
			return err
		}
		entry, err := register.Find(ctx, tx, r.GuildID, "p"+id)
		if err != nil {
			return registerRefusal(err)
		}
		fields, err := register.FormFor(ctx, tx, entry)
		if err != nil {
			return registerRefusal(err)
		}
		res = registerAnswerModal(r.Lang(), entry, fields)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return markField(r.Lang(), refilled(res.Modal, f.Fields), f.Bad), nil
}
