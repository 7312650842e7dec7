package commands

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/tierslieux/tiersbot/commands/render"
	"github.com/tierslieux/tiersbot/storage"
)

// Limits of the participant register.
const (
	maxRegisterName    = 100
	maxRegisterTown    = 60
	maxRegisterContact = 100
	maxWalkinLines     = 200
	maxWalkinsText     = 4000 // Discord's limit for a form's paragraph
	maxAnonWalkins     = 5000
)

// walkinLine is one person typed in the walk-ins form: "Marie Dupont" or
// "Marie Dupont, Crest" (a town or postcode after the first comma).
type walkinLine struct {
	Name, Town string
}

// parseWalkinNames reads the names typed one per line. Empty lines are
// skipped; the same person typed twice counts once.
func parseWalkinNames(text string) ([]walkinLine, error) {
	var out []walkinLine
	seen := map[string]bool{}
	for i, raw := range strings.Split(text, "\n") {
		name, town, _ := strings.Cut(raw, ",")
		name, n := CleanText(name, false)
		town, nt := CleanText(town, false)
		if n == 0 && nt == 0 {
			continue
		}
		switch {
		case n < 2:
			return nil, userErr("register.line_no_name", i+1)
		case n > maxRegisterName:
			return nil, userErr("register.name_too_long", i+1, maxRegisterName)
		case nt > maxRegisterTown:
			return nil, userErr("register.town_too_long", i+1, maxRegisterTown)
		}
		key := Fold(name) + "|" + Fold(town)
		if seen[key] {
			continue
		}
		seen[key] = true
		if len(out) == maxWalkinLines {
			return nil, userErr("register.too_many_lines", maxWalkinLines)
		}
		out = append(out, walkinLine{Name: name, Town: town})
	}
	return out, nil
}

// walkinLineOf writes an entry back as the form shows it.
func walkinLineOf(e storage.RegisterEntry) string {
	if e.Town == "" {
		return e.Name
	}
	return e.Name + ", " + e.Town
}

// resolveEntry finds the register entry a name (and town) means, or creates
// it: the same folded name is the same person, unless homonyms exist, then
// the town tells them apart. A town typed for an entry that had none is kept.
func resolveEntry(ctx context.Context, tx *storage.Tx, guildID string, line walkinLine, by string, now time.Time) (storage.RegisterEntry, bool, error) {
	same, err := tx.RegisterByName(ctx, guildID, Fold(line.Name))
	if err != nil {
		return storage.RegisterEntry{}, false, err
	}
	if line.Town != "" && len(same) > 0 {
		var match, blank []storage.RegisterEntry
		for _, e := range same {
			switch Fold(e.Town) {
			case Fold(line.Town):
				match = append(match, e)
			case "":
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
	switch len(same) {
	case 0:
		e, err := tx.AddRegisterEntry(ctx, storage.RegisterEntry{GuildID: guildID, Name: line.Name, NameKey: Fold(line.Name),
			Town: line.Town, CreatedBy: by, Created: now})
		return e, true, err
	case 1:
		return same[0], false, nil
	}
	return storage.RegisterEntry{}, false, userErr("register.homonyms", Escape(line.Name), len(same))
}

// namedWalkins is what recording the names of an event's walk-ins did.
type namedWalkins struct {
	Named   int      // named walk-ins now recorded at the event
	Created []string // names new to the register
	Removed int      // names no longer in the list
	// Answered are names linked to a member who had answered the event:
	// marked as came on their answer rather than counted again as walk-ins.
	Answered []string
}

// recordNamedWalkins makes the event's named walk-ins the lines given:
// entries reused or created, presences added, those taken off the list
// removed (their entry stays). Presences the form cannot show (an entry
// erased since) are kept: those people came.
func recordNamedWalkins(ctx context.Context, tx *storage.Tx, e storage.Event, loc *time.Location, lines []walkinLine, by string, now time.Time) (namedWalkins, error) {
	var res namedWalkins
	before, err := tx.EventRegisterAttendees(ctx, e.ID)
	if err != nil {
		return res, err
	}
	keep := map[int64]bool{}
	for _, line := range lines {
		entry, created, err := resolveEntry(ctx, tx, e.GuildID, line, by, now)
		if err != nil {
			return res, err
		}
		if created {
			res.Created = append(res.Created, entry.Name)
		}
		if answered, err := markAnswerCame(ctx, tx, e.ID, entry.UserID); err != nil {
			return res, err
		} else if answered {
			res.Answered = append(res.Answered, entry.Name)
			continue
		}
		keep[entry.ID] = true
		if _, err := tx.AddRegisterAttendance(ctx, storage.RegisterAttendance{EntryID: entry.ID, GuildID: e.GuildID, EventID: e.ID, SpaceID: e.SpaceID,
			Day: e.Start.In(loc).Format(time.DateOnly), At: e.Start, AddedBy: by, Added: now}); err != nil {
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
	res.Named, err = tx.EventRegisterCount(ctx, e.ID)
	return res, err
}

// markAnswerCame marks a member's answer to the event as came, if they had
// one (not "can't come"); false when there is none to mark.
func markAnswerCame(ctx context.Context, tx *storage.Tx, eventID int64, userID string) (bool, error) {
	if userID == "" {
		return false, nil
	}
	rv, err := tx.RSVP(ctx, eventID, userID)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && rv.Status == storage.NotGoing) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	came := true
	return true, tx.SetAttended(ctx, eventID, userID, &came)
}

// walkinsSavedText tells the animator what the walk-ins form recorded.
func walkinsSavedText(l Lang, e storage.Event, got namedWalkins, anon int) string {
	if got.Named == 0 && got.Removed == 0 && len(got.Answered) == 0 { // a count only, as before the register
		return l.N("event.walkins_saved", anon, Escape(e.Title))
	}
	text := l.T("register.walkins_saved", Escape(e.Title), got.Named, anon)
	if len(got.Created) > 0 {
		names := make([]string, len(got.Created))
		for i, n := range got.Created {
			names[i] = "**" + Escape(n) + "**"
		}
		list, _ := render.JoinAtMost(names, 15, ", ", 1200, more(l, "people", notAttached))
		text += "\n" + l.N("register.walkins_created", len(got.Created), list)
	}
	if len(got.Answered) > 0 {
		names := make([]string, len(got.Answered))
		for i, n := range got.Answered {
			names[i] = "**" + Escape(n) + "**"
		}
		list, _ := render.JoinAtMost(names, 15, ", ", 800, more(l, "people", notAttached))
		text += "\n" + l.T("register.walkins_answered", list)
	}
	if got.Removed > 0 {
		text += "\n" + l.N("register.walkins_removed", got.Removed)
	}
	return text
}
