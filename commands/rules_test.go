package commands

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Slash commands, forms and server buttons need a network: from a DM (no
// guild) every one is refused and changes nothing. Only the buttons of the
// bot's own DMs (introductions, "did you meet") run there.
func TestGuildOnlyFromDMs(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	before := h.snapshot()
	const refused = "works on the network's server, not in direct messages"
	var names []string
	for _, rt := range h.app.Routes() {
		if rt.Kind == KindCommand {
			names = append(names, rt.Path)
		}
	}
	sort.Strings(names)
	if len(names) < 20 {
		t.Fatalf("only %d commands", len(names))
	}
	dm := func(r *Request) *Response {
		r.GuildID, r.ChannelID = "", "dm-channel"
		return h.app.Handle(context.Background(), r)
	}
	for _, name := range names {
		// As the network's coordinator, with options that would do something.
		res := dm(h.req(coord, "", name, "space", "ruche", "name", "Nouveau", "town", "Die", "skill", "Couture"))
		if !strings.Contains(text(res), refused) {
			t.Errorf("/%s from a DM: %s", name, text(res))
		}
	}
	for _, cid := range []string{"rsvp:1:y", "desk:1", "checkout:1", "intro:1:u-alice"} {
		r := h.req(alice, "", "")
		r.Kind, r.CustomID = KindComponent, cid
		if res := dm(r); !strings.Contains(text(res), refused) {
			t.Errorf("button %s from a DM: %s", cid, text(res))
		}
	}
	r := h.req(animUs, "", "")
	r.Kind, r.CustomID, r.Fields = KindModal, "evnew:1::0", workshop("demain 18h")
	if res := dm(r); !strings.Contains(text(res), refused) {
		t.Errorf("form from a DM: %s", text(res))
	}
	r = h.req(alice, "", "checkin", "space", "ru")
	r.Kind, r.Focused = KindAutocomplete, "space"
	if res := dm(r); res.Type != Suggest || len(res.Choices) != 0 {
		t.Errorf("autocomplete from a DM: %+v", res)
	}
	if after := h.snapshot(); after != before {
		t.Errorf("DM requests changed the network:\n%s\n---\n%s", before, after)
	}
	if n := len(h.events()); n != 0 {
		t.Errorf("%d events created from a DM", n)
	}
	// The bot's own DM buttons do run (and check the clicker themselves).
	for _, cid := range []string{"introy:1", "intron:1", "met:1:a:y"} {
		r := h.req(alice, "", "")
		r.Kind, r.CustomID = KindComponent, cid
		if res := dm(r); strings.Contains(text(res), refused) {
			t.Errorf("DM button %s refused as guild-only", cid)
		}
	}
}

// Who coordinates: Manage Server, Administrator (which Discord grants every
// permission with), or the network's coordinator role.
func TestIsCoordinator(t *testing.T) {
	g := storage.Guild{ID: testGuild, CoordinatorRole: "role-coord"}
	const manageChannels, kick = 1 << 4, 1 << 1
	for _, c := range []struct {
		name  string
		u     User
		guild storage.Guild
		want  bool
	}{
		{"nobody", User{ID: "u"}, g, false},
		{"manage server", User{ID: "u", Permissions: PermManageGuild}, g, true},
		{"administrator", User{ID: "u", Permissions: PermAdministrator}, g, true},
		{"administrator among others", User{ID: "u", Permissions: PermAdministrator | kick}, g, true},
		{"other permissions", User{ID: "u", Permissions: manageChannels | kick}, g, false},
		{"coordinator role", User{ID: "u", Roles: []string{"x", "role-coord"}}, g, true},
		{"another role", User{ID: "u", Roles: []string{"role-ruche"}}, g, false},
		{"no coordinator role set", User{ID: "u", Roles: []string{""}}, storage.Guild{ID: testGuild}, false},
	} {
		if got := isCoordinator(&Request{User: c.u}, c.guild); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	// Through a command: an administrator without Manage Server adds a space.
	h := newHarness(t)
	admin := User{ID: "u-admin", Name: "Admin", Permissions: PermAdministrator}
	mustContain(t, text(h.do(admin, "c", "space add", "name", "La Ruche", "town", "Crest")), "added")
	mustContain(t, text(h.do(alice, "c", "space add", "name", "Le Hangar", "town", "Die")), "Only the network's coordination")
}

// A digest week runs from Monday 00:00 to the next Monday 00:00 where the
// network is: 167 hours the week clocks go forward, 169 the week they go
// back. A week computed as from + 168h loses Sunday 23:15 in October and
// takes Monday 00:30 in March.
func TestDigestWeekAcrossDSTChanges(t *testing.T) {
	for _, c := range []struct {
		name     string
		from, to string
		visits   [][2]string // in, out (Fab Lab, Paris, no closing time)
		checkins int
		perDay   [7]int
		prev     int
	}{
		{
			name: "clocks back, 25 October 2026", from: "2026-10-19 00:00", to: "2026-10-26 00:00",
			visits: [][2]string{
				{"2026-10-18 23:15", "2026-10-18 23:45"}, // Sunday before: the previous week
				{"2026-10-19 00:10", "2026-10-19 01:00"},
				{"2026-10-25 02:30", "2026-10-25 02:45"}, // in the repeated hour
				{"2026-10-25 23:15", "2026-10-25 23:45"}, // Sunday 23:15: still this week
				{"2026-10-26 00:10", "2026-10-26 00:30"}, // the next week
			},
			checkins: 3, perDay: [7]int{1, 0, 0, 0, 0, 0, 2}, prev: 1,
		},
		{
			name: "clocks forward, 29 March 2026", from: "2026-03-23 00:00", to: "2026-03-30 00:00",
			visits: [][2]string{
				{"2026-03-22 23:15", "2026-03-22 23:45"}, // Sunday before: the previous week
				{"2026-03-23 00:10", "2026-03-23 01:00"},
				{"2026-03-29 23:15", "2026-03-29 23:45"},
				{"2026-03-30 00:30", "2026-03-30 00:50"}, // Monday after: not this week
			},
			checkins: 2, perDay: [7]int{1, 0, 0, 0, 0, 0, 1}, prev: 1,
		},
		{
			name: "the week after clocks go forward", from: "2026-03-30 00:00", to: "2026-04-06 00:00",
			visits: [][2]string{
				{"2026-03-22 23:15", "2026-03-22 23:45"}, // two weeks before: not the previous week
				{"2026-03-23 00:10", "2026-03-23 01:00"},
				{"2026-03-30 00:30", "2026-03-30 00:50"},
			},
			checkins: 1, perDay: [7]int{1, 0, 0, 0, 0, 0, 0}, prev: 1,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			h.clock.Set(at("2026-03-01 09:00"))
			h.setupNetwork()
			for _, v := range c.visits {
				h.visit(alice, "c-fab", v[0], v[1])
			}
			from := at(c.from)
			if ws := weekStart(at(c.to).Add(-time.Minute), paris); !ws.Equal(from) {
				t.Errorf("weekStart of the week's last minute = %s, want %s", ws, from)
			}
			d := digestOf(t, h.db, testGuild, from)
			if !d.To.Equal(at(c.to)) {
				t.Errorf("to %s, want %s", d.To.In(paris), c.to)
			}
			var fab SpaceWeek
			for _, sw := range d.Spaces {
				if sw.Space.Name == "Fab Lab" {
					fab = sw
				}
			}
			if fab.Checkins != c.checkins || fab.PerDay != c.perDay || fab.PrevCheck != c.prev {
				t.Errorf("check-ins %d per day %v previous week %d, want %d %v %d", fab.Checkins, fab.PerDay, fab.PrevCheck, c.checkins, c.perDay, c.prev)
			}
		})
	}
}

// A series' dates keep the local time across DST changes; monthly skips
// months without that day; count, until and the one-year horizon stop it.
func TestSeriesDates(t *testing.T) {
	list := func(ts []time.Time) string {
		var out []string
		for _, t := range ts {
			out = append(out, t.In(paris).Format("2006-01-02 15:04"))
		}
		return strings.Join(out, ", ")
	}
	for _, c := range []struct {
		name, first, repeat, until string
		count                      int
		want                       string
		n                          int // when want is "": how many
	}{
		{name: "once", first: "2026-04-17 09:00", want: "2026-04-17 09:00"},
		{name: "weekly, count", first: "2026-04-17 09:00", repeat: "weekly", count: 3, want: "2026-04-17 09:00, 2026-04-24 09:00, 2026-05-01 09:00"},
		{name: "weekly over clocks back", first: "2026-10-23 18:30", repeat: "weekly", count: 2, want: "2026-10-23 18:30, 2026-10-30 18:30"},
		{name: "weekly over clocks forward", first: "2026-03-27 18:30", repeat: "weekly", count: 2, want: "2026-03-27 18:30, 2026-04-03 18:30"},
		{name: "every 2 weeks", first: "2026-04-13 10:00", repeat: "every-2-weeks", count: 3, want: "2026-04-13 10:00, 2026-04-27 10:00, 2026-05-11 10:00"},
		{name: "monthly on the 31st", first: "2026-01-31 10:00", repeat: "monthly", count: 4, want: "2026-01-31 10:00, 2026-03-31 10:00, 2026-05-31 10:00, 2026-07-31 10:00"},
		{name: "until, exclusive", first: "2026-04-17 09:00", repeat: "weekly", until: "2026-05-01 09:00", want: "2026-04-17 09:00, 2026-04-24 09:00"},
		{name: "until, later that day", first: "2026-04-17 09:00", repeat: "weekly", until: "2026-05-01 10:00", want: "2026-04-17 09:00, 2026-04-24 09:00, 2026-05-01 09:00"},
		{name: "count 1", first: "2026-04-17 09:00", repeat: "monthly", count: 1, want: "2026-04-17 09:00"},
		{name: "weekly, one year", first: "2026-04-17 09:00", repeat: "weekly", n: 53},
		{name: "every 2 weeks, one year", first: "2026-04-17 09:00", repeat: "every-2-weeks", n: 27},
		{name: "monthly, one year (the same day a year on included)", first: "2026-04-17 09:00", repeat: "monthly", n: 13},
	} {
		var until time.Time
		if c.until != "" {
			until = at(c.until)
		}
		got := occurrences(at(c.first), paris, c.repeat, until, c.count)
		if c.want != "" && list(got) != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, list(got), c.want)
		}
		if c.want == "" && len(got) != c.n {
			t.Errorf("%s: %d dates, want %d (last %s)", c.name, len(got), c.n, got[len(got)-1].In(paris))
		}
	}
}

// Each space closes at its own time in its own zone: one job run checks out
// those whose closing has passed where they are, and records that time.
func TestClosingTimeCheckoutPerZone(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(time.Date(2026, 4, 13, 12, 0, 0, 0, time.UTC))
	mustContain(t, text(h.do(coord, "c", "space add", "name", "Ruche", "town", "Crest", "channel", "c-paris", "closes_at", "18h00")), "added")
	mustContain(t, text(h.do(coord, "c", "space add", "name", "Carbet", "town", "Cayenne", "channel", "c-cay", "closes_at", "18h00", "timezone", "America/Cayenne")), "added")
	mustContain(t, text(h.do(coord, "c", "space add", "name", "Case", "town", "Nouméa", "channel", "c-nou", "closes_at", "18h00", "timezone", "Pacific/Noumea")), "added")
	// 12:00 UTC: 14:00 in Paris, 09:00 in Cayenne, 23:00 in Nouméa (after
	// closing there: that visit lasts until midnight, Nouméa time).
	h.do(alice, "c-paris", "checkin")
	h.do(bob, "c-cay", "checkin")
	h.do(carol, "c-nou", "checkin")
	ctx := context.Background()
	for _, step := range []struct {
		now  time.Time
		want int
	}{
		{time.Date(2026, 4, 13, 12, 59, 0, 0, time.UTC), 0},
		{time.Date(2026, 4, 13, 13, 0, 0, 0, time.UTC), 1}, // midnight in Nouméa
		{time.Date(2026, 4, 13, 15, 59, 0, 0, time.UTC), 1},
		{time.Date(2026, 4, 13, 16, 0, 0, 0, time.UTC), 2}, // 18:00 Paris
		{time.Date(2026, 4, 13, 20, 59, 0, 0, time.UTC), 2},
		{time.Date(2026, 4, 13, 21, 0, 0, 0, time.UTC), 3}, // 18:00 Cayenne
	} {
		if _, err := h.app.CloseAtClosingTime(ctx, step.now); err != nil {
			t.Fatal(err)
		}
		open := 3 - step.want
		var n int
		_ = h.db.Read(ctx, func(tx *storage.Tx) error {
			list, err := tx.OpenCheckins(ctx)
			n = len(list)
			return err
		})
		if n != open {
			t.Errorf("at %s UTC: %d still in, want %d", step.now.Format("15:04"), n, open)
		}
	}
	_ = h.db.Read(ctx, func(tx *storage.Tx) error {
		for _, c := range []struct {
			user string
			out  time.Time
		}{
			{alice.ID, time.Date(2026, 4, 13, 16, 0, 0, 0, time.UTC)},
			{bob.ID, time.Date(2026, 4, 13, 21, 0, 0, 0, time.UTC)},
			{carol.ID, time.Date(2026, 4, 13, 13, 0, 0, 0, time.UTC)}, // midnight in Nouméa (UTC+11)
		} {
			list, err := tx.MemberCheckins(ctx, testGuild, c.user, time.Time{}, c.out.AddDate(1, 0, 0))
			if err != nil || len(list) != 1 || !list[0].OutAt.Equal(c.out) || list[0].OutReason != storage.OutClosing {
				t.Errorf("%s: %+v (%v), want out at %s", c.user, list, err, c.out)
			}
		}
		return nil
	})
}

// Private messages are deleted 30 days after they were delivered (or given
// up); other posts stay, undelivered DMs stay.
func TestRetentionDeletesDMsAfter30Days(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	ctx := context.Background()
	sent := time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC)
	var dm, ch, pending int64
	err := h.db.Write(ctx, func(tx *storage.Tx) error {
		var err error
		if dm, _, err = tx.Enqueue(ctx, storage.OutboxItem{GuildID: testGuild, Kind: OutDM, Target: "u", Payload: []byte("{}")}, sent); err != nil {
			return err
		}
		if ch, _, err = tx.Enqueue(ctx, storage.OutboxItem{GuildID: testGuild, Kind: OutChannel, Target: "c", Payload: []byte("{}")}, sent); err != nil {
			return err
		}
		if pending, _, err = tx.Enqueue(ctx, storage.OutboxItem{GuildID: testGuild, Kind: OutDM, Target: "v", Payload: []byte("{}")}, sent); err != nil {
			return err
		}
		if err := tx.MarkSent(ctx, dm, "m1", sent); err != nil {
			return err
		}
		return tx.MarkSent(ctx, ch, "m2", sent)
	})
	if err != nil {
		t.Fatal(err)
	}
	exists := func(id int64) bool {
		var ok bool
		_ = h.db.Read(ctx, func(tx *storage.Tx) error {
			_, _, err := tx.OutboxItemByID(ctx, id)
			ok = err == nil
			return nil
		})
		return ok
	}
	for _, step := range []struct {
		days          int
		dm, ch, other bool
	}{
		{29, true, true, true},
		{31, false, true, true},
	} {
		if err := h.app.ApplyRetention(ctx, sent.AddDate(0, 0, step.days)); err != nil {
			t.Fatal(err)
		}
		if got := [3]bool{exists(dm), exists(ch), exists(pending)}; got != [3]bool{step.dm, step.ch, step.other} {
			t.Errorf("after %d days: dm, channel post, pending dm kept = %v", step.days, got)
		}
	}
}
