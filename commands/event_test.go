package commands

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	ical "github.com/arran4/golang-ical"
	"github.com/tierslieux/tiersbot/storage"
)

var carol = User{ID: "u-carol", Name: "Carol"}

func (h *harness) form(u User, customID string, fields map[string]string) *Response {
	h.t.Helper()
	r := h.req(u, "c-ruche", "")
	r.Kind, r.CustomID, r.Fields = KindModal, customID, fields
	return h.app.Handle(context.Background(), r)
}

func (h *harness) selectValues(u User, customID string, values ...string) *Response {
	h.t.Helper()
	r := h.req(u, "c-ruche", "")
	r.Kind, r.CustomID, r.Values = KindComponent, customID, values
	return h.app.Handle(context.Background(), r)
}

// newEvent opens the creation modal as the animator and submits it.
func (h *harness) newEvent(fields map[string]string, kv ...string) *Response {
	h.t.Helper()
	res := h.do(animUs, "c-ruche", "event create", append([]string{"space", "ruche"}, kv...)...)
	if res.Type != OpenModal {
		h.t.Fatalf("no modal: %s", text(res))
	}
	return h.form(animUs, res.Modal.CustomID, fields)
}

func (h *harness) events() []storage.Event {
	h.t.Helper()
	var out []storage.Event
	err := h.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		out, err = tx.UpcomingEvents(context.Background(), testGuild, 0, time.Unix(0, 0), time.Now().AddDate(5, 0, 0), 1000)
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return out
}

func (h *harness) outbox(kind string) []storage.OutboxItem {
	var out []storage.OutboxItem
	for _, it := range h.due() {
		if kind == "" || it.Kind == kind {
			out = append(out, it)
		}
	}
	return out
}

func workshop(start string) map[string]string {
	return map[string]string{"title": "Atelier impression 3D", "description": "Apporte ton fichier **STL** @everyone", "start": start, "duration": "2h", "capacity": "2"}
}

func TestEventCreateAnnouncesAndSchedules(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(coord, "c", "setup", "announce_channel", "c-annonces")
	res := h.do(alice, "c-ruche", "event create", "space", "ruche")
	mustContain(t, text(res), "Only a space's animators")

	res = h.newEvent(workshop("vendredi 18h30")) // the clock is Monday 13 April 2026, 09:00
	mustContain(t, text(res), "**Atelier impression 3D** is announced", "<#c-ruche>", "<#c-annonces>")
	ev := h.events()
	if len(ev) != 1 || ev[0].Start.In(paris).Format("2006-01-02 15:04") != "2026-04-17 18:30" || ev[0].End.Sub(ev[0].Start) != 2*time.Hour {
		t.Fatalf("events %+v", ev)
	}
	posts := h.outbox(OutChannel)
	if len(posts) != 2 || posts[0].Target != "c-ruche" || posts[1].Target != "c-annonces" {
		t.Fatalf("announcements %+v", posts)
	}
	var m Message
	json.Unmarshal(posts[0].Payload, &m)
	if len(m.Components) != 1 || len(m.Components[0]) != 3 || m.Components[0][0].Label != "Je viens" {
		t.Errorf("buttons %+v", m.Components)
	}
	body := string(posts[0].Payload)
	if strings.Contains(body, "@everyone") || !strings.Contains(body, `\\*\\*STL\\*\\*`) {
		t.Errorf("user text not escaped: %s", body)
	}
	sched := h.outbox(OutEventCreate)
	if len(sched) != 1 || sched[0].Target != testGuild {
		t.Fatalf("scheduled event %+v", sched)
	}
	json.Unmarshal(sched[0].Payload, &m)
	if m.Event == nil || m.Event.Location != "La Ruche, Crest" || !m.Event.Start.Equal(ev[0].Start) || m.FailNotice == nil || m.FailNotice.UserID != animUs.ID {
		t.Errorf("scheduled event payload %+v", m)
	}
}

// TestEventRangeSetsDuration: "jeudi 16/04 14h-16h30" with the duration left
// empty makes a 2 h 30 event (the harness's clock is Monday 13 April 2026).
func TestEventRangeSetsDuration(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.newEvent(map[string]string{"title": "Atelier CV", "start": "jeudi 16/04 14h-16h30", "duration": ""})
	ev := h.events()
	if len(ev) != 1 {
		t.Fatalf("%d events stored", len(ev))
	}
	if want := time.Date(2026, 4, 16, 14, 0, 0, 0, paris); !ev[0].Start.Equal(want) {
		t.Errorf("start %v, want %v", ev[0].Start, want)
	}
	if want := time.Date(2026, 4, 16, 16, 30, 0, 0, paris); !ev[0].End.Equal(want) {
		t.Errorf("end %v, want %v", ev[0].End, want)
	}
}

func TestEventFormRefusals(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	long := strings.Repeat("x", 101)
	cases := []struct {
		name   string
		fields map[string]string
		want   string
	}{
		{"past", map[string]string{"title": "A", "start": "2026-04-12 10:00", "duration": "2h"}, "is in the past"},
		{"unreadable start", map[string]string{"title": "A", "start": "next blue moon", "duration": "2h"}, "Accepted forms: `2026-04-12 18:30`"},
		{"skipped by DST", map[string]string{"title": "A", "start": "2027-03-28 02:30", "duration": "2h"}, "clocks change"},
		{"zero duration", map[string]string{"title": "A", "start": "demain 10h", "duration": "0"}, "a few minutes to 7 days"},
		{"eight days", map[string]string{"title": "A", "start": "demain 10h", "duration": "192h"}, "a few minutes to 7 days"},
		{"capacity zero", map[string]string{"title": "A", "start": "demain 10h", "duration": "2h", "capacity": "0"}, "Seats are a number from 1"},
		{"title too long", map[string]string{"title": long, "start": "demain 10h", "duration": "2h"}, "at most 100 characters"},
		{"description too long", map[string]string{"title": "A", "description": strings.Repeat("é", 1001), "start": "demain 10h", "duration": "2h"}, "at most 1000 characters"},
		{"no title", map[string]string{"title": "  ", "start": "demain 10h", "duration": "2h"}, "A title is needed"},
		{"no duration", map[string]string{"title": "A", "start": "demain 10h"}, "The duration is missing"},
		{"range and duration disagree", map[string]string{"title": "A", "start": "demain 14h-16h", "duration": "3h"}, "The start gives a length of 2h, the Duration field says 3h."},
		{"weekday not the date's", map[string]string{"title": "A", "start": "lundi 23/04 14h", "duration": "2h"}, "weekday does not match"},
	}
	before := h.snapshot()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := h.newEvent(tc.fields)
			mustContain(t, text(res), "⚠️", tc.want)
			if len(h.events()) != 0 || h.snapshot() != before {
				t.Error("a refused event was stored")
			}
		})
	}
	// Tampered form ids and a member posing as animator on submit.
	for _, cid := range []string{"evnew:abc:::0", "evnew:99999:::0", "evnew:1:yearly::0", "evnew:1::0", "evnew:1::notadate:0"} {
		res := h.form(animUs, cid, workshop("demain 10h"))
		mustContain(t, text(res), "no longer valid")
	}
	res := h.form(alice, "evnew:"+fmtInt(mustSpace(h, "ruche").ID)+":::0", workshop("demain 10h"))
	mustContain(t, text(res), "Only a space's animators")
	res = h.do(animUs, "c", "event create", "space", "ruche", "repeat", "weekly")
	mustContain(t, text(res), "needs an end")
	res = h.do(animUs, "c", "event create", "space", "ruche", "until", "2026-06-30")
	mustContain(t, text(res), "go with `repeat`")
	res = h.do(animUs, "c", "event create", "space", "nowhere")
	mustContain(t, text(res), "can't find a space")
	if len(h.events()) != 0 {
		t.Error("refusals stored events")
	}
}

func TestRSVPWaitlistAndPromotion(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.newEvent(workshop("demain 18h"))
	id := fmtInt(h.events()[0].ID)
	mustContain(t, text(h.click(alice, "rsvp:"+id+":y")), "you're going")
	mustContain(t, text(h.click(bob, "rsvp:"+id+":y")), "you're going")
	mustContain(t, text(h.click(carol, "rsvp:"+id+":y")), "waitlist (#1)")
	mustContain(t, text(h.click(carol, "rsvp:"+id+":y")), "waitlist (#1)") // clicking again keeps the place
	mustContain(t, text(h.click(coord, "rsvp:"+id+":m")), "maybe")
	edits := len(h.outbox(OutEdit))
	if edits != 1 { // one announcement: its latest counts in one pending edit
		t.Errorf("announcement counts refreshed by %d pending edits, want 1", edits)
	}
	// Alice withdraws: Carol is promoted and told by DM.
	mustContain(t, text(h.click(alice, "rsvp:"+id+":n")), "not coming")
	dms := h.outbox(OutDM)
	if len(dms) != 1 || dms[0].Target != carol.ID || !strings.Contains(string(dms[0].Payload), "freed up") {
		t.Fatalf("promotion DM %+v", dms)
	}
	var last Message
	all := h.outbox(OutEdit)
	json.Unmarshal(all[len(all)-1].Payload, &last)
	got := last.Embeds[0].Fields
	found := false
	for _, f := range got {
		if strings.Contains(f.Value, "2 inscrit·es") && strings.Contains(f.Value, "1 peut-être") {
			found = true
		}
	}
	if !found {
		t.Errorf("last refresh does not show 2 going, 1 maybe: %+v", got)
	}
	for _, cid := range []string{"rsvp:" + id + ":x", "rsvp:abc:y", "rsvp:99999:y", "rsvp:" + id, "rsvp:" + id + ":y:z"} {
		mustContain(t, text(h.click(bob, cid)), "no longer valid")
	}
	// Over, then cancelled: no more answers.
	h.clock.Set(time.Date(2026, 4, 14, 21, 0, 0, 0, paris))
	mustContain(t, text(h.click(bob, "rsvp:"+id+":m")), "is over")
}

func TestRemindersOnceAtTheRightTimes(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.newEvent(map[string]string{"title": "Matinée emploi", "start": "2026-04-20 09:00", "duration": "3h", "capacity": "12"})
	e := h.events()[0]
	id := fmtInt(e.ID)
	h.click(alice, "rsvp:"+id+":y")
	h.click(bob, "rsvp:"+id+":y")
	h.click(carol, "rsvp:"+id+":m")
	// A change says it is saved; a look says what is set; both say how to change.
	mustContain(t, text(h.do(bob, "c", "settings", "reminders", "false")), "✅ Saved. Your settings now:\nEvent reminders: off.", "To change one: `/settings`")
	if got := text(h.do(bob, "c", "settings")); !strings.HasPrefix(got, "⚙️ Your settings:\nEvent reminders: off.") {
		t.Errorf("settings looked at:\n%s", got)
	}
	mustContain(t, text(h.click(bob, "rsvp:"+id+":y")), "Your reminders are off")
	ctx := context.Background()
	dmsTo := func(user, substr string) int {
		n := 0
		for _, it := range h.outbox(OutDM) {
			if it.Target == user && strings.Contains(string(it.Payload), substr) {
				n++
			}
		}
		return n
	}
	run := func(at time.Time) {
		if err := h.app.SendReminders(ctx, at); err != nil {
			t.Fatal(err)
		}
	}
	run(e.Start.Add(-25 * time.Hour))
	if dmsTo(alice.ID, "") != 0 {
		t.Fatal("reminded too early")
	}
	run(e.Start.Add(-24 * time.Hour))
	run(e.Start.Add(-23*time.Hour - 55*time.Minute)) // the next run: no second reminder
	if n := dmsTo(alice.ID, "Tomorrow"); n != 1 {
		t.Errorf("Alice got %d day-before reminders", n)
	}
	if dmsTo(bob.ID, "") != 0 || dmsTo(carol.ID, "") != 0 {
		t.Error("reminders went to someone who turned them off or said maybe")
	}
	if n := dmsTo(animUs.ID, "avec seulement 2 inscriptions pour 12 places"); n != 1 { // the organizer never spoke to the bot: the network's language
		t.Errorf("organizer heads-up: %d", n)
	}
	run(e.Start.Add(-time.Hour))
	run(e.Start.Add(-55 * time.Minute))
	if n := dmsTo(alice.ID, "In an hour"); n != 1 {
		t.Errorf("Alice got %d hour-before reminders", n)
	}
	run(e.Start.Add(time.Minute))
	if n := len(h.outbox(OutDM)); n != 3 {
		t.Errorf("%d DMs in all, want 3", n)
	}
	// French settings answer for a French user.
	r := h.req(alice, "c", "settings")
	r.Locale = "fr"
	mustContain(t, text(h.app.Handle(ctx, r)), "⚙️ Tes réglages\u00a0:\nRappel des événements\u00a0: activé", "Pour en changer un\u00a0: `/reglages` et son option")
}

// After downtime the day-before reminder still goes out, worded for the day;
// none doubles the hour-before one; an event announced the same day gets no
// "under-filled" heads-up.
func TestRemindersAfterDowntimeAndLateEvents(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	ctx := context.Background()
	h.newEvent(map[string]string{"title": "Repair café", "start": "2026-04-15 18:00", "duration": "2h", "capacity": "12"})
	e := h.events()[0]
	h.click(alice, "rsvp:"+fmtInt(e.ID)+":y")
	// The bot was down from Tuesday morning to Wednesday 13:00.
	if err := h.app.SendReminders(ctx, time.Date(2026, 4, 15, 13, 0, 0, 0, paris)); err != nil {
		t.Fatal(err)
	}
	dms := h.outbox(OutDM)
	if len(dms) != 2 || !strings.Contains(string(dms[0].Payload)+string(dms[1].Payload), "Today: **Repair café**") {
		t.Fatalf("late reminder %+v", dms)
	}
	// Down again until 16:30: no second reminder before the hour-before one.
	h.app.SendReminders(ctx, time.Date(2026, 4, 15, 16, 30, 0, 0, paris))
	h.app.SendReminders(ctx, time.Date(2026, 4, 15, 17, 0, 0, 0, paris))
	var texts []string
	for _, it := range h.outbox(OutDM) {
		if it.Target == alice.ID {
			texts = append(texts, string(it.Payload))
		}
	}
	if len(texts) != 2 || !strings.Contains(texts[1], "In an hour") {
		t.Errorf("Alice's reminders: %q", texts)
	}

	// Announced at 09:00 for 20:00 the same day, nobody yet: no heads-up.
	h.clock.Set(time.Date(2026, 4, 16, 9, 0, 0, 0, paris))
	h.newEvent(map[string]string{"title": "Soirée jeux", "start": "2026-04-16 20:00", "duration": "2h", "capacity": "20"})
	before := len(h.outbox(OutDM))
	for at := time.Date(2026, 4, 16, 9, 5, 0, 0, paris); at.Hour() < 20; at = at.Add(5 * time.Minute) {
		h.app.SendReminders(ctx, at)
	}
	if n := len(h.outbox(OutDM)); n != before {
		t.Errorf("%d DMs about an event nobody answered", n-before)
	}
}

func TestRecurringSeriesPublishAndCancel(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	res := h.newEvent(map[string]string{"title": "Matinée emploi", "start": "vendredi 9h", "duration": "3h"}, "repeat", "weekly", "count", "6")
	mustContain(t, text(res), "A series of 6 occurrences")
	ev := h.events()
	if len(ev) != 6 {
		t.Fatalf("%d occurrences", len(ev))
	}
	for i, e := range ev {
		if got := e.Start.In(paris).Format("Mon 15:04"); got != "Fri 09:00" {
			t.Errorf("occurrence %d at %s", i, got)
		}
	}
	// First announced now; the scheduled events exist for the next 14 days only.
	if n := len(h.outbox(OutChannel)); n != 1 {
		t.Errorf("%d announcements at creation, want 1", n)
	}
	if n := len(h.outbox(OutEventCreate)); n != 2 {
		t.Errorf("%d scheduled events at creation, want 2 (within 14 days)", n)
	}
	// A week later the next occurrences enter the window.
	if err := h.app.PublishDueEvents(context.Background(), time.Date(2026, 4, 20, 6, 0, 0, 0, paris)); err != nil {
		t.Fatal(err)
	}
	if n := len(h.outbox(OutEventCreate)); n != 3 {
		t.Errorf("%d scheduled events after a week, want 3", n)
	}
	if n := len(h.outbox(OutChannel)); n != 3 {
		t.Errorf("%d announcements after a week, want 3", n)
	}
	// Each occurrence has its own answers.
	h.click(alice, "rsvp:"+fmtInt(ev[0].ID)+":y")
	h.click(alice, "rsvp:"+fmtInt(ev[1].ID)+":y")
	// Cancel one date: its participants are told, its Discord event deleted.
	res = h.do(animUs, "c", "event cancel", "event", fmtInt(ev[1].ID), "reason", "Salle prise")
	mustContain(t, text(res), "1 occurrence of **Matinée emploi** cancelled", "1 person told")
	mustContain(t, string(h.outbox(OutDM)[0].Payload), "is cancelled", "Salle prise") // in Alice's language
	if n := len(h.outbox(OutEventDelete)); n != 1 {
		t.Errorf("%d scheduled event deletions", n)
	}
	mustContain(t, text(h.click(bob, "rsvp:"+fmtInt(ev[1].ID)+":y")), "is cancelled")
	// Then the whole series (what is left of it).
	res = h.do(animUs, "c", "event cancel", "event", fmtInt(ev[0].ID), "scope", "series")
	mustContain(t, text(res), "5 occurrences of **Matinée emploi** cancelled")
	res = h.do(alice, "c", "event list")
	mustContain(t, text(res), "~~", "(cancelled)")
	res = h.do(alice, "c", "event cancel", "event", fmtInt(ev[2].ID))
	mustContain(t, text(res), "Only a space's animators")
}

func TestAttendanceSheetAndCalendar(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(coord, "c", "setup", "funding_mention", "Cofinancé par le FSE+")
	h.newEvent(map[string]string{"title": "Atelier soudure", "start": "demain 14h", "duration": "2h", "capacity": "10"})
	e := h.events()[0]
	id := fmtInt(e.ID)
	h.click(alice, "rsvp:"+id+":y")
	h.click(bob, "rsvp:"+id+":y")
	res := h.do(animUs, "c", "event attendance", "event", id)
	mustContain(t, text(res), "hasn't started")
	// Alice checks in during the event: preselected as present.
	h.clock.Set(e.Start.Add(10 * time.Minute))
	h.do(alice, "c-ruche", "checkin")
	h.clock.Set(e.End.Add(time.Hour))
	res = h.do(animUs, "c", "event attendance", "event", id)
	mustContain(t, text(res), "1 present, 0 walk-ins")
	sel := res.Components[0][0]
	if !sel.Select || len(sel.Options) != 2 || !sel.Options[0].Default || sel.Options[1].Default {
		t.Fatalf("select %+v", sel)
	}
	mustContain(t, text(h.selectValues(alice, sel.CustomID, alice.ID)), "Only a space's animators")
	mustContain(t, text(h.selectValues(animUs, sel.CustomID, "u-stranger")), "no longer valid")
	res = h.selectValues(animUs, sel.CustomID, alice.ID, bob.ID)
	mustContain(t, text(res), "2 registered came")
	res = h.click(animUs, "attw:"+id)
	if res.Type != OpenModal {
		t.Fatal("walk-ins opens a form")
	}
	mustContain(t, text(h.form(animUs, "attw:"+id, map[string]string{"walkins": "-3"})), "whole number")
	mustContain(t, text(h.form(animUs, "attw:"+id, map[string]string{"walkins": "4"})), "4 walk-ins recorded")
	var held []storage.EventStats
	h.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		held, err = tx.EventsHeld(context.Background(), testGuild, e.Start.Add(-time.Hour), e.Start.Add(time.Hour))
		return err
	})
	if len(held) != 1 || held[0].Going != 2 || held[0].Attended != 6 {
		t.Errorf("figures for the digest: %+v", held)
	}

	res = h.do(animUs, "c", "event sheet", "event", id)
	if len(res.Files) != 1 || !bytes.HasPrefix(res.Files[0].Data, []byte("%PDF")) || !strings.HasSuffix(res.Files[0].Name, ".pdf") {
		t.Fatalf("sheet %+v", res.Message.Content)
	}
	mustContain(t, text(res), "2 people (going: 2, walk-ins: 0)")
	mustContain(t, text(h.do(alice, "c", "event sheet", "event", id)), "Only a space's animators")

	res = h.do(alice, "c", "event ics")
	if len(res.Files) != 1 {
		t.Fatal("no calendar file")
	}
	cal, err := ical.ParseCalendar(bytes.NewReader(res.Files[0].Data))
	if err != nil || len(cal.Events()) != 1 {
		t.Fatalf("calendar: %v", err)
	}
	start, _ := cal.Events()[0].GetStartAt()
	if !start.Equal(e.Start) {
		t.Errorf("calendar start %v, want %v", start, e.Start)
	}
}

func TestEventEditAutocompleteAndInfo(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.newEvent(workshop("demain 18h"))
	e := h.events()[0]
	id := fmtInt(e.ID)
	h.click(alice, "rsvp:"+id+":y")
	h.click(bob, "rsvp:"+id+":y")
	h.click(carol, "rsvp:"+id+":y") // waitlisted
	res := h.do(animUs, "c", "event edit", "event", id)
	if res.Type != OpenModal || res.Modal.Fields[2].Value != "2026-04-14 18:00" || res.Modal.Fields[4].Value != "2" {
		t.Fatalf("prefilled modal %+v", res.Modal)
	}
	res = h.form(animUs, res.Modal.CustomID, map[string]string{"title": "Atelier 3D", "description": "", "start": "2026-04-14 19:00", "duration": "1h30", "capacity": "3"})
	mustContain(t, text(res), "**Atelier 3D** is updated", "The time changed")
	e = h.events()[0]
	if e.Title != "Atelier 3D" || e.Start.In(paris).Hour() != 19 || e.End.Sub(e.Start) != 90*time.Minute {
		t.Errorf("edited %+v", e)
	}
	var promoted, moved int
	for _, it := range h.outbox(OutDM) {
		p := string(it.Payload)
		if it.Target == carol.ID && strings.Contains(p, "freed up") {
			promoted++
		}
		if strings.Contains(p, "Changement d'horaire") || strings.Contains(p, "Time change") {
			moved++
		}
	}
	if promoted != 1 || moved != 3 {
		t.Errorf("promoted %d, moved DMs %d", promoted, moved)
	}
	if n := len(h.outbox(OutEventUpdate)); n != 1 {
		t.Errorf("%d scheduled event updates", n)
	}
	// Autocomplete: by title, accent-insensitive; the value is the id.
	r := h.req(alice, "c", "event info", "event", "atel")
	r.Kind, r.Focused = KindAutocomplete, "event"
	got := h.app.Handle(context.Background(), r).Choices
	if len(got) != 1 || got[0].Value != id || !strings.HasPrefix(got[0].Name, "Atelier 3D — 14/04 19:00 · La Ruche") {
		t.Errorf("autocomplete %+v", got)
	}
	res = h.do(carol, "c", "event info", "event", id)
	mustContain(t, text(res), "Your answer: going", "Atelier 3D", "3 / 3")
	mustContain(t, text(h.do(carol, "c", "event info", "event", "nonsense")), "can't find this event")
}

func TestEventByTypedTitle(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.newEvent(map[string]string{"title": "Café numérique", "start": "demain 10h", "duration": "1h"})
	h.newEvent(map[string]string{"title": "Café des parents", "start": "demain 15h", "duration": "1h"})
	mustContain(t, text(h.do(alice, "c", "event info", "event", "cafe numerique")), "Café numérique")
	mustContain(t, text(h.do(alice, "c", "event info", "event", "café")), "could mean several events", "Café numérique", "Café des parents")
	mustContain(t, text(h.do(alice, "c", "event info", "event", "parents")), "Café des parents")
}
