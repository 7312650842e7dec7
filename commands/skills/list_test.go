package skills

import (
	"fmt"
	"testing"

	"github.com/tierslieux/tiersbot/storage"
)

func scored(list []Scored) string {
	var out string
	for _, s := range list {
		out += fmt.Sprintf("%s:%d ", s.Skill.Key, s.Count)
	}
	return out
}

// Top lists: highest first, ties by key, zeros left out, ten at most; unmet
// needs are sought skills nobody offers.
func TestRank(t *testing.T) {
	all := []Skill{
		{Key: "b", Offers: 2, Seeks: 1},
		{Key: "a", Offers: 2, Seeks: 0},
		{Key: "c", Offers: 0, Seeks: 3},
		{Key: "d", Offers: 5, Seeks: 0},
		{Key: "e", Offers: 0, Seeks: 1},
	}
	got := Rank(all)
	if want := "d:5 a:2 b:2 "; scored(got.Offered) != want {
		t.Errorf("offered %q, want %q", scored(got.Offered), want)
	}
	if want := "c:3 b:1 e:1 "; scored(got.Sought) != want {
		t.Errorf("sought %q, want %q", scored(got.Sought), want)
	}
	if want := "c:3 e:1 "; scored(got.Unmet) != want {
		t.Errorf("unmet %q, want %q", scored(got.Unmet), want)
	}
	if got.Total != 5 || all[0].Key != "b" {
		t.Errorf("total %d, first %q: want 5 and the input left in its order", got.Total, all[0].Key)
	}
	var many []Skill
	for i := range 12 {
		many = append(many, Skill{Key: fmt.Sprintf("k%02d", i), Offers: 20 - i})
	}
	if got := Rank(many).Offered; len(got) != TopN || got[TopN-1].Skill.Key != "k09" {
		t.Errorf("a top %d of 12: %q", TopN, scored(got))
	}
}

// A space's lists count only its members (by home space); the network's
// count an alias's offers for its skill.
func TestList(t *testing.T) {
	n := newNet(t)
	n.member("c1", n.crest.ID, day0)
	n.member("d1", n.die.ID, day0)
	n.hold("c1", Offer, "Couture", "", "")
	n.hold("c1", Seek, "Soudure", "", "")
	n.hold("d1", Offer, "Soudure", "", "")
	n.hold("x", Seek, "Couture", "", "")
	for _, c := range []struct {
		space                  int64
		offered, sought, unmet string
	}{
		{0, "couture:1 soudure:1 ", "couture:1 soudure:1 ", ""},
		{n.crest.ID, "couture:1 ", "soudure:1 ", "soudure:1 "},
		{n.die.ID, "soudure:1 ", "", ""},
	} {
		var got Tops
		n.must(func(tx *storage.Tx) error {
			var err error
			got, err = List(ctx, tx, g, c.space)
			return err
		})
		if scored(got.Offered) != c.offered || scored(got.Sought) != c.sought || scored(got.Unmet) != c.unmet {
			t.Errorf("space %d: %q / %q / %q, want %q / %q / %q", c.space, scored(got.Offered), scored(got.Sought), scored(got.Unmet), c.offered, c.sought, c.unmet)
		}
	}
}

// The week's matches: others' new offers of what I seek and needs of what
// I offer, in their order; my own and the other kind not.
func TestMatches(t *testing.T) {
	h := func(user string, kind Kind, key string) Holding {
		return Holding{UserID: user, Kind: kind, Skill: Skill{Key: key}}
	}
	mine := []Holding{h("me", Offer, "couture"), h("me", Seek, "soudure")}
	fresh := []Holding{
		h("a", Seek, "couture"),  // needs what I offer
		h("b", Offer, "couture"), // offers what I offer
		h("me", Seek, "couture"), // mine
		h("c", Offer, "soudure"), // offers what I seek
		h("d", Seek, "soudure"),  // seeks what I seek
		h("e", Offer, "jardin"),
	}
	got := Matches("me", mine, fresh)
	if fmt.Sprint(ids(got)) != "[a c]" {
		t.Errorf("matches %v, want [a c]", ids(got))
	}
	if got := Matches("me", nil, fresh); len(got) != 0 {
		t.Errorf("no skills of mine: %v", ids(got))
	}
}
