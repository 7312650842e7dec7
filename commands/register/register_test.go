package register

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/tierslieux/tiersbot/commands/ruletest"
	"github.com/tierslieux/tiersbot/storage"
)

// TestMayKeep: any space's animators and the coordination keep the
// register; nobody else.
func TestMayKeep(t *testing.T) {
	n := newNet(t)
	ruletest.Animators(t, n.db, ruletest.Space(t, n.db, "Fab Lab", "", ""), "role-fab")
	for _, c := range []struct {
		name string
		who  Actor
		want bool
	}{
		{"the coordination, no role (Manage Server, Administrator or its role)", Actor{UserID: "u-coord", Coordinator: true}, true},
		{"La Ruche's animator", Actor{UserID: "u-anim", Roles: []string{"role-ruche"}}, true},
		{"another space's animator", Actor{UserID: "u-fab", Roles: []string{"role-other", "role-fab"}}, true},
		{"a member with roles", Actor{UserID: "u-alice", Roles: []string{"role-member", "role-other"}}, false},
		{"a member without roles", Actor{UserID: "u-alice"}, false},
		{"an empty role (a space without animators)", Actor{UserID: "u-alice", Roles: []string{""}}, false},
	} {
		var got bool
		var refused error
		n.read(func(tx *storage.Tx) error {
			var err error
			if got, err = MayKeep(ctx, tx, g, c.who); err != nil {
				return err
			}
			refused = RequireKeeper(ctx, tx, g, c.who)
			return nil
		})
		if got != c.want {
			t.Errorf("%s: keeper %v, want %v", c.name, got, c.want)
		}
		if r := refusal(refused); c.want && refused != nil || !c.want && !reflect.DeepEqual(r, Refusal{Reason: NotKeeper}) {
			t.Errorf("%s: RequireKeeper %v, want a refusal %v", c.name, refused, !c.want)
		}
	}
	// A role of another network's space does not count here.
	other := storage.Space{GuildID: "g-other", Name: "Ailleurs", Key: "ailleurs", Town: "Ailleurs", Timezone: "Europe/Paris", AnimatorRole: "role-ailleurs"}
	ruletest.Write(t, n.db, func(tx *storage.Tx) error {
		if err := tx.SaveGuild(ctx, storage.Guild{ID: "g-other", Lang: "fr", Timezone: "Europe/Paris"}, now); err != nil {
			return err
		}
		_, err := tx.AddSpace(ctx, other, now)
		return err
	})
	n.read(func(tx *storage.Tx) error {
		if ok, err := MayKeep(ctx, tx, g, Actor{Roles: []string{"role-ailleurs"}}); err != nil || ok {
			t.Errorf("another network's animator: %v %v, want false", ok, err)
		}
		return nil
	})
}

func TestIsRef(t *testing.T) {
	for v, want := range map[string]bool{"p12": true, "p1": true, "p0": true, "p": false, "12": false, "pa": false,
		"Paul": false, "p12a": false, "P12": false, " p12": false, "p 12": false} {
		if got := IsRef(v); got != want {
			t.Errorf("IsRef(%q) = %v, want %v", v, got, want)
		}
	}
	if Ref(12) != "p12" {
		t.Errorf("Ref(12) = %q", Ref(12))
	}
}

// TestFind: an entry by the reference autocomplete sends back, or by a
// name typed that only one entry has.
func TestFind(t *testing.T) {
	n := newNet(t)
	marie := n.entry("Marie Dupont", "Crest", "")
	n.entry("Jean Martin", "Crest", "")
	n.entry("Jean Martin", "Die", "")
	lea := n.entry("Léa Petit", "", "")
	ruletest.Write(t, n.db, func(tx *storage.Tx) error { return Erase(ctx, tx, g, lea.ID, now) })
	for _, c := range []struct {
		typed string
		id    int64 // 0: Unknown
	}{
		{"p1", 1},
		{"  p1 ", 1},
		{"p2", 2},
		{"p9", 0},           // no such entry
		{"p4", 0},           // erased
		{"marie dupont", 1}, // a name: any case
		{"  MARIE   DUPONT ", 1},
		{"Marie", 0},       // part of a name is not enough
		{"Jean Martin", 0}, // two of them
		{"Léa Petit", 0},   // erased
		{"", 0},
	} {
		var got Entry
		err := n.do(func(tx *storage.Tx) error {
			var err error
			got, err = Find(ctx, tx, g, c.typed)
			return err
		})
		switch {
		case c.id == 0 && ReasonOf(err) != Unknown:
			t.Errorf("%q: %+v (%v), want Unknown", c.typed, got, err)
		case c.id != 0 && (err != nil || got.ID != c.id):
			t.Errorf("%q: entry %d (%v), want %d", c.typed, got.ID, err, c.id)
		}
	}
	if marie.Name != "Marie Dupont" {
		t.Fatal(marie)
	}
}

func TestLineOf(t *testing.T) {
	if got := LineOf(Entry{Name: "Marie Dupont", Town: "Crest"}); got != "Marie Dupont, Crest" {
		t.Errorf("with a town: %q", got)
	}
	if got := LineOf(Entry{Name: "Marie Dupont"}); got != "Marie Dupont" {
		t.Errorf("without: %q", got)
	}
}

// TestSuggestion: what is typed is offered as a new entry when it could be
// one: 2 to 100 characters once cleaned, not a reference.
func TestSuggestion(t *testing.T) {
	for _, c := range []struct {
		typed, name string
		ok          bool
	}{
		{"  Marie   Dupont ", "Marie Dupont", true},
		{"Mo", "Mo", true},
		{"M", "M", false},
		{" M ", "M", false},
		{"p12", "p12", false},
		{"paul", "paul", true},
		{strings.Repeat("a", 100), strings.Repeat("a", 100), true},
		{strings.Repeat("a", 101), strings.Repeat("a", 101), false},
	} {
		name, ok := Suggestion(c.typed)
		if name != c.name || ok != c.ok {
			t.Errorf("%q: %q %v, want %q %v", c.typed, name, ok, c.name, c.ok)
		}
	}
}

func TestSearch(t *testing.T) {
	n := newNet(t)
	n.entry("Marie Dupont", "Crest", "")
	n.entry("Jean Martin", "", "")
	n.entry("Alice Martin", "", "")
	var got []Entry
	n.read(func(tx *storage.Tx) error {
		var err error
		got, err = Search(ctx, tx, g, "MARTÍN", 10) // folded as typed
		return err
	})
	if len(got) != 2 || got[0].Name != "Alice Martin" || got[1].Name != "Jean Martin" {
		t.Errorf("search %+v, want Alice then Jean Martin", got)
	}
}

func TestReasonOf(t *testing.T) {
	if ReasonOf(nil) != 0 || ReasonOf(errors.New("disk")) != 0 {
		t.Error("not a refusal")
	}
	// The first reason too is told from no refusal at all.
	if ReasonOf(&Refusal{Reason: NotKeeper}) == ReasonOf(nil) {
		t.Error("NotKeeper reads as no refusal")
	}
	wrapped := errors.Join(errors.New("context"), &Refusal{Reason: Homonyms})
	if ReasonOf(wrapped) != Homonyms {
		t.Error("a wrapped refusal")
	}
	if (&Refusal{Reason: Homonyms, Name: "Jean Martin", Count: 2}).Error() == "" {
		t.Error("a refusal says nothing")
	}
}
