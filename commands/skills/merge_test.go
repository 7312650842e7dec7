package skills

import (
	"errors"
	"testing"

	"github.com/tierslieux/tiersbot/storage"
)

// Merging moves offers and needs (a member holding both spellings keeps
// one), and the old spelling then finds the kept skill; a skill is not
// merged into itself.
func TestMerge(t *testing.T) {
	n := newNet(t)
	compta := n.hold("u1", Offer, "Compta", "", "")
	n.hold("u2", Seek, "Compta", "", "")
	kept := n.hold("u1", Offer, "Comptabilité", "", "")
	if err := n.write(func(tx *storage.Tx) error { return Merge(ctx, tx, g, kept, kept, day0) }); !errors.Is(err, ErrSameSkill) {
		t.Errorf("merge into itself: %v", err)
	}
	n.must(func(tx *storage.Tx) error { return Merge(ctx, tx, g, compta, kept, day0) })
	var tops Tops
	var found Skill
	n.must(func(tx *storage.Tx) error {
		var err error
		if tops, err = List(ctx, tx, g, 0); err != nil {
			return err
		}
		found, err = Resolve(ctx, tx, g, "compta")
		return err
	})
	if scored(tops.Offered) != "comptabilite:1 " || scored(tops.Sought) != "comptabilite:1 " || found.ID != kept.ID {
		t.Errorf("after merge: %q / %q, compta finds %+v", scored(tops.Offered), scored(tops.Sought), found)
	}
}

// An alias is neither the skill's own key nor another skill's.
func TestAlias(t *testing.T) {
	n := newNet(t)
	compta := n.hold("u1", Offer, "Comptabilité", "", "")
	n.hold("u2", Offer, "Compta", "", "")
	for _, c := range []struct {
		key  string
		want error
	}{
		{"comptabilite", ErrSameSkill},
		{"compta", ErrAliasSkill},
		{"cpta", nil},
	} {
		err := n.write(func(tx *storage.Tx) error { return Alias(ctx, tx, g, c.key, compta, day0) })
		if !errors.Is(err, c.want) || (c.want == nil && err != nil) {
			t.Errorf("alias %q: %v, want %v", c.key, err, c.want)
		}
	}
	n.must(func(tx *storage.Tx) error {
		s, err := Resolve(ctx, tx, g, "CPTA")
		if s.ID != compta.ID {
			t.Errorf("CPTA finds %+v, %v", s, err)
		}
		return nil
	})
}
