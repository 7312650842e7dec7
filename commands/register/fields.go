package register

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tierslieux/tiersbot/commands/plaintext"
	"github.com/tierslieux/tiersbot/storage"
)

// The optional questions the coordination asks for the funders, each with
// why it is asked (read to the person), and their answers.

// Fields lists the questions in use.
func Fields(ctx context.Context, tx *storage.Tx, guildID string) ([]Field, error) {
	fields, err := tx.RegisterFields(ctx, guildID)
	if err != nil {
		return nil, fmt.Errorf("register fields: %w", err)
	}
	return fields, nil
}

// FindField loads the question an option names: its id, or its name in
// any case or accents (FieldUnknown otherwise).
func FindField(ctx context.Context, tx *storage.Tx, guildID, typed string) (Field, error) {
	fields, err := Fields(ctx, tx, guildID)
	if err != nil {
		return Field{}, err
	}
	for _, f := range fields {
		if strconv.FormatInt(f.ID, 10) == strings.TrimSpace(typed) || f.NameKey == plaintext.Fold(typed) {
			return f, nil
		}
	}
	return Field{}, refuse(FieldUnknown)
}

// ParseChoices reads "yes, no" or "<26 | 26-54 | 55+" (a "|" anywhere
// separates by "|"): none (a free answer), or 2 to MaxFieldChoices
// distinct answers of at most MaxChoiceLength.
func ParseChoices(v string) ([]string, error) {
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
		c, n := plaintext.Clean(part, false)
		if n == 0 {
			continue
		}
		if n > MaxChoiceLength {
			return nil, refuse(BadChoices)
		}
		if !seen[plaintext.Fold(c)] {
			seen[plaintext.Fold(c)] = true
			out = append(out, c)
		}
	}
	if len(out) < 2 || len(out) > MaxFieldChoices {
		return nil, refuse(BadChoices)
	}
	return out, nil
}

// NewField is a question as the coordination typed it.
type NewField struct {
	GuildID                string
	Name, Purpose, Choices string
	Now                    time.Time
}

// AddField validates and adds a question: a name of 2 to MaxFieldName
// characters, why it is asked, its answers (ParseChoices), unique by name,
// MaxFields at most.
func AddField(ctx context.Context, tx *storage.Tx, in NewField) (Field, error) {
	name, n := plaintext.Clean(in.Name, false)
	if n < 2 || n > MaxFieldName {
		return Field{}, refuse(FieldBadName)
	}
	purpose, np := plaintext.Clean(in.Purpose, false)
	if np == 0 {
		return Field{}, refuse(PurposeNeeded)
	}
	if np > MaxFieldPurpose {
		return Field{}, refuse(PurposeTooLong)
	}
	choices, err := ParseChoices(in.Choices)
	if err != nil {
		return Field{}, err
	}
	existing, err := Fields(ctx, tx, in.GuildID)
	if err != nil {
		return Field{}, err
	}
	if len(existing) >= MaxFields {
		return Field{}, refuse(TooManyFields)
	}
	f, err := tx.AddRegisterField(ctx, Field{GuildID: in.GuildID, Name: name, NameKey: plaintext.Fold(name), Purpose: purpose, Choices: choices}, in.Now)
	if errors.Is(err, storage.ErrDuplicate) {
		return Field{}, &Refusal{Reason: FieldExists, Name: name}
	}
	return f, err
}

// RemoveField removes the question an option names, and its answers.
func RemoveField(ctx context.Context, tx *storage.Tx, guildID, typed string, now time.Time) (Field, error) {
	f, err := FindField(ctx, tx, guildID, typed)
	if err != nil {
		return f, err
	}
	_, err = tx.RemoveRegisterField(ctx, guildID, f.ID, now)
	return f, err
}

// erases: "-" or "—" typed as an answer deletes it.
func erases(v string) bool { return v == "-" || v == "—" }

// Value checks an answer typed for a question: "" when it deletes the
// answer (blank, "-" or "—"); one of the question's choices in its own
// spelling (any case or accents typed); or a free text of at most
// MaxChoiceLength.
func Value(f Field, typed string) (string, error) {
	v, n := plaintext.Clean(typed, false)
	if v == "" || erases(v) {
		return "", nil
	}
	if len(f.Choices) == 0 {
		if n > MaxChoiceLength {
			return "", refuse(ValueTooLong)
		}
		return v, nil
	}
	for _, c := range f.Choices {
		if plaintext.Fold(c) == plaintext.Fold(v) {
			return c, nil
		}
	}
	return "", &Refusal{Reason: NotAChoice, Choices: f.Choices}
}

// OneOrForm reads /register answer's field and value options: neither
// opens the form of all the questions, both answer one, one alone is
// refused (AnswerHow).
func OneOrForm(field, value string) (form bool, err error) {
	if field == "" && value == "" {
		return true, nil
	}
	if field == "" || value == "" {
		return false, refuse(AnswerHow)
	}
	return false, nil
}

// Answered is one answer recorded (Value "" when deleted).
type Answered struct {
	Field Field
	Value string
}

// Answer records the entry's answer to the question an option names.
func Answer(ctx context.Context, tx *storage.Tx, entry Entry, field, value string) (Answered, error) {
	f, err := FindField(ctx, tx, entry.GuildID, field)
	if err != nil {
		return Answered{}, err
	}
	v, err := Value(f, value)
	if err != nil {
		return Answered{}, err
	}
	return Answered{Field: f, Value: v}, tx.SetRegisterValue(ctx, entry.ID, f.ID, v)
}

// FormFor is the questions the answers form asks for the entry (NoFields
// when there is none).
func FormFor(ctx context.Context, tx *storage.Tx, entry Entry) ([]Field, error) {
	fields, err := Fields(ctx, tx, entry.GuildID)
	if err == nil && len(fields) == 0 {
		err = refuse(NoFields)
	}
	return fields, err
}

// Saved is what the answers form did.
type Saved struct {
	Entry         Entry
	Saved, Erased int
}

// SaveAnswers records the answers typed in the form, by question id: a
// blank keeps the answer, "-" deletes it, any other is checked (Value).
func SaveAnswers(ctx context.Context, tx *storage.Tx, guildID string, entryID int64, typed map[int64]string) (Saved, error) {
	var out Saved
	entry, err := byID(ctx, tx, guildID, entryID)
	if err != nil {
		return out, err
	}
	out.Entry = entry
	fields, err := Fields(ctx, tx, guildID)
	if err != nil {
		return out, err
	}
	for _, f := range fields {
		if v, _ := plaintext.Clean(typed[f.ID], false); v == "" {
			continue // left blank: unchanged
		}
		value, err := Value(f, typed[f.ID])
		if ref := (*Refusal)(nil); errors.As(err, &ref) {
			ref.Field = f.ID
		}
		if err != nil {
			return out, err
		}
		if err := tx.SetRegisterValue(ctx, entry.ID, f.ID, value); err != nil {
			return out, err
		}
		if value == "" {
			out.Erased++
		} else {
			out.Saved++
		}
	}
	return out, nil
}
