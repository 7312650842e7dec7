package spaces

import (
	"context"
	"errors"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// New is a space to add to network guildID: it needs a name and a town;
// the other settings take their defaults (Paris, no limit, default
// closing time, nothing announced) unless given.
func New(guildID string, c Changes) (Space, error) {
	if c.Name == nil || c.Town == nil {
		return Space{}, refuse(NeedNameTown, "")
	}
	return Apply(Space{GuildID: guildID, Timezone: DefaultZone}, c)
}

// Add records a new space; Exists when another has its name.
func Add(ctx context.Context, tx *storage.Tx, s Space, now time.Time) (Space, error) {
	stored, err := tx.AddSpace(ctx, s.Stored(), now)
	if errors.Is(err, storage.ErrDuplicate) {
		return s, refuse(Exists, s.Name)
	}
	if err != nil {
		return s, err
	}
	return Of(stored), nil
}

// Edit applies changes to a space and records them: NothingToEdit when
// they change nothing, Exists when the new name is another space's.
func Edit(ctx context.Context, tx *storage.Tx, s Space, c Changes) (Space, error) {
	edited, err := Apply(s, c)
	if err != nil {
		return s, err
	}
	if edited == s {
		return s, refuse(NothingToEdit, "")
	}
	err = tx.UpdateSpace(ctx, edited.Stored())
	if errors.Is(err, storage.ErrDuplicate) {
		return edited, refuse(Exists, edited.Name)
	}
	return edited, err
}

// Listed is a space with how many are there now.
type Listed struct {
	Space   Space
	Present int
}

// List is the network's spaces, each with its head count.
func List(ctx context.Context, tx *storage.Tx, guildID string) ([]Listed, error) {
	all, err := tx.Spaces(ctx, guildID)
	if err != nil {
		return nil, err
	}
	counts, err := tx.PresentCounts(ctx, guildID)
	if err != nil {
		return nil, err
	}
	out := make([]Listed, len(all))
	for i, s := range all {
		out[i] = Listed{Space: Of(s), Present: counts[s.ID]}
	}
	return out, nil
}

// Present is someone checked in at a space.
type Present struct {
	Name string
	At   time.Time
}

// Here is who is at a space now, earliest arrival first.
func Here(ctx context.Context, tx *storage.Tx, spaceID int64) ([]Present, error) {
	list, err := tx.Present(ctx, spaceID)
	out := make([]Present, len(list))
	for i, c := range list {
		out[i] = Present{Name: c.Name, At: c.At}
	}
	return out, err
}
