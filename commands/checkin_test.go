package commands

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

func fmtInt(n int64) string { return strconv.FormatInt(n, 10) }

func TestCheckinFlow(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()

	// The channel names the space.
	res := h.do(alice, "c-ruche", "checkin", "note", "until 5pm")
	mustContain(t, text(res), "Welcome to **La Ruche**, Alice", "only one here", "[Check out]")
	if !res.Ephemeral {
		t.Error("check-in reply must be private")
	}
	// Twice: says since when.
	res = h.do(alice, "c-ruche", "checkin")
	mustContain(t, text(res), "already at **La Ruche** since <t:")

	// Capacity 2: the second takes the last seat, the third is told it's full but checked in.
	h.clock.Set(h.clock.Now().Add(10 * time.Minute))
	res = h.do(bob, "c-ruche", "checkin")
	mustContain(t, text(res), "2 people here", "last seat")
	res = h.do(coord, "c-ruche", "checkin")
	mustContain(t, text(res), "The space is full (3 for 2 seats)", "3 people here")

	res = h.do(bob, "c-elsewhere", "whoshere", "space", "ruche")
	mustContain(t, text(res), "Who's at La Ruche?", "**Alice**", "until 5pm", "**Bob**", "**Camille**", "3 / 2 seats")

	// Moving to another space checks out of the first.
	h.clock.Set(h.clock.Now().Add(2 * time.Hour))
	res = h.do(alice, "c-fab", "checkin")
	mustContain(t, text(res), "Welcome to **Fab Lab**", "checked you out of **La Ruche**")
	res = h.do(bob, "c-ruche", "whoshere")
	if strings.Contains(text(res), "Alice") {
		t.Errorf("Alice still listed at La Ruche:\n%s", text(res))
	}
	// Without a space and a channel of none: the overview.
	res = h.do(bob, "c-none", "whoshere")
	mustContain(t, text(res), "Who's at La Ruche?") // Bob's last space
	res = h.do(User{ID: "u-new", Name: "Zoé"}, "c-none", "whoshere")
	mustContain(t, text(res), "Who's where in the network", "Fab Lab", "La Ruche", "3 people checked in")

	// Check out.
	h.clock.Set(h.clock.Now().Add(90 * time.Minute))
	res = h.do(alice, "c-any", "checkout")
	mustContain(t, text(res), "Checked out of **Fab Lab** after 1h30")
	res = h.do(alice, "c-any", "checkout")
	mustContain(t, text(res), "not checked in anywhere")

	// Monthly summary.
	res = h.do(alice, "c-any", "checkins")
	mustContain(t, text(res), "Your visits — April 2026", "La Ruche", "Fab Lab", "2 visits in all, 3h40")
}

func TestCheckinDefaultSpace(t *testing.T) {
	h := newHarness(t)
	res := h.do(alice, "c", "checkin")
	mustContain(t, text(res), "No space is set up yet", "/space add")

	h.do(coord, "c", "space add", "name", "Solo", "town", "Die")
	res = h.do(alice, "c-random", "checkin")
	mustContain(t, text(res), "Welcome to **Solo**") // the only space

	h.do(coord, "c", "space add", "name", "Duo", "town", "Nyons")
	res = h.do(bob, "c-random", "checkin")
	mustContain(t, text(res), "Which space?", "**Duo** (Nyons)", "**Solo** (Die)")
	res = h.do(alice, "c-random", "checkin")
	mustContain(t, text(res), "already at **Solo**") // her last space

	res = h.do(bob, "c-random", "checkin", "space", "Grenoble")
	mustContain(t, text(res), "can't find a space called “Grenoble”", "**Duo** (Nyons)")
}

func TestCheckinBadInputAndMentions(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	before := h.snapshot()
	res := h.do(alice, "c-ruche", "checkin", "note", strings.Repeat("a", 201))
	mustContain(t, text(res), "note is too long")
	if h.snapshot() != before {
		t.Error("refused check-in stored something")
	}
	h.do(alice, "c-ruche", "checkin", "note", "@everyone <@&role-ruche> **gras**")
	res = h.do(bob, "c-ruche", "whoshere")
	got := text(res)
	if strings.Contains(got, "@everyone") || strings.Contains(got, "<@&role-ruche>") {
		t.Errorf("a note can still ping:\n%s", got)
	}
	mustContain(t, got, "@\u200beveryone", `\*\*gras\*\*`)
	if len(res.PingUsers) != 0 {
		t.Error("whoshere must ping nobody")
	}
}

func TestArrivalPostGoesThroughOutbox(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	// Nothing queued, nobody woken: the worker is not asked to look for nothing.
	wakes := h.wakes
	h.do(bob, "c-fab", "checkin")
	if h.wakes != wakes {
		t.Error("outbox worker woken with nothing queued")
	}
	h.do(coord, "c", "space edit", "space", "ruche", "arrivals", "true")
	wakes = h.wakes
	h.do(alice, "c-ruche", "checkin", "note", "@here café ?")
	if h.wakes != wakes+1 {
		t.Errorf("outbox worker woken %d times, want once", h.wakes-wakes)
	}
	items := h.due()
	if len(items) != 1 || items[0].Kind != OutChannel || items[0].Target != "c-ruche" {
		t.Fatalf("outbox = %+v", items)
	}
	mustContain(t, string(items[0].Payload), "Alice", "vient d'arriver", "@\u200bhere")
}

func (h *harness) due() []storage.OutboxItem {
	h.t.Helper()
	var items []storage.OutboxItem
	err := h.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		items, err = tx.PendingOutbox(context.Background(), 1000)
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return items
}

func TestDeskAndTamperedButtons(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	res := h.do(alice, "c-ruche", "space desk", "space", "ruche")
	mustContain(t, text(res), "Only a space's animators")
	res = h.do(animUs, "c-ruche", "space desk", "space", "ruche")
	mustContain(t, text(res), "Front desk of **La Ruche** posted in <#c-ruche>")
	items := h.due()
	if len(items) != 1 {
		t.Fatalf("want the desk in the outbox, got %d items", len(items))
	}
	mustContain(t, string(items[0].Payload), "desk:in:", "desk:out:", "desk:who:", "J'arrive") // the network's language: French

	id := fmtInt(mustSpace(h, "ruche").ID)
	res = h.click(alice, "desk:in:"+id)
	mustContain(t, text(res), "Welcome to **La Ruche**")
	res = h.click(bob, "desk:who:"+id)
	mustContain(t, text(res), "Alice")
	res = h.click(alice, "desk:out:"+id)
	mustContain(t, text(res), "Checked out of **La Ruche**")

	before := h.snapshot()
	for _, cid := range []string{"desk:in:abc", "desk:in:99999", "desk:in:-1", "desk:fly:" + id, "desk:in", "unknown:1", "desk:in:" + id + ":x", strings.Repeat("desk:in:1", 20), ""} {
		res := h.click(bob, cid)
		mustContain(t, text(res), "This button is no longer valid")
	}
	if h.snapshot() != before {
		t.Error("a tampered button changed the database")
	}
}

func mustSpace(h *harness, name string) storage.Space {
	h.t.Helper()
	var s storage.Space
	err := h.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		s, err = resolveSpace(context.Background(), tx, testGuild, name)
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}

func TestReplayedInteractionAppliedOnce(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	r := h.req(alice, "c-ruche", "checkin")
	if res := h.app.Handle(context.Background(), r); res == nil {
		t.Fatal("first delivery must be answered")
	}
	r2 := *r
	r2.Options = map[string]string{"space": "fab"}
	if res := h.app.Handle(context.Background(), &r2); res != nil {
		t.Fatalf("replay answered: %s", text(res))
	}
	res := h.do(bob, "c-fab", "whoshere")
	if strings.Contains(text(res), "Alice") {
		t.Error("the replay moved Alice to Fab Lab")
	}
}

func TestCloseAtClosingTime(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork() // La Ruche closes 18:30; Fab Lab set none: the 19:00 default
	h.do(alice, "c-ruche", "checkin")
	h.do(bob, "c-fab", "checkin")
	ctx := context.Background()
	n, err := h.app.CloseAtClosingTime(ctx, time.Date(2026, 4, 13, 18, 29, 0, 0, paris))
	if err != nil || n != 0 {
		t.Fatalf("before closing: %d, %v", n, err)
	}
	// The job runs late (the bot was down): the check-out is still 18:30.
	n, err = h.app.CloseAtClosingTime(ctx, time.Date(2026, 4, 13, 18, 59, 0, 0, paris))
	if err != nil || n != 1 {
		t.Fatalf("after La Ruche's closing: %d, %v", n, err)
	}
	h.clock.Set(time.Date(2026, 4, 13, 21, 0, 0, 0, paris))
	res := h.do(alice, "c", "checkins")
	mustContain(t, text(res), "9h30") // 09:00 to 18:30
	n, _ = h.app.CloseAtClosingTime(ctx, time.Date(2026, 4, 13, 19, 0, 0, 0, paris))
	if n != 1 {
		t.Fatalf("the default closing: %d", n)
	}
	res = h.do(coord, "c", "whoshere")
	mustContain(t, text(res), "0 people checked in")
}

func TestAutocompleteSpaces(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(coord, "c", "space add", "name", "Écolieu", "town", "Saillans")
	ac := func(typed string) []Choice {
		r := h.req(alice, "c", "checkin", "space", typed)
		r.Kind, r.Focused = KindAutocomplete, "space"
		res := h.app.Handle(context.Background(), r)
		if res.Type != Suggest {
			t.Fatalf("type %v", res.Type)
		}
		return res.Choices
	}
	if got := ac(""); len(got) != 3 {
		t.Errorf("empty query: %v", got)
	}
	got := ac("eco")
	if len(got) != 1 || got[0].Name != "Écolieu — Saillans" || got[0].Value != fmtInt(mustSpace(h, "Écolieu").ID) {
		t.Errorf("accent-insensitive: %v", got)
	}
	if got := ac("valen"); len(got) != 1 || !strings.HasPrefix(got[0].Name, "Fab Lab") {
		t.Errorf("by town: %v", got)
	}
	if got := ac("grenoble"); len(got) != 0 {
		t.Errorf("no match expected: %v", got)
	}
	// The chosen value (an id) resolves.
	res := h.do(alice, "c", "checkin", "space", ac("eco")[0].Value)
	mustContain(t, text(res), "Welcome to **Écolieu**")
}
