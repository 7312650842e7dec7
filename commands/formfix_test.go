package commands

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// TestRefusedFormIsKept: a refused event form offers "Correct it", which
// reopens the form with everything typed and the faulty field marked, for
// the member who typed it only, within the hour; the corrected form creates
// the event; the clean-up deletes what was typed after a day.
func TestRefusedFormIsKept(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	open := h.do(animUs, "c-ruche", "event create", "space", "ruche")
	if open.Modal == nil {
		t.Fatalf("no form: %s", text(open))
	}
	typed := workshop("trente février 14h")
	res := h.form(animUs, open.Modal.CustomID, typed)
	mustContain(t, text(res), "⚠️", "[✏️ Correct it]", "What you typed is kept")
	fix := fixButton(res)
	if fix == "" || len(h.events()) != 0 {
		t.Fatalf("button %q, %d events", fix, len(h.events()))
	}

	// Someone else cannot reopen it.
	mustContain(t, text(h.click(alice, fix)), "no longer valid")

	again := h.click(animUs, fix)
	if again.Type != OpenModal || again.Modal == nil {
		t.Fatalf("not reopened: %s", text(again))
	}
	if again.Modal.CustomID != open.Modal.CustomID || again.Modal.Title != "To correct: New event" {
		t.Errorf("reopened as %q, %q", again.Modal.CustomID, again.Modal.Title)
	}
	checkReopened(t, again.Modal, typed, "start")

	typed["start"] = "2026-04-16 14:00"
	mustContain(t, text(h.form(animUs, again.Modal.CustomID, typed)), "is announced")
	if n := len(h.events()); n != 1 {
		t.Fatalf("%d events after the correction", n)
	}

	// An hour later the button has expired; a day later the text is gone.
	h.clock.Set(h.clock.Now().Add(61 * time.Minute))
	mustContain(t, text(h.click(animUs, fix)), "over an hour old")
	kept := func() int {
		var n int
		err := h.db.Read(context.Background(), func(tx *storage.Tx) error {
			m, err := tx.GetPrefix(context.Background(), formFixPrefix)
			n = len(m)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if err := h.app.PruneFormFixes(context.Background(), h.clock.Now()); err != nil || kept() != 1 {
		t.Fatalf("pruned before a day (err %v, %d kept)", err, kept())
	}
	if err := h.app.PruneFormFixes(context.Background(), h.clock.Now().Add(24*time.Hour)); err != nil || kept() != 0 {
		t.Errorf("kept after a day (err %v, %d kept)", err, kept())
	}
}

// Forgetting a member deletes the forms they typed and were refused.
func TestForgetDeletesKeptForms(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	open := h.do(animUs, "c-ruche", "event create", "space", "ruche")
	mustContain(t, text(h.form(animUs, open.Modal.CustomID, workshop("trente février 14h"))), "Correct it")
	err := h.db.Write(context.Background(), func(tx *storage.Tx) error {
		_, err := tx.ForgetMember(context.Background(), testGuild, animUs.ID, storage.ForgottenPrefix+"t", h.clock.Now())
		if err != nil {
			return err
		}
		m, err := tx.GetPrefix(context.Background(), formFixPrefix)
		if len(m) != 0 {
			t.Errorf("kept forms after forgetting their author: %v", m)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The walk-ins form keeps its names when the count is refused.
func TestRefusedWalkinsFormIsKept(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.newEvent(map[string]string{"title": "Matinée emploi", "start": "2026-04-14 09:00", "duration": "3h"})
	h.clock.Set(at("2026-04-14 12:30"))
	id := "attw:" + fmtInt(h.events()[0].ID)
	typed := map[string]string{"names": "Marie Dupont, Crest\n王小明", "walkins": "deux"} // the field holds 4 characters
	res := h.form(animUs, id, typed)
	mustContain(t, text(res), "⚠️", "[✏️ Correct it]")
	fix := fixButton(res)
	again := h.click(animUs, fix)
	if again.Modal == nil || again.Modal.CustomID != id {
		t.Fatalf("not reopened: %s", text(again))
	}
	checkReopened(t, again.Modal, typed, "walkins")
}

// Tokens are drawn from the App's one random source by concurrent requests
// (under -race, an unguarded source fails this test), and do not repeat.
func TestTokensConcurrent(t *testing.T) {
	h := newHarness(t)
	seen := make(chan string, 64)
	for range 8 {
		go func() {
			for range 8 {
				seen <- h.app.token()
			}
		}()
	}
	got := map[string]bool{}
	for range 64 {
		tok := <-seen
		if len(tok) != 18 || got[tok] {
			t.Fatalf("token %q (repeated %v)", tok, got[tok])
		}
		got[tok] = true
	}
}

// checkReopened checks a reopened form holds what was typed, with only the
// field bad marked.
func checkReopened(t *testing.T, m *Modal, typed map[string]string, bad string) {
	t.Helper()
	for _, f := range m.Fields {
		if f.Value != typed[f.ID] {
			t.Errorf("field %s reopened with %q, typed %q", f.ID, f.Value, typed[f.ID])
		}
		if marked := strings.HasPrefix(f.Label, "✏️"); marked != (f.ID == bad) {
			t.Errorf("field %s (%s) marked %v", f.ID, f.Label, marked)
		}
	}
}

// fixButton is the "Correct it" button's custom id in a reply ("" if none).
func fixButton(res *Response) string {
	for _, row := range res.Components {
		for _, c := range row {
			if strings.HasPrefix(c.CustomID, "fix:") {
				return c.CustomID
			}
		}
	}
	return ""
}

// A project whose list of needs is refused (nine skills, eight at most)
// keeps its title and pitch: "Correct it" reopens the form with the needs
// marked, and the corrected form creates the project.
func TestRefusedProjectFormIsKept(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	open := h.do(alice, "c-ruche", "project create")
	if open.Modal == nil {
		t.Fatalf("no form: %s", text(open))
	}
	typed := map[string]string{"title": "Four à pain solaire", "pitch": "Un four pour le marché de Crest.",
		"needs": "soudure, menuiserie, maçonnerie, électricité, dessin, comptabilité, vente, photo, vidéo"}
	res := h.form(alice, open.Modal.CustomID, typed)
	mustContain(t, text(res), "⚠️", "[✏️ Correct it]")
	fix := fixButton(res)
	again := h.click(alice, fix)
	if again.Modal == nil || again.Modal.CustomID != open.Modal.CustomID || again.Modal.Title != "To correct: New project" {
		t.Fatalf("not reopened as the new project form: %s", text(again))
	}
	checkReopened(t, again.Modal, typed, "needs")
	typed["needs"] = "soudure, menuiserie"
	h.form(alice, again.Modal.CustomID, typed)
	if p := h.project("Four à pain solaire"); p.Pitch != typed["pitch"] {
		t.Errorf("created with pitch %q", p.Pitch)
	}
}

// A refused answer in the register's answers form: "Correct it" reopens the
// form with both answers typed and the refused question marked; erasing the
// entry deletes what was typed about it.
func TestRefusedRegisterAnswersAreKept(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(coord, "c", "register fields", "add", "Demandeur d'emploi", "purpose", "Bilan FSE+", "choices", "oui, non")
	h.do(coord, "c", "register fields", "add", "Tranche d'âge", "purpose", "Bilan FSE+", "choices", "<26 | 26-54 | 55+")
	mustContain(t, text(h.do(animUs, "c", "register add", "name", "Marie Dupont", "town", "Crest")), "added to the register")
	open := h.do(animUs, "c", "register answer", "participant", "p1")
	if open.Modal == nil {
		t.Fatalf("no form: %s", text(open))
	}
	typed := map[string]string{"f1": "oui", "f2": "90 ans"}
	res := h.form(animUs, open.Modal.CustomID, typed)
	mustContain(t, text(res), "26-54, 55+.", "[✏️ Correct it]")
	fix := fixButton(res)
	mustContain(t, text(h.click(alice, fix)), "no longer valid")
	again := h.click(animUs, fix)
	if again.Modal == nil || again.Modal.CustomID != open.Modal.CustomID {
		t.Fatalf("not reopened: %s", text(again))
	}
	checkReopened(t, again.Modal, typed, "f2")
	// Nothing was saved from the refused form.
	mustContain(t, text(h.form(animUs, open.Modal.CustomID, map[string]string{"f2": "55+"})), "1 saved, 0 deleted")

	h.form(animUs, open.Modal.CustomID, map[string]string{"f1": "peut-être"})
	erase := h.do(coord, "c", "register erase", "participant", "p1")
	var confirm string
	for _, row := range erase.Components {
		for _, c := range row {
			if strings.HasPrefix(c.CustomID, "regerase") {
				confirm = c.CustomID
			}
		}
	}
	if confirm == "" {
		t.Fatalf("no confirmation button: %s", text(erase))
	}
	h.click(coord, confirm)
	err := h.db.Read(context.Background(), func(tx *storage.Tx) error {
		m, err := tx.GetPrefix(context.Background(), formFixPrefix)
		if len(m) != 0 {
			t.Errorf("kept forms about the erased entry: %v", m)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
