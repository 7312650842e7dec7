package commands

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/render"
	"github.com/tierslieux/tiersbot/storage"
)

// registerFields lists the optional questions with why each is asked (for
// anyone: a person may ask what is noted about them and why); the
// coordination adds (add, purpose, choices) or removes one.
func (a *App) registerFields(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		fields []storage.RegisterField
		done   string
	)
	change := r.Opt("add") != "" || r.Opt("remove") != ""
	err := a.readOrWrite(ctx, r, change, func(tx *storage.Tx) error {
		if change {
			if _, err := requireCoordinator(ctx, tx, r); err != nil {
				return err
			}
		}
		var err error
		if r.Opt("add") != "" {
			if done, err = addRegisterField(ctx, tx, r); err != nil {
				return err
			}
		}
		if r.Opt("remove") != "" {
			f, err := registerFieldOpt(ctx, tx, r.GuildID, r.Opt("remove"))
			if err != nil {
				return err
			}
			if _, err := tx.RemoveRegisterField(ctx, r.GuildID, f.ID, r.Now); err != nil {
				return err
			}
			done = l.T("register.field_removed", Escape(f.Name))
		}
		fields, err = tx.RegisterFields(ctx, r.GuildID)
		return err
	})
	if err != nil {
		return nil, err
	}
	em := &discordgo.MessageEmbed{Title: l.T("register.fields_title"), Color: colorEvent,
		Footer: &discordgo.MessageEmbedFooter{Text: l.T("register.fields_footer")}}
	if len(fields) == 0 {
		em.Description = l.T("register.fields_none")
	}
	lines := make([]string, 0, len(fields))
	for _, f := range fields {
		answers := l.T("register.field_free")
		if len(f.Choices) > 0 {
			answers = l.T("register.field_choices", Escape(strings.Join(f.Choices, ", ")))
		}
		lines = append(lines, "• "+l.T("register.field_line", Escape(f.Name), Escape(f.Purpose))+" ("+answers+")")
	}
	var b render.Builder
	e := b.Embed(em)
	if len(lines) > 0 {
		e.Desc(lines, more(l, "fields", notAttached))
	}
	return &Response{Ephemeral: true, Message: Message{Content: done, Embeds: b.Embeds()}}, nil
}

// addRegisterField validates and adds the question of /register fields add:.
func addRegisterField(ctx context.Context, tx *storage.Tx, r *Request) (string, error) {
	l := r.Lang()
	name, n := CleanText(r.Opt("add"), false)
	if n < 2 || n > maxFieldName {
		return "", userErr("register.field_bad_name", maxFieldName)
	}
	purpose, np := CleanText(r.Opt("purpose"), false)
	switch {
	case np == 0:
		return "", userErr("register.purpose_needed")
	case np > maxFieldPurpose:
		return "", userErr("register.purpose_too_long", maxFieldPurpose)
	}
	choices, err := parseChoices(r.Opt("choices"))
	if err != nil {
		return "", err
	}
	existing, err := tx.RegisterFields(ctx, r.GuildID)
	if err != nil {
		return "", err
	}
	if len(existing) >= maxFields {
		return "", userErr("register.too_many_fields", maxFields)
	}
	_, err = tx.AddRegisterField(ctx, storage.RegisterField{GuildID: r.GuildID, Name: name, NameKey: Fold(name), Purpose: purpose, Choices: choices}, r.Now)
	if errors.Is(err, storage.ErrDuplicate) {
		return "", userErr("register.field_exists", Escape(name))
	}
	if err != nil {
		return "", err
	}
	return l.T("register.field_added", Escape(name)), nil
}

// parseChoices reads "yes, no" or "<26 | 26-54 | 55+": none (a free
// answer), or 2 to maxFieldChoices distinct answers.
func parseChoices(v string) ([]string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, nil
	}
	sep := ","
	if strings.Contains(v, "|") {
		sep = "|"
	}
	var out []string
	seen := map[string]bool{}
	for _, part := range strings.Split(v, sep) {
		c, n := CleanText(part, false)
		if n == 0 {
			continue
		}
		if n > maxChoiceLength || strings.Contains(c, "|") {
			return nil, userErr("register.bad_choices", maxFieldChoices, maxChoiceLength)
		}
		if !seen[Fold(c)] {
			seen[Fold(c)] = true
			out = append(out, c)
		}
	}
	if len(out) < 2 || len(out) > maxFieldChoices {
		return nil, userErr("register.bad_choices", maxFieldChoices, maxChoiceLength)
	}
	return out, nil
}

// completeRegisterField suggests the questions in use.
func (a *App) completeRegisterField(ctx context.Context, r *Request, typed string) ([]Choice, error) {
	var fields []storage.RegisterField
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		fields, err = tx.RegisterFields(ctx, r.GuildID)
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
	var f storage.RegisterField
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		f, err = registerFieldOpt(ctx, tx, r.GuildID, r.Opt("field"))
		return err
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
	l := r.Lang()
	var (
		entry  storage.RegisterEntry
		fields []storage.RegisterField
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if entry, err = participantFor(ctx, tx, r, requireRegisterKeeper); err != nil {
			return err
		}
		fields, err = tx.RegisterFields(ctx, r.GuildID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(fields) == 0 {
		return nil, userErr("register.fields_none")
	}
	m := &Modal{CustomID: CustomID("regans", entry.ID), Title: Truncate(l.T("register.answer_form", entry.Name), 45)}
	for _, f := range fields[:min(len(fields), 5)] {
		hint := l.T("register.answer_hint", f.Purpose)
		if len(f.Choices) > 0 {
			hint = l.T("register.answer_hint_choices", strings.Join(f.Choices, " / "), f.Purpose)
		}
		m.Fields = append(m.Fields, TextField{ID: "f" + strconv.FormatInt(f.ID, 10), Label: Truncate(f.Name, 45),
			Placeholder: Truncate(hint, 100), MaxLength: maxChoiceLength})
	}
	return &Response{Type: OpenModal, Modal: m}, nil
}

// registerAnswerSubmit saves the answers typed in the form.
func (a *App) registerAnswerSubmit(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		entry         storage.RegisterEntry
		saved, erased int
	)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		if _, err := requireRegisterKeeper(ctx, tx, r); err != nil {
			return err
		}
		var err error
		if entry, err = tx.RegisterEntry(ctx, r.GuildID, r.Params.ID("entry")); errors.Is(err, storage.ErrNotFound) {
			return userErr("register.unknown")
		} else if err != nil {
			return err
		}
		fields, err := tx.RegisterFields(ctx, r.GuildID)
		if err != nil {
			return err
		}
		for _, f := range fields {
			typed, n := CleanText(r.Fields["f"+strconv.FormatInt(f.ID, 10)], false)
			if n == 0 {
				continue // left blank: unchanged
			}
			value := ""
			if typed != "-" && typed != "—" {
				if value, err = fieldValue(f, typed, n); err != nil {
					return err
				}
			}
			if err := tx.SetRegisterValue(ctx, entry.ID, f.ID, value); err != nil {
				return err
			}
			if value == "" {
				erased++
			} else {
				saved++
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.T("register.answers_saved", Escape(entry.Name), saved, erased)), nil
}
