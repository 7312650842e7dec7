package commands

import (
	"context"
	"errors"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/storage"
)

// Event types and shared events (issue 14, item 4). An event's type is an
// option of /event create and /event edit (the form has no room left), from
// the network's list the coordination edits with /event types. /event share
// adds a co-organising space or animator to an event and the later dates of
// its series: the event then counts once for the network and once for each
// space (storage.EventsHeldBreakdown).
func (a *App) eventTypeRoutes() {
	a.command("event types", Anyone, a.eventTypes) // a list for anyone; changes: coordination (checked in the handler)
	a.command("event share", Animator, a.eventShare)
	// The event forms carry the type chosen on the command (event.go's routes).
	a.auto["type"] = a.completeEventType
	a.auto["event types remove"] = a.completeEventType
}

const maxTypeName = 40

// typeName is a type's name in a language.
func typeName(l Lang, t storage.EventType) string {
	if l == FR && t.NameFR != "" {
		return t.NameFR
	}
	return t.NameEN
}

// eventTypeOpt reads the type option of /event create or edit: "" when not
// given, else the key of a type in use (its key, or a name in either language).
func eventTypeOpt(ctx context.Context, tx *storage.Tx, r *Request) (string, error) {
	v := r.Opt("type")
	if v == "" {
		return "", nil
	}
	types, err := tx.EventTypes(ctx, r.GuildID)
	if err != nil {
		return "", err
	}
	names := make([]string, 0, len(types))
	for _, t := range types {
		if t.Key == v || Fold(t.NameEN) == Fold(v) || Fold(t.NameFR) == Fold(v) {
			return t.Key, nil
		}
		names = append(names, quoted(r.Lang(), Escape(typeName(r.Lang(), t))))
	}
	return "", userErr("event.type_unknown", strings.Join(names, ", "))
}

// completeEventType suggests the types in use, in the user's language.
func (a *App) completeEventType(ctx context.Context, r *Request, typed string) ([]Choice, error) {
	var types []storage.EventType
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		types, err = tx.EventTypes(ctx, r.GuildID)
		return err
	})
	var out []Choice
	for _, t := range types {
		name := typeName(r.Lang(), t)
		if strings.Contains(Fold(t.NameFR), Fold(typed)) || strings.Contains(Fold(t.NameEN), Fold(typed)) {
			out = append(out, Choice{Name: name, Value: t.Key})
		}
	}
	return out, err
}

// eventTypes lists the network's types; the coordination adds one (add, and
// add_fr for its French name) or takes one off the list (remove).
func (a *App) eventTypes(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	change := r.Opt("add") != "" || r.Opt("remove") != ""
	var (
		types []storage.EventType
		done  string
	)
	err := a.readOrWrite(ctx, r, change, func(tx *storage.Tx) error {
		if change {
			if _, err := requireCoordinator(ctx, tx, r); err != nil {
				return err
			}
		}
		if v := r.Opt("add"); v != "" {
			en, n := CleanText(v, false)
			fr, nf := CleanText(r.Opt("add_fr"), false)
			if n < 2 || n > maxTypeName || nf > maxTypeName || (nf > 0 && nf < 2) {
				return userErr("event.type_bad_name", maxTypeName)
			}
			if fr == "" {
				fr = en
			}
			// The key goes into custom ids: letters, digits and "-" (Fold
			// leaves no ":"), 24 characters at most, cut between characters.
			runes := []rune(strings.ReplaceAll(Fold(en), " ", "-"))
			key := strings.Trim(string(runes[:min(24, len(runes))]), "-")
			if key == "" {
				return userErr("event.type_bad_name", maxTypeName)
			}
			err := tx.AddEventType(ctx, r.GuildID, storage.EventType{Key: key, NameEN: en, NameFR: fr})
			if errors.Is(err, storage.ErrDuplicate) {
				return userErr("event.type_exists", Escape(en))
			}
			if err != nil {
				return err
			}
			done = l.T("event.type_added", Escape(typeName(l, storage.EventType{NameEN: en, NameFR: fr})))
		}
		if v := r.Opt("remove"); v != "" {
			key, err := eventTypeOpt(ctx, tx, &Request{GuildID: r.GuildID, Locale: r.Locale, Options: map[string]string{"type": v}})
			if err != nil {
				return err
			}
			t, err := tx.EventTypeNamed(ctx, r.GuildID, key)
			if err != nil {
				return err
			}
			if _, err := tx.RemoveEventType(ctx, r.GuildID, key); err != nil {
				return err
			}
			done = l.T("event.type_removed", Escape(typeName(l, t)))
		}
		var err error
		types, err = tx.EventTypes(ctx, r.GuildID)
		return err
	})
	if err != nil {
		return nil, err
	}
	lines := make([]string, len(types))
	for i, t := range types {
		lines[i] = "• " + Escape(typeName(l, t))
		if other := typeName(otherLang(l), t); other != typeName(l, t) {
			lines[i] += " · _" + Escape(other) + "_"
		}
	}
	em := &discordgo.MessageEmbed{Title: l.T("event.types_title"), Color: colorEvent, Description: Truncate(strings.Join(lines, "\n"), MaxEmbedDesc)}
	return &Response{Ephemeral: true, Message: Message{Content: done, Embeds: []*discordgo.MessageEmbed{em}}}, nil
}

// quoted puts a name in the language's quotation marks.
func quoted(l Lang, s string) string {
	if l == FR {
		return "« " + s + " »"
	}
	return "“" + s + "”"
}

func otherLang(l Lang) Lang {
	if l == FR {
		return EN
	}
	return FR
}

// eventShare adds (or with remove:true, removes) a co-organising space or
// animator to an event and the dates of its series still to come.
func (a *App) eventShare(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	spaceOpt, animator := r.Opt("space"), r.Opt("animator")
	if (spaceOpt == "") == (animator == "") {
		return nil, userErr("event.share_how")
	}
	remove := r.Opt("remove") == "true"
	var (
		e       storage.Event
		who     string
		dates   int
		changed bool
	)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if e, _, _, err = animatorEvent(ctx, tx, r, r.Opt("event"), false); err != nil {
			return err
		}
		var host storage.Space
		if spaceOpt != "" {
			if host, err = resolveSpace(ctx, tx, r.GuildID, spaceOpt); err != nil {
				return err
			}
			if host.ID == e.SpaceID {
				return userErr("event.share_own_space", Escape(host.Name))
			}
			who = "**" + Escape(host.Name) + "**"
		} else {
			who = mentionUser(animator)
		}
		targets := []storage.Event{e}
		if e.SeriesID != 0 {
			later, err := tx.SeriesEvents(ctx, e.SeriesID, r.Now)
			if err != nil {
				return err
			}
			for _, x := range later {
				if x.ID != e.ID && x.Start.After(e.Start) {
					targets = append(targets, x)
				}
			}
		}
		ids := make([]int64, len(targets))
		for i, x := range targets {
			ids[i] = x.ID
		}
		dates = len(ids)
		if remove {
			changed, err = tx.RemoveEventHost(ctx, host.ID, animator, ids...)
		} else {
			changed, err = tx.AddEventHost(ctx, r.GuildID, host.ID, animator, ids...)
		}
		if err != nil || !changed || host.ID == 0 {
			return err
		}
		for _, x := range targets { // the cards show the co-organising spaces
			if err := a.refresh(ctx, tx, r.Now, x); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !changed {
		return ephemeral(l.T("event.share_nothing")), nil
	}
	key := "event.shared"
	if remove {
		key = "event.unshared"
	}
	return &Response{Ephemeral: true, Message: Message{Content: l.N(key, dates, Escape(e.Title), who)}}, nil
}

// decorateEvent adds an event's type and co-organising spaces to its card.
// Co-animators are not shown: a card names the spaces' teams, never people.
func decorateEvent(ctx context.Context, tx *storage.Tx, l Lang, em *discordgo.MessageEmbed, e storage.Event) error {
	key, err := tx.EventTypeOf(ctx, e.ID)
	if err != nil {
		return err
	}
	if key != "" {
		t, err := tx.EventTypeNamed(ctx, e.GuildID, key)
		if err == nil { // right after where it is
			f := &discordgo.MessageEmbedField{Name: l.T("event.f_type"), Value: Truncate(Escape(typeName(l, t)), MaxFieldValue), Inline: true}
			at := min(fieldIndex(em, l.T("event.f_where"))+1, len(em.Fields))
			em.Fields = append(em.Fields[:at], append([]*discordgo.MessageEmbedField{f}, em.Fields[at:]...)...)
		} else if !errors.Is(err, storage.ErrNotFound) {
			return err
		}
	}
	hosts, err := tx.EventHostsOf(ctx, e.ID)
	if err != nil || len(hosts.Spaces) == 0 {
		return err
	}
	var names []string
	for _, id := range hosts.Spaces {
		if s, err := tx.Space(ctx, e.GuildID, id); err == nil {
			names = append(names, Escape(s.Name))
		}
	}
	if i := fieldIndex(em, l.T("event.f_organizer")); i >= 0 && len(names) > 0 {
		em.Fields[i].Value = Truncate(em.Fields[i].Value+"\n"+l.T("event.cohosts", strings.Join(names, ", ")), MaxFieldValue)
	}
	return nil
}

// fieldIndex finds an embed's field by name (-1 if none).
func fieldIndex(em *discordgo.MessageEmbed, name string) int {
	for i, f := range em.Fields {
		if f.Name == name {
			return i
		}
	}
	return -1
}

// formEventType gives occurrences the type an event form's custom id
// carried from the command's option ("": none chosen, nothing changes). A
// custom id is checked like any input: the type must be the network's.
func formEventType(ctx context.Context, tx *storage.Tx, guildID, key string, eventIDs ...int64) error {
	if key == "" {
		return nil
	}
	if _, err := tx.EventTypeNamed(ctx, guildID, key); errors.Is(err, storage.ErrNotFound) {
		return userErr("error.bad_button")
	} else if err != nil {
		return err
	}
	return tx.SetEventType(ctx, key, eventIDs...)
}

// readOrWrite runs fn in a write transaction when the command changes
// something (a list shown, or changed then shown), else in a read one.
func (a *App) readOrWrite(ctx context.Context, r *Request, write bool, fn func(*storage.Tx) error) error {
	if write {
		return a.write(ctx, r, fn)
	}
	return a.read(ctx, fn)
}
