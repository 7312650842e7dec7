package commands

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/register"
	"github.com/tierslieux/tiersbot/storage"
)

// registerFingerprint is the register's and event types' part of the
// permission matrix's fingerprint: a refused action changes none of it.
func registerFingerprint(ctx context.Context, tx *storage.Tx, events []storage.Event) string {
	entries, err := tx.SearchRegister(ctx, testGuild, "", 1000)
	out := fmt.Sprintf("\nregister %d %v", len(entries), err)
	for _, e := range entries {
		out += fmt.Sprintf(" [%d %s %s %s %s]", e.ID, e.Name, e.Town, e.Contact, e.UserID)
		values, _ := tx.RegisterValues(ctx, e.ID)
		out += fmt.Sprint(values)
	}
	fields, _ := tx.RegisterFields(ctx, testGuild)
	types, _ := tx.EventTypes(ctx, testGuild)
	out += fmt.Sprintf("\nfields %d types %d", len(fields), len(types))
	for _, e := range events {
		n, _ := tx.EventRegisterCount(ctx, e.ID)
		hosts, _ := tx.EventHostsOf(ctx, e.ID)
		key, _ := tx.EventTypeOf(ctx, e.ID)
		out += fmt.Sprintf("\nevent %d walkins %d named %d hosts %v type %q", e.ID, e.Walkins, n, hosts, key)
	}
	return out
}

func (h *harness) complete(u User, command, option, typed string, kv ...string) []Choice {
	h.t.Helper()
	r := h.req(u, "c", command, append([]string{option, typed}, kv...)...)
	r.Kind, r.Focused = KindAutocomplete, option
	res := h.app.Handle(context.Background(), r)
	return res.Choices
}

func (h *harness) heldAttended(e storage.Event) int {
	h.t.Helper()
	var held []storage.EventStats
	err := h.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		held, err = tx.EventsHeld(context.Background(), testGuild, e.Start.Add(-time.Minute), e.Start.Add(time.Minute))
		return err
	})
	if err != nil || len(held) != 1 {
		h.t.Fatalf("held %+v %v", held, err)
	}
	return held[0].Attended
}

// TestNamedWalkins: the walk-ins form takes names, one per line, reusing
// register entries; the anonymous count stays possible; the figures count
// both; a second save replaces the list.
func TestNamedWalkins(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(coord, "c", "space edit", "space", "fab", "animator_role", "role-fab")
	h.newEvent(map[string]string{"title": "Matinée emploi", "start": "2026-04-14 09:00", "duration": "3h"})
	e := h.events()[0]
	id := fmtInt(e.ID)
	h.clock.Set(at("2026-04-14 12:30"))

	res := h.click(animUs, "attw:"+id)
	if res.Type != OpenModal || len(res.Modal.Fields) != 2 || res.Modal.Fields[0].Value != "" || res.Modal.Fields[1].Value != "0" {
		t.Fatalf("walk-ins form %+v", res.Modal)
	}
	res = h.form(animUs, "attw:"+id, map[string]string{"names": "Marie Dupont, Crest\nJean Martin\n王小明\nmarie dupont", "walkins": "1"})
	mustContain(t, text(res), "Walk-ins at **Matinée emploi**: 3 named, 1 without names.", "New in the register (3): **Marie Dupont**, **Jean Martin**, **王小明**.")
	if got := h.heldAttended(e); got != 4 { // 3 named + 1 counted
		t.Errorf("attended %d, want 4", got)
	}
	// The form shows them again; Jean is taken off, Léa added, 2 without names.
	res = h.click(animUs, "attw:"+id)
	if v := res.Modal.Fields[0].Value; v != "Marie Dupont, Crest\nJean Martin\n王小明" || res.Modal.Fields[1].Value != "1" {
		t.Fatalf("prefilled %q / %q", v, res.Modal.Fields[1].Value)
	}
	res = h.form(animUs, "attw:"+id, map[string]string{"names": "Marie Dupont\n王小明\nLéa Petit", "walkins": "2"})
	mustContain(t, text(res), "3 named, 2 without names", "New in the register: **Léa Petit**.", "1 name taken off the list")
	if got := h.heldAttended(e); got != 5 {
		t.Errorf("attended %d, want 5", got)
	}
	// Only a count, as before: the old answer, and the names stay off.
	res = h.form(animUs, "attw:"+id, map[string]string{"names": "", "walkins": "6"})
	mustContain(t, text(res), "3 names taken off the list")
	if got := h.heldAttended(e); got != 6 {
		t.Errorf("attended %d, want 6", got)
	}
	mustContain(t, text(h.form(animUs, "attw:"+id, map[string]string{"walkins": "6"})), "6 walk-ins recorded for **Matinée emploi**")
	// Refusals: a member; a line without a name; nothing saved.
	mustContain(t, text(h.form(alice, "attw:"+id, map[string]string{"names": "Intrus"})), "Only a space's animators")
	mustContain(t, text(h.form(fabAnim, "attw:"+id, map[string]string{"names": "Intrus"})), "Only the animators of **La Ruche**")
	mustContain(t, text(h.form(animUs, "attw:"+id, map[string]string{"names": "Ana\n, Die"})), "Line 2: the name is missing")
	if got := h.heldAttended(e); got != 6 {
		t.Errorf("attended %d after refusals, want 6", got)
	}
	// The entries stay in the register, suggested to animators only.
	if got := h.complete(animUs, "register add", "name", "dup"); len(got) != 2 || got[0].Name != "Marie Dupont, Crest" || got[1].Value != "dup" {
		t.Errorf("suggestions %+v", got)
	}
	if got := h.complete(fabAnim, "register export", "participant", "pet"); len(got) != 1 || got[0].Name != "Léa Petit" {
		t.Errorf("another space's animator: %+v", got)
	}
	if got := h.complete(alice, "register add", "name", "mar"); len(got) != 0 {
		t.Errorf("a member sees register names: %+v", got)
	}
}

// TestRegisterLifecycle: added at a space's day, answers with their
// purpose, linked to the member who claims it, exported and erased on
// request, erased with the member who is forgotten.
func TestRegisterLifecycle(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(coord, "c", "space edit", "space", "fab", "animator_role", "role-fab")
	h.clock.Set(at("2026-04-14 15:00"))
	mustContain(t, text(h.do(coord, "c", "register fields", "add", "Demandeur d'emploi", "purpose", "Bilan FSE+ : personnes en recherche d'emploi", "choices", "oui, non")),
		"Question “Demandeur d'emploi” added", "why: Bilan FSE+")
	mustContain(t, text(h.do(alice, "c", "register fields", "add", "Âge")), "Only the network's coordination")
	mustContain(t, text(h.do(coord, "c", "register fields", "add", "Âge", "purpose", "x", "choices", "jeune")), "Possible answers are separated by commas")

	res := h.do(animUs, "c", "register add", "name", "Marie Dupont", "town", "Crest", "contact", "06 12 34 56 78", "space", "ruche", "day", "13/04/2026")
	mustContain(t, text(res), "**Marie Dupont, Crest** added to the register.", "Present at **La Ruche** on Monday 13 April 2026.", "Optional questions for the funders (never required): “Demandeur d'emploi”")
	res = h.do(animUs, "c", "register add", "name", "p1", "space", "ruche", "day", "2026-04-13")
	mustContain(t, text(res), "already in the register", "(Their presence there was already recorded.)")
	mustContain(t, text(h.do(animUs, "c", "register add", "name", "Marie Dupont", "space", "ruche", "day", "2026-04-20")), "hasn't come yet")
	mustContain(t, text(h.do(fabAnim, "c", "register add", "name", "p1", "space", "ruche")), "Only the animators of **La Ruche**")

	mustContain(t, text(h.do(animUs, "c", "register answer", "participant", "p1", "field", "1", "value", "peut-être")), "The possible answers are: oui, non.")
	mustContain(t, text(h.do(animUs, "c", "register answer", "participant", "p1", "field", "1", "value", "OUI")), "Why it is asked: Bilan FSE+ : personnes en recherche d'emploi.")
	// Or all the questions in a form: blank (answers are never read back),
	// each showing why it is asked; blank keeps an answer.
	h.do(coord, "c", "register fields", "add", "Tranche d'âge", "purpose", "Bilan FSE+", "choices", "<26 | 26-54 | 55+")
	res = h.do(animUs, "c", "register answer", "participant", "p1")
	if res.Type != OpenModal || len(res.Modal.Fields) != 2 || res.Modal.Fields[0].Value != "" ||
		res.Modal.Fields[1].Placeholder != "<26 / 26-54 / 55+ (optional). Why: Bilan FSE+" {
		t.Fatalf("answers form %+v", res.Modal)
	}
	mustContain(t, text(h.form(animUs, res.Modal.CustomID, map[string]string{"f2": "90"})), "26-54, 55+.")
	mustContain(t, text(h.form(animUs, res.Modal.CustomID, map[string]string{"f1": "", "f2": "55+"})), "1 saved, 0 deleted")
	mustContain(t, text(h.do(animUs, "c", "register answer", "participant", "p1", "field", "2")), "Give the question and the answer, or neither")

	// Marie joins Discord as Alice: she claims, the animator confirms.
	code := regexp.MustCompile(`\*\*([A-Z0-9]{6})\*\*`).FindStringSubmatch(text(h.do(alice, "c", "register claim")))
	if code == nil {
		t.Fatal("no claim code")
	}
	mustContain(t, text(h.do(animUs, "c", "register link", "participant", "p1", "code", "ZZZZZZ")), "does not exist or has expired")
	mustContain(t, text(h.do(animUs, "c", "register link", "participant", "p1", "code", strings.ToLower(code[1]))), "now linked to <@u-alice>")
	mustContain(t, text(h.do(animUs, "c", "register link", "participant", "p1", "code", code[1])), "does not exist") // used once

	// Her own export has the entry and her answer with its purpose.
	res = h.do(alice, "c", "privacy export")
	data := string(res.Files[0].Data)
	mustContain(t, data, `"name": "Marie Dupont"`, `"purpose": "Bilan FSE+ : personnes en recherche d'emploi"`, `"value": "oui"`, `"day": "2026-04-13"`)
	// The coordination exports one entry on request.
	res = h.do(coord, "c", "register export", "participant", "p1")
	mustContain(t, string(res.Files[0].Data), `"contact": "06 12 34 56 78"`, `"value": "oui"`, `"value": "55+"`)

	// Alice is forgotten: her entry is erased too, its presence still counts.
	h.click(alice, "privacy:forget")
	mustContain(t, text(h.do(coord, "c", "register export", "participant", "p1")), "can't find this person")
	var people storage.PeopleCounts
	h.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		people, err = tx.PeopleReached(context.Background(), testGuild, nil, at("2026-04-13 00:00"), at("2026-04-14 00:00"))
		return err
	})
	if people.People != 1 {
		t.Errorf("people on the 13th after forgetting: %+v, want 1", people)
	}

	// Erase on request, after a confirmation.
	mustContain(t, text(h.do(animUs, "c", "register add", "name", "Jean Martin", "space", "ruche")), "added")
	res = h.do(coord, "c", "register erase", "participant", "p2")
	mustContain(t, text(res), "Erase **Jean Martin**'s entry?")
	mustContain(t, text(h.click(alice, res.Components[0][0].CustomID)), "Only the network's coordination")
	mustContain(t, text(h.click(coord, res.Components[0][0].CustomID)), "Entry erased")
	if got := h.complete(animUs, "register add", "name", "jean"); len(got) != 1 || got[0].Value != "jean" {
		t.Errorf("an erased entry is still suggested: %+v", got)
	}
}

// TestEventTypesAndSharing: a type chosen on /event create shows on the
// card and in the figures; the coordination edits the list; a shared event
// counts once for the network and once for each co-organising space.
func TestEventTypesAndSharing(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	if got := h.complete(animUs, "event create", "type", "emploi"); len(got) != 1 || got[0].Value != "employment" {
		t.Errorf("type suggestions %+v", got)
	}
	mustContain(t, text(h.do(animUs, "c", "event create", "space", "ruche", "type", "Karaoké")), "I don't know this event type", "“Digital workshop”", "“Other”")
	res := h.newEvent(map[string]string{"title": "Place à l'emploi", "start": "2026-04-14 09:00", "duration": "3h"}, "type", "employment", "repeat", "weekly", "count", "2")
	mustContain(t, text(res), "A series of 2 occurrences")
	h.newEvent(map[string]string{"title": "Café", "start": "2026-04-15 09:00", "duration": "1h"})
	events := h.events()
	var card storage.OutboxItem
	for _, it := range h.outbox(OutChannel) {
		if strings.Contains(string(it.Payload), "Place à l'emploi") {
			card = it
		}
	}
	mustContain(t, string(card.Payload), `"name":"Type","value":"Emploi / recherche d'emploi"`) // the network speaks French

	// Shared with the Fab Lab from the first date on: both dates.
	mustContain(t, text(h.do(animUs, "c", "event share", "event", fmtInt(events[0].ID), "space", "fab")), "co-organised by **Fab Lab** (2 dates of the series)")
	mustContain(t, text(h.do(animUs, "c", "event share", "event", fmtInt(events[0].ID), "space", "fab")), "Nothing to change")
	mustContain(t, text(h.do(animUs, "c", "event share", "event", fmtInt(events[0].ID), "space", "ruche")), "**La Ruche** already organises")
	mustContain(t, text(h.do(animUs, "c", "event share", "event", fmtInt(events[0].ID), "animator", "u-fabanim")), "co-organised by <@u-fabanim>")
	found := false
	for _, it := range h.outbox(OutEdit) {
		found = found || strings.Contains(string(it.Payload), "Co-organisé avec\u00a0: Fab Lab")
	}
	if !found {
		t.Error("the card does not show the co-organising space")
	}
	// The type of one date changes on /event edit.
	res = h.do(animUs, "c", "event edit", "event", fmtInt(events[2].ID), "type", "conviviality") // the series' second date
	h.form(animUs, res.Modal.CustomID, map[string]string{"title": "Place à l'emploi", "start": "2026-04-21 09:00", "duration": "3h"})

	mustContain(t, text(h.do(animUs, "c", "event types", "add", "Karaoké")), "Only the network's coordination")
	mustContain(t, text(h.do(coord, "c", "event types", "add", "Repair café", "add_fr", "Café réparation")), "Type “Repair café” added")
	mustContain(t, text(h.do(coord, "c", "event types", "remove", "hackathon")), "Type “Hackathon” taken off the list")
	mustContain(t, text(h.do(coord, "c", "event types", "add", "!!!")), "A type's name is 2 to 40 characters")
	if got := h.complete(animUs, "event create", "type", ""); len(got) != 7 || got[6].Value != "repair-cafe" {
		t.Errorf("types after the changes %+v", got)
	}

	h.clock.Set(at("2026-05-01 09:00"))
	var held storage.HeldEvents
	h.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		held, err = tx.EventsHeldBreakdown(context.Background(), testGuild, at("2026-04-01 00:00"), at("2026-05-01 00:00"), h.clock.Now())
		return err
	})
	ruche, fab := mustSpace(h, "ruche").ID, mustSpace(h, "fab").ID
	if held.Total != 3 || held.Shared != 2 || !reflect.DeepEqual(held.BySpace, map[int64]int{ruche: 3, fab: 2}) ||
		!reflect.DeepEqual(held.ByType, map[string]int{"employment": 1, "conviviality": 1, "": 1}) ||
		!reflect.DeepEqual(held.ByAnimator, map[string]int{animUs.ID: 3, fabAnim.ID: 2}) {
		t.Errorf("held %+v", held)
	}
}

// TestNamedWalkinWhoHadAnswered: a name typed as a walk-in that is a member
// who had answered the event is marked as came on their answer, not counted
// a second time.
func TestNamedWalkinWhoHadAnswered(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.newEvent(map[string]string{"title": "Matinée emploi", "start": "2026-04-14 09:00", "duration": "3h"})
	e := h.events()[0]
	h.click(alice, "rsvp:"+fmtInt(e.ID)+":y")
	h.click(bob, "rsvp:"+fmtInt(e.ID)+":n")
	h.do(animUs, "c", "register add", "name", "Alice Martin")
	h.do(animUs, "c", "register add", "name", "Bob Roux")
	h.do(animUs, "c", "register link", "participant", "p1", "member", alice.ID)
	h.do(animUs, "c", "register link", "participant", "p2", "member", bob.ID)
	h.clock.Set(at("2026-04-14 12:30"))
	sel := selectOf(t, h.do(animUs, "c", "event attendance", "event", fmtInt(e.ID)).Message)
	mustContain(t, text(h.selectValues(animUs, sel.CustomID, alice.ID)), "came")
	res := h.form(animUs, "attw:"+fmtInt(e.ID), map[string]string{"names": "Alice Martin\nBob Roux", "walkins": "0"})
	// Bob had said he could not come: he is a walk-in after all.
	mustContain(t, text(res), "1 named, 0 without names", "Had answered the event, marked as came on their answer: **Alice Martin**.")
	if got := h.heldAttended(e); got != 2 { // Alice on her answer (not again as a walk-in), Bob as a walk-in
		t.Errorf("attended %d, want 2", got)
	}
	if r := h.rsvps(e.ID); r[0].UserID != alice.ID || r[0].Attended == nil || !*r[0].Attended {
		t.Errorf("alice's answer %+v", r[0])
	}
	// The same through /register add: on her answer again, nothing more.
	mustContain(t, text(h.do(animUs, "c", "register add", "name", "p1", "event", fmtInt(e.ID))), "Present at **Matinée emploi**.")
	if got := h.heldAttended(e); got != 2 {
		t.Errorf("attended %d after /register add, want 2", got)
	}
	mustContain(t, text(h.do(animUs, "c", "register add", "name", "Léa Petit", "event", fmtInt(e.ID))), "Present at **Matinée emploi**.")
	if got := h.heldAttended(e); got != 3 {
		t.Errorf("attended %d after a new walk-in, want 3", got)
	}
}

// TestRegisterRefusal: the register's refusals are said with their key and
// what the wording needs (names escaped); other errors pass through.
func TestRegisterRefusal(t *testing.T) {
	for _, c := range []struct {
		ref  register.Refusal
		key  string
		args []any
	}{
		{register.Refusal{Reason: register.Homonyms, Name: "Jean *Martin*", Count: 2}, "register.homonyms", []any{`Jean \*Martin\*`, 2}},
		{register.Refusal{Reason: register.LineNoName, Line: 3}, "register.line_no_name", []any{3}},
		{register.Refusal{Reason: register.NameTooLong, Line: 2}, "register.name_too_long", []any{2, 100}},
		{register.Refusal{Reason: register.TownTooLong, Line: 1}, "register.town_too_long", []any{1, 60}},
		{register.Refusal{Reason: register.TooManyLines}, "register.too_many_lines", []any{200}},
		{register.Refusal{Reason: register.BadAnonymous}, "event.bad_walkins", nil},
		{register.Refusal{Reason: register.NotAChoice, Choices: []string{"oui", "non_"}}, "register.value_not_choice", []any{`oui, non\_`}},
		{register.Refusal{Reason: register.FieldExists, Name: "Âge"}, "register.field_exists", []any{"Âge"}},
		{register.Refusal{Reason: register.BadChoices}, "register.bad_choices", []any{10, 40}},
		{register.Refusal{Reason: register.NotKeeper}, "register.perm", nil},
		{register.Refusal{Reason: register.BadCode}, "register.bad_code", nil},
	} {
		var ue *UserError
		if err := registerRefusal(&c.ref); !errors.As(err, &ue) || ue.Key != c.key || !reflect.DeepEqual(ue.Args, c.args) {
			t.Errorf("%+v: %v, want %s %v", c.ref, err, c.key, c.args)
		}
	}
	disk := fmt.Errorf("disk full")
	if registerRefusal(disk) != disk || registerRefusal(nil) != nil {
		t.Error("another error is not passed through")
	}
}
