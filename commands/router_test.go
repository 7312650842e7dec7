package commands

import (
	"context"
	"strings"
	"testing"
)

// TestRouterBindsTypedParameters: a custom id reaches its route only when
// every parameter has its type; anything else is a stale or forged button.
func TestRouterBindsTypedParameters(t *testing.T) {
	rt := newRouter()
	var got Params
	h := func(_ context.Context, r *Request) (*Response, error) { got = r.Params; return nil, nil }
	rt.add(KindComponent, "rsvp:{event:id}:{answer:y|m|n}", Anyone, h)
	rt.add(KindComponent, "members:{page:int}:{space:int}", Anyone, h)
	rt.add(KindComponent, "intro:{skill:id}:{offerer:word}", Anyone, h)
	rt.add(KindModal, "evnew:{space:id}:{repeat:any}:{count:int}", Animator, h)
	rt.add(KindComponent, "privacy:forget", Anyone, h)
	for _, c := range []struct {
		kind Kind
		id   string
		ok   bool
		want map[string]any // parameter -> int64 (ID/Int) or string (Str)
	}{
		{KindComponent, "rsvp:12:y", true, map[string]any{"event": int64(12), "answer": "y"}},
		{KindComponent, "rsvp:12:n", true, map[string]any{"event": int64(12), "answer": "n"}},
		{KindComponent, "rsvp:12:x", false, nil},
		{KindComponent, "rsvp:0:y", false, nil},  // an id is > 0
		{KindComponent, "rsvp:-3:y", false, nil}, // no sign
		{KindComponent, "rsvp:+3:y", false, nil},
		{KindComponent, "rsvp:1e3:y", false, nil},
		{KindComponent, "rsvp:12", false, nil},                     // too few parts
		{KindComponent, "rsvp:12:y:z", false, nil},                 // too many
		{KindComponent, "rsvp:99999999999999999999:y", false, nil}, // overflow
		{KindModal, "rsvp:12:y", false, nil},                       // a button's id is not a form's
		{KindComponent, "members:0:0", true, map[string]any{"page": int64(0), "space": int64(0)}},
		{KindComponent, "members:3:17", true, map[string]any{"page": int64(3), "space": int64(17)}},
		{KindComponent, "intro:4:u-bob", true, map[string]any{"skill": int64(4), "offerer": "u-bob"}},
		{KindComponent, "intro:4:", false, nil}, // a word is not empty
		{KindModal, "evnew:2::0", true, map[string]any{"space": int64(2), "repeat": "", "count": int64(0)}},
		{KindModal, "evnew:2:weekly:10", true, map[string]any{"space": int64(2), "repeat": "weekly", "count": int64(10)}},
		{KindComponent, "privacy:forget", true, map[string]any{}},
		{KindComponent, "privacy:forget:u-bob", false, nil},
		{KindComponent, "privacy:keep", false, nil},
		{KindComponent, "nope:1", false, nil},
		{KindComponent, "", false, nil},
		{KindComponent, strings.Repeat("rsvp:", 30), false, nil},
		// Discord's bounds: a custom id of 100 characters, a count of 18 digits.
		{KindComponent, "intro:4:" + strings.Repeat("u", 92), true, map[string]any{"skill": int64(4), "offerer": strings.Repeat("u", 92)}},
		{KindComponent, "intro:4:" + strings.Repeat("u", 93), false, nil},
		{KindComponent, "members:123456789012345678:1", true, map[string]any{"page": int64(123456789012345678), "space": int64(1)}},
		{KindComponent, "members:1234567890123456789:1", false, nil},
	} {
		got = nil
		route, p, ok := rt.match(&Request{Kind: c.kind, CustomID: c.id})
		if ok != c.ok {
			t.Errorf("%s: matched %v, want %v", c.id, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		_, _ = route.handle(context.Background(), &Request{Params: p})
		if len(got) != len(c.want) {
			t.Errorf("%s: params %v, want %v", c.id, got, c.want)
		}
		for name, w := range c.want {
			switch w := w.(type) {
			case int64:
				if got.ID(name) != w || int64(got.Int(name)) != w {
					t.Errorf("%s: %s = %d, want %d", c.id, name, got.ID(name), w)
				}
			case string:
				if got.Str(name) != w {
					t.Errorf("%s: %s = %q, want %q", c.id, name, got.Str(name), w)
				}
			}
		}
	}
}

// TestRouterRefusesAmbiguousTables: two routes that could take the same
// custom id, or a pattern with an unknown type, fail at start-up.
func TestRouterRefusesAmbiguousTables(t *testing.T) {
	h := func(context.Context, *Request) (*Response, error) { return nil, nil }
	for _, c := range []struct {
		name   string
		routes []string
	}{
		{"same shape", []string{"att:{event:id}", "att:{other:int}"}},
		{"overlapping choices", []string{"rsvp:{e:id}:{a:y|m}", "rsvp:{e:id}:{b:m|n}"}},
		{"unknown type", []string{"att:{event:number}"}},
		{"no verb", []string{"{event:id}"}},
		{"broken brace", []string{"att:{event:id"}},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: accepted %v", c.name, c.routes)
				}
			}()
			rt := newRouter()
			for _, p := range c.routes {
				rt.add(KindComponent, p, Anyone, h)
			}
		}()
	}
	// Distinct literals or choices are not ambiguous.
	rt := newRouter()
	rt.add(KindComponent, "desk:{a:in|out}:{s:id}", Anyone, h)
	rt.add(KindComponent, "desk:who:{s:id}", Anyone, h)
	rt.add(KindComponent, "privacy:forget", Anyone, h)
	rt.add(KindComponent, "privacy:keep", Anyone, h)
	rt.add(KindComponent, "privacy:{who:word}:forget", Anyone, h)
	rt.add(KindComponent, "privacy:{who:word}:keep", Anyone, h)
	if len(rt.all) != 6 {
		t.Fatalf("%d routes", len(rt.all))
	}
}

// Routes lists the table by kind, then path: the order the permission
// matrix in the tests and the documentation print.
func TestRoutesSorted(t *testing.T) {
	routes := New(Config{}).Routes()
	for i := 1; i < len(routes); i++ {
		a, b := routes[i-1], routes[i]
		if a.Kind > b.Kind || a.Kind == b.Kind && a.Path >= b.Path {
			t.Fatalf("route %d (%v %s) before %d (%v %s)", i-1, a.Kind, a.Path, i, b.Kind, b.Path)
		}
	}
}

// TestEveryRouteRefusesWhoLacksItsRole: for every route of the real table,
// a member without the role it declares is refused before its handler runs,
// whatever the route's arguments, and nothing changes.
func TestEveryRouteRefusesWhoLacksItsRole(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.newEvent(map[string]string{"title": "Atelier", "start": "2026-04-14 14:00", "duration": "2h"})
	guarded := 0
	for _, rt := range h.app.Routes() {
		if rt.Kind != KindCommand {
			// Every route's example fits it, and only it.
			m, _, ok := h.app.router.match(&Request{Kind: rt.Kind, CustomID: rt.Example()})
			if !ok || m.Path != rt.Path {
				t.Errorf("route %s: its example %q routes to %v", rt.Path, rt.Example(), m)
			}
		}
		if rt.Role != Coordinator && rt.Role != Animator {
			continue
		}
		guarded++
		want := map[Role]string{Coordinator: "Only the network's coordination", Animator: "Only a space's animators"}[rt.Role]
		before := h.fingerprint()
		r := h.req(alice, "c-ruche", "")
		r.Kind = rt.Kind
		if rt.Kind == KindCommand {
			r.Command = rt.Path
		} else {
			r.CustomID = rt.Example()
			r.Fields = map[string]string{"title": "Forgé", "start": "2026-04-20 10:00", "duration": "1h", "walkins": "3"}
		}
		res := h.app.Handle(context.Background(), r)
		if res == nil || !res.Ephemeral || !strings.Contains(text(res), want) {
			t.Errorf("%s %s (%v) by a member: not refused with %q: %+v", kindName(rt.Kind), rt.Path, rt.Role, want, res)
		}
		if after := h.fingerprint(); after != before {
			t.Errorf("%s changed the state", rt.Path)
		}
	}
	if guarded < 15 {
		t.Errorf("only %d guarded routes: the table lost its roles", guarded)
	}
}

// TestReplayStoppedBeforeTheHandler: an interaction already applied is not
// run again, even when its handler would not notice (a read-only command).
func TestReplayStoppedBeforeTheHandler(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	r := h.req(alice, "c-ruche", "checkin")
	if res := h.app.Handle(context.Background(), r); res == nil || !strings.Contains(text(res), "Welcome") {
		t.Fatalf("first check-in: %+v", res)
	}
	replay := *r
	replay.Command, replay.Options = "whoshere", map[string]string{}
	if res := h.app.Handle(context.Background(), &replay); res != nil {
		t.Errorf("replayed interaction %s answered again: %s", r.ID, text(res))
	}
	fresh := h.req(alice, "c-ruche", "whoshere")
	if res := h.app.Handle(context.Background(), fresh); res == nil || !strings.Contains(text(res), "Alice") {
		t.Errorf("a fresh interaction is not a replay: %+v", res)
	}
}

func kindName(k Kind) string {
	return map[Kind]string{KindCommand: "command", KindComponent: "button", KindModal: "form"}[k]
}

// TestMiddlewareBeforeTheHandler: the guards run before the handler, which
// is never called for a request they refuse.
func TestMiddlewareBeforeTheHandler(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	calls := 0
	spy := func(context.Context, *Request) (*Response, error) { calls++; return ephemeral("ran"), nil }
	h.app.button("spyc:{x:id}", Coordinator, spy)
	h.app.button("spya:{x:id}", Animator, spy)
	h.app.button("spyo:{x:id}", Owner, spy, inDMs)
	h.app.button("spyn:{x:id}", Anyone, spy)
	for _, c := range []struct {
		who   User
		id    string
		dm    bool
		calls int
	}{
		{alice, "spyc:1", false, 0}, {animUs, "spyc:1", false, 0}, {coord, "spyc:1", false, 1},
		{alice, "spya:1", false, 0}, {animUs, "spya:1", false, 1}, {coord, "spya:1", false, 1},
		{alice, "spyn:1", false, 1}, {alice, "spyn:1", true, 0}, // guild only
		{alice, "spyo:1", true, 1}, {alice, "spyo:1", false, 1},
		{User{ID: "u-admin", Name: "Admin", Permissions: PermAdministrator}, "spyc:1", false, 1},
	} {
		calls = 0
		r := h.req(c.who, "c-ruche", "")
		r.Kind, r.CustomID = KindComponent, c.id
		if c.dm {
			r.GuildID = ""
		}
		h.app.Handle(context.Background(), r)
		if calls != c.calls {
			t.Errorf("%s by %s (dm %v): handler ran %d times, want %d", c.id, c.who.Name, c.dm, calls, c.calls)
		}
	}
}
