package register

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/ruletest"
	"github.com/tierslieux/tiersbot/storage"
)

func TestParseWalkins(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []Line
		ref  Refusal
	}{
		{in: "", want: nil},
		{in: "\n  \n", want: nil},
		{in: "Marie Dupont\n\n  Jean   Martin , 26400 \n", want: []Line{{"Marie Dupont", ""}, {"Jean Martin", "26400"}}},
		// The same person twice (any case, accents) counts once; a town tells homonyms apart.
		{in: "Zoé Roux\nzoe roux\nZoé Roux, Die\nZOE ROUX, die", want: []Line{{"Zoé Roux", ""}, {"Zoé Roux", "Die"}}},
		// Only the first comma splits: the rest is the town.
		{in: "王小明, Crest, Drôme", want: []Line{{"王小明", "Crest, Drôme"}}},
		{in: "Mo", want: []Line{{"Mo", ""}}},
		{in: "Ana, " + strings.Repeat("b", 60), want: []Line{{"Ana", strings.Repeat("b", 60)}}},
		{in: strings.Repeat("a", 100), want: []Line{{strings.Repeat("a", 100), ""}}},
		// A comma alone is an empty line.
		{in: "Ana\n , \nLéa", want: []Line{{"Ana", ""}, {"Léa", ""}}},
		{in: "Marie\n, Crest", ref: Refusal{Reason: LineNoName, Line: 2}},
		{in: "X", ref: Refusal{Reason: LineNoName, Line: 1}},
		{in: "Ana\n\nX, Die", ref: Refusal{Reason: LineNoName, Line: 3}},
		{in: "Ana\n" + strings.Repeat("a", 101), ref: Refusal{Reason: NameTooLong, Line: 2}},
		{in: "Ana, " + strings.Repeat("b", 61), ref: Refusal{Reason: TownTooLong, Line: 1}},
	} {
		got, err := ParseWalkins(c.in)
		if c.ref.Reason != 0 {
			if r := refusal(err); !reflect.DeepEqual(r, c.ref) {
				t.Errorf("%.30q: refusal %+v, want %+v", c.in, r, c.ref)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%.30q: %+v (%v), want %+v", c.in, got, err, c.want)
		}
	}
}

// TestParseWalkinsLimit: 200 people at most; a name typed twice is one.
func TestParseWalkinsLimit(t *testing.T) {
	var many []string
	for i := range 200 {
		many = append(many, fmt.Sprintf("Personne %d", i))
	}
	if got, err := ParseWalkins(strings.Join(many, "\n")); err != nil || len(got) != 200 {
		t.Errorf("200 names: %d (%v)", len(got), err)
	}
	if got, err := ParseWalkins(strings.Join(append(many, "personne 0", "PERSONNE 199"), "\n")); err != nil || len(got) != 200 {
		t.Errorf("200 names and 2 again: %d (%v), want 200", len(got), err)
	}
	if _, err := ParseWalkins(strings.Join(append(many, "Personne 200"), "\n")); ReasonOf(err) != TooManyLines {
		t.Errorf("201 names: %v, want TooManyLines", err)
	}
}

func TestParseAnonymous(t *testing.T) {
	for v, want := range map[string]int{"": 0, "  ": 0, "0": 0, " 3 ": 3, "5000": 5000, "-1": -1, "5001": -1, "abc": -1, "2.5": -1} {
		got, err := ParseAnonymous(v)
		if want < 0 {
			if ReasonOf(err) != BadAnonymous || got != 0 {
				t.Errorf("%q: %d %v, want BadAnonymous", v, got, err)
			}
			continue
		}
		if got != want || err != nil {
			t.Errorf("%q: %d %v, want %d", v, got, err, want)
		}
	}
}

// TestResolve: a name is the same person when its folded form matches
// one entry; homonyms need the town; a town typed for an entry without
// one is kept.
func TestResolve(t *testing.T) {
	n := newNet(t)
	n.entry("Marie Dupont", "", "")
	n.entry("Jean Martin", "Crest", "")
	n.entry("Jean Martin", "Die", "")
	for _, c := range []struct {
		line    Line
		id      int64 // the entry found (0: refused)
		created bool
		town    string // its town after
		count   int    // homonyms when refused
	}{
		{Line{"marie dupont", ""}, 1, false, "", 0},
		{Line{"Marie Dupont", "Crest"}, 1, false, "Crest", 0}, // the town is kept
		{Line{"MARIE DUPONT", "crest"}, 1, false, "Crest", 0},
		{Line{"Marie Dupont", "Die"}, 4, true, "Die", 0}, // another Marie, in Die
		{Line{"Jean Martin", "die"}, 3, false, "Die", 0},
		{Line{"Jean Martin", ""}, 0, false, "", 2},              // two of them: which?
		{Line{"Jean Martin", "Valence"}, 5, true, "Valence", 0}, // a third
		{Line{"Jean Martin", ""}, 0, false, "", 3},
		{Line{"Léa Petit", ""}, 6, true, "", 0},
		{Line{"Léa Petit", "Crest"}, 6, false, "Crest", 0},
	} {
		var got Entry
		var created bool
		err := n.do(func(tx *storage.Tx) error {
			var err error
			got, created, err = Resolve(ctx, tx, g, c.line, "u-anim", now)
			return err
		})
		if c.id == 0 {
			if r := refusal(err); !reflect.DeepEqual(r, Refusal{Reason: Homonyms, Name: "Jean Martin", Count: c.count}) {
				t.Errorf("%+v: %+v, want %d homonyms", c.line, r, c.count)
			}
			continue
		}
		if err != nil || got.ID != c.id || created != c.created || got.Town != c.town {
			t.Errorf("%+v: entry %d created %v town %q (%v), want %d %v %q", c.line, got.ID, created, got.Town, err, c.id, c.created, c.town)
		}
	}
	// What was created and kept is in the register, as typed (by name, then id).
	var towns []string
	for _, e := range n.entries() {
		towns = append(towns, fmt.Sprintf("%d %s, %s by %s", e.ID, e.Name, e.Town, e.CreatedBy))
	}
	want := []string{"2 Jean Martin, Crest by u-anim", "3 Jean Martin, Die by u-anim", "5 Jean Martin, Valence by u-anim",
		"6 Léa Petit, Crest by u-anim", "1 Marie Dupont, Crest by u-anim", "4 Marie Dupont, Die by u-anim"}
	if !reflect.DeepEqual(towns, want) {
		t.Errorf("register\n%q\nwant\n%q", towns, want)
	}
}

// walkinsAt is the event's named walk-ins (ids) and its walk-ins total.
func (n *net) walkinsAt(e storage.Event) ([]int64, int) {
	n.t.Helper()
	var ids []int64
	var ev storage.Event
	n.read(func(tx *storage.Tx) error {
		list, err := tx.EventRegisterAttendees(ctx, e.ID)
		for _, x := range list {
			ids = append(ids, x.ID)
		}
		if err != nil {
			return err
		}
		ev, err = tx.Event(ctx, g, e.ID)
		return err
	})
	return ids, ev.Walkins
}

func (n *net) attended(e storage.Event, user string) *bool {
	n.t.Helper()
	var rv storage.RSVP
	n.read(func(tx *storage.Tx) error {
		var err error
		rv, err = tx.RSVP(ctx, e.ID, user)
		return err
	})
	return rv.Attended
}

func names(list []Entry) []string {
	var out []string
	for _, e := range list {
		out = append(out, e.Name)
	}
	return out
}

// TestRecordWalkins: the form's names become the event's named walk-ins,
// a member who had answered is marked as came on the answer (not counted
// again), one who said "can't come" is a walk-in after all, a name taken
// off is removed (its entry stays), the total is named + anonymous.
func TestRecordWalkins(t *testing.T) {
	n := newNet(t)
	e := ruletest.Event(t, n.db, n.ruche, "Matinée emploi", time.Date(2026, 4, 14, 9, 0, 0, 0, paris), 3*time.Hour, false)
	alice := n.entry("Alice Martin", "", "u-alice")
	bob := n.entry("Bob Roux", "Die", "u-bob")
	ruletest.Answer(t, n.db, e, "u-alice", storage.Going, now.Add(-48*time.Hour))
	ruletest.Answer(t, n.db, e, "u-bob", storage.NotGoing, now.Add(-48*time.Hour))
	record := func(text string, anon int) WalkinsResult {
		t.Helper()
		lines, err := ParseWalkins(text)
		if err != nil {
			t.Fatal(err)
		}
		var res WalkinsResult
		ruletest.Write(t, n.db, func(tx *storage.Tx) error {
			var err error
			res, err = RecordWalkins(ctx, tx, WalkinsInput{Event: e, Zone: paris, Lines: lines, Anonymous: anon, By: "u-anim", Now: now})
			return err
		})
		return res
	}

	res := record("Marie Dupont, Crest\nAlice Martin\nbob roux\nmarie dupont, crest\n王小明", 2)
	if got := names(res.Created); !reflect.DeepEqual(got, []string{"Marie Dupont", "王小明"}) {
		t.Errorf("created %q", got)
	}
	if got := names(res.Known); !reflect.DeepEqual(got, []string{"Bob Roux"}) {
		t.Errorf("known %q, want Bob (he had said he could not come)", got)
	}
	if got := names(res.Answered); !reflect.DeepEqual(got, []string{"Alice Martin"}) {
		t.Errorf("answered %q", got)
	}
	if res.Named != 3 || res.Removed != 0 || res.Anonymous != 2 || res.Total != 5 {
		t.Errorf("named %d removed %d anonymous %d total %d, want 3 0 2 5", res.Named, res.Removed, res.Anonymous, res.Total)
	}
	ids, total := n.walkinsAt(e)
	marie, ming := res.Created[0].ID, res.Created[1].ID
	if !reflect.DeepEqual(ids, []int64{marie, bob.ID, ming}) || total != 5 {
		t.Errorf("recorded %v total %d, want [%d %d %d] 5", ids, total, marie, bob.ID, ming)
	}
	if a := n.attended(e, "u-alice"); a == nil || !*a {
		t.Errorf("alice's answer: attended %v, want came", a)
	}
	if a := n.attended(e, "u-bob"); a != nil {
		t.Errorf("bob's answer: attended %v, want unrecorded (he is a walk-in)", *a)
	}

	// Bob taken off, Léa added, no anonymous: the entries stay.
	res = record("Marie Dupont, Crest\n王小明\nLéa Petit", 0)
	if names(res.Created)[0] != "Léa Petit" || len(res.Created) != 1 || len(res.Known) != 2 || res.Removed != 1 || res.Named != 3 || res.Total != 3 {
		t.Errorf("second save %+v", res)
	}
	if ids, total := n.walkinsAt(e); len(ids) != 3 || ids[0] != marie || total != 3 {
		t.Errorf("after the second save %v total %d", ids, total)
	}
	if len(n.entries()) != 5 {
		t.Errorf("register %+v, want 5 entries (Bob stays)", n.entries())
	}

	// An erased entry's presence stays counted, though the form cannot show it.
	ruletest.Write(t, n.db, func(tx *storage.Tx) error { return Erase(ctx, tx, g, ming, now) })
	res = record("Marie Dupont, Crest\nLéa Petit", 1)
	if res.Removed != 0 || res.Named != 3 || res.Total != 4 {
		t.Errorf("after an erasure: removed %d named %d total %d, want 0 3 4", res.Removed, res.Named, res.Total)
	}
	// Nothing but a count: every name off, the count alone.
	res = record("", 6)
	if res.Removed != 2 || res.Named != 1 || res.Total != 7 || len(res.Created)+len(res.Known)+len(res.Answered) != 0 {
		t.Errorf("a count only %+v, want 2 removed, 1 named (erased), total 7", res)
	}
	if _, total := n.walkinsAt(e); total != 7 {
		t.Errorf("total %d, want 7", total)
	}
	if alice.ID == 0 {
		t.Fatal(alice)
	}
}

// TestRecordWalkinsRefused: homonyms refuse the whole form.
func TestRecordWalkinsRefused(t *testing.T) {
	n := newNet(t)
	e := ruletest.Event(t, n.db, n.ruche, "Atelier", time.Date(2026, 4, 14, 9, 0, 0, 0, paris), time.Hour, false)
	n.entry("Jean Martin", "Crest", "")
	n.entry("Jean Martin", "Die", "")
	err := n.do(func(tx *storage.Tx) error {
		_, err := RecordWalkins(ctx, tx, WalkinsInput{Event: e, Zone: paris, Lines: []Line{{"Léa Petit", ""}, {"Jean Martin", ""}}, By: "u-anim", Now: now})
		return err
	})
	if r := refusal(err); !reflect.DeepEqual(r, Refusal{Reason: Homonyms, Name: "Jean Martin", Count: 2}) {
		t.Errorf("refusal %+v", r)
	}
	if ids, total := n.walkinsAt(e); len(ids) != 0 || total != 0 || len(n.entries()) != 2 {
		t.Errorf("a refused form recorded %v total %d entries %d", ids, total, len(n.entries()))
	}
}

// TestRecordWalkinsDay: the presence's day is the event's start in the
// zone given (its space's), not in UTC.
func TestRecordWalkinsDay(t *testing.T) {
	n := newNet(t)
	start := time.Date(2026, 4, 14, 23, 30, 0, 0, time.UTC) // 15 April, 01:30 in Paris
	e := ruletest.Event(t, n.db, n.ruche, "Nuit", start, time.Hour, false)
	ruletest.Write(t, n.db, func(tx *storage.Tx) error {
		_, err := RecordWalkins(ctx, tx, WalkinsInput{Event: e, Zone: paris, Lines: []Line{{"Léa Petit", ""}}, By: "u-anim", Now: now})
		return err
	})
	d := n.export(n.entries()[0])
	if len(d.Attendance) != 1 || d.Attendance[0]["day"] != "2026-04-15" {
		t.Errorf("attendance %+v, want the day 2026-04-15", d.Attendance)
	}
}
