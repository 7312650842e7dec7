package register

import (
	"context"
	"fmt"
	"time"

	"github.com/tierslieux/tiersbot/commands/plaintext"
	"github.com/tierslieux/tiersbot/storage"
)

// AddOptions are the options of /register add that need no database.
type AddOptions struct {
	Town, Contact           string // as typed
	AtEvent, AtSpace, OnDay bool   // which of event, space and day were given
}

// CheckAdd refuses options that cannot go together or are too long: the
// handler checks them before anything else.
func CheckAdd(o AddOptions) error {
	if _, n := plaintext.Clean(o.Town, false); n > MaxTown {
		return &Refusal{Reason: TownTooLong, Line: 1}
	}
	if _, n := plaintext.Clean(o.Contact, false); n > MaxContact {
		return refuse(ContactTooLong)
	}
	if o.AtEvent && o.AtSpace {
		return refuse(EventAndSpace)
	}
	if o.OnDay && !o.AtSpace {
		return refuse(DayWithoutSpace)
	}
	return nil
}

// AddInput is /register add once CheckAdd passed and the handler resolved
// (and authorized) the event or the space.
type AddInput struct {
	GuildID string
	// Typed is the name option: an entry's reference, or a name.
	Typed         string
	Town, Contact string // as typed
	// Present at Event, or at Space on Day (its midnight in Zone; zero:
	// today), or nowhere when both are nil.
	Event *storage.Event
	Space *storage.Space
	Day   time.Time
	Zone  *time.Location // the event's or the space's
	By    string
	Now   time.Time
}

// Added is what /register add did.
type Added struct {
	Entry   Entry
	Created bool // new to the register
	// Present at Event, or at Space on the day of Noon (noon in its zone),
	// as the input said.
	Event *storage.Event
	Space *storage.Space
	Noon  time.Time
	// Again: the presence was already recorded (never for an answer
	// marked as came).
	Again bool
	// Fields are the optional questions, to mention them.
	Fields []Field
}

// Add adds a person to the register (or finds them), keeps a town typed
// for an entry without one and a new contact, and records their presence
// at the event (on their answer if they had one, else as a walk-in, which
// the event's walk-ins total follows) or at the space on the day.
func Add(ctx context.Context, tx *storage.Tx, in AddInput) (Added, error) {
	var out Added
	town, _ := plaintext.Clean(in.Town, false)
	contact, _ := plaintext.Clean(in.Contact, false)
	entry, created, err := entryFor(ctx, tx, in, town)
	if err != nil {
		return out, err
	}
	if (town != "" && entry.Town == "") || contact != "" {
		if entry.Town == "" {
			entry.Town = town
		}
		if contact != "" {
			entry.Contact = contact
		}
		if err := tx.UpdateRegisterEntry(ctx, entry); err != nil {
			return out, err
		}
	}
	out.Entry, out.Created, out.Event, out.Space = entry, created, in.Event, in.Space
	if in.Event != nil {
		out.Again, err = presentAtEvent(ctx, tx, in, entry)
	} else if in.Space != nil {
		out.Noon, out.Again, err = presentAtSpace(ctx, tx, in, entry)
	}
	if err != nil {
		return out, err
	}
	if out.Fields, err = tx.RegisterFields(ctx, in.GuildID); err != nil {
		return out, fmt.Errorf("register fields: %w", err)
	}
	return out, nil
}

// entryFor is the entry the name option means: the one referenced, or the
// one the name (and town) resolves to, created if new.
func entryFor(ctx context.Context, tx *storage.Tx, in AddInput, town string) (Entry, bool, error) {
	if IsRef(in.Typed) {
		e, err := Find(ctx, tx, in.GuildID, in.Typed)
		return e, false, err
	}
	name, n := plaintext.Clean(in.Typed, false)
	if n < 2 {
		return Entry{}, false, refuse(NameNeeded)
	}
	if n > MaxName {
		return Entry{}, false, &Refusal{Reason: NameTooLong, Line: 1}
	}
	return Resolve(ctx, tx, in.GuildID, Line{Name: name, Town: town}, in.By, in.Now)
}

// presentAtEvent marks the entry's member's answer as came, or records a
// walk-in; again when the walk-in was already recorded.
func presentAtEvent(ctx context.Context, tx *storage.Tx, in AddInput, entry Entry) (bool, error) {
	e := *in.Event
	if answered, err := answerCame(ctx, tx, e.ID, entry.UserID); err != nil || answered {
		return false, err // on their answer, not as a walk-in
	}
	fresh, err := tx.AddRegisterAttendance(ctx, storage.RegisterAttendance{EntryID: entry.ID, GuildID: in.GuildID, EventID: e.ID, SpaceID: e.SpaceID,
		Day: e.Start.In(in.Zone).Format(time.DateOnly), At: e.Start, AddedBy: in.By, Added: in.Now})
	if err != nil || !fresh {
		return !fresh, err
	}
	// The walk-ins total follows: it is what the figures add up.
	return false, tx.SetWalkins(ctx, e.ID, e.Walkins+1, in.Now)
}

// presentAtSpace records a presence at the space at noon of the day (today
// by default), never a day to come.
func presentAtSpace(ctx context.Context, tx *storage.Tx, in AddInput, entry Entry) (time.Time, bool, error) {
	day := in.Now.In(in.Zone)
	if !in.Day.IsZero() {
		day = in.Day.In(in.Zone)
		if day.After(in.Now) {
			return time.Time{}, false, refuse(FutureDay)
		}
	}
	noon := time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, in.Zone)
	fresh, err := tx.AddRegisterAttendance(ctx, storage.RegisterAttendance{EntryID: entry.ID, GuildID: in.GuildID, SpaceID: in.Space.ID,
		Day: noon.Format(time.DateOnly), At: noon, AddedBy: in.By, Added: in.Now})
	return noon, !fresh, err
}
