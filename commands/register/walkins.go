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

// Line is one person typed in the walk-ins form: "Marie Dupont" or
// "Marie Dupont, Crest" (a town or postcode after the first comma).
type Line struct {
	Name, Town string
}

// ParseWalkins reads the names typed one per line. Empty lines are
// skipped; the same person typed twice (any case or accents) counts once;
// at most MaxLines people.
func ParseWalkins(text string) ([]Line, error) {
	var out []Line
	seen := map[string]bool{}
	for i, raw := range strings.Split(text, "\n") {
		name, town, _ := strings.Cut(raw, ",")
		name, n := plaintext.Clean(name, false)
		town, nt := plaintext.Clean(town, false)
		if n == 0 && nt == 0 {
			continue
		}
		if n < 2 {
			return nil, &Refusal{Reason: LineNoName, Line: i + 1}
		}
		if n > MaxName {
			return nil, &Refusal{Reason: NameTooLong, Line: i + 1}
		}
		if nt > MaxTown {
			return nil, &Refusal{Reason: TownTooLong, Line: i + 1}
		}
		key := plaintext.Fold(name) + "|" + plaintext.Fold(town)
		if seen[key] {
			continue
		}
		seen[key] = true
		if len(out) == MaxLines {
			return nil, refuse(TooManyLines)
		}
		out = append(out, Line{Name: name, Town: town})
	}
	return out, nil
}

// ParseAnonymous reads the count of walk-ins without names: blank is 0.
func ParseAnonymous(v string) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > MaxAnonymous {
		return 0, refuse(BadAnonymous)
	}
	return n, nil
}

// Resolve finds the entry a name (and town) means, or creates it: the same
// folded name is the same person, unless homonyms exist, then the town
// tells them apart (Homonyms when it does not). A town typed for the one
// entry of the name that had none is kept.
func Resolve(ctx context.Context, tx *storage.Tx, guildID string, line Line, by string, now time.Time) (Entry, bool, error) {
	same, err := tx.RegisterByName(ctx, guildID, plaintext.Fold(line.Name))
	if err != nil {
		return Entry{}, false, fmt.Errorf("resolve register entry: %w", err)
	}
	if line.Town != "" {
		var match, blank []Entry
		for _, e := range same {
			if t := plaintext.Fold(e.Town); t == plaintext.Fold(line.Town) {
				match = append(match, e)
			} else if t == "" {
				blank = append(blank, e)
			}
		}
		if len(match) == 0 && len(blank) == 1 {
			e := blank[0]
			e.Town = line.Town
			return e, false, tx.UpdateRegisterEntry(ctx, e)
		}
		same = match
	}
	if len(same) == 0 {
		e, err := tx.AddRegisterEntry(ctx, Entry{GuildID: guildID, Name: line.Name, NameKey: plaintext.Fold(line.Name),
			Town: line.Town, CreatedBy: by, Created: now})
		return e, true, err
	}
	if len(same) == 1 {
		return same[0], false, nil
	}
	return Entry{}, false, &Refusal{Reason: Homonyms, Name: line.Name, Count: len(same)}
}

// WalkinsInput is the walk-ins form of an event, as parsed.
type WalkinsInput struct {
	Event     storage.Event
	Zone      *time.Location // the event's space's
	Lines     []Line
	Anonymous int // walk-ins without names
	By        string
	Now       time.Time
}

// WalkinsResult is what recording an event's walk-ins did.
type WalkinsResult struct {
	Named   int     // named walk-ins now recorded at the event
	Created []Entry // new to the register
	Known   []Entry // already in it, recorded as walk-ins
	// Answered are entries linked to a member who had answered the event:
	// marked as came on their answer rather than counted again as walk-ins.
	Answered  []Entry
	Removed   int // taken off the list (their entry stays)
	Anonymous int // walk-ins without names
	Total     int // the event's walk-ins: named and anonymous
}

// RecordWalkins makes the event's named walk-ins the lines given: entries
// reused or created, presences added, those taken off the list removed
// (their entry stays). Presences the form cannot show (an entry erased
// since) are kept: those people came. The event's walk-ins total is the
// named and the anonymous, which the figures add to those who answered.
func RecordWalkins(ctx context.Context, tx *storage.Tx, in WalkinsInput) (WalkinsResult, error) {
	var res WalkinsResult
	e := in.Event
	before, err := tx.EventRegisterAttendees(ctx, e.ID)
	if err != nil {
		return res, fmt.Errorf("walk-ins before: %w", err)
	}
	keep := map[int64]bool{}
	for _, line := range in.Lines {
		entry, created, err := Resolve(ctx, tx, e.GuildID, line, in.By, in.Now)
		if err != nil {
			return res, err
		}
		answered, err := answerCame(ctx, tx, e.ID, entry.UserID)
		if err != nil {
			return res, err
		}
		if answered { // a new entry is linked to nobody: never here
			res.Answered = append(res.Answered, entry)
			continue
		}
		if created {
			res.Created = append(res.Created, entry)
		} else {
			res.Known = append(res.Known, entry)
		}
		keep[entry.ID] = true
		if _, err := tx.AddRegisterAttendance(ctx, storage.RegisterAttendance{EntryID: entry.ID, GuildID: e.GuildID, EventID: e.ID, SpaceID: e.SpaceID,
			Day: e.Start.In(in.Zone).Format(time.DateOnly), At: e.Start, AddedBy: in.By, Added: in.Now}); err != nil {
			return res, err
		}
	}
	for _, b := range before {
		if !keep[b.ID] {
			if err := tx.RemoveRegisterAttendance(ctx, e.ID, b.ID); err != nil {
				return res, err
			}
			res.Removed++
		}
	}
	if res.Named, err = tx.EventRegisterCount(ctx, e.ID); err != nil {
		return res, fmt.Errorf("walk-ins named: %w", err)
	}
	res.Anonymous, res.Total = in.Anonymous, res.Named+in.Anonymous
	return res, tx.SetWalkins(ctx, e.ID, res.Total, in.Now)
}

// answerCame marks a member's answer to the event as came, if they had
// one (not "can't come"); false when there is none to mark.
func answerCame(ctx context.Context, tx *storage.Tx, eventID int64, userID string) (bool, error) {
	if userID == "" {
		return false, nil
	}
	rv, err := tx.RSVP(ctx, eventID, userID)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && rv.Status == storage.NotGoing) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("walk-in's answer: %w", err)
	}
	came := true
	return true, tx.SetAttended(ctx, eventID, userID, &came)
}
