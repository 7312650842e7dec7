// Package register holds the rules of the participant register (feuilles
// d'émargement, ESF+ participants): who may keep it, which entry a typed
// name or reference means and when homonyms need their town, the walk-ins
// form's lines and limits, recording presences (a walk-in who had answered
// the event is marked as came on the answer), the optional questions and
// their answers, linking an entry to a member, the RGPD copy and erasure.
// It works on a storage transaction and typed input and returns typed
// results with typed refusals; it knows nothing of languages, messages or
// Discord, so the handlers in commands decide here and render there.
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

// Limits of the register.
const (
	MaxName    = 100
	MaxTown    = 60
	MaxContact = 100
	// MaxLines: names in one walk-ins form.
	MaxLines = 200
	// MaxText is Discord's limit for a form's paragraph.
	MaxText = 4000
	// MaxAnonymous: walk-ins counted without names at one event.
	MaxAnonymous = 5000
	// MaxFieldName: a question's name is a form's label.
	MaxFieldName    = 45
	MaxFieldPurpose = 200
	MaxFieldChoices = 10
	MaxChoiceLength = 40
	MaxFields       = 10
	// ClaimValidity: how long a member's claim code may be confirmed.
	ClaimValidity = 7 * 24 * time.Hour
)

// Entry is a person in the register, as storage keeps it.
type Entry = storage.RegisterEntry

// Field is an optional question, as storage keeps it.
type Field = storage.RegisterField

// Reason is why a register action was refused.
type Reason int

const (
	NotKeeper       Reason = iota + 1 // neither an animator of some space nor the coordination
	Unknown                           // no such entry (or a name shared by several)
	NameNeeded                        // a new entry's name under 2 characters
	LineNoName                        // a walk-ins line with a town and no name (Line)
	NameTooLong                       // over MaxName (Line)
	TownTooLong                       // over MaxTown (Line)
	ContactTooLong                    // over MaxContact
	TooManyLines                      // over MaxLines names
	BadAnonymous                      // not a whole number from 0 to MaxAnonymous
	EventAndSpace                     // a presence at an event and at a space at once
	DayWithoutSpace                   // a day given with no space
	FutureDay                         // a presence on a day to come
	Homonyms                          // several entries of the name: the town tells them apart (Name, Count)
	AnswerHow                         // a question without an answer, or the reverse
	ValueTooLong                      // a free answer over MaxChoiceLength
	NotAChoice                        // not one of the question's answers (Choices)
	FieldUnknown                      // no such question
	FieldBadName                      // a question's name of 2 to MaxFieldName characters
	PurposeNeeded                     // a question needs why it is asked
	PurposeTooLong                    // over MaxFieldPurpose
	BadChoices                        // 2 to MaxFieldChoices answers of MaxChoiceLength, without "|"
	TooManyFields                     // MaxFields questions already
	FieldExists                       // a question of that name exists (Name)
	NoFields                          // no question to answer
	LinkHow                           // a member or a code, exactly one
	BadCode                           // no such claim code, or expired, or used
)

// Refusal is a refused action: its reason and what the wording needs.
type Refusal struct {
	Reason  Reason
	Line    int      // the walk-ins line concerned, from 1
	Name    string   // the name concerned
	Count   int      // homonyms: how many
	Choices []string // the answers a question accepts
	Field   int64    // the question concerned, in a form of several
}

func (r *Refusal) Error() string {
	return fmt.Sprintf("register: refused (%d) line %d %q %d %q", r.Reason, r.Line, r.Name, r.Count, r.Choices)
}

func refuse(r Reason) error { return &Refusal{Reason: r} }

// ReasonOf is the reason of a refusal, 0 for any other error or none.
func ReasonOf(err error) Reason {
	var ref *Refusal
	if errors.As(err, &ref) {
		return ref.Reason
	}
	return 0
}

// Actor is who asks, as the handler read them.
type Actor struct {
	UserID string
	Roles  []string
	// Coordinator: the network's coordination (Manage Server, Administrator
	// or the coordinator role), as the handler's access check decided.
	Coordinator bool
}

// MayKeep: the register is the network's, kept by the animators of any
// space (a person goes from one space to another) and the coordination.
func MayKeep(ctx context.Context, tx *storage.Tx, guildID string, a Actor) (bool, error) {
	if a.Coordinator {
		return true, nil
	}
	ok, err := tx.AnimatesAny(ctx, guildID, a.Roles)
	if err != nil {
		return false, fmt.Errorf("register keeper: %w", err)
	}
	return ok, nil
}

// RequireKeeper refuses (NotKeeper) whoever may not keep the register.
func RequireKeeper(ctx context.Context, tx *storage.Tx, guildID string, a Actor) error {
	ok, err := MayKeep(ctx, tx, guildID, a)
	if err == nil && !ok {
		err = refuse(NotKeeper)
	}
	return err
}

// Ref is how autocomplete names an entry ("p12").
func Ref(id int64) string { return "p" + strconv.FormatInt(id, 10) }

// IsRef tells a value autocomplete sent back ("p12") from a name.
func IsRef(v string) bool {
	_, err := strconv.ParseInt(strings.TrimPrefix(v, "p"), 10, 64)
	return strings.HasPrefix(v, "p") && err == nil
}

// Find loads the entry an option names: the reference autocomplete sent
// back, or a name typed that matches exactly one entry (Unknown otherwise).
func Find(ctx context.Context, tx *storage.Tx, guildID, typed string) (Entry, error) {
	v := strings.TrimSpace(typed)
	if IsRef(v) {
		id, _ := strconv.ParseInt(v[1:], 10, 64)
		return byID(ctx, tx, guildID, id)
	}
	same, err := tx.RegisterByName(ctx, guildID, plaintext.Fold(v))
	if err != nil {
		return Entry{}, fmt.Errorf("register entry by name: %w", err)
	}
	if len(same) != 1 {
		return Entry{}, refuse(Unknown)
	}
	return same[0], nil
}

func byID(ctx context.Context, tx *storage.Tx, guildID string, id int64) (Entry, error) {
	e, err := tx.RegisterEntry(ctx, guildID, id)
	if errors.Is(err, storage.ErrNotFound) {
		return e, refuse(Unknown)
	}
	return e, err
}

// LineOf writes an entry as the walk-ins form shows it: "Name" or "Name, Town".
func LineOf(e Entry) string {
	if e.Town == "" {
		return e.Name
	}
	return e.Name + ", " + e.Town
}

// Search lists the entries whose name holds what is typed, at most limit.
func Search(ctx context.Context, tx *storage.Tx, guildID, typed string, limit int) ([]Entry, error) {
	return tx.SearchRegister(ctx, guildID, plaintext.Fold(typed), limit)
}

// Suggestion is what a new entry's name typed in autocomplete may be
// offered as: ok when it could become an entry (not a reference).
func Suggestion(typed string) (string, bool) {
	name, n := plaintext.Clean(typed, false)
	return name, n >= 2 && n <= MaxName && !IsRef(name)
}
