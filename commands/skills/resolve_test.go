package skills

import (
	"errors"
	"strconv"
	"testing"

	"github.com/tierslieux/tiersbot/storage"
)

// A typed skill is an id, its name in any case and accents, an alias the
// coordination set, or the one close match; nothing else.
func TestResolve(t *testing.T) {
	n := newNet(t)
	compta := n.hold("u1", Offer, "Comptabilité", "", "")
	couture := n.hold("u2", Seek, "Couture", "", "")
	n.hold("u3", Offer, "Soudure", "", "")
	n.must(func(tx *storage.Tx) error { return tx.SetSkillAlias(ctx, g, "compta", compta.ID, day0) })
	for _, c := range []struct {
		typed string
		want  int64 // 0: ErrUnknown
	}{
		{strconv.FormatInt(couture.ID, 10), couture.ID},
		{" " + strconv.FormatInt(compta.ID, 10) + " ", compta.ID},
		{"999", 0},                  // an id no skill has, and no name
		{"COMPTABILITE", compta.ID}, // case and accents folded
		{"compta", compta.ID},       // the alias
		{"Compta", compta.ID},       // the alias, folded
		{"Coutre", couture.ID},      // one close match
		{"Jardinage", 0},            // nothing close
		{"oudure", n.id("Soudure")}, // a typo of one skill only
	} {
		var got Skill
		n.must(func(tx *storage.Tx) error {
			var err error
			got, err = Resolve(ctx, tx, g, c.typed)
			if c.want == 0 && !errors.Is(err, ErrUnknown) {
				t.Errorf("%q: err %v, want ErrUnknown", c.typed, err)
			}
			if c.want != 0 && err != nil {
				t.Errorf("%q: %v", c.typed, err)
			}
			return nil
		})
		if got.ID != c.want {
			t.Errorf("%q resolved to %d (%q), want %d", c.typed, got.ID, got.Display, c.want)
		}
	}
}

// Two close matches are not guessed between.
func TestResolveAmbiguous(t *testing.T) {
	n := newNet(t)
	n.hold("u1", Offer, "Couture", "", "")
	n.hold("u2", Offer, "Coupure", "", "")
	n.must(func(tx *storage.Tx) error {
		if s, err := Resolve(ctx, tx, g, "Coupture"); !errors.Is(err, ErrUnknown) {
			t.Errorf("Coupture: %q, %v; want ErrUnknown", s.Display, err)
		}
		return nil
	})
}

func (n *net) id(display string) int64 {
	var s storage.Skill
	n.must(func(tx *storage.Tx) error {
		var err error
		s, err = tx.SkillByKey(ctx, g, key(display))
		return err
	})
	return s.ID
}
