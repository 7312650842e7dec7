package commands

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/tierslieux/tiersbot/storage"
)

// isCoordinator: Discord's Manage Server (or Administrator) permission, or the
// network's coordinator role. Checked on every call, server-side: Discord's
// default command permissions are only a hint admins can change.
func isCoordinator(r *Request, g storage.Guild) bool {
	return r.User.Permissions&(PermManageGuild|PermAdministrator) != 0 || r.User.HasRole(g.CoordinatorRole)
}

// isAnimator: the space's animator role, or a coordinator.
func isAnimator(r *Request, g storage.Guild, s storage.Space) bool {
	return r.User.HasRole(s.AnimatorRole) || isCoordinator(r, g)
}

func requireCoordinator(ctx context.Context, tx *storage.Tx, r *Request) (storage.Guild, error) {
	g, err := tx.Guild(ctx, r.GuildID)
	if err != nil {
		return g, err
	}
	if !isCoordinator(r, g) {
		return g, userErr("perm.coordinator")
	}
	return g, nil
}

func requireAnimator(ctx context.Context, tx *storage.Tx, r *Request, s storage.Space) (storage.Guild, error) {
	g, err := tx.Guild(ctx, r.GuildID)
	if err != nil {
		return g, err
	}
	if !isAnimator(r, g, s) {
		return g, userErr("perm.animator", place(Escape(s.Name)))
	}
	return g, nil
}

// resolveSpace finds the space a user meant: an id sent back by autocomplete,
// or a name typed freely (accent- and case-insensitive; a unique prefix or
// part of the name is enough). Otherwise a refusal that lists the choices.
func resolveSpace(ctx context.Context, tx *storage.Tx, guildID, value string) (storage.Space, error) {
	value = strings.TrimSpace(value)
	if id, err := strconv.ParseInt(value, 10, 64); err == nil {
		s, err := tx.Space(ctx, guildID, id)
		if err == nil {
			return s, nil
		}
		if !errors.Is(err, storage.ErrNotFound) {
			return s, err
		}
	}
	spaces, err := tx.Spaces(ctx, guildID)
	if err != nil {
		return storage.Space{}, err
	}
	if len(spaces) == 0 {
		return storage.Space{}, userErr("space.none_yet")
	}
	key := Fold(value)
	var prefix, part []storage.Space
	for _, s := range spaces {
		switch {
		case s.Key == key:
			return s, nil
		case key != "" && strings.HasPrefix(s.Key, key):
			prefix = append(prefix, s)
		case key != "" && (strings.Contains(s.Key, key) || Fold(s.Town) == key):
			part = append(part, s)
		}
	}
	if len(prefix) == 1 {
		return prefix[0], nil
	}
	if len(prefix) == 0 && len(part) == 1 {
		return part[0], nil
	}
	if len(prefix)+len(part) > 1 {
		return storage.Space{}, userErr("space.ambiguous", Escape(Truncate(value, 60)), spaceNames(append(prefix, part...)))
	}
	return storage.Space{}, spaceUnknown(value, spaces)
}

// defaultSpace is the space a command without a space option is about: the
// one linked to the channel, else the member's last one, else the only one.
// ok is false when none can be chosen.
func defaultSpace(ctx context.Context, tx *storage.Tx, r *Request) (storage.Space, bool, error) {
	if s, err := tx.SpaceByChannel(ctx, r.GuildID, r.ChannelID); err == nil {
		return s, true, nil
	} else if !errors.Is(err, storage.ErrNotFound) {
		return s, false, err
	}
	if m, err := tx.Member(ctx, r.GuildID, r.User.ID); err == nil && m.LastSpaceID != 0 {
		if s, err := tx.Space(ctx, r.GuildID, m.LastSpaceID); err == nil {
			return s, true, nil
		}
	} else if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return storage.Space{}, false, err
	}
	spaces, err := tx.Spaces(ctx, r.GuildID)
	if err != nil {
		return storage.Space{}, false, err
	}
	if len(spaces) == 1 {
		return spaces[0], true, nil
	}
	return storage.Space{}, false, nil
}

// spaceFor resolves the "space" option if given, else the default space; with
// neither it refuses with the list of spaces.
func spaceFor(ctx context.Context, tx *storage.Tx, r *Request) (storage.Space, error) {
	if v := r.Opt("space"); v != "" {
		return resolveSpace(ctx, tx, r.GuildID, v)
	}
	s, ok, err := defaultSpace(ctx, tx, r)
	if err != nil || ok {
		return s, err
	}
	spaces, err := tx.Spaces(ctx, r.GuildID)
	if err != nil {
		return s, err
	}
	if len(spaces) == 0 {
		return s, userErr("space.none_yet")
	}
	return s, userErr("space.which", spaceNames(spaces))
}

func spaceNames(spaces []storage.Space) nameList {
	names := make([]string, 0, len(spaces))
	for _, s := range spaces {
		names = append(names, "**"+Escape(s.Name)+"** ("+Escape(s.Town)+")")
	}
	sort.Strings(names)
	return nameList{names: names, what: "spaces"}
}
