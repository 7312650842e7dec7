package commands

import (
	"context"

	"github.com/tierslieux/tiersbot/commands/register"
	"github.com/tierslieux/tiersbot/storage"
)

// The participant register: people who come without (or before) being on
// Discord. Animators keep it (any space's: a person goes from one space to
// another); the coordination defines its optional questions and answers
// requests to see or erase an entry. Its rules are package register; the
// handlers here decode, authorize, decide there and render in
// register_render.go.
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

// isRegisterKeeper: an animator of any space, or the coordination.
func isRegisterKeeper(ctx context.Context, tx *storage.Tx, r *Request) (storage.Guild, bool, error) {
	g, err := tx.Guild(ctx, r.GuildID)
	if err != nil {
		return g, false, err
	}
	ok, err := register.MayKeep(ctx, tx, r.GuildID, register.Actor{UserID: r.User.ID, Roles: r.User.Roles, Coordinator: isCoordinator(r, g)})
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
func participantFor(ctx context.Context, tx *storage.Tx, r *Request, require func(context.Context, *storage.Tx, *Request) (storage.Guild, error)) (register.Entry, error) {
	if _, err := require(ctx, tx, r); err != nil {
		return register.Entry{}, err
	}
	e, err := register.Find(ctx, tx, r.GuildID, r.Opt("participant"))
	return e, registerRefusal(err)
}

// registerAdd adds a person to the register (or finds them), and records
// their presence at an event or at a space on a day when one is given.
func (a *App) registerAdd(ctx context.Context, r *Request) (*Response, error) {
	if err := register.CheckAdd(register.AddOptions{Town: r.Opt("town"), Contact: r.Opt("contact"),
		AtEvent: r.Opt("event") != "", AtSpace: r.Opt("space") != "", OnDay: r.Opt("day") != ""}); err != nil {
		return nil, registerRefusal(err)
	}
	in := register.AddInput{GuildID: r.GuildID, Typed: r.Opt("name"), Town: r.Opt("town"), Contact: r.Opt("contact"), By: r.User.ID, Now: r.Now}
	var added register.Added
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		if _, err := requireRegisterKeeper(ctx, tx, r); err != nil {
			return err
		}
		if err := registerWhere(ctx, tx, r, &in); err != nil {
			return err
		}
		var err error
		added, err = register.Add(ctx, tx, in)
		return registerRefusal(err)
	})
	if err != nil {
		return nil, err
	}
	return registerAddedReply(r.Lang(), added), nil
}

// registerWhere resolves where /register add records a presence, for an
// animator of its space: an event, or a space on a day (today by default).
func registerWhere(ctx context.Context, tx *storage.Tx, r *Request, in *register.AddInput) error {
	if v := r.Opt("event"); v != "" {
		e, err := attendanceEvent(ctx, tx, r, v, false)
		if err != nil {
			return err
		}
		s, err := tx.Space(ctx, e.GuildID, e.SpaceID)
		if err != nil {
			return err
		}
		in.Event, in.Zone = &e, location(s.Timezone)
		return nil
	}
	if r.Opt("space") == "" {
		return nil
	}
	s, err := resolveSpace(ctx, tx, r.GuildID, r.Opt("space"))
	if err != nil {
		return err
	}
	if _, err := requireAnimator(ctx, tx, r, s); err != nil {
		return err
	}
	in.Space, in.Zone = &s, location(s.Timezone)
	if v := r.Opt("day"); v != "" {
		t, err := parseUntil(v, in.Zone) // the day after the one typed
		if err != nil {
			return userErr("register.bad_day")
		}
		in.Day = t.AddDate(0, 0, -1)
	}
	return nil
}

// registerAnswer records a person's answer to an optional question; the
// reply repeats why it is asked, to say it to them.
func (a *App) registerAnswer(ctx context.Context, r *Request) (*Response, error) {
	form, err := register.OneOrForm(r.Opt("field"), r.Opt("value"))
	if err != nil {
		return nil, registerRefusal(err)
	}
	if form {
		return a.registerAnswerForm(ctx, r)
	}
	var (
		entry register.Entry
		got   register.Answered
	)
	err = a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if entry, err = participantFor(ctx, tx, r, requireRegisterKeeper); err != nil {
			return err
		}
		got, err = register.Answer(ctx, tx, entry, r.Opt("field"), r.Opt("value"))
		return registerRefusal(err)
	})
	if err != nil {
		return nil, err
	}
	return registerAnsweredReply(r.Lang(), entry, got), nil
}

// completeRegisterName suggests register entries as the animator types a
// name, and offers a new entry for what was typed. Nobody else sees names.
func (a *App) completeRegisterName(ctx context.Context, r *Request, typed string) ([]Choice, error) {
	out, keeper, err := a.searchParticipants(ctx, r, typed)
	if err != nil || !keeper {
		return out, err
	}
	if name, ok := register.Suggestion(typed); ok {
		out = append(out, Choice{Name: r.Lang().T("register.suggest_new", name), Value: name})
	}
	return out, nil
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
		list   []register.Entry
		keeper bool
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if _, keeper, err = isRegisterKeeper(ctx, tx, r); err != nil || !keeper {
			return err
		}
		list, err = register.Search(ctx, tx, r.GuildID, typed, MaxChoices-1)
		return err
	})
	return participantChoices(list), keeper, err
}
