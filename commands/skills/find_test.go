package skills

import (
	"slices"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/ruletest"
	"github.com/tierslieux/tiersbot/storage"
)

func (n *net) find(user string, s Skill, only int64) Found {
	var out Found
	n.must(func(tx *storage.Tx) error {
		var err error
		out, err = Find(ctx, tx, FindInput{GuildID: g, UserID: user, Skill: s, OnlySpace: only})
		return err
	})
	return out
}

func ids(list []Holding) []string {
	var out []string
	for _, h := range list {
		out = append(out, h.UserID)
	}
	return out
}

// Offerers across the network: the asker's home space first, then by last
// activity; the asker never; with a space, only those whose home it is.
// The home space is the profile's, else where the asker last checked in.
func TestFindAcrossSpaces(t *testing.T) {
	n := newNet(t)
	// Most recently active first: d1 (Die), c1 (Crest), x (no home), c2 (Crest), d2 (Die).
	for i, m := range []struct {
		user string
		home int64
	}{{"d1", n.die.ID}, {"c1", n.crest.ID}, {"x", 0}, {"c2", n.crest.ID}, {"d2", n.die.ID}} {
		n.member(m.user, m.home, day0.Add(-time.Duration(i)*time.Hour))
		n.hold(m.user, Offer, "Couture", "", "")
	}
	couture := n.hold("crest-asker", Offer, "Couture", "", "")     // offers it too: never listed to themself
	n.member("crest-asker", n.crest.ID, day0.Add(-90*time.Minute)) // between c1 and x
	n.member("walker", 0, day0)
	ruletest.Visit(t, n.db, "walker", n.die, day0.Add(-48*time.Hour), day0.Add(-47*time.Hour), storage.OutManual)
	for _, c := range []struct {
		asker string
		only  int64
		home  int64
		want  []string
	}{
		{"crest-asker", 0, n.crest.ID, []string{"c1", "c2", "d1", "x", "d2"}},
		{"walker", 0, n.die.ID, []string{"d1", "d2", "c1", "crest-asker", "x", "c2"}}, // home from the last check-in
		{"nobody", 0, 0, []string{"d1", "c1", "crest-asker", "x", "c2", "d2"}},
		{"walker", n.crest.ID, n.die.ID, []string{"c1", "crest-asker", "c2"}},
		{"crest-asker", n.die.ID, n.crest.ID, []string{"d1", "d2"}},
	} {
		got := n.find(c.asker, couture, c.only)
		if !slices.Equal(ids(got.Offerers), c.want) || got.Home != c.home {
			t.Errorf("%s in %d: %v (home %d), want %v (home %d)", c.asker, c.only, ids(got.Offerers), got.Home, c.want, c.home)
		}
	}
}

// HomeFirst keeps each group's order (a stable sort), and with no home
// space keeps the order as it is.
func TestHomeFirst(t *testing.T) {
	hs := []Holding{{UserID: "a", HomeSpaceID: 2}, {UserID: "b", HomeSpaceID: 1}, {UserID: "c", HomeSpaceID: 0}, {UserID: "d", HomeSpaceID: 1}, {UserID: "e", HomeSpaceID: 2}}
	for _, c := range []struct {
		asker      string
		only, home int64
		want       []string
	}{
		{"", 0, 1, []string{"b", "d", "a", "c", "e"}},
		{"", 0, 2, []string{"a", "e", "b", "c", "d"}},
		{"", 0, 0, []string{"a", "b", "c", "d", "e"}},
		{"d", 1, 2, []string{"b"}},
		{"a", 0, 0, []string{"b", "c", "d", "e"}},
	} {
		if got := ids(HomeFirst(hs, c.asker, c.only, c.home)); !slices.Equal(got, c.want) {
			t.Errorf("%+v: %v", c, got)
		}
	}
}
