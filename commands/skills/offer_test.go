package skills

import (
	"errors"
	"fmt"
	"strconv"
	"testing"

	"github.com/tierslieux/tiersbot/storage"
)

func (n *net) add(in AddInput) (Added, error) {
	var out Added
	in.GuildID = g
	if in.Key == "" {
		in.Key = key(in.Display)
	}
	if in.Typed == "" {
		in.Typed = in.Display
	}
	in.Now = day0
	err := n.write(func(tx *storage.Tx) error {
		var err error
		out, err = Add(ctx, tx, in)
		return err
	})
	return out, err
}

func (n *net) mine(user string) []Holding {
	var out []Holding
	n.must(func(tx *storage.Tx) error {
		var err error
		out, err = Mine(ctx, tx, g, user)
		return err
	})
	return out
}

// An offer counts those who seek it, a need those who offer it, never the
// member themself; a second time is an update.
func TestAddMatches(t *testing.T) {
	n := newNet(t)
	n.hold("u1", Seek, "Couture", "", "")
	n.hold("u2", Seek, "Couture", "", "")
	n.hold("u3", Offer, "Couture", "", "")
	n.hold("me", Seek, "Couture", "", "") // my own need does not answer my offer
	for _, c := range []struct {
		kind    Kind
		fresh   bool
		matches int
	}{
		{Offer, true, 2},  // u1, u2 seek it
		{Offer, false, 2}, // again: an update
		{Seek, false, 1},  // I already seek it; u3 and I offer it, I am left out
	} {
		got, err := n.add(AddInput{UserID: "me", Kind: c.kind, Display: "couture"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Fresh != c.fresh || got.Matches != c.matches || got.Skill.Display != "Couture" {
			t.Errorf("%s: %+v, want fresh %v, %d matches, display Couture", c.kind, got, c.fresh, c.matches)
		}
	}
}

// A known skill keeps its spelling whether typed, picked by id or typed as
// its alias; an alias adds to the skill's counts, not a skill of its own.
func TestAddKnownSpelling(t *testing.T) {
	n := newNet(t)
	compta := n.hold("u1", Offer, "Comptabilité", "", "")
	n.must(func(tx *storage.Tx) error { return tx.SetSkillAlias(ctx, g, "compta", compta.ID, day0) })
	for i, in := range []AddInput{
		{Display: "comptabilite"},
		{Display: "Compta"},
		{Typed: strconv.FormatInt(compta.ID, 10), Display: "1", Key: "1"},
	} {
		in.UserID, in.Kind = fmt.Sprintf("m%d", i), Seek
		got, err := n.add(in)
		if err != nil {
			t.Fatal(err)
		}
		if got.Skill.ID != compta.ID || got.Skill.Display != "Comptabilité" || !got.Fresh || got.Matches != 1 {
			t.Errorf("%+v: %+v, want Comptabilité (%d), fresh, 1 match", in, got, compta.ID)
		}
	}
	var all []storage.Skill
	n.must(func(tx *storage.Tx) error {
		var err error
		all, err = tx.Skills(ctx, g, 0)
		return err
	})
	if len(all) != 1 || all[0].Offers != 1 || all[0].Seeks != 3 {
		t.Errorf("skills %+v, want only Comptabilité, 1 offer and 3 needs", all)
	}
}

// Updating one option keeps the other; setting one replaces it, even by "".
func TestAddKeepsOtherOption(t *testing.T) {
	n := newNet(t)
	n.hold("me", Offer, "Couture", "expert", "retouches")
	n.hold("me", Seek, "Couture", "", "ourlets")
	for _, c := range []struct {
		in          AddInput
		level, note string
	}{
		{AddInput{Level: "beginner", LevelSet: true}, "beginner", "retouches"},
		{AddInput{Note: "robes", NoteSet: true}, "beginner", "robes"},
		{AddInput{Level: "", LevelSet: true, Note: "", NoteSet: true}, "", ""},
	} {
		c.in.UserID, c.in.Kind, c.in.Display = "me", Offer, "Couture"
		if _, err := n.add(c.in); err != nil {
			t.Fatal(err)
		}
		got := n.mine("me")
		if len(got) != 2 || got[0].Kind != Offer || got[0].Level != c.level || got[0].Note != c.note || got[1].Note != "ourlets" {
			t.Errorf("%+v: mine %+v, want offer (%q, %q) and the need's note kept", c.in, got, c.level, c.note)
		}
	}
}

// A member holds 30 offers and needs at most: the 31st is refused and not
// recorded; updating one of the 30 is not.
func TestAddLimit(t *testing.T) {
	n := newNet(t)
	for i := range MaxPerMember - 1 {
		n.hold("me", Kind([]Kind{Offer, Seek}[i%2]), fmt.Sprintf("Skill %02d", i), "", "")
	}
	if _, err := n.add(AddInput{UserID: "me", Kind: Seek, Display: "Trentième"}); err != nil {
		t.Fatalf("30th: %v", err)
	}
	if _, err := n.add(AddInput{UserID: "me", Kind: Offer, Display: "Trentième"}); !errors.Is(err, ErrTooMany) {
		t.Errorf("31st (offer of a sought skill): %v, want ErrTooMany", err)
	}
	if _, err := n.add(AddInput{UserID: "me", Kind: Seek, Display: "Trentième", Note: "vite", NoteSet: true}); err != nil {
		t.Errorf("update at 30: %v", err)
	}
	if got := len(n.mine("me")); got != MaxPerMember {
		t.Errorf("%d held, want %d", got, MaxPerMember)
	}
}

func TestAddLevel(t *testing.T) {
	n := newNet(t)
	for _, c := range []struct {
		kind  Kind
		level string
		ok    bool
	}{
		{Offer, "expert", true}, {Offer, "", true}, {Offer, "guru", false}, {Seek, "guru", true},
	} {
		_, err := n.add(AddInput{UserID: "me", Kind: c.kind, Display: "Couture", Level: c.level, LevelSet: true})
		if (err == nil) != c.ok || (err != nil && !errors.Is(err, ErrBadLevel)) {
			t.Errorf("%s %q: %v, want ok %v", c.kind, c.level, err, c.ok)
		}
	}
}

// Removing takes both the offer and the need; a skill held neither way,
// or unknown, is refused.
func TestRemove(t *testing.T) {
	n := newNet(t)
	n.hold("me", Offer, "Couture", "", "")
	n.hold("me", Seek, "Couture", "", "")
	n.hold("u1", Offer, "Soudure", "", "")
	for _, c := range []struct {
		typed string
		want  error
	}{
		{"Soudure", ErrNotHeld}, {"Jardinage", ErrUnknown}, {"couture", nil}, {"Couture", ErrNotHeld},
	} {
		err := n.write(func(tx *storage.Tx) error {
			_, err := Remove(ctx, tx, g, "me", c.typed)
			return err
		})
		if !errors.Is(err, c.want) || (c.want == nil && err != nil) {
			t.Errorf("remove %q: %v, want %v", c.typed, err, c.want)
		}
	}
	if got := n.mine("me"); len(got) != 0 {
		t.Errorf("left %+v", got)
	}
}
