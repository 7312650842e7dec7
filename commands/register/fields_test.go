package register

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/ruletest"
	"github.com/tierslieux/tiersbot/storage"
)

// field adds a question as the coordination would.
func (n *net) field(name, purpose, choices string) Field {
	n.t.Helper()
	var f Field
	ruletest.Write(n.t, n.db, func(tx *storage.Tx) error {
		var err error
		f, err = AddField(ctx, tx, NewField{GuildID: g, Name: name, Purpose: purpose, Choices: choices, Now: now})
		return err
	})
	return f
}

func TestParseChoices(t *testing.T) {
	long := strings.Repeat("x", 40)
	for _, c := range []struct {
		in   string
		want []string
		bad  bool
	}{
		{in: "", want: nil},
		{in: "   ", want: nil},
		{in: "oui, non", want: []string{"oui", "non"}},
		{in: "<26 | 26-54 | 55+", want: []string{"<26", "26-54", "55+"}},
		// A "|" anywhere separates by "|": commas stay in the answers.
		{in: "oui, vraiment | non", want: []string{"oui, vraiment", "non"}},
		{in: "Oui, oui, OUÍ, non", want: []string{"Oui", "non"}}, // the same answer once, as first typed
		{in: "oui,, non,", want: []string{"oui", "non"}},
		{in: "a,b,c,d,e,f,g,h,i,j", want: []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}},
		{in: "a,b,c,d,e,f,g,h,i,j,k", bad: true},
		{in: "jeune", bad: true},
		{in: "oui, OUI", bad: true},
		{in: long + ", non", want: []string{long, "non"}},
		{in: long + "x, non", bad: true},
	} {
		got, err := ParseChoices(c.in)
		if c.bad {
			if ReasonOf(err) != BadChoices {
				t.Errorf("%q: %q %v, want BadChoices", c.in, got, err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: %q (%v), want %q", c.in, got, err, c.want)
		}
	}
}

func TestValue(t *testing.T) {
	yesNo := Field{Name: "Demandeur d'emploi", Choices: []string{"Oui", "Non", "Ne sait pas"}}
	free := Field{Name: "Commune"}
	for _, c := range []struct {
		f     Field
		typed string
		want  string
		ref   Refusal
	}{
		{f: yesNo, typed: "oui", want: "Oui"}, // its own spelling
		{f: yesNo, typed: " NE  SAIT   PAS ", want: "Ne sait pas"},
		{f: yesNo, typed: "nón", want: "Non"},
		{f: yesNo, typed: "peut-être", ref: Refusal{Reason: NotAChoice, Choices: []string{"Oui", "Non", "Ne sait pas"}}},
		{f: yesNo, typed: "-", want: ""},
		{f: yesNo, typed: "—", want: ""},
		{f: yesNo, typed: "  ", want: ""},
		{f: free, typed: " Crest ", want: "Crest"},
		{f: free, typed: strings.Repeat("x", 40), want: strings.Repeat("x", 40)},
		{f: free, typed: strings.Repeat("x", 41), ref: Refusal{Reason: ValueTooLong}},
		{f: free, typed: " - ", want: ""},
	} {
		got, err := Value(c.f, c.typed)
		if c.ref.Reason != 0 {
			if r := refusal(err); !reflect.DeepEqual(r, c.ref) {
				t.Errorf("%q: %+v, want %+v", c.typed, r, c.ref)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: %q (%v), want %q", c.typed, got, err, c.want)
		}
	}
}

func TestOneOrForm(t *testing.T) {
	for _, c := range []struct {
		field, value string
		form         bool
		ref          Reason
	}{
		{"", "", true, 0},
		{"1", "oui", false, 0},
		{"1", "", false, AnswerHow},
		{"", "oui", false, AnswerHow},
	} {
		form, err := OneOrForm(c.field, c.value)
		if form != c.form || ReasonOf(err) != c.ref {
			t.Errorf("%q %q: form %v %v, want %v %d", c.field, c.value, form, err, c.form, c.ref)
		}
	}
}

// TestAddField: a name of 2 to 45 characters, why it is asked (1 to 200),
// its answers, unique by name in any case or accents, 10 at most.
func TestAddField(t *testing.T) {
	n := newNet(t)
	for _, c := range []struct {
		in  NewField
		ref Refusal
		id  int64
	}{
		{in: NewField{Name: "  Demandeur   d'emploi ", Purpose: " Bilan FSE+ ", Choices: "oui, non"}, id: 1},
		{in: NewField{Name: "DEMANDEUR D’EMPLOI", Purpose: "x"}, ref: Refusal{Reason: FieldExists, Name: "DEMANDEUR D’EMPLOI"}},
		{in: NewField{Name: "A", Purpose: "x"}, ref: Refusal{Reason: FieldBadName}},
		{in: NewField{Name: strings.Repeat("n", 46), Purpose: "x"}, ref: Refusal{Reason: FieldBadName}},
		{in: NewField{Name: "Âge", Purpose: "  "}, ref: Refusal{Reason: PurposeNeeded}},
		{in: NewField{Name: "Âge", Purpose: strings.Repeat("p", 201)}, ref: Refusal{Reason: PurposeTooLong}},
		{in: NewField{Name: "Âge", Purpose: "x", Choices: "jeune"}, ref: Refusal{Reason: BadChoices}},
		{in: NewField{Name: strings.Repeat("n", 45), Purpose: strings.Repeat("p", 200)}, id: 2},
		{in: NewField{Name: "Âg", Purpose: "x"}, id: 3},
	} {
		c.in.GuildID, c.in.Now = g, now
		var got Field
		err := n.do(func(tx *storage.Tx) error {
			var err error
			got, err = AddField(ctx, tx, c.in)
			return err
		})
		if c.ref.Reason != 0 {
			if r := refusal(err); !reflect.DeepEqual(r, c.ref) {
				t.Errorf("%q: %+v, want %+v", c.in.Name, r, c.ref)
			}
			continue
		}
		if err != nil || got.ID != c.id {
			t.Errorf("%q: %+v (%v), want id %d", c.in.Name, got, err, c.id)
		}
	}
	var fields []Field
	n.read(func(tx *storage.Tx) error {
		var err error
		fields, err = Fields(ctx, tx, g)
		return err
	})
	if len(fields) != 3 || fields[0].Name != "Demandeur d'emploi" || fields[0].NameKey != "demandeur d emploi" || fields[0].Purpose != "Bilan FSE+" ||
		!reflect.DeepEqual(fields[0].Choices, []string{"oui", "non"}) || fields[1].Choices != nil {
		t.Errorf("fields %+v", fields)
	}
	// Ten at most: seven more, then the eleventh is refused.
	for i := range 7 {
		n.field("Question "+string(rune('A'+i)), "x", "")
	}
	err := n.do(func(tx *storage.Tx) error {
		_, err := AddField(ctx, tx, NewField{GuildID: g, Name: "Onzième", Purpose: "x", Now: now})
		return err
	})
	if ReasonOf(err) != TooManyFields {
		t.Errorf("an eleventh: %v, want TooManyFields", err)
	}
}

// TestFindAndRemoveField: a question by its id or name; removed, it is
// no longer found, and its name may be used again.
func TestFindAndRemoveField(t *testing.T) {
	n := newNet(t)
	job := n.field("Demandeur d'emploi", "Bilan FSE+", "oui, non")
	age := n.field("Tranche d'âge", "Bilan FSE+", "<26 | 26-54 | 55+")
	for typed, want := range map[string]int64{"1": job.ID, " 2 ": age.ID, "tranche d'age": age.ID, "TRANCHE D ÂGE": age.ID, "3": 0, "Tranche": 0, "": 0} {
		var got Field
		err := n.do(func(tx *storage.Tx) error {
			var err error
			got, err = FindField(ctx, tx, g, typed)
			return err
		})
		if want == 0 && ReasonOf(err) != FieldUnknown || want != 0 && (err != nil || got.ID != want) {
			t.Errorf("%q: %d (%v), want %d", typed, got.ID, err, want)
		}
	}
	var removed Field
	ruletest.Write(t, n.db, func(tx *storage.Tx) error {
		var err error
		removed, err = RemoveField(ctx, tx, g, "tranche d'âge", now.Add(time.Hour))
		return err
	})
	if removed.ID != age.ID || removed.Name != "Tranche d'âge" {
		t.Errorf("removed %+v", removed)
	}
	err := n.do(func(tx *storage.Tx) error {
		_, err := RemoveField(ctx, tx, g, "2", now)
		return err
	})
	if ReasonOf(err) != FieldUnknown {
		t.Errorf("removed twice: %v", err)
	}
	if again := n.field("Tranche d'âge", "Bilan", ""); again.ID != 3 {
		t.Errorf("the name again: %+v", again)
	}
}

func (n *net) values(e Entry) map[int64]string {
	n.t.Helper()
	var v map[int64]string
	n.read(func(tx *storage.Tx) error {
		var err error
		v, err = tx.RegisterValues(ctx, e.ID)
		return err
	})
	return v
}

// TestAnswer: one answer at a time, checked; "-" deletes it.
func TestAnswer(t *testing.T) {
	n := newNet(t)
	job := n.field("Demandeur d'emploi", "Bilan FSE+", "oui, non")
	marie := n.entry("Marie Dupont", "", "")
	for _, c := range []struct {
		field, value, want string
		ref                Reason
		stored             map[int64]string
	}{
		{"demandeur d'emploi", "OUI", "oui", 0, map[int64]string{job.ID: "oui"}},
		{"1", "peut-être", "", NotAChoice, map[int64]string{job.ID: "oui"}},
		{"Âge", "30", "", FieldUnknown, map[int64]string{job.ID: "oui"}},
		{"1", "—", "", 0, map[int64]string{}},
	} {
		var got Answered
		err := n.do(func(tx *storage.Tx) error {
			var err error
			got, err = Answer(ctx, tx, marie, c.field, c.value)
			return err
		})
		if ReasonOf(err) != c.ref || (c.ref == 0 && (err != nil || got.Value != c.want || got.Field.ID != job.ID)) {
			t.Errorf("%q=%q: %+v (%v), want %q reason %d", c.field, c.value, got, err, c.want, c.ref)
		}
		if v := n.values(marie); !reflect.DeepEqual(v, c.stored) {
			t.Errorf("%q=%q: stored %v, want %v", c.field, c.value, v, c.stored)
		}
	}
}

// TestSaveAnswers: the form's answers by question: blank keeps, "-"
// deletes, others are checked, and one refused saves none.
func TestSaveAnswers(t *testing.T) {
	n := newNet(t)
	job := n.field("Demandeur d'emploi", "Bilan FSE+", "oui, non")
	age := n.field("Tranche d'âge", "Bilan FSE+", "<26 | 26-54 | 55+")
	town := n.field("Commune", "Bilan", "")
	marie := n.entry("Marie Dupont", "", "")
	save := func(typed map[int64]string) (Saved, error) {
		var got Saved
		err := n.do(func(tx *storage.Tx) error {
			var err error
			got, err = SaveAnswers(ctx, tx, g, marie.ID, typed)
			return err
		})
		return got, err
	}
	got, err := save(map[int64]string{job.ID: "Oui", age.ID: "55+", town.ID: "  "})
	if err != nil || got.Saved != 2 || got.Erased != 0 || got.Entry.ID != marie.ID {
		t.Errorf("first save %+v (%v)", got, err)
	}
	got, err = save(map[int64]string{job.ID: "", age.ID: "-", town.ID: "Crest", 99: "ignored"})
	if err != nil || got.Saved != 1 || got.Erased != 1 {
		t.Errorf("second save %+v (%v)", got, err)
	}
	if v := n.values(marie); !reflect.DeepEqual(v, map[int64]string{job.ID: "oui", town.ID: "Crest"}) {
		t.Errorf("answers %v", v)
	}
	_, err = save(map[int64]string{job.ID: "non", age.ID: "90"})
	if r := refusal(err); !reflect.DeepEqual(r, Refusal{Reason: NotAChoice, Choices: []string{"<26", "26-54", "55+"}, Field: age.ID}) {
		t.Errorf("a refused answer %+v", r)
	}
	if v := n.values(marie); v[job.ID] != "oui" {
		t.Errorf("a refused form saved %v", v)
	}
	err = n.do(func(tx *storage.Tx) error {
		_, err := SaveAnswers(ctx, tx, g, 99, nil)
		return err
	})
	if ReasonOf(err) != Unknown {
		t.Errorf("no such entry: %v", err)
	}
}

func TestFormFor(t *testing.T) {
	n := newNet(t)
	marie := n.entry("Marie Dupont", "", "")
	form := func() ([]Field, error) {
		var f []Field
		err := n.do(func(tx *storage.Tx) error {
			var err error
			f, err = FormFor(ctx, tx, marie)
			return err
		})
		return f, err
	}
	if _, err := form(); ReasonOf(err) != NoFields {
		t.Errorf("no question: %v, want NoFields", err)
	}
	n.field("Demandeur d'emploi", "Bilan FSE+", "oui, non")
	if f, err := form(); err != nil || len(f) != 1 {
		t.Errorf("one question: %+v (%v)", f, err)
	}
}
