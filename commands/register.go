package commands

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// The participant register: people who come without (or before) being on
// Discord. Animators keep it (any space's: a person goes from one space to
// another); the coordination defines its optional questions and answers
// requests to see or erase an entry.
//
// Linking an entry to a Discord member: an animator or the coordination runs
// /register link participant member:@them; or the member runs /register
// claim, gets a code valid 7 days, and gives it to an animator, who confirms
// with /register link participant code:…. A member never sees the register:
// nothing is linked without an animator's confirmation.
func (a *App) registerRoutes() {
	// Animator: the router lets through any space's animators; the register
	// is the network's, so that is the whole check for add, answer and link.
	a.command("register add", Animator, a.registerAdd)
	a.command("register answer", Animator, a.registerAnswer, opensForm)
	a.form("regans:{entry:id}", Animator, a.registerAnswerSubmit)
	a.command("register fields", Anyone, a.registerFields) // a list for anyone; changes: coordination (checked in the handler)
	a.command("register link", Animator, a.registerLink)
	a.command("register claim", Anyone, a.registerClaim)
	a.command("register export", Coordinator, a.registerExport)
	a.command("register erase", Coordinator, a.registerErase)
	a.button("regerase:{entry:id}", Coordinator, a.registerEraseConfirm)
	a.auto["register add name"] = a.completeRegisterName
	a.auto["participant"] = a.completeParticipant
	a.auto["field"] = a.completeRegisterField
	a.auto["register answer value"] = a.completeRegisterValue
	a.auto["register fields remove"] = a.completeRegisterField
	a.eventTypeRoutes()
}

// Limits of register questions.
const (
	maxFieldName    = 45 // a form label
	maxFieldPurpose = 200
	maxFieldChoices = 10
	maxChoiceLength = 40
	maxFields       = 10
	claimValidity   = 7 * 24 * time.Hour
)

// isRegisterKeeper: an animator of any space, or the coordination.
func isRegisterKeeper(ctx context.Context, tx *storage.Tx, r *Request) (storage.Guild, bool, error) {
	g, err := tx.Guild(ctx, r.GuildID)
	if err != nil {
		return g, false, err
	}
	if isCoordinator(r, g) {
		return g, true, nil
	}
	ok, err := tx.AnimatesAny(ctx, r.GuildID, r.User.Roles)
	return g, ok, err
}

func requireRegisterKeeper(ctx context.Context, tx *storage.Tx, r *Request) (storage.Guild, error) {
	g, ok, err := isRegisterKeeper(ctx, tx, r)
	if err == nil && !ok {
		err = userErr("register.perm")
	}
	return g, err
}

// participantFor checks who asks (require), then loads the entry the
// participant option names.
func participantFor(ctx context.Context, tx *storage.Tx, r *Request, require func(context.Context, *storage.Tx, *Request) (storage.Guild, error)) (storage.RegisterEntry, error) {
	if _, err := require(ctx, tx, r); err != nil {
		return storage.RegisterEntry{}, err
	}
	return registerEntryOpt(ctx, tx, r.GuildID, r.Opt("participant"))
}

// registerEntryOpt loads the entry an option names: the id autocomplete sent
// back ("p12"), or a name typed that matches exactly one entry.
func registerEntryOpt(ctx context.Context, tx *storage.Tx, guildID, v string) (storage.RegisterEntry, error) {
	v = strings.TrimSpace(v)
	if isEntryRef(v) {
		id, _ := strconv.ParseInt(v[1:], 10, 64)
		e, err := tx.RegisterEntry(ctx, guildID, id)
		if errors.Is(err, storage.ErrNotFound) {
			return e, userErr("register.unknown")
		}
		return e, err
	}
	same, err := tx.RegisterByName(ctx, guildID, Fold(v))
	if err != nil {
		return storage.RegisterEntry{}, err
	}
	if len(same) != 1 {
		return storage.RegisterEntry{}, userErr("register.unknown")
	}
	return same[0], nil
}

// registerAdd adds a person to the register (or finds them), and records
// their presence at an event or at a space on a day when one is given.
func (a *App) registerAdd(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	town, nt := CleanText(r.Opt("town"), false)
	contact, nc := CleanText(r.Opt("contact"), false)
	switch {
	case nt > maxRegisterTown:
		return nil, userErr("register.town_too_long", 1, maxRegisterTown)
	case nc > maxRegisterContact:
		return nil, userErr("register.contact_too_long", maxRegisterContact)
	case r.Opt("event") != "" && r.Opt("space") != "":
		return nil, userErr("register.event_and_space")
	case r.Opt("day") != "" && r.Opt("space") == "":
		return nil, userErr("register.day_without_space")
	}
	var (
		entry   storage.RegisterEntry
		created bool
		fresh   = true
		where   string
		fields  []storage.RegisterField
	)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		if _, err := requireRegisterKeeper(ctx, tx, r); err != nil {
			return err
		}
		var err error
		if v := r.Opt("name"); isEntryRef(v) {
			if entry, err = registerEntryOpt(ctx, tx, r.GuildID, v); err != nil {
				return err
			}
		} else {
			name, n := CleanText(v, false)
			switch {
			case n < 2:
				return userErr("register.name_needed")
			case n > maxRegisterName:
				return userErr("register.name_too_long", 1, maxRegisterName)
			}
			if entry, created, err = resolveEntry(ctx, tx, r.GuildID, walkinLine{Name: name, Town: town}, r.User.ID, r.Now); err != nil {
				return err
			}
		}
		if (town != "" && entry.Town == "") || contact != "" {
			if entry.Town == "" {
				entry.Town = town
			}
			if contact != "" {
				entry.Contact = contact
			}
			if err := tx.UpdateRegisterEntry(ctx, entry); err != nil {
				return err
			}
		}
		if where, fresh, err = a.registerPresence(ctx, tx, r, entry); err != nil {
			return err
		}
		fields, err = tx.RegisterFields(ctx, r.GuildID)
		return err
	})
	if err != nil {
		return nil, err
	}
	key := "register.known"
	if created {
		key = "register.added"
	}
	text := l.T(key, Escape(walkinLineOf(entry)))
	if where != "" {
		text += "\n" + where
		if !fresh {
			text += " " + l.T("register.already_present")
		}
	}
	if len(fields) > 0 {
		names := make([]string, len(fields))
		for i, f := range fields {
			names[i] = quoted(l, Escape(f.Name))
		}
		text += "\n" + l.T("register.fields_hint", strings.Join(names, ", "))
	}
	return ephemeral(text), nil
}

// registerPresence records the presence the options of /register add name:
// at an event (animators of its space), or at a space on a day (today by
// default, in the space's zone). It returns the line to show.
func (a *App) registerPresence(ctx context.Context, tx *storage.Tx, r *Request, entry storage.RegisterEntry) (string, bool, error) {
	l := r.Lang()
	if r.Opt("event") != "" {
		e, err := attendanceEvent(ctx, tx, r, r.Opt("event"), false)
		if err != nil {
			return "", false, err
		}
		if answered, err := markAnswerCame(ctx, tx, e.ID, entry.UserID); err != nil || answered {
			return l.T("register.present_event", Escape(e.Title)), true, err // on their answer, not as a walk-in
		}
		s, err := tx.Space(ctx, e.GuildID, e.SpaceID)
		if err != nil {
			return "", false, err
		}
		fresh, err := tx.AddRegisterAttendance(ctx, storage.RegisterAttendance{EntryID: entry.ID, GuildID: r.GuildID, EventID: e.ID, SpaceID: e.SpaceID,
			Day: e.Start.In(location(s.Timezone)).Format(time.DateOnly), At: e.Start, AddedBy: r.User.ID, Added: r.Now})
		if err != nil {
			return "", false, err
		}
		if fresh { // the walk-ins total follows: it is what the figures add up
			if err := tx.SetWalkins(ctx, e.ID, e.Walkins+1, r.Now); err != nil {
				return "", false, err
			}
		}
		return l.T("register.present_event", Escape(e.Title)), fresh, nil
	}
	if r.Opt("space") == "" {
		return "", true, nil
	}
	s, err := resolveSpace(ctx, tx, r.GuildID, r.Opt("space"))
	if err != nil {
		return "", false, err
	}
	if _, err := requireAnimator(ctx, tx, r, s); err != nil {
		return "", false, err
	}
	loc := location(s.Timezone)
	day := r.Now.In(loc)
	if v := r.Opt("day"); v != "" {
		t, err := parseUntil(v, loc) // the day after the one typed
		if err != nil {
			return "", false, userErr("register.bad_day")
		}
		day = t.AddDate(0, 0, -1)
		if day.After(r.Now) {
			return "", false, userErr("register.future_day")
		}
	}
	noon := time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, loc)
	fresh, err := tx.AddRegisterAttendance(ctx, storage.RegisterAttendance{EntryID: entry.ID, GuildID: r.GuildID, SpaceID: s.ID,
		Day: noon.Format(time.DateOnly), At: noon, AddedBy: r.User.ID, Added: r.Now})
	if err != nil {
		return "", false, err
	}
	return l.T("register.present_day", place(Escape(s.Name)), l.Date(noon)), fresh, nil
}

// registerAnswer records a person's answer to an optional question; the
// reply repeats why it is asked, to say it to them.
func (a *App) registerAnswer(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	switch {
	case r.Opt("field") == "" && r.Opt("value") == "":
		return a.registerAnswerForm(ctx, r)
	case r.Opt("field") == "" || r.Opt("value") == "":
		return nil, userErr("register.answer_how")
	}
	value, n := CleanText(r.Opt("value"), false)
	if value == "-" || value == "—" {
		value = ""
	}
	var (
		entry storage.RegisterEntry
		field storage.RegisterField
	)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if entry, err = participantFor(ctx, tx, r, requireRegisterKeeper); err != nil {
			return err
		}
		if field, err = registerFieldOpt(ctx, tx, r.GuildID, r.Opt("field")); err != nil {
			return err
		}
		if value, err = fieldValue(field, value, n); err != nil {
			return err
		}
		return tx.SetRegisterValue(ctx, entry.ID, field.ID, value)
	})
	if err != nil {
		return nil, err
	}
	if value == "" {
		return ephemeral(l.T("register.answer_cleared", Escape(entry.Name), Escape(field.Name))), nil
	}
	return ephemeral(l.T("register.answered", Escape(entry.Name), Escape(field.Name), Escape(field.Purpose))), nil
}

// fieldValue checks an answer: one of the field's choices (any case or
// accents), or a short free text.
func fieldValue(f storage.RegisterField, value string, n int) (string, error) {
	if value == "" {
		return "", nil
	}
	if len(f.Choices) == 0 {
		if n > maxChoiceLength {
			return "", userErr("register.value_too_long", maxChoiceLength)
		}
		return value, nil
	}
	for _, c := range f.Choices {
		if Fold(c) == Fold(value) {
			return c, nil
		}
	}
	return "", userErr("register.value_not_choice", Escape(strings.Join(f.Choices, ", ")))
}

// registerFieldOpt loads the field an option names: its id, or its name.
func registerFieldOpt(ctx context.Context, tx *storage.Tx, guildID, v string) (storage.RegisterField, error) {
	fields, err := tx.RegisterFields(ctx, guildID)
	if err != nil {
		return storage.RegisterField{}, err
	}
	for _, f := range fields {
		if strconv.FormatInt(f.ID, 10) == strings.TrimSpace(v) || f.NameKey == Fold(v) {
			return f, nil
		}
	}
	return storage.RegisterField{}, userErr("register.field_unknown")
}

// completeRegisterName suggests register entries as the animator types a
// name, and offers a new entry for what was typed. Nobody else sees names.
func (a *App) completeRegisterName(ctx context.Context, r *Request, typed string) ([]Choice, error) {
	out, keeper, err := a.searchParticipants(ctx, r, typed)
	if err != nil || !keeper {
		return out, err
	}
	if name, n := CleanText(typed, false); n >= 2 && n <= maxRegisterName && !isEntryRef(name) {
		out = append(out, Choice{Name: r.Lang().T("register.suggest_new", name), Value: name})
	}
	return out, nil
}

// isEntryRef tells a value autocomplete sent back ("p12") from a name.
func isEntryRef(v string) bool {
	_, err := strconv.ParseInt(strings.TrimPrefix(v, "p"), 10, 64)
	return strings.HasPrefix(v, "p") && err == nil
}

// completeParticipant suggests register entries: name, town.
func (a *App) completeParticipant(ctx context.Context, r *Request, typed string) ([]Choice, error) {
	out, _, err := a.searchParticipants(ctx, r, typed)
	return out, err
}

// searchParticipants finds entries for a keeper of the register (keeper
// false, no names, for anyone else).
func (a *App) searchParticipants(ctx context.Context, r *Request, typed string) ([]Choice, bool, error) {
	var (
		list   []storage.RegisterEntry
		keeper bool
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if _, keeper, err = isRegisterKeeper(ctx, tx, r); err != nil || !keeper {
			return err
		}
		list, err = tx.SearchRegister(ctx, r.GuildID, Fold(typed), MaxChoices-1)
		return err
	})
	out := make([]Choice, 0, len(list)+1)
	for _, e := range list {
		out = append(out, Choice{Name: walkinLineOf(e), Value: "p" + strconv.FormatInt(e.ID, 10)})
	}
	return out, keeper, err
}
