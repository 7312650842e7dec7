package commands

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/rsvp"
	"github.com/tierslieux/tiersbot/storage"
)

func (h *harness) dmSelect(u User, customID string, values ...string) *Response {
	h.t.Helper()
	r := h.req(u, "dm-channel", "")
	r.GuildID, r.Kind, r.CustomID, r.Values = "", KindComponent, customID, values
	return h.app.Handle(context.Background(), r)
}

// buttonsOf maps a message's button labels to their custom ids.
func buttonsOf(m Message) map[string]string {
	out := map[string]string{}
	for _, row := range m.Components {
		for _, c := range row {
			if !c.Select {
				out[c.Label] = c.CustomID
			}
		}
	}
	return out
}

func selectOf(t *testing.T, m Message) Component {
	t.Helper()
	if len(m.Components) == 0 || len(m.Components[0]) != 1 || !m.Components[0][0].Select {
		t.Fatalf("no select first: %+v", m.Components)
	}
	return m.Components[0][0]
}

func (h *harness) held(e storage.Event) storage.EventStats {
	h.t.Helper()
	var held []storage.EventStats
	err := h.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		held, err = tx.EventsHeld(context.Background(), testGuild, e.Start, e.Start.Add(time.Minute))
		return err
	})
	if err != nil || len(held) != 1 {
		h.t.Fatalf("held %v, %v", held, err)
	}
	return held[0]
}

// 30 answers: the list shows 25, then the other 5 on a second page; saving
// the first page marks none of the other 5 absent, and the one of them seen
// at a check-in still counts as present, ticked on their page.
func TestAttendanceOfThirty(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.newEvent(map[string]string{"title": "Matinée emploi", "start": "demain 9h", "duration": "3h"})
	e := h.events()[0]
	id := fmtInt(e.ID)
	people := make([]User, 30)
	for i := range people {
		people[i] = User{ID: fmt.Sprintf("u-p%02d", i+1), Name: fmt.Sprintf("P%02d", i+1)}
		mustContain(t, text(h.click(people[i], "rsvp:"+id+":y")), "you're going")
	}
	h.clock.Set(e.Start.Add(10 * time.Minute))
	mustContain(t, text(h.do(people[27], "c-ruche", "checkin")), "Welcome") // P28, on the second page
	h.clock.Set(e.End.Add(time.Hour))

	res := h.do(animUs, "c", "event attendance", "event", id)
	mustContain(t, text(res), "Who came to **Matinée emploi**?", "1 present, 0 walk-ins", "Page 1 of 2")
	sel := selectOf(t, res.Message)
	if len(sel.Options) != 25 || sel.Options[0].Label != "P01" || sel.Options[24].Label != "P25" || sel.MaxValues != 25 {
		t.Fatalf("first page: %d options, %q…%q", len(sel.Options), sel.Options[0].Label, sel.Options[len(sel.Options)-1].Label)
	}
	next := buttonsOf(res.Message)["Next ▶"]
	if next == "" || buttonsOf(res.Message)["◀ Previous"] != "" || buttonsOf(res.Message)["Walk-ins"] == "" {
		t.Fatalf("first page buttons %v", buttonsOf(res.Message))
	}
	// P01…P20 came, P21…P25 did not.
	var came []string
	for _, p := range people[:20] {
		came = append(came, p.ID)
	}
	res = h.selectValues(animUs, sel.CustomID, came...)
	if res.Type != Update {
		t.Errorf("saving a page updates it in place, got type %d", res.Type)
	}
	mustContain(t, text(res), "Attendance of **Matinée emploi** saved: 21 registered came")
	for _, r := range h.rsvps(e.ID) {
		n := 0
		fmt.Sscanf(r.UserID, "u-p%d", &n)
		switch {
		case n <= 20 && (r.Attended == nil || !*r.Attended):
			t.Errorf("%s came: %v", r.UserName, r.Attended)
		case n > 20 && n <= 25 && (r.Attended == nil || *r.Attended):
			t.Errorf("%s did not come: %v", r.UserName, r.Attended)
		case n > 25 && r.Attended != nil:
			t.Errorf("%s, not shown, was recorded %v", r.UserName, *r.Attended)
		}
	}
	if st := h.held(e); st.Attended != 21 || !st.Recorded {
		t.Errorf("figures: %d came (recorded %v), want 21", st.Attended, st.Recorded)
	}
	// Each sees their answer as it ended.
	for who, want := range map[int]string{0: "Your answer: came", 20: "Your answer: absent", 25: "Your answer: attendance not recorded"} {
		mustContain(t, text(h.do(people[who], "c", "event info", "event", id)), want)
	}

	// The second page: P26…P30, P28 ticked by the check-in.
	res = h.click(animUs, next)
	if res.Type != Update {
		t.Errorf("next page replaces the list, got type %d", res.Type)
	}
	mustContain(t, text(res), "Page 2 of 2")
	sel = selectOf(t, res.Message)
	var ticked []string
	for _, o := range sel.Options {
		if o.Default {
			ticked = append(ticked, o.Label)
		}
	}
	if len(sel.Options) != 5 || sel.Options[0].Label != "P26" || strings.Join(ticked, " ") != "P28" {
		t.Fatalf("second page: %d options from %q, ticked %v", len(sel.Options), sel.Options[0].Label, ticked)
	}
	if b := buttonsOf(res.Message); b["◀ Previous"] == "" || b["Next ▶"] != "" {
		t.Errorf("second page buttons %v", b)
	}
	// Saved as shown (P28 and P30): the first page is left as it was.
	res = h.selectValues(animUs, sel.CustomID, "u-p28", "u-p30")
	mustContain(t, text(res), "saved: 22 registered came")
	if st := h.held(e); st.Attended != 22 {
		t.Errorf("figures: %d came, want 22", st.Attended)
	}
}

// A page saved after the list moved (someone withdrew while it was shown)
// saves nothing and shows the list as it now is.
func TestAttendancePageSavedAfterTheListMoved(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.newEvent(map[string]string{"title": "Atelier soudure", "start": "demain 14h", "duration": "2h"})
	e := h.events()[0]
	id := fmtInt(e.ID)
	h.click(alice, "rsvp:"+id+":y")
	h.click(bob, "rsvp:"+id+":y")
	h.clock.Set(e.Start.Add(30 * time.Minute)) // during the event
	res := h.do(animUs, "c", "event attendance", "event", id)
	stale := selectOf(t, res.Message).CustomID
	h.click(bob, "rsvp:"+id+":n")
	res = h.selectValues(animUs, stale, alice.ID)
	mustContain(t, text(res), "The list changed since it was shown: nothing was saved")
	if sel := selectOf(t, res.Message); len(sel.Options) != 1 || sel.Options[0].Label != "Alice" {
		t.Errorf("fresh list %+v", sel.Options)
	}
	for _, r := range h.rsvps(e.ID) {
		if r.Attended != nil {
			t.Errorf("%s recorded by a stale page", r.UserName)
		}
	}
	if h.held(e).Recorded {
		t.Error("the event counts as recorded")
	}
}

// A weekly series: typed just after a session, its title means that
// session, not the next date.
func TestAttendanceTypedAfterASession(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.newEvent(map[string]string{"title": "Permanence numérique", "start": "2026-04-14 14:00", "duration": "2h"}, "repeat", "weekly", "count", "4")
	ev := h.events()
	if len(ev) != 4 {
		t.Fatalf("%d occurrences", len(ev))
	}
	target := func(now string) string {
		t.Helper()
		h.clock.Set(at(now))
		res := h.do(animUs, "c", "event attendance", "event", "Permanence numérique")
		if w := buttonsOf(res.Message)["Walk-ins"]; w != "" {
			return strings.TrimPrefix(w, "attw:")
		}
		return text(res)
	}
	mustContain(t, target("2026-04-14 10:00"), "hasn't started")
	if got := target("2026-04-14 15:00"); got != fmtInt(ev[0].ID) {
		t.Errorf("during the first session: %s", got)
	}
	if got := target("2026-04-14 16:05"); got != fmtInt(ev[0].ID) {
		t.Errorf("just after the first session: %s, want %d", got, ev[0].ID)
	}
	if got := target("2026-04-20 18:00"); got != fmtInt(ev[0].ID) {
		t.Errorf("six days later, not recorded: %s, want %d", got, ev[0].ID)
	}
	mustContain(t, text(h.form(animUs, "attw:"+fmtInt(ev[0].ID), map[string]string{"walkins": "4"})), "4 walk-ins")
	if got := target("2026-04-21 16:05"); got != fmtInt(ev[1].ID) {
		t.Errorf("just after the second: %s, want %d", got, ev[1].ID)
	}
	// Suggestions for /event attendance: what took place first, latest first.
	r := h.req(animUs, "c", "event attendance", "event", "perman")
	r.Kind, r.Focused = KindAutocomplete, "event"
	got := h.app.Handle(context.Background(), r).Choices
	if len(got) != 4 || got[0].Value != fmtInt(ev[1].ID) || got[1].Value != fmtInt(ev[0].ID) || got[2].Value != fmtInt(ev[2].ID) {
		t.Errorf("suggestions %+v", got)
	}
}

// The organiser's "who came?" DM: once when the event ends, once more the
// next day while attendance is not recorded, then nothing; a second run (a
// restart) sends nothing again. Its button opens the list in the DM, for
// the organiser only.
func TestAttendanceNudgeDM(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.newEvent(map[string]string{"title": "Atelier soudure", "start": "demain 14h", "duration": "2h"})
	h.newEvent(map[string]string{"title": "Repair café", "start": "demain 14h", "duration": "2h"})
	ev := h.events()
	soudure, repair := ev[0], ev[1]
	if soudure.Title != "Atelier soudure" {
		soudure, repair = repair, soudure
	}
	h.click(alice, "rsvp:"+fmtInt(soudure.ID)+":y")
	nudges := func(now time.Time) []storage.OutboxItem {
		t.Helper()
		h.clock.Set(now)
		for range 2 { // twice: as after a restart
			if err := h.app.AttendanceNudges(context.Background(), now); err != nil {
				t.Fatal(err)
			}
		}
		var out []storage.OutboxItem
		for _, it := range h.outbox(OutDM) {
			if strings.HasPrefix(it.DedupKey, "attnudge:") {
				out = append(out, it)
			}
		}
		return out
	}
	if n := nudges(soudure.End.Add(-time.Minute)); len(n) != 0 {
		t.Fatalf("%d nudges before the end", len(n))
	}
	got := nudges(soudure.End.Add(5 * time.Minute))
	if len(got) != 2 || got[0].Target != animUs.ID || got[1].Target != animUs.ID {
		t.Fatalf("nudges at the end: %+v", got)
	}
	var m Message
	for _, it := range got {
		if it.DedupKey == fmt.Sprintf("attnudge:1:%d", soudure.ID) {
			json.Unmarshal(it.Payload, &m)
		}
	}
	// In the network's language: the bot never heard the organiser's own.
	mustContain(t, m.Content, "**Atelier soudure**", "est terminé. Qui était là\u202f?")
	button := buttonsOf(m)["Noter les présences"]
	if button != "attd:"+fmtInt(soudure.ID) {
		t.Fatalf("nudge button %q", button)
	}
	// Someone else clicking it (a forwarded message) gets nothing.
	mustContain(t, text(h.dmClick(alice, button)), "no longer valid")
	// The organiser: the list, in the DM, as a new message under the nudge.
	res := h.dmClick(animUs, button)
	if res.Type != Reply {
		t.Errorf("the list comes as a new message, type %d", res.Type)
	}
	mustContain(t, text(res), "Who came to **Atelier soudure**?", "Walk-ins are recorded on the server")
	sel := selectOf(t, res.Message)
	if !strings.HasPrefix(sel.CustomID, "attds:"+fmtInt(soudure.ID)+":0:") || len(sel.Options) != 1 {
		t.Fatalf("DM select %+v", sel)
	}
	mustContain(t, text(h.dmSelect(alice, sel.CustomID, alice.ID)), "no longer valid")
	mustContain(t, text(h.dmSelect(animUs, sel.CustomID, alice.ID)), "saved: 1 registered came")
	// The next day: only the unrecorded repair café is nudged again.
	got = nudges(soudure.End.Add(25 * time.Hour))
	if len(got) != 3 || got[2].DedupKey != fmt.Sprintf("attnudge:2:%d", repair.ID) {
		t.Fatalf("nudges the next day: %+v", got)
	}
	json.Unmarshal(got[2].Payload, &m)
	mustContain(t, m.Content, "Petit rappel\u00a0: **Repair café**")
	if n := nudges(soudure.End.Add(50 * time.Hour)); len(n) != 3 {
		t.Errorf("%d nudges two days later, want still 3", len(n))
	}
}

// The digest says "attendance not recorded" for an event held without it,
// not "0 came"; the export counts such events apart.
func TestDigestSaysAttendanceNotRecorded(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.newEvent(map[string]string{"title": "Atelier soudure", "start": "2026-04-14 14:00", "duration": "2h"})
	e := h.events()[0]
	h.click(alice, "rsvp:"+fmtInt(e.ID)+":y")
	h.clock.Set(at("2026-04-20 10:00"))
	res := h.do(coord, "c", "digest preview", "week", "2026-04-15")
	mustContain(t, text(res), "**Atelier soudure** (La Ruche) — 1 going, attendance not recorded")
	if strings.Contains(text(res), "0 came") {
		t.Errorf("an unrecorded event reads as nobody came:\n%s", text(res))
	}
	res = h.do(coord, "c", "digest export", "from", "2026-04-01", "to", "2026-04-30")
	mustContain(t, string(res.Files[0].Data), "Participants;Événements sans présences relevées", "La Ruche;Crest;2026-04;0;0;0;1;1;0;1")

	sel := selectOf(t, h.do(animUs, "c", "event attendance", "event", fmtInt(e.ID)).Message)
	h.selectValues(animUs, sel.CustomID, alice.ID)
	mustContain(t, text(h.do(coord, "c", "digest preview", "week", "2026-04-15")), "**Atelier soudure** (La Ruche) — 1 going, 1 came")
	res = h.do(coord, "c", "digest export", "from", "2026-04-01", "to", "2026-04-30")
	mustContain(t, string(res.Files[0].Data), "La Ruche;Crest;2026-04;0;0;0;1;1;1;0")
}

// Before the event, an answer is going / maybe / waitlist / not going;
// after it, came / absent / attendance not recorded.
func TestAnswerLabels(t *testing.T) {
	for _, c := range []struct {
		status string
		att    *bool
		ended  bool
		want   string
	}{
		{"going", nil, false, "going"}, {"maybe", nil, false, "maybe"}, {"waitlist", nil, false, "waitlist"}, {"no", nil, false, "not going"},
		{"going", nil, true, "attendance not recorded"}, {"going", ptr(true), true, "came"}, {"maybe", ptr(false), true, "absent"},
		{"waitlist", ptr(true), true, "came"}, {"no", nil, true, "not going"},
	} {
		if got := answerLabel(EN, rsvpStatus(c.status), rsvpAttendance(c.att), c.ended); got != c.want {
			t.Errorf("%s %v ended=%v: %q, want %q", c.status, c.att, c.ended, got, c.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func rsvpStatus(s string) rsvp.Status        { return rsvp.Status(s) }
func rsvpAttendance(v *bool) rsvp.Attendance { return rsvp.AttendanceOf(v) }
