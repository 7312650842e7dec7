package commands

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

const testGuild = "g1"

var (
	coord  = User{ID: "u-coord", Name: "Camille", Permissions: PermManageGuild}
	alice  = User{ID: "u-alice", Name: "Alice"}
	bob    = User{ID: "u-bob", Name: "Bob"}
	animUs = User{ID: "u-anim", Name: "Nadia", Roles: []string{"role-ruche"}}
)

type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

type harness struct {
	t     testing.TB
	app   *App
	db    *storage.DB
	clock *testClock
	seq   int
	wakes int
}

var paris = mustLoc("Europe/Paris")

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

func newHarness(t testing.TB) *harness {
	t.Helper()
	db, err := storage.Open(context.Background(), testDBPath(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	h := &harness{t: t, db: db, clock: &testClock{t: time.Date(2026, 4, 13, 9, 0, 0, 0, paris)}}
	h.app = New(Config{DB: db, Clock: h.clock.Now, Wake: func() { h.wakes++ }})
	return h
}

// req builds a command request: "space add", then option pairs.
func (h *harness) req(u User, channel, command string, kv ...string) *Request {
	h.seq++
	r := &Request{ID: fmt.Sprintf("i%d", h.seq), Kind: KindCommand,
		GuildID: testGuild, ChannelID: channel, User: u, Locale: "en-US", Command: command, Options: map[string]string{}}
	for i := 0; i+1 < len(kv); i += 2 {
		r.Options[kv[i]] = kv[i+1]
	}
	return r
}

func (h *harness) do(u User, channel, command string, kv ...string) *Response {
	h.t.Helper()
	res := h.app.Handle(context.Background(), h.req(u, channel, command, kv...))
	if res == nil {
		h.t.Fatalf("%s: nil response", command)
	}
	return res
}

func (h *harness) click(u User, customID string) *Response {
	h.t.Helper()
	r := h.req(u, "c-any", "")
	r.Kind, r.CustomID = KindComponent, customID
	return h.app.Handle(context.Background(), r)
}

// text flattens a response for assertions.
func text(res *Response) string {
	var b strings.Builder
	b.WriteString(res.Content)
	for _, e := range res.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + ": " + f.Value)
		}
		if e.Footer != nil {
			b.WriteString("\n" + e.Footer.Text)
		}
	}
	for _, row := range res.Components {
		for _, c := range row {
			b.WriteString("\n[" + c.Label + "]")
		}
	}
	return b.String()
}

func mustContain(t testing.TB, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("reply lacks %q:\n%s", w, got)
		}
	}
}

// snapshot dumps the tables a refusal must leave alone.
func (h *harness) snapshot() string {
	h.t.Helper()
	var b strings.Builder
	ctx := context.Background()
	err := h.db.Read(ctx, func(tx *storage.Tx) error {
		g, err := tx.Guild(ctx, testGuild)
		if err != nil {
			return err
		}
		b.WriteString(strings.Join([]string{g.CoordinatorRole, g.DigestChannel, g.AnnounceChannel, g.Lang, g.Timezone, g.FundingMention}, "|"))
		spaces, err := tx.Spaces(ctx, testGuild)
		if err != nil {
			return err
		}
		for _, s := range spaces {
			b.WriteString("\n" + s.Name + "|" + s.Town + "|" + s.Timezone + "|" + s.ChannelID + "|" + s.Hours)
			present, err := tx.Present(ctx, s.ID)
			if err != nil {
				return err
			}
			for _, c := range present {
				b.WriteString("\n  " + c.UserID + "|" + c.Note)
			}
		}
		n, _, err := tx.OutboxStats(ctx)
		fmt.Fprintf(&b, "\noutbox %d", n)
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return b.String()
}

// setupNetwork adds two spaces: La Ruche (Crest, channel c-ruche, animators
// role-ruche, 2 seats, closes 18:30) and Fab Lab (Valence).
func (h *harness) setupNetwork() {
	h.t.Helper()
	res := h.do(coord, "c-admin", "space add", "name", "La Ruche", "town", "Crest", "channel", "c-ruche", "animator_role", "role-ruche", "capacity", "2", "closes_at", "18h30")
	mustContain(h.t, text(res), "added")
	res = h.do(coord, "c-admin", "space add", "name", "Fab Lab", "town", "Valence", "channel", "c-fab")
	mustContain(h.t, text(res), "added")
}

// routeKey names a route as the permission matrix does: the command path,
// or "click"/"form" and the custom id's verb.
func routeKey(rt Route) string {
	verb, _, _ := strings.Cut(rt.Path, ":")
	switch rt.Kind {
	case KindComponent:
		return "click " + verb
	case KindModal:
		return "form " + verb
	}
	return rt.Path
}
