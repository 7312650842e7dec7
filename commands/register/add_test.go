package register

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/ruletest"
	"github.com/tierslieux/tiersbot/storage"
)

func TestCheckAdd(t *testing.T) {
	for _, c := range []struct {
		o    AddOptions
		want Refusal
	}{
		{AddOptions{}, Refusal{}},
		{AddOptions{Town: strings.Repeat("b", 60), Contact: strings.Repeat("c", 100), AtSpace: true, OnDay: true}, Refusal{}},
		{AddOptions{Town: "  " + strings.Repeat("b", 60) + "  "}, Refusal{}}, // trimmed first
		{AddOptions{Town: strings.Repeat("b", 61)}, Refusal{Reason: TownTooLong, Line: 1}},
		{AddOptions{Contact: strings.Repeat("c", 101)}, Refusal{Reason: ContactTooLong}},
		{AddOptions{AtEvent: true}, Refusal{}},
		{AddOptions{AtEvent: true, AtSpace: true}, Refusal{Reason: EventAndSpace}},
		{AddOptions{OnDay: true}, Refusal{Reason: DayWithoutSpace}},
		{AddOptions{AtEvent: true, OnDay: true}, Refusal{Reason: DayWithoutSpace}},
		// The first refused option in the options' order.
		{AddOptions{Town: strings.Repeat("b", 61), Contact: strings.Repeat("c", 101), AtEvent: true, AtSpace: true}, Refusal{Reason: TownTooLong, Line: 1}},
		{AddOptions{Contact: strings.Repeat("c", 101), AtEvent: true, AtSpace: true}, Refusal{Reason: ContactTooLong}},
	} {
		if got := refusal(CheckAdd(c.o)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%+v: %+v, want %+v", c.o, got, c.want)
		}
	}
}

func (n *net) add(in AddInput) (Added, error) {
	var got Added
	err := n.do(func(tx *storage.Tx) error {
		var err error
		in.GuildID, in.By, in.Now = g, "u-anim", now
		got, err = Add(ctx, tx, in)
		return err
	})
	return got, err
}

// TestAddEntry: a new name is an entry, the same name is found again
// (town kept when it had none, contact replaced), a reference names one;
// names of 2 to 100 characters; homonyms need their town.
func TestAddEntry(t *testing.T) {
	n := newNet(t)
	for _, c := range []struct {
		in      AddInput
		id      int64
		created bool
		town    string
		contact string
		ref     Refusal
	}{
		{in: AddInput{Typed: "  Marie   Dupont "}, id: 1, created: true},
		{in: AddInput{Typed: "marie dupont", Town: " Crest ", Contact: "06 12"}, id: 1, town: "Crest", contact: "06 12"},
		{in: AddInput{Typed: "p1", Town: "Die"}, id: 1, town: "Crest", contact: "06 12"}, // a town is never replaced
		{in: AddInput{Typed: "p1", Contact: "marie@example.org"}, id: 1, town: "Crest", contact: "marie@example.org"},
		{in: AddInput{Typed: "Marie Dupont", Town: "Die"}, id: 2, created: true, town: "Die"}, // another Marie
		{in: AddInput{Typed: "Marie Dupont"}, ref: Refusal{Reason: Homonyms, Name: "Marie Dupont", Count: 2}},
		{in: AddInput{Typed: "p9"}, ref: Refusal{Reason: Unknown}},
		{in: AddInput{Typed: " M "}, ref: Refusal{Reason: NameNeeded}},
		{in: AddInput{Typed: ""}, ref: Refusal{Reason: NameNeeded}},
		{in: AddInput{Typed: strings.Repeat("a", 101)}, ref: Refusal{Reason: NameTooLong, Line: 1}},
		{in: AddInput{Typed: "Mo"}, id: 3, created: true},
		{in: AddInput{Typed: "p3", Town: "Valence"}, id: 3, town: "Valence"}, // kept for a referenced entry without one
		{in: AddInput{Typed: strings.Repeat("a", 100), Town: "Crest"}, id: 4, created: true, town: "Crest"},
	} {
		got, err := n.add(c.in)
		if c.ref.Reason != 0 {
			if r := refusal(err); !reflect.DeepEqual(r, c.ref) {
				t.Errorf("%+v: %+v, want %+v", c.in, r, c.ref)
			}
			continue
		}
		e := got.Entry
		if err != nil || e.ID != c.id || got.Created != c.created || e.Town != c.town || e.Contact != c.contact {
			t.Errorf("%q: entry %d created %v town %q contact %q (%v), want %d %v %q %q", c.in.Typed, e.ID, got.Created, e.Town, e.Contact, err, c.id, c.created, c.town, c.contact)
		}
		if got.Event != nil || got.Space != nil || !got.Noon.IsZero() || got.Again || len(got.Fields) != 0 {
			t.Errorf("%q: a presence or questions where none %+v", c.in.Typed, got)
		}
	}
	// What the register keeps, read back.
	list := n.entries()
	if len(list) != 4 || list[3].Town != "Valence" || list[1].Name != "Marie Dupont" || list[1].Town != "Crest" || list[1].Contact != "marie@example.org" || list[0].Name != strings.Repeat("a", 100) {
		t.Errorf("register %+v", list)
	}
}

// TestAddAtSpace: a presence at a space on the day typed or today, at
// noon in its zone; never a day to come; once per day.
func TestAddAtSpace(t *testing.T) {
	n := newNet(t)
	noumea := mustZone("Pacific/Noumea")
	far := ruletest.Space(t, n.db, "Nouméa", "Pacific/Noumea", "")
	for _, c := range []struct {
		name  string
		in    AddInput
		noon  time.Time
		again bool
		ref   Reason
	}{
		{"today", AddInput{Typed: "Léa Petit", Space: &n.ruche, Zone: paris}, time.Date(2026, 4, 14, 12, 0, 0, 0, paris), false, 0},
		{"today again", AddInput{Typed: "p1", Space: &n.ruche, Zone: paris}, time.Date(2026, 4, 14, 12, 0, 0, 0, paris), true, 0},
		{"the day before", AddInput{Typed: "p1", Space: &n.ruche, Zone: paris, Day: time.Date(2026, 4, 13, 0, 0, 0, 0, paris)}, time.Date(2026, 4, 13, 12, 0, 0, 0, paris), false, 0},
		{"today typed", AddInput{Typed: "p1", Space: &n.ruche, Zone: paris, Day: time.Date(2026, 4, 14, 0, 0, 0, 0, paris)}, time.Date(2026, 4, 14, 12, 0, 0, 0, paris), true, 0},
		{"tomorrow", AddInput{Typed: "p1", Space: &n.ruche, Zone: paris, Day: time.Date(2026, 4, 15, 0, 0, 0, 0, paris)}, time.Time{}, false, FutureDay},
		// 15:00 in Paris is 01:00 on the 15th in Nouméa: its today.
		{"today in Nouméa", AddInput{Typed: "p1", Space: &far, Zone: noumea}, time.Date(2026, 4, 15, 12, 0, 0, 0, noumea), false, 0},
		{"the 15th begun in Nouméa", AddInput{Typed: "p1", Space: &far, Zone: noumea, Day: time.Date(2026, 4, 15, 0, 0, 0, 0, noumea)}, time.Date(2026, 4, 15, 12, 0, 0, 0, noumea), true, 0},
		{"the 16th in Nouméa", AddInput{Typed: "p1", Space: &far, Zone: noumea, Day: time.Date(2026, 4, 16, 0, 0, 0, 0, noumea)}, time.Time{}, false, FutureDay},
	} {
		got, err := n.add(c.in)
		if c.ref != 0 {
			if ReasonOf(err) != c.ref {
				t.Errorf("%s: %v, want %d", c.name, err, c.ref)
			}
			continue
		}
		if err != nil || !got.Noon.Equal(c.noon) || got.Noon.Location() != c.in.Zone || got.Again != c.again || got.Space != c.in.Space || got.Event != nil {
			t.Errorf("%s: noon %v again %v space %v (%v), want %v %v", c.name, got.Noon, got.Again, got.Space, err, c.noon, c.again)
		}
	}
	d := n.export(n.entries()[0])
	var days []string
	for _, a := range d.Attendance {
		days = append(days, a["day"].(string))
	}
	if len(days) != 3 {
		t.Errorf("presences %v, want the 13th and 14th at La Ruche, the 15th at Nouméa", days)
	}
}

// TestAddAtEvent: a walk-in at an event adds one to its walk-ins total
// once; a member who had answered is marked as came on the answer instead.
func TestAddAtEvent(t *testing.T) {
	n := newNet(t)
	e := ruletest.Event(t, n.db, n.ruche, "Matinée emploi", time.Date(2026, 4, 14, 9, 0, 0, 0, paris), 3*time.Hour, false)
	n.entry("Alice Martin", "", "u-alice")
	ruletest.Answer(t, n.db, e, "u-alice", storage.Going, now.Add(-time.Hour))
	at := func() AddInput {
		ev := e
		n.read(func(tx *storage.Tx) error { // the event as the handler reads it, walk-ins included
			var err error
			ev, err = tx.Event(ctx, g, e.ID)
			return err
		})
		return AddInput{Event: &ev, Zone: paris}
	}
	for _, c := range []struct {
		name   string
		typed  string
		again  bool
		total  int
		named  int
		answer bool // alice marked as came
	}{
		{"a walk-in", "Léa Petit", false, 1, 1, false},
		{"the same again", "p2", true, 1, 1, false},
		{"alice on her answer", "p1", false, 1, 1, true},
		{"another walk-in", "Bob Roux", false, 2, 2, true},
	} {
		in := at()
		in.Typed = c.typed
		got, err := n.add(in)
		ids, total := n.walkinsAt(e)
		a := n.attended(e, "u-alice")
		if err != nil || got.Again != c.again || got.Event == nil || got.Event.ID != e.ID || total != c.total || len(ids) != c.named || (a != nil && *a) != c.answer {
			t.Errorf("%s: again %v total %d named %v alice %v (%v), want %v %d %d %v", c.name, got.Again, total, ids, a, err, c.again, c.total, c.named, c.answer)
		}
	}
}

// TestAddFields: the reply names the questions to ask.
func TestAddFields(t *testing.T) {
	n := newNet(t)
	n.field("Demandeur d'emploi", "Bilan FSE+", "oui, non")
	got, err := n.add(AddInput{Typed: "Léa Petit"})
	if err != nil || len(got.Fields) != 1 || got.Fields[0].Name != "Demandeur d'emploi" || !reflect.DeepEqual(got.Fields[0].Choices, []string{"oui", "non"}) {
		t.Errorf("fields %+v (%v)", got.Fields, err)
	}
}

// TestAddAtEventDay: the presence's day is the event's start in its
// space's zone: 23:30 UTC on the 14th is the 15th in Paris.
func TestAddAtEventDay(t *testing.T) {
	n := newNet(t)
	e := ruletest.Event(t, n.db, n.ruche, "Nuit", time.Date(2026, 4, 14, 23, 30, 0, 0, time.UTC), time.Hour, false)
	if _, err := n.add(AddInput{Typed: "Léa Petit", Event: &e, Zone: paris}); err != nil {
		t.Fatal(err)
	}
	if d := n.export(n.entries()[0]); len(d.Attendance) != 1 || d.Attendance[0]["day"] != "2026-04-15" {
		t.Errorf("attendance %+v, want the day 2026-04-15", d.Attendance)
	}
}
