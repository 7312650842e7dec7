package commands

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tierslieux/tiersbot/commands/rsvp"
	"github.com/tierslieux/tiersbot/storage"
)

// The replies to an answer, from the rules' result alone.
func TestAnswerReply(t *testing.T) {
	e := storage.Event{Title: "Atelier *3D*", Start: time.Date(2026, 4, 14, 18, 0, 0, 0, time.UTC)}
	for _, c := range []struct {
		res   rsvp.Result
		quiet bool
		want  string
	}{
		{rsvp.Result{Status: rsvp.Going}, false, "you're going to **Atelier \\*3D\\***"},
		{rsvp.Result{Status: rsvp.Going}, true, "Your reminders are off"},
		{rsvp.Result{Status: rsvp.Waitlist, Position: 3}, false, "waitlist (#3)"},
		{rsvp.Result{Status: rsvp.Maybe}, false, "Noted “maybe”"},
		{rsvp.Result{Status: rsvp.NotGoing, Promoted: []rsvp.Member{{ID: "u-z"}}}, false, "you're not coming"},
	} {
		res := answerReply(EN, e, c.res, c.quiet)
		if !res.Ephemeral || !strings.Contains(res.Content, c.want) {
			t.Errorf("%+v: %q lacks %q", c.res, res.Content, c.want)
		}
	}
}

// An attendance page, from a typed page: 25 options at most whatever the
// names, ticked as the rules say, previous/next only where there is a page,
// the walk-ins button on the server only; every custom id routes.
func TestAttendanceMessage(t *testing.T) {
	long := strings.Repeat("_Ünïcødé*", 20) // 180 characters, markdown included
	var list []rsvp.Attendee
	for i := range 30 {
		a := rsvp.Attendee{Member: rsvp.Member{ID: fmt.Sprintf("%018d", i), Name: fmt.Sprintf("%02d %s", i, long)}, Status: rsvp.Going}
		switch i % 3 {
		case 1:
			a.Attendance = rsvp.Came
		case 2:
			a.CheckedIn = true
		}
		list = append(list, a)
	}
	e := storage.Event{ID: 123456789012, Title: "Matinée emploi", Walkins: 2}
	for _, c := range []struct {
		name    string
		page    int
		inDM    bool
		buttons string
	}{
		{"first page", 0, false, "Next ▶|Walk-ins"},
		{"last page", 1, false, "◀ Previous|Walk-ins"},
		{"in DMs", 0, true, "Next ▶"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := rsvp.PageOf(list, c.page)
			m := attendanceMessage(EN, attendanceView{Event: e, Page: p, Summary: rsvp.Summarize(list), InDM: c.inDM})
			mustContain(t, m.Content, "**Matinée emploi**", fmt.Sprintf("Page %d of 2", c.page+1), "20 present, 2 walk-ins")
			if c.inDM {
				mustContain(t, m.Content, "Walk-ins are recorded on the server")
			}
			sel := m.Components[0][0]
			if len(sel.Options) != len(p.People) || len(sel.Options) > MaxSelectOptions || sel.MaxValues != len(p.People) {
				t.Fatalf("%d options for %d people", len(sel.Options), len(p.People))
			}
			for i, o := range sel.Options {
				if utf8.RuneCountInString(o.Label) > 100 || utf8.RuneCountInString(o.Description) > 100 {
					t.Errorf("option %d too long: %d, %d", i, utf8.RuneCountInString(o.Label), utf8.RuneCountInString(o.Description))
				}
				if want := p.People[i].Present(); o.Default != want {
					t.Errorf("option %s ticked %v, want %v", o.Label[:2], o.Default, want)
				}
			}
			var labels []string
			ids := []string{sel.CustomID}
			for _, b := range m.Components[1] {
				labels = append(labels, b.Label)
				ids = append(ids, b.CustomID)
			}
			if got := strings.Join(labels, "|"); got != c.buttons {
				t.Errorf("buttons %q, want %q", got, c.buttons)
			}
			h := newHarness(t)
			for _, id := range ids {
				if len(id) > MaxCustomID {
					t.Errorf("custom id %q too long", id)
				}
				r := &Request{Kind: KindComponent, CustomID: id}
				if _, _, ok := h.app.router.match(r); !ok {
					t.Errorf("custom id %q matches no route", id)
				}
			}
		})
	}
	// Option descriptions say the answer and what is known of the person.
	m := attendanceMessage(EN, attendanceView{Event: e, Page: rsvp.PageOf(list[:3], 0)})
	var desc []string
	for _, o := range m.Components[0][0].Options {
		desc = append(desc, o.Description)
	}
	if got, want := strings.Join(desc, " | "), "attendance not recorded | came | attendance not recorded · checked in during it"; got != want {
		t.Errorf("descriptions\n got %s\nwant %s", got, want)
	}
}

func TestNudgeDM(t *testing.T) {
	e := storage.Event{ID: 42, Title: "Repair *café*", Start: time.Date(2026, 4, 14, 14, 0, 0, 0, time.UTC)}
	s := storage.Space{Name: "La Ruche"}
	first, second := nudgeDM(EN, e, s, false), nudgeDM(EN, e, s, true)
	mustContain(t, first.Content, "**Repair \\*café\\***", "is over. Who came?", "La Ruche")
	mustContain(t, second.Content, "A reminder: attendance of **Repair \\*café\\***")
	for _, m := range []Message{first, second} {
		if len(m.Components) != 1 || len(m.Components[0]) != 1 || m.Components[0][0].CustomID != "attd:42" {
			t.Errorf("one button opening the list: %+v", m.Components)
		}
	}
}
