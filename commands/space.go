package commands

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/tierslieux/tiersbot/commands/spaces"
	"github.com/tierslieux/tiersbot/storage"
)

// spaceChanges decodes the options shared by /space add and /space edit.
func spaceChanges(r *Request) spaces.Changes {
	var c spaces.Changes
	opt := func(name string) *string {
		if !r.Has(name) {
			return nil
		}
		v := r.Opt(name)
		return &v
	}
	flag := func(name string) *bool {
		if !r.Has(name) {
			return nil
		}
		v := r.Opt(name) == "true"
		return &v
	}
	if r.Has("name") {
		name, _ := CleanText(r.Opt("name"), false)
		key := Fold(name)
		c.Name, c.NameKey = &name, &key
	}
	if r.Has("town") {
		town, _ := CleanText(r.Opt("town"), false)
		c.Town = &town
	}
	if c.ChannelID = opt("channel"); c.ChannelID != nil {
		c.ChannelRefused = checkPostable(r, "channel") != nil
	}
	c.AnimatorRole = opt("animator_role")
	c.Timezone, c.Capacity, c.ClosesAt = opt("timezone"), opt("capacity"), opt("closes_at")
	c.Arrivals, c.WeeklySummary = flag("arrivals"), flag("weekly_summary")
	return c
}

// spaceRefusal words the rules' refusals; other errors pass through.
func spaceRefusal(r *Request, err error) error {
	var ref *spaces.Refusal
	if !errors.As(err, &ref) {
		return err
	}
	switch ref.Reason {
	case spaces.NeedNameTown:
		return userErr("space.need_name_town")
	case spaces.BadName:
		return userErr("space.bad_name", spaces.MaxName)
	case spaces.BadTown:
		return userErr("space.bad_town", spaces.MaxTown)
	case spaces.ChannelRefused:
		return checkPostable(r, "channel")
	case spaces.BadZone:
		return userErr("space.bad_timezone", Escape(Truncate(ref.Value, 40)))
	case spaces.BadCapacity:
		return userErr("space.bad_capacity", spaces.MaxCapacity)
	case spaces.BadClosing:
		return userErr("space.bad_closes_at", Escape(Truncate(ref.Value, 100)))
	case spaces.ClosingConflict:
		return userErr("space.closes_conflict", Escape(Truncate(ref.Value, 100)))
	case spaces.Exists:
		return userErr("space.exists", Escape(ref.Value))
	case spaces.NothingToEdit:
		return userErr("space.nothing_to_edit")
	}
	return err
}

// zoneOption reads a time zone option (of a space or the network).
func zoneOption(v string) (string, error) {
	tz, err := spaces.ParseZone(v)
	return tz, spaceRefusal(nil, err)
}

func (a *App) spaceAdd(ctx context.Context, r *Request) (*Response, error) {
	s, err := spaces.New(r.GuildID, spaceChanges(r))
	if err != nil {
		return nil, spaceRefusal(r, err)
	}
	var steps []setupStep
	err = a.write(ctx, r, func(tx *storage.Tx) error {
		g, err := requireCoordinator(ctx, tx, r)
		if err != nil {
			return err
		}
		if s, err = spaces.Add(ctx, tx, s, r.Now); err != nil {
			return spaceRefusal(r, err)
		}
		steps, err = readSetupSteps(ctx, tx, g, r.GuildID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return spaceAddedReply(r.Lang(), s, steps), nil
}

func (a *App) spaceEdit(ctx context.Context, r *Request) (*Response, error) {
	var s spaces.Space
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		stored, err := resolveSpace(ctx, tx, r.GuildID, r.Opt("space"))
		if err != nil {
			return err
		}
		if _, err := requireCoordinator(ctx, tx, r); err != nil {
			return err
		}
		s, err = spaces.Edit(ctx, tx, spaces.Of(stored), spaceChanges(r))
		return spaceRefusal(r, err)
	})
	if err != nil {
		return nil, err
	}
	return spaceEditedReply(r.Lang(), s), nil
}

func (a *App) spaceList(ctx context.Context, r *Request) (*Response, error) {
	var list []spaces.Listed
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		list, err = spaces.List(ctx, tx, r.GuildID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, userErr("space.none_yet")
	}
	return spaceListReply(r.Lang(), list), nil
}

func (a *App) spaceInfo(ctx context.Context, r *Request) (*Response, error) {
	var (
		s    storage.Space
		here []spaces.Present
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if s, err = spaceFor(ctx, tx, r); err != nil {
			return err
		}
		here, err = spaces.Here(ctx, tx, s.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return spaceInfoReply(r.Lang(), spaces.Of(s), here), nil
}

// completeSpace suggests spaces by name or town; the value sent back is the id.
func (a *App) completeSpace(ctx context.Context, r *Request, typed string) ([]Choice, error) {
	var spaces []storage.Space
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		spaces, err = tx.SearchSpaces(ctx, r.GuildID, Fold(typed), MaxChoices)
		return err
	})
	out := make([]Choice, 0, len(spaces))
	for _, s := range spaces {
		out = append(out, Choice{Name: s.Name + " — " + s.Town, Value: strconv.FormatInt(s.ID, 10)})
	}
	return out, err
}

func (a *App) completeTimezone(ctx context.Context, r *Request, typed string) ([]Choice, error) {
	typed = strings.ToLower(strings.TrimSpace(typed))
	var out []Choice
	for _, z := range spaces.CommonZones {
		if strings.Contains(strings.ToLower(z), typed) {
			out = append(out, Choice{Name: z, Value: z})
		}
	}
	if len(out) == 0 && typed != "" {
		if tz, err := spaces.ParseZone(typed); err == nil {
			out = append(out, Choice{Name: tz, Value: tz})
		}
	}
	return out, nil
}
