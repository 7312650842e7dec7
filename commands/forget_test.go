package commands

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// zoe does everything the bot records. Her id, both names and every note are
// unusual strings, so finding one in the database file can only be a leftover.
var (
	zoe       = User{ID: "u-zoe7731", Name: "Zoé Quartzweiler", Roles: []string{"role-ruche"}}
	zoeByNick = User{ID: zoe.ID, Name: "zquartz_nick", Roles: zoe.Roles} // her username, as a later request shows it
	zoeTraces = []string{zoe.ID, "Zoé Quartzweiler", "Quartzweiler", "zquartz_nick",
		"rdv ostéo Zorglub", "en attente du Zeppelin", "robes de Zanzibar", "un vase Quokka", "Céramiste à Zinzolin"}
)

// newFileHarness is newHarness on a database file, so the file's bytes can be searched.
func newFileHarness(t *testing.T) (*harness, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tiersbot.db")
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() }) // a second Close is harmless
	h := &harness{t: t, db: db, clock: &testClock{t: time.Date(2026, 4, 13, 9, 0, 0, 0, paris)}}
	h.app = New(Config{DB: db, Clock: h.clock.Now, Wake: func() { h.wakes++ }})
	return h, path
}

// deliverAll marks every pending outbox item sent, as the worker would, with
// a message id like Discord's ("channel/message"; a DM's channel is not the user).
func (h *harness) deliverAll() {
	h.t.Helper()
	ctx := context.Background()
	err := h.db.Write(ctx, func(tx *storage.Tx) error {
		items, err := tx.PendingOutbox(ctx, 1000)
		if err != nil {
			return err
		}
		for _, it := range items {
			res := fmt.Sprintf("%s/m%d", it.Target, it.ID)
			switch it.Kind {
			case OutDM:
				res = fmt.Sprintf("dmchan%d/m%d", it.ID, it.ID)
			case OutEdit, OutEventUpdate, OutEventDelete, OutDelete:
				res = "done"
			}
			if err := tx.MarkSent(ctx, it.ID, res, h.clock.Now()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
}

// rawDB opens the database file with a second connection, for inspecting
// tables directly and for maintenance the bot's handle does not offer.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func queryStrings(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.String)
	}
	return out
}

// zoeDoesEverything: check-ins with notes (one arrival post delivered, one
// pending), skills offered and sought with notes, a bio, introductions asked
// and received (one pending, its request not sent yet), an event organised,
// a seat at a full event with Bob on its waitlist, answers to past events.
func zoeDoesEverything(h *harness) (full storage.Event) {
	h.t.Helper()
	h.clock.Set(at("2026-04-01 09:00"))
	h.setupNetwork()
	h.do(coord, "c", "setup", "announce_channel", "c-news", "language", "en")
	mustContain(h.t, text(h.do(coord, "c-admin", "space edit", "space", "ruche", "arrivals", "true")), "La Ruche")
	h.do(alice, "c", "skill offer", "skill", "Impression 3D")
	h.do(carol, "c", "skill offer", "skill", "Impression 3D")

	h.clock.Set(at("2026-04-14 09:00"))
	mustContain(h.t, text(h.do(zoe, "c-ruche", "checkin", "note", "rdv ostéo Zorglub")), "Welcome")
	h.clock.Set(at("2026-04-14 12:00"))
	h.do(zoe, "c-ruche", "checkout")
	h.do(zoe, "c", "skill offer", "skill", "Couture", "note", "robes de Zanzibar")
	h.do(zoe, "c", "skill seek", "skill", "Impression 3D", "note", "un vase Quokka")
	h.do(zoe, "c", "profile edit", "bio", "Céramiste à Zinzolin")
	// Bob asks Zoé; she accepts. Zoé asks Carol; Carol accepts.
	res := h.do(bob, "c", "skill find", "skill", "couture")
	mustContain(h.t, text(h.click(bob, res.Components[0][0].CustomID)), "Request sent")
	h.dmClick(zoe, "introy:"+lastIntroID(h))
	res = h.do(zoe, "c", "skill find", "skill", "impression 3d")
	var askCarol, askAlice string
	for _, row := range res.Components {
		for _, c := range row {
			switch {
			case strings.Contains(c.Label, "Carol"):
				askCarol = c.CustomID
			case strings.Contains(c.Label, "Alice"):
				askAlice = c.CustomID
			}
		}
	}
	if askCarol == "" || askAlice == "" {
		h.t.Fatalf("no buttons to ask Alice and Carol:\n%s", text(res))
	}
	h.click(zoe, askCarol)
	h.dmClick(carol, "introy:"+lastIntroID(h))
	// Events: one she organises, one past she answered, one full she holds a seat at.
	ev := h.do(zoe, "c-ruche", "event create", "space", "ruche")
	mustContain(h.t, text(h.form(zoe, ev.Modal.CustomID, map[string]string{"title": "Atelier Zygomatique", "start": "2026-04-20 14:00", "duration": "2h"})), "Atelier Zygomatique")
	h.newEvent(map[string]string{"title": "Café du matin", "start": "2026-04-14 15:00", "duration": "1h"})
	h.newEvent(map[string]string{"title": "Repair café", "start": "2026-04-22 14:00", "duration": "2h", "capacity": "1"})
	for _, e := range h.events() {
		switch e.Title {
		case "Café du matin":
			h.click(zoeByNick, "rsvp:"+fmtInt(e.ID)+":y")
		case "Repair café":
			full = e
			h.click(zoeByNick, "rsvp:"+fmtInt(e.ID)+":y")
			mustContain(h.t, text(h.click(bob, "rsvp:"+fmtInt(e.ID)+":y")), "waitlist")
		}
	}
	if full.ID == 0 {
		h.t.Fatal("no full event")
	}
	h.deliverAll() // arrival post, introductions, announcements: all posted
	// Still pending when she leaves: a second arrival post and her request to Alice.
	h.clock.Set(at("2026-04-15 16:00"))
	h.do(zoe, "c-ruche", "checkin", "note", "en attente du Zeppelin")
	h.click(zoe, askAlice)
	return full
}

func askButton(t *testing.T, res *Response, name string) string {
	t.Helper()
	for _, row := range res.Components {
		for _, c := range row {
			if strings.Contains(c.Label, name) {
				return c.CustomID
			}
		}
	}
	t.Fatalf("no button to ask %s:\n%s", name, text(res))
	return ""
}

func lastIntroID(h *harness) string {
	h.t.Helper()
	dms := h.outbox(OutDM)
	for i := len(dms) - 1; i >= 0; i-- {
		if p := string(dms[i].Payload); strings.Contains(p, "introy:") {
			return strings.Split(strings.Split(p, "introy:")[1], `"`)[0]
		}
	}
	h.t.Fatal("no introduction request")
	return ""
}

// TestForgetLeavesNothingInTheFile: after /privacy forget and the retention
// job, no byte of the database file (nor its WAL) holds Zoé's id, names or
// notes; her seat went to Bob, her pending request was never sent, her posts
// are being deleted, and nothing is queued to her stand-in.
func TestForgetLeavesNothingInTheFile(t *testing.T) {
	h, path := newFileHarness(t)
	full := zoeDoesEverything(h)
	// Before: every trace is there (else the search below proves nothing).
	before := dbBytes(t, h, path, false)
	for _, s := range zoeTraces {
		if !bytes.Contains(before, []byte(s)) {
			t.Fatalf("the setup never stored %q", s)
		}
	}

	h.clock.Set(at("2026-04-16 10:00"))
	pendingIntro := lastIntroID(h) // her request to Alice, not sent yet
	mustContain(t, text(h.click(zoe, "privacy:forget")), "your personal data is erased")
	// Alice can no longer accept it (had she seen it): nothing would go to a
	// stand-in, nor mention one.
	mustContain(t, text(h.dmClick(alice, "introy:"+pendingIntro)), "already answered")

	pending := h.due()
	deletes := map[string]bool{}
	promoted := 0
	for _, it := range pending {
		if storage.IsStandIn(it.Target) || strings.Contains(it.Target+string(it.Payload), storage.ForgottenPrefix) {
			t.Errorf("queued to or about a stand-in: %+v", it)
		}
		switch {
		case it.Kind == OutDelete:
			deletes[it.Target] = true
		case it.Kind == OutDM && it.Target == bob.ID && strings.Contains(string(it.Payload), "Repair café"):
			promoted++
		}
		for _, s := range zoeTraces {
			if strings.Contains(string(it.Payload), s) {
				t.Errorf("pending %s to %s still names her (%q): %s", it.Kind, it.Target, s, it.Payload)
			}
		}
		if it.Kind == OutDM && strings.Contains(string(it.Payload), "introy:") {
			t.Errorf("her pending request is still to be sent: %+v", it)
		}
	}
	// Posted and naming her: the arrival post, her request in Carol's DMs,
	// Bob's and Carol's "introduced you" DMs.
	if len(deletes) != 4 {
		t.Errorf("posts to delete: %v", deletes)
	}
	if promoted != 1 {
		t.Errorf("Bob got %d promotion DMs", promoted)
	}
	if rs := h.rsvps(full.ID); len(rs) != 1 || rs[0].UserID != bob.ID || rs[0].Status != storage.Going {
		t.Errorf("the seat did not go to Bob: %+v", rs)
	}
	for _, e := range h.events() {
		if e.OrganizerID != "" && e.Title == "Atelier Zygomatique" {
			t.Errorf("her event still points to her: %+v", e)
		}
	}

	h.deliverAll()
	if err := h.app.ApplyRetention(context.Background(), at("2026-04-17 03:40")); err != nil {
		t.Fatal(err)
	}
	after := dbBytes(t, h, path, true)
	for _, s := range zoeTraces {
		if i := bytes.Index(after, []byte(s)); i >= 0 {
			lo, hi := max(0, i-60), min(len(after), i+len(s)+60)
			t.Errorf("the database file still holds %q: …%q…", s, after[lo:hi])
		}
	}
}

// dbBytes returns the database file and its WAL. With clean, it first
// closes the bot's handle, checkpoints and VACUUMs, so what is left is what
// the tables hold, not pages freed but not yet overwritten.
func dbBytes(t *testing.T, h *harness, path string, clean bool) []byte {
	t.Helper()
	if clean {
		if err := h.db.Close(); err != nil {
			t.Fatal(err)
		}
		raw := rawDB(t, path)
		for _, q := range []string{"PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		raw.Close()
	}
	var all []byte
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

// TestRetentionLeavesNoOldNames inspects the tables themselves, not a
// member's export: leftovers on anonymized rows are invisible there.
func TestRetentionLeavesNoOldNames(t *testing.T) {
	h, path := newFileHarness(t)
	h.clock.Set(at("2024-03-01 09:00"))
	h.setupNetwork()
	h.do(coord, "c-admin", "space edit", "space", "ruche", "arrivals", "true")
	h.do(alice, "c", "skill offer", "skill", "Couture")
	h.do(carol, "c", "skill offer", "skill", "Couture")
	h.do(bob, "c", "skill seek", "skill", "Couture", "note", "un ourlet")
	// Old (2024): a visit with a note and its arrival post, an introduction, an event.
	h.clock.Set(at("2024-03-12 09:00"))
	h.do(alice, "c-ruche", "checkin", "note", "prépare son CV")
	h.clock.Set(at("2024-03-12 12:00"))
	h.do(alice, "c-ruche", "checkout")
	res := h.do(bob, "c", "skill find", "skill", "couture")
	mustContain(t, text(h.click(bob, askButton(t, res, "Alice"))), "Request sent")
	h.dmClick(alice, "introy:"+lastIntroID(h))
	h.newEvent(map[string]string{"title": "Atelier CV", "start": "2024-03-14 14:00", "duration": "2h"})
	h.click(alice, "rsvp:"+fmtInt(h.events()[0].ID)+":y")
	h.deliverAll()
	// Within the period but over 30 days: Carol declines Bob (a DM naming nobody
	// to Bob; her request DM names Bob).
	h.clock.Set(at("2026-03-01 09:00"))
	res = h.do(bob, "c", "skill find", "skill", "couture")
	mustContain(t, text(h.click(bob, askButton(t, res, "Carol"))), "Request sent")
	h.dmClick(carol, "intron:"+lastIntroID(h))
	h.deliverAll()
	// Recent: a visit with a note.
	h.clock.Set(at("2026-04-14 09:00"))
	h.do(alice, "c-ruche", "checkin", "note", "relit son mémoire")
	h.deliverAll()

	now := at("2026-04-20 03:40")
	if err := h.app.ApplyRetention(context.Background(), now); err != nil {
		t.Fatal(err)
	}
	cutoff, month := at("2024-04-20 03:40").Unix(), now.AddDate(0, 0, -30).Unix()
	raw := rawDB(t, path)
	for _, c := range []struct{ what, q string }{
		{"old visits naming someone or with a note", `SELECT user_id || ' ' || note FROM checkins WHERE at < ?1 AND (user_id NOT LIKE 'anon-%' OR note != '')`},
		{"old answers naming someone", `SELECT r.user_id || ' ' || r.user_name FROM rsvps r JOIN events e ON e.id = r.event_id WHERE e.end_at < ?1 AND (r.user_id NOT LIKE 'anon-%' OR r.user_name != '—')`},
		{"old introductions naming someone", `SELECT asker_id || ' ' || offerer_id || ' ' || note FROM intros WHERE created_at < ?1 AND (asker_id NOT LIKE 'anon-%' OR offerer_id NOT LIKE 'anon-%' OR note != '')`},
		{"old events naming their organiser", `SELECT title || ' ' || organizer_id || ' ' || organizer_name FROM events WHERE end_at < ?1 AND (organizer_id != '' OR organizer_name != '')`},
		{"old outbox items with text", `SELECT kind || ' ' || payload FROM outbox WHERE created_at < ?1 AND payload != '{}'`},
		{"old outbox items about someone", `SELECT a.user_id FROM outbox_about a JOIN outbox o ON o.id = a.outbox_id WHERE o.created_at < ?1`},
		{"old DMs", `SELECT target FROM outbox WHERE kind = 'dm' AND created_at < ?1`},
		{"DMs sent over 30 days ago with text", `SELECT target || ' ' || payload FROM outbox WHERE kind = 'dm' AND sent_at < ?2 AND payload != '{}'`},
		{"DMs sent over 30 days ago naming nobody else", `SELECT target FROM outbox o WHERE kind = 'dm' AND sent_at < ?2
			AND NOT EXISTS (SELECT 1 FROM outbox_about a WHERE a.outbox_id = o.id AND a.how = 'names')`},
	} {
		if got := queryStrings(t, raw, c.q, cutoff, month); len(got) > 0 {
			t.Errorf("%s: %q", c.what, got)
		}
	}
	// The posts that named someone are being deleted: the arrival post and the
	// three introduction DMs of 2024 (request, and "introduced you" to both).
	if got := queryStrings(t, raw, `SELECT target FROM outbox WHERE kind = 'delete' AND sent_at IS NULL ORDER BY id`); len(got) != 4 || !strings.HasPrefix(got[0], "c-ruche/") {
		t.Errorf("deletions queued: %q", got)
	}
	// Recent records are untouched.
	if got := queryStrings(t, raw, `SELECT note FROM checkins WHERE at >= ?1 AND user_id = ?2`, cutoff, alice.ID); len(got) != 1 || got[0] != "relit son mémoire" {
		t.Errorf("recent visit: %q", got)
	}
	if got := queryStrings(t, raw, `SELECT payload FROM outbox WHERE kind = 'channel' AND created_at >= ?1 AND payload LIKE '%relit son mémoire%'`, cutoff); len(got) != 1 {
		t.Errorf("recent arrival post: %q", got)
	}
	// Carol's request DM to Bob's name keeps its id (for a later forget), not its text.
	if got := queryStrings(t, raw, `SELECT result_id FROM outbox WHERE kind = 'dm' AND target = ?1 AND sent_at < ?2`, carol.ID, month); len(got) != 1 || got[0] == "" {
		t.Errorf("Carol's request DM: %q", got)
	}
}
