package commands

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tierslieux/tiersbot/storage"
)

// quentin holds projects, writes news, offers help and follows: his id,
// names and words are unusual strings, so any left in the file is a leftover.
var (
	quentin       = User{ID: "u-quentin4417", Name: "Quentin Xylophane"}
	quentinTraces = []string{quentin.ID, "Quentin Xylophane", "Xylophane", "le cadre Zébulon"}
)

// Forgetting a holder: the project an animator accompanies goes to that
// animator, the other is archived with no holder; the cards are re-rendered
// without him, his news in the thread is deleted, his offer closed, his
// following ended; the figures (stages, notes) stay; his export had it all.
func TestForgetProjectHolder(t *testing.T) {
	h, path := newFileHarness(t)
	h.setupNetwork()
	h.do(coord, "c", "setup", "announce_channel", "c-news", "language", "en")
	h.newProject(quentin, "Four solaire", "Un four pour le village", "soudure")
	h.newProject(quentin, "Vélo cargo", "", "")
	h.newProject(bob, "Imprimante 3D", "", "")
	h.do(animUs, "c", "project note", "project", "four", "text", "Séance découpe laser")
	mustContain(t, text(h.do(quentin, "c", "project update", "project", "four", "text", "le cadre Zébulon est soudé")), "posted in the thread")
	h.do(quentin, "c", "project stage", "project", "four", "stage", "prototype")
	h.click(quentin, "prjhelp:"+fmtInt(h.project("imprimante").ID))
	h.do(quentin, "c", "project follow", "project", "imprimante")

	// His export holds his projects, his news and his offer.
	res := h.do(quentin, "c", "privacy export")
	var export storage.MemberData
	if err := json.Unmarshal(res.Files[0].Data, &export); err != nil {
		t.Fatal(err)
	}
	if len(export.Projects) != 3 || len(export.ProjectNews) != 1 || len(export.ProjectOffers) != 1 {
		t.Errorf("export: %d projects (want 2 held + 1 followed), %d news, %d offers", len(export.Projects), len(export.ProjectNews), len(export.ProjectOffers))
	}
	mustContain(t, string(res.Files[0].Data), `"role": "holder"`, `"role": "follower"`, "le cadre Zébulon")
	h.deliverAll()
	before := dbBytes(t, h, path, false)
	for _, s := range quentinTraces {
		if !bytes.Contains(before, []byte(s)) {
			t.Fatalf("the setup never stored %q", s)
		}
	}

	mustContain(t, text(h.click(quentin, "privacy:forget")), "your personal data is erased")
	four, cargo := h.project("four"), h.project("cargo")
	if four.HolderID != animUs.ID || four.Archived {
		t.Errorf("the accompanied project: holder %q archived %v, want Nadia's", four.HolderID, four.Archived)
	}
	if cargo.HolderID != "" || !cargo.Archived {
		t.Errorf("the other project: holder %q archived %v, want archived without holder", cargo.HolderID, cargo.Archived)
	}
	edits, deletes := map[string]string{}, 0
	for _, it := range h.due() {
		for _, s := range quentinTraces {
			if strings.Contains(string(it.Payload), s) {
				t.Errorf("pending %s to %s still names him (%q)", it.Kind, it.Target, s)
			}
		}
		switch it.Kind {
		case OutEdit:
			edits[it.Target] = string(it.Payload)
		case OutDelete:
			deletes++
		}
	}
	// Four cards re-rendered (two projects, two channels each); his news
	// in the thread and the request DM that named him to Bob are deleted.
	if len(edits) != 4 {
		t.Errorf("%d card edits, want 4: %v", len(edits), edits)
	}
	nadia, archived := 0, 0
	for _, p := range edits {
		nadia += strings.Count(p, animUs.ID) // her mention, JSON-escaped
		archived += strings.Count(p, "archived")
	}
	if nadia != 2 || archived != 2 {
		t.Errorf("cards: %d show Nadia as holder (want 2), %d archived (want 2)", nadia, archived)
	}
	if deletes != 2 {
		t.Errorf("%d posts to delete, want 2 (his news, his help request)", deletes)
	}
	// The figures stay: stages and the note still count.
	var c storage.ProjectCounts
	h.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		c, err = tx.ProjectReport(context.Background(), testGuild, at("2026-04-13 00:00"), at("2026-04-20 00:00"))
		return err
	})
	if n := c.BySpace[mustSpace(h, "ruche").ID]; n["idea"] != 3 || n["prototype"] != 1 || c.NotesByAnimator[animUs.ID] != 1 {
		t.Errorf("figures after forgetting: %v, notes %v", n, c.NotesByAnimator)
	}
	mustContain(t, text(h.do(bob, "c", "project show", "project", "cargo")), "archived")

	h.deliverAll()
	after := dbBytes(t, h, path, true)
	for _, s := range quentinTraces {
		if i := bytes.Index(after, []byte(s)); i >= 0 {
			lo, hi := max(0, i-60), min(len(after), i+len(s)+60)
			t.Errorf("the database file still holds %q: …%q…", s, after[lo:hi])
		}
	}
}

// Retention treats answered help offers as introductions: after the
// network's period they no longer name the helper; the membership they led
// to stays (the project is public, and the member may leave it).
func TestRetentionAnonymizesHelpOffers(t *testing.T) {
	h, path := newFileHarness(t)
	h.clock.Set(at("2024-03-01 09:00"))
	h.setupNetwork()
	h.newProject(bob, "Four solaire", "", "")
	h.newProject(bob, "Vélo cargo", "", "")
	h.click(quentin, "prjhelp:"+fmtInt(h.project("four").ID))
	h.dmClick(bob, "prjok:"+h.lastOfferID(bob.ID))
	h.clock.Set(at("2026-04-01 09:00"))
	h.click(quentin, "prjhelp:"+fmtInt(h.project("cargo").ID)) // recent and pending: kept
	if err := h.app.ApplyRetention(context.Background(), at("2026-04-02 03:40")); err != nil {
		t.Fatal(err)
	}
	got := queryStrings(t, rawDB(t, path), `SELECT helper_id || ' ' || status FROM project_offers ORDER BY id`)
	if len(got) != 2 || !strings.HasPrefix(got[0], storage.AnonPrefix) || !strings.HasSuffix(got[0], " accepted") || got[1] != quentin.ID+" pending" {
		t.Errorf("offers after retention %q", got)
	}
	// Who moved a project on, long ago, is no longer named either; the stages stay.
	h.clock.Set(at("2026-04-01 10:00"))
	h.do(bob, "c", "project stage", "project", "cargo", "stage", "prototype")
	got = queryStrings(t, rawDB(t, path), `SELECT substr(by_id, 1, 5) || ' ' || stage FROM project_stages ORDER BY id`)
	if want := "anon- idea|anon- idea|u-bob prototype"; strings.Join(got, "|") != want {
		t.Errorf("stages after retention %q, want %q", strings.Join(got, "|"), want)
	}
}
