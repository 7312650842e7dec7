package spaces

import (
	"context"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/ruletest"
	"github.com/tierslieux/tiersbot/storage"
)

var (
	ctx  = context.Background()
	day0 = time.Date(2026, 4, 14, 9, 0, 0, 0, time.UTC)
)

// A new space needs a name and a town, and takes the defaults otherwise.
func TestNew(t *testing.T) {
	for _, c := range []struct {
		in   Changes
		want Reason
	}{
		{Changes{Name: str("Le Cube"), NameKey: str("le cube")}, NeedNameTown},
		{Changes{Town: str("Die")}, NeedNameTown},
		{Changes{Name: str("L"), NameKey: str("l"), Town: str("Die")}, BadName},
	} {
		if _, err := New(ruletest.Guild, c.in); reason(err) != c.want {
			t.Errorf("%+v: %v, want %d", c.in, err, c.want)
		}
	}
	got, err := New(ruletest.Guild, Changes{Name: str("Le Cube"), NameKey: str("le cube"), Town: str("Die")})
	want := Space{GuildID: ruletest.Guild, Name: "Le Cube", Key: "le cube", Town: "Die", Timezone: "Europe/Paris"}
	if err != nil || got != want {
		t.Errorf("new %+v, %v; want %+v", got, err, want)
	}
}

// Two spaces never share a name's key, at creation or by renaming; an
// edit that changes nothing is refused and writes nothing.
func TestAddAndEdit(t *testing.T) {
	db := ruletest.DB(t, false)
	add := func(name, key string) (Space, error) {
		var s Space
		err := db.Write(ctx, func(tx *storage.Tx) error {
			n, err := New(ruletest.Guild, Changes{Name: &name, NameKey: &key, Town: str("Crest")})
			if err != nil {
				return err
			}
			s, err = Add(ctx, tx, n, day0)
			return err
		})
		return s, err
	}
	ruche, err := add("La Ruche", "la ruche")
	if err != nil || ruche.ID == 0 || ruche.Name != "La Ruche" || ruche.Timezone != DefaultZone {
		t.Fatalf("added %+v, %v", ruche, err)
	}
	if _, err := add("la ruché", "la ruche"); reason(err) != Exists {
		t.Errorf("same key again: %v, want Exists", err)
	}
	cube, _ := add("Le Cube", "le cube")
	edit := func(s Space, c Changes) (Space, error) {
		var out Space
		err := db.Write(ctx, func(tx *storage.Tx) error {
			var err error
			out, err = Edit(ctx, tx, s, c)
			return err
		})
		return out, err
	}
	for _, c := range []struct {
		what string
		s    Space
		in   Changes
		want Reason
	}{
		{"nothing", cube, Changes{}, NothingToEdit},
		{"the same capacity", cube, Changes{Capacity: str("0")}, NothingToEdit},
		{"renamed as another", cube, Changes{Name: str("LA RUCHE"), NameKey: str("la ruche")}, Exists},
		{"bad capacity", cube, Changes{Capacity: str("-3")}, BadCapacity},
		{"capacity", cube, Changes{Capacity: str("12")}, 0},
	} {
		if _, err := edit(c.s, c.in); reason(err) != c.want || (c.want == 0 && err != nil) {
			t.Errorf("%s: %v, want %d", c.what, err, c.want)
		}
	}
	var stored []storage.Space
	ruletest.Read(t, db, func(tx *storage.Tx) error {
		var err error
		stored, err = tx.Spaces(ctx, ruletest.Guild)
		return err
	})
	if len(stored) != 2 || Of(stored[0]).Capacity+Of(stored[1]).Capacity != 12 || stored[0].Name == "LA RUCHE" || stored[1].Name == "LA RUCHE" {
		t.Errorf("stored %+v: want La Ruche and Le Cube, Le Cube of 12 seats", stored)
	}
	back := Of(stored[0]).Stored()
	if back != stored[0] {
		t.Errorf("Of then Stored: %+v, want %+v", back, stored[0])
	}
}

// The list counts who is in each space now; a space's card lists them by arrival.
func TestListAndHere(t *testing.T) {
	db := ruletest.DB(t, false)
	crest := ruletest.Space(t, db, "Crest", "", "")
	die := ruletest.Space(t, db, "Die", "", "")
	ruletest.Visit(t, db, "bob", crest, day0.Add(time.Hour), time.Time{}, "")
	ruletest.Visit(t, db, "ann", crest, day0, time.Time{}, "")
	ruletest.Visit(t, db, "carl", crest, day0, day0.Add(time.Hour), storage.OutManual) // gone
	ruletest.Visit(t, db, "dan", die, day0, day0.Add(time.Hour), storage.OutManual)
	var list []Listed
	var here []Present
	ruletest.Read(t, db, func(tx *storage.Tx) error {
		var err error
		if list, err = List(ctx, tx, ruletest.Guild); err != nil {
			return err
		}
		here, err = Here(ctx, tx, crest.ID)
		return err
	})
	if len(list) != 2 || list[0].Space.Name != "Crest" || list[0].Present != 2 || list[1].Space.Name != "Die" || list[1].Present != 0 {
		t.Errorf("list %+v: want Crest 2, Die 0", list)
	}
	if len(here) != 2 || here[0].Name != "ann" || !here[0].At.Equal(day0) || here[1].Name != "bob" {
		t.Errorf("here %+v: want ann (at 9:00) then bob", here)
	}
}
