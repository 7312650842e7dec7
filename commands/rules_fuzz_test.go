package commands

import (
	"errors"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// FuzzEventFieldsRoundTrip: whatever start and duration the creation form
// accepts, the edit form is prefilled with text (eventModal's formatter) that
// reads back to the same start and end; what it refuses is a UserError.
func FuzzEventFieldsRoundTrip(f *testing.F) {
	for _, s := range [][2]string{
		{"vendredi 18h30", "2h"}, {"2026-10-25 02:30", "45min"}, {"demain 9h", "1h30"},
		{"12/04 18h", "90"}, {"2026-03-29 01:59", "7:59"}, {"tomorrow 2pm", "168h"}, {"2027-01-01 00:00", "1,5h"},
	} {
		f.Add(s[0], s[1])
	}
	now := time.Date(2026, 4, 8, 10, 0, 0, 0, paris)
	space := storage.Space{ID: 1, Name: "La Ruche", Timezone: "Europe/Paris"}
	f.Fuzz(func(t *testing.T, start, dur string) {
		r := &Request{Now: now, Locale: "fr", Fields: map[string]string{"title": "Atelier", "start": start, "duration": dur}}
		var e storage.Event
		if err := eventFields(r, space, &e); err != nil {
			var ue *UserError
			if !errors.As(err, &ue) {
				t.Fatalf("%q %q: %v is not a refusal the user can read", start, dur, err)
			}
			return
		}
		if d := e.End.Sub(e.Start); d <= 0 || d > maxEventLength || d%time.Minute != 0 {
			t.Fatalf("%q %q: length %v", start, dur, d)
		}
		e.ID = 1
		m := eventModal(FR, "evedit:1", "Modifier", e, space)
		r2 := &Request{Now: now, Locale: "fr", Fields: map[string]string{}}
		for _, fl := range m.Fields {
			r2.Fields[fl.ID] = fl.Value
		}
		var again storage.Event
		if err := eventFields(r2, space, &again); err != nil {
			t.Fatalf("%q %q: prefilled %q %q refused: %v", start, dur, r2.Fields["start"], r2.Fields["duration"], err)
		}
		if !again.Start.Equal(e.Start) || !again.End.Equal(e.End) {
			t.Fatalf("%q %q: %v–%v, prefilled %q %q reads %v–%v", start, dur, e.Start, e.End, r2.Fields["start"], r2.Fields["duration"], again.Start, again.End)
		}
	})
}
