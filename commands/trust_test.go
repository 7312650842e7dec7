package commands

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

var fabAnim = User{ID: "u-fabanim", Name: "Yanis", Roles: []string{"role-fab"}}

// fingerprint is the state no refused action may change: settings, spaces,
// who is in, events, answers, skills, feeds and the outbox.
func (h *harness) fingerprint() string {
	h.t.Helper()
	var b strings.Builder
	b.WriteString(h.snapshot())
	ctx := context.Background()
	events, skills := h.events(), h.skills() // each reads on its own: no nesting
	err := h.db.Read(ctx, func(tx *storage.Tx) error {
		g, err := tx.Guild(ctx, testGuild)
		fmt.Fprintf(&b, "\n%s|%s|%d", g.DigestSchedule, g.DigestDM, g.RetentionMonths)
		for _, e := range events {
			fmt.Fprintf(&b, "\nevent %d %s %s %s %v %d", e.ID, e.Title, e.Start.Format(time.RFC3339), e.End.Format(time.RFC3339), e.Cancelled, e.Capacity)
			rsvps, err := tx.RSVPs(ctx, e.ID)
			if err != nil {
				return err
			}
			for _, r := range rsvps {
				fmt.Fprintf(&b, " [%s %s %v]", r.UserID, r.Status, r.Attended)
			}
		}
		for _, s := range skills {
			fmt.Fprintf(&b, "\nskill %d %s", s.ID, s.Display)
		}
		feeds, ferr := tx.CalendarFeeds(ctx, testGuild)
		fmt.Fprintf(&b, "\nfeeds %d", len(feeds))
		b.WriteString(registerFingerprint(ctx, tx, events)) // register_test.go
		return errors.Join(err, ferr)
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return b.String()
}

func (h *harness) rsvps(eventID int64) []storage.RSVP {
	h.t.Helper()
	var out []storage.RSVP
	err := h.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		out, err = tx.RSVPs(context.Background(), eventID)
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return out
}

// TestPermissionMatrix has a member, and an animator of another space, try
// every animator-only and coordinator-only action, as commands and as forged
// buttons and forms: each is refused with a message saying who can do it, and
// nothing changes. Every route must appear here or in the open list, so a new
// command cannot skip the question.
func TestPermissionMatrix(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(at("2026-04-13 09:00"))
	h.setupNetwork()
	h.do(coord, "c", "space edit", "space", "fab", "animator_role", "role-fab")
	h.newEvent(map[string]string{"title": "Atelier soudure", "start": "2026-04-14 14:00", "duration": "2h"})
	h.click(alice, "rsvp:"+fmtInt(h.events()[0].ID)+":y")
	h.do(alice, "c", "skill offer", "skill", "Soudure")
	h.do(bob, "c", "skill offer", "skill", "soudure à l'arc")
	h.do(animUs, "c", "register add", "name", "Marie Dupont")
	h.clock.Set(at("2026-04-14 17:00")) // the event is over: attendance is open
	ev := fmtInt(h.events()[0].ID)
	ruche := fmtInt(mustSpace(h, "ruche").ID)
	skills := h.skills()
	if len(skills) < 2 {
		t.Fatalf("skills: %+v", skills)
	}

	type action struct {
		route    string // the route it exercises, for the coverage check
		kind     Kind
		command  string
		opts     []string
		customID string
		fields   map[string]string
		values   []string
		need     string // "coordinator" or "animator"
	}
	coordOnly := []action{
		{route: "setup", command: "setup", opts: []string{"language", "en"}},
		{route: "setup", command: "setup", opts: []string{"retention_months", "1"}},
		{route: "space add", command: "space add", opts: []string{"name", "Intrus", "town", "Die"}},
		{route: "space edit", command: "space edit", opts: []string{"space", "ruche", "town", "Die"}},
		{route: "digest preview", command: "digest preview"},
		{route: "digest export", command: "digest export", opts: []string{"from", "2026-01", "to", "2026-04"}},
		{route: "skill merge", command: "skill merge", opts: []string{"from", fmtInt(skills[1].ID), "into", fmtInt(skills[0].ID)}},
		{route: "calendar link", command: "calendar link"},
		{route: "calendar revoke", command: "calendar revoke", opts: []string{"space", "ruche"}},
		{route: "skill alias", command: "skill alias", opts: []string{"alias", "compta", "skill", fmtInt(skills[0].ID)}},
		{route: "register export", command: "register export", opts: []string{"participant", "p1"}},
		{route: "register erase", command: "register erase", opts: []string{"participant", "p1"}},
		{route: "click regerase", kind: KindComponent, customID: "regerase:1"},
		{route: "digest report", command: "digest report", opts: []string{"from", "2026-01-01", "to", "2026-03-31"}},
		{route: "setup", command: "setup", opts: []string{"network_name", "Intrus"}},
	}
	animOnly := []action{
		{route: "space desk", command: "space desk", opts: []string{"space", "ruche"}},
		{route: "event create", command: "event create", opts: []string{"space", "ruche"}},
		{route: "event edit", command: "event edit", opts: []string{"event", ev}},
		{route: "event cancel", command: "event cancel", opts: []string{"event", ev}},
		{route: "event attendance", command: "event attendance", opts: []string{"event", ev}},
		{route: "event sheet", command: "event sheet", opts: []string{"event", ev}},
		{route: "form attw", kind: KindModal, customID: "attw:" + ev, fields: map[string]string{"walkins": "40"}},
		{route: "click att", kind: KindComponent, customID: "att:" + ev + ":0:00000000", values: []string{alice.ID}},
		{route: "click attw", kind: KindComponent, customID: "attw:" + ev},
		{route: "click attp", kind: KindComponent, customID: "attp:" + ev + ":1"},
		{route: "event share", command: "event share", opts: []string{"event", ev, "space", "fab"}},
		{route: "form evnew", kind: KindModal, customID: "evnew:" + ruche + ":::0:digital:0", fields: map[string]string{"title": "Forgé", "start": "2026-04-20 10:00", "duration": "1h"}},
		{route: "form evedit", kind: KindModal, customID: "evedit:" + ev + ":digital:0", fields: map[string]string{"title": "Forgé", "start": "2026-04-20 10:00", "duration": "1h"}},
	}
	// The register is the network's: any space's animators keep it (the
	// router's Animator role is the whole check).
	keeperOnly := []action{
		{route: "register add", command: "register add", opts: []string{"name", "Jean Martin"}},
		{route: "register answer", command: "register answer", opts: []string{"participant", "p1", "field", "x", "value", "oui"}},
		{route: "register link", command: "register link", opts: []string{"participant", "p1", "member", alice.ID}},
		{route: "form regans", kind: KindModal, customID: "regans:1", fields: map[string]string{"f1": "oui"}},
	}
	for i := range keeperOnly {
		keeperOnly[i].need = "keeper"
	}
	for i := range coordOnly {
		coordOnly[i].need = "coordinator"
	}
	for i := range animOnly {
		animOnly[i].need = "animator"
	}
	// Routes anyone may use; each checks its own record (own data, own answer).
	open := map[string]bool{
		"checkin": true, "checkout": true, "whoshere": true, "checkins": true, "help": true, "space list": true, "space info": true,
		"event list": true, "event info": true, "event ics": true, "settings": true,
		"skill offer": true, "skill seek": true, "skill remove": true, "skill mine": true, "skill find": true, "skill list": true,
		"profile show": true, "profile edit": true, "members": true, "privacy export": true, "privacy forget": true,
		"click desk": true, "click checkout": true, "click rsvp": true, "click privacy": true, "click intro": true, "click introy": true,
		"click intron": true, "click met": true, "click skfind": true, "click again": true, "click members": true, "click outfix": true, "form outfix": true,
		// The organiser's attendance in DMs (TestAttendanceNudgeDM: anyone else is refused).
		"click attd": true, "click attds": true,
		"register claim": true, // a code for oneself, that an animator confirms
		"click fix":      true, // reopens a refused form for whoever typed it (TestRefusedFormIsKept)
		// Lists for anyone; their changes are the coordination's (checked in
		// the handler, tested in register_test.go).
		"register fields": true, "event types": true,
	}
	// Projects: the holder or any animator, checked by TestProjectPermissions.
	for _, r := range []string{"project create", "project show", "project list", "project edit", "project stage", "project update",
		"project accompany", "project note", "project follow", "form prjnew", "form prjedit", "click prjhelp", "click prjfol", "click prjok", "click prjno"} {
		open[r] = true
	}

	tested := map[string]bool{}
	all := append(append(append([]action{}, coordOnly...), animOnly...), keeperOnly...)
	actors := map[string][]User{"coordinator": {alice, animUs}, "animator": {alice, fabAnim}, "keeper": {alice}}
	for _, a := range all {
		tested[a.route] = true
		for _, u := range actors[a.need] {
			name := a.route + " by " + u.Name
			before := h.fingerprint()
			var res *Response
			switch {
			case a.command != "":
				res = h.do(u, "c-ruche", a.command, a.opts...)
			case a.kind == KindModal:
				res = h.form(u, a.customID, a.fields)
			default:
				if a.values != nil {
					res = h.selectValues(u, a.customID, a.values...)
				} else {
					res = h.click(u, a.customID)
				}
			}
			want := "Only the network's coordination"
			switch {
			case a.need == "animator" && u.ID == alice.ID: // animates nothing: stopped by the router
				want = "Only a space's animators"
			case a.need == "animator": // animates another space: stopped by the handler
				want = "Only the animators of **La Ruche**"
			case a.need == "keeper": // animates nothing: stopped by the router
				want = "Only a space's animators"
			}
			if !strings.Contains(text(res), want) || !res.Ephemeral {
				t.Errorf("%s: not refused (ephemeral, %q):\n%s", name, want, text(res))
			}
			if after := h.fingerprint(); after != before {
				t.Errorf("%s changed the state:\n%s\n---\n%s", name, before, after)
			}
		}
	}
	find := func(route string) action {
		for _, a := range animOnly {
			if a.route == route {
				return a
			}
		}
		t.Fatalf("no action for %s", route)
		return action{}
	}
	// The same actions succeed for those allowed (so the refusals above are
	// about permission, not broken input).
	for _, c := range []struct {
		u    User
		a    action
		want string
	}{
		{coord, coordOnly[0], "Settings saved"},
		{coord, coordOnly[7], "Public calendar link opened"},
		{animUs, find("event attendance"), "Who came"},
		{animUs, find("form attw"), "40 walk-ins recorded"},
	} {
		var res *Response
		if c.a.kind == KindModal {
			res = h.form(c.u, c.a.customID, c.a.fields)
		} else {
			res = h.do(c.u, "c-ruche", c.a.command, c.a.opts...)
		}
		mustContain(t, text(res), c.want)
	}

	// Every route is in the matrix, and declares the role the matrix proves.
	var missing []string
	declared := map[string]Role{}
	for _, rt := range h.app.Routes() {
		k := routeKey(rt)
		declared[k] = rt.Role
		if !tested[k] && !open[k] {
			missing = append(missing, k)
		}
	}
	for _, a := range all {
		if want := map[string]Role{"coordinator": Coordinator, "animator": Animator, "keeper": Animator}[a.need]; declared[a.route] != want {
			t.Errorf("route %s declares role %v, the matrix proves %v", a.route, declared[a.route], want)
		}
	}
	for k := range open {
		if r, ok := declared[k]; !ok || (r != Anyone && r != Owner) {
			t.Errorf("open route %s: declared %v (registered: %v)", k, r, ok)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("routes in neither the permission matrix nor the open list: %v", missing)
	}
}

// TestTamperedCustomIDs: forged or stale buttons get a clear refusal, never
// an internal error, and change nothing.
func TestTamperedCustomIDs(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(at("2026-04-13 09:00"))
	h.setupNetwork()
	h.newEvent(map[string]string{"title": "Atelier", "start": "2026-04-14 14:00", "duration": "2h"})
	var outcomes []string
	h.app.obs = func(name, outcome string, _ time.Duration) { outcomes = append(outcomes, name+"="+outcome) }
	ev := fmtInt(h.events()[0].ID)
	before := h.fingerprint()
	for _, c := range []struct {
		kind Kind
		id   string
	}{
		{KindComponent, "rsvp:" + ev + ":zz"}, {KindComponent, "rsvp:99999:y"}, {KindComponent, "rsvp:-1:y"},
		{KindComponent, "rsvp:" + ev}, {KindComponent, "rsvp"}, {KindComponent, ""}, {KindComponent, "nope:1"},
		{KindComponent, "desk:in:99999"}, {KindComponent, "desk:in:abc"}, {KindComponent, "desk"},
		{KindComponent, "att:99999"}, {KindComponent, "att:" + ev + "x"}, {KindComponent, "attw:"},
		{KindComponent, "introy:99999"}, {KindComponent, "intron:abc"}, {KindComponent, "met:1:2:3"},
		{KindComponent, "intro:u-bob:99999"}, {KindComponent, "skfind:abc:0"}, {KindComponent, "members:-5"},
		{KindComponent, "privacy:forget:u-bob"}, {KindComponent, "checkout:99999"},
		{KindComponent, strings.Repeat("rsvp:", 30)},
		{KindModal, "evnew:99999:::0"}, {KindModal, "evedit:99999"}, {KindModal, "evedit:" + ev + ":extra"},
		{KindModal, "attw:abc"}, {KindModal, "unknown"},
	} {
		outcomes = outcomes[:0]
		var res *Response
		if c.kind == KindModal {
			res = h.form(alice, c.id, map[string]string{"title": "x", "start": "demain 10h", "duration": "1h", "walkins": "3"})
		} else {
			res = h.click(alice, c.id)
		}
		if res == nil || !res.Ephemeral || !strings.HasPrefix(res.Content, "⚠️") {
			t.Errorf("%q: want an ephemeral refusal, got %+v", c.id, res)
		}
		for _, o := range outcomes {
			if strings.HasSuffix(o, "=error") {
				t.Errorf("%q: internal error", c.id)
			}
		}
	}
	// Even the event's animator cannot record attendance before it starts,
	// by whichever button or form.
	for _, res := range []*Response{
		h.selectValues(animUs, "att:"+ev+":0:00000000", alice.ID), h.click(animUs, "attw:"+ev),
		h.form(animUs, "attw:"+ev, map[string]string{"walkins": "3"}),
	} {
		mustContain(t, text(res), "hasn't started")
	}
	if after := h.fingerprint(); after != before {
		t.Errorf("tampered ids changed the state:\n%s\n---\n%s", before, after)
	}
}

// FuzzCustomID sends arbitrary custom ids as buttons, selects and forms,
// from a member, in the server and in DMs: the router must always answer,
// and never with an internal error (which would mean a panic or a broken query).
func FuzzCustomID(f *testing.F) {
	for _, s := range []string{"rsvp:1:y", "desk:in:1", "att:1", "attw:1", "evnew:1:weekly:2026-05-01:0", "evedit:1", "introy:1",
		"intro:u-bob:1", "met:1:y", "skfind:1:0", "members:2", "privacy:forget", "checkout:1", "rsvp:1:y:", "evnew:1::0:99999999999999999999"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
	}
	h := newHarness(f)
	h.clock.Set(at("2026-04-13 09:00"))
	h.setupNetwork()
	h.newEvent(map[string]string{"title": "Atelier", "start": "2026-04-14 14:00", "duration": "2h"})
	var failed string
	h.app.obs = func(name, outcome string, _ time.Duration) {
		if outcome == "error" {
			failed = name
		}
	}
	f.Fuzz(func(t *testing.T, id string, mode uint8) {
		failed = ""
		r := h.req(alice, "c-ruche", "")
		r.CustomID = id
		switch mode % 4 {
		case 0:
			r.Kind = KindComponent
		case 1:
			r.Kind, r.Values = KindComponent, []string{alice.ID, "u-x"}
		case 2:
			r.Kind, r.Fields = KindModal, map[string]string{"title": id, "start": "demain 10h", "duration": "1h", "walkins": "2"}
		case 3:
			r.Kind, r.GuildID = KindComponent, ""
		}
		if res := h.app.Handle(context.Background(), r); res == nil {
			t.Fatalf("%q: no answer", id)
		}
		if failed != "" {
			t.Fatalf("%q (mode %d): internal error in %s", id, mode, failed)
		}
	})
}

// TestRetention: past the network's retention period, visits, answers and
// introductions no longer name anyone; counts and stays are unchanged, recent
// records are untouched, and a second run changes nothing.
func TestRetention(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(at("2024-03-01 09:00"))
	h.setupNetwork()
	mustContain(t, text(h.do(coord, "c", "setup", "retention_months", "0")), "1 to 120 months")
	mustContain(t, text(h.do(coord, "c", "setup", "retention_months", "abc")), "1 to 120 months")
	mustContain(t, text(h.do(coord, "c", "setup")), "after 24 months")
	h.visit(alice, "c-ruche", "2024-03-12 09:00", "2024-03-12 12:00")
	h.visit(bob, "c-ruche", "2024-03-12 10:00", "2024-03-12 11:00")
	h.clock.Set(at("2024-03-12 12:00"))
	h.do(alice, "c-ruche", "checkin", "note", "prépare son CV")
	h.clock.Set(at("2024-03-12 18:00"))
	h.do(alice, "c-ruche", "checkout")
	h.newEvent(map[string]string{"title": "Atelier CV", "start": "2024-03-14 14:00", "duration": "2h"})
	h.click(alice, "rsvp:"+fmtInt(h.events()[0].ID)+":y")
	h.visit(alice, "c-fab", "2026-04-14 09:00", "2026-04-14 11:00")

	figures := func(week string) string {
		d := digestOf(t, h.db, testGuild, at(week))
		var b strings.Builder
		for _, s := range d.Spaces {
			fmt.Fprintf(&b, "%s %d visits, stay %s; ", s.Space.Name, s.Checkins, s.AvgStay)
		}
		for _, e := range d.Held {
			fmt.Fprintf(&b, "%s going %d; ", e.Title, e.Going)
		}
		return b.String()
	}
	oldWeek := figures("2024-03-11 00:00")
	recent := h.do(alice, "c", "privacy export")

	now := at("2026-04-20 03:40")
	if err := h.app.ApplyRetention(context.Background(), now); err != nil {
		t.Fatal(err)
	}
	if got := figures("2024-03-11 00:00"); got != oldWeek {
		t.Errorf("old figures changed:\n%s\n%s", oldWeek, got)
	}
	data := string(h.do(alice, "c", "privacy export").Files[0].Data)
	if strings.Contains(data, "2024") || strings.Contains(data, "prépare son CV") || strings.Contains(data, "Atelier CV") {
		t.Errorf("old records still name Alice:\n%s", data)
	}
	if !strings.Contains(data, `"space": "Fab Lab"`) {
		t.Errorf("the recent visit is gone:\n%s\nbefore:\n%s", data, recent.Files[0].Data)
	}
	rsvps := h.rsvps(h.events()[0].ID)
	if len(rsvps) != 1 || !strings.HasPrefix(rsvps[0].UserID, storage.AnonPrefix) || rsvps[0].UserName != "—" {
		t.Errorf("old answer not anonymized: %+v", rsvps)
	}
	before := h.fingerprint()
	if err := h.app.ApplyRetention(context.Background(), now.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if after := h.fingerprint(); after != before {
		t.Errorf("a second run changed things:\n%s\n%s", before, after)
	}
	// A shorter period reaches the recent visit too.
	h.clock.Set(now)
	mustContain(t, text(h.do(coord, "c", "setup", "retention_months", "1")), "after 1 month")
	if err := h.app.ApplyRetention(context.Background(), at("2026-06-01 03:40")); err != nil {
		t.Fatal(err)
	}
	data = string(h.do(alice, "c", "privacy export").Files[0].Data)
	if strings.Contains(data, "Fab Lab") {
		t.Errorf("visit older than 1 month kept:\n%s", data)
	}
}

// TestCalendarFeeds: opt-in links per space and for the network, served as
// iCalendar, revocable, and a new link is a new token.
func TestCalendarFeeds(t *testing.T) {
	h := newHarness(t)
	h.app.publicURL = "https://bot.example.org/"
	h.clock.Set(at("2026-04-13 09:00"))
	h.setupNetwork()
	h.newEvent(map[string]string{"title": "Repair café", "start": "2026-04-18 14:00", "duration": "3h"})
	token := func(res *Response) string {
		t.Helper()
		_, rest, ok := strings.Cut(res.Content, "https://bot.example.org/calendar/")
		tok, _, ok2 := strings.Cut(rest, ".ics")
		if !ok || !ok2 || len(tok) < 30 {
			t.Fatalf("no link in %q", res.Content)
		}
		return tok
	}
	res := h.do(coord, "c", "calendar link", "space", "ruche")
	mustContain(t, text(res), "Public calendar link opened for La Ruche")
	ruche := token(res)
	if again := token(h.do(coord, "c", "calendar link", "space", "ruche")); again != ruche {
		t.Error("asking again must show the same link")
	}
	network := token(h.do(coord, "c", "calendar link"))
	fab := token(h.do(coord, "c", "calendar link", "space", "fab"))
	for _, c := range []struct {
		token string
		want  bool
	}{{ruche, true}, {network, true}, {fab, false}} {
		feed, ok, err := h.app.CalendarFeed(context.Background(), c.token)
		data := feed.Data
		if err != nil || !ok {
			t.Fatalf("feed %s: %v %v", c.token, ok, err)
		}
		if got := strings.Contains(string(data), "SUMMARY:Repair café"); got != c.want {
			t.Errorf("feed %s has the event: %v, want %v\n%s", c.token, got, c.want, data)
		}
		mustContain(t, string(data), "BEGIN:VCALENDAR", "X-WR-CALNAME:")
	}
	if _, ok, _ := h.app.CalendarFeed(context.Background(), "not-a-token"); ok {
		t.Error("an unknown token gives a feed")
	}
	mustContain(t, text(h.do(coord, "c", "calendar revoke", "space", "ruche")), "closed: it no longer works")
	if _, ok, _ := h.app.CalendarFeed(context.Background(), ruche); ok {
		t.Error("a revoked link still works")
	}
	mustContain(t, text(h.do(coord, "c", "calendar revoke", "space", "ruche")), "There's no open calendar link for La Ruche")
	if token(h.do(coord, "c", "calendar link", "space", "ruche")) == ruche {
		t.Error("a new link must not reuse the revoked token")
	}
}

// FuzzDigestSchedule: any text given to /setup digest_schedule is either
// refused with a message or stored; a stored one never breaks the digest job.
func FuzzDigestSchedule(f *testing.F) {
	for _, s := range []string{"0 8 * * 1", "*/5 * * * *", "0 0 30 2 *", "@weekly", "@every 1s", "CRON_TZ=Europe/Paris 0 8 * * 1",
		"0 8 * * MON-FRI", "60 8 * * 1", "0 8 * * 1/0", "0-0/0 * * * *", "? ? ? ? ?", "0 8 L * *", "TZ=X 0 0 * * *"} {
		f.Add(s)
	}
	h := newHarness(f)
	h.do(coord, "c", "setup", "digest_channel", "c-digest")
	var failed string
	h.app.obs = func(name, outcome string, _ time.Duration) {
		if outcome == "error" {
			failed = name
		}
	}
	f.Fuzz(func(t *testing.T, spec string) {
		failed = ""
		res := h.app.Handle(context.Background(), h.req(coord, "c", "setup", "digest_schedule", spec))
		if failed != "" {
			t.Fatalf("%q: internal error", spec)
		}
		if sc, err := parseSchedule(strings.Join(strings.Fields(spec), " ")); err == nil {
			from := at("2026-04-13 09:00")
			if next := sc.Next(from); !next.IsZero() && !next.After(from) {
				t.Fatalf("%q: next run %v is not after %v", spec, next, from)
			}
			if !strings.Contains(res.Content, "saved") && !strings.Contains(res.Content, "current") {
				t.Fatalf("%q parses but was not stored: %s", spec, res.Content)
			}
		}
		if err := h.app.PostDueDigests(context.Background(), h.clock.Now()); err != nil {
			t.Fatalf("%q: digest job: %v", spec, err)
		}
	})
}
