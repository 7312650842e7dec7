package commands

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

func TestSpaceAddRefusalsLeaveNothing(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	cases := []struct {
		name string
		user User
		kv   []string
		want string
	}{
		{"member is not coordinator", alice, []string{"name", "Le Cowork", "town", "Die"}, "Only the network's coordination"},
		{"animator is not coordinator", animUs, []string{"name", "Le Cowork", "town", "Die"}, "Only the network's coordination"},
		{"missing town", coord, []string{"name", "Le Cowork"}, "A name and a town are needed"},
		{"name too short", coord, []string{"name", "L", "town", "Die"}, "2 to 50 characters"},
		{"name too long", coord, []string{"name", strings.Repeat("é", 51), "town", "Die"}, "2 to 50 characters"},
		{"name only punctuation", coord, []string{"name", "!!!", "town", "Die"}, "2 to 50 characters"},
		{"duplicate, other accents and case", coord, []string{"name", "la ruché", "town", "Die"}, "already exists"},
		{"unknown time zone", coord, []string{"name", "Le Cowork", "town", "Die", "timezone", "Mars/Olympus_Mons"}, "not a known time zone"},
		{"path in time zone", coord, []string{"name", "Le Cowork", "town", "Die", "timezone", "../../etc/passwd"}, "not a known time zone"},
		{"negative capacity", coord, []string{"name", "Le Cowork", "town", "Die", "capacity", "-1"}, "between 0 (no limit)"},
		{"capacity not a number", coord, []string{"name", "Le Cowork", "town", "Die", "capacity", "douze"}, "between 0 (no limit)"},
		{"closing hour 25", coord, []string{"name", "Le Cowork", "town", "Die", "closes_at", "25h"}, "can't read the closing time"},
		{"closing minutes 7", coord, []string{"name", "Le Cowork", "town", "Die", "closes_at", "18:7"}, "can't read the closing time"},
		{"town too long", coord, []string{"name", "Le Cowork", "town", strings.Repeat("x", 51)}, "1 to 50 characters"},
	}
	before := h.snapshot()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := h.do(tc.user, "c-admin", "space add", tc.kv...)
			if !res.Ephemeral {
				t.Error("a refusal must be private")
			}
			mustContain(t, text(res), "⚠️", tc.want)
			if after := h.snapshot(); after != before {
				t.Errorf("database changed:\n%s\n---\n%s", before, after)
			}
		})
	}
}

func TestSpaceAddFrenchRefusal(t *testing.T) {
	h := newHarness(t)
	r := h.req(alice, "c", "space add", "name", "Le Cowork", "town", "Die")
	r.Locale = "fr"
	res := h.app.Handle(context.Background(), r)
	mustContain(t, text(res), "Seule la coordination du réseau")
}

func TestSpaceEditAndInfo(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	res := h.do(coord, "c-admin", "space edit", "space", "ruche", "capacity", "10", "timezone", "europe/paris", "arrivals", "true")
	mustContain(t, text(res), "updated", "10 seats")
	res = h.do(coord, "c-admin", "space edit", "space", "ruche")
	mustContain(t, text(res), "Nothing to change")
	res = h.do(coord, "c-admin", "space edit", "space", "ruche", "name", "FAB LAB")
	mustContain(t, text(res), "already exists")
	res = h.do(animUs, "c-admin", "space edit", "space", "ruche", "capacity", "3")
	mustContain(t, text(res), "Only the network's coordination")

	h.do(alice, "c-ruche", "checkin")
	res = h.do(bob, "c-other", "space info", "space", "La Ruche")
	mustContain(t, text(res), "La Ruche", "Crest", "1 / 10 seats", "<@&role-ruche>", "<#c-ruche>", "18:30", "Alice")

	res = h.do(bob, "c-other", "space list")
	mustContain(t, text(res), "2 spaces", "Fab Lab", "**La Ruche** · Crest · 1 / 10 seats")
}

func TestResolveSpace(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(coord, "c", "space add", "name", "La Ruche Numérique", "town", "Die")
	cases := []struct {
		typed, want, err string
	}{
		{"La Ruche", "La Ruche", ""},
		{"la ruche", "La Ruche", ""},
		{"LA RUCHE NUMERIQUE", "La Ruche Numérique", ""},
		{"fab", "Fab Lab", ""},
		{"Valence", "Fab Lab", ""},
		{"numé", "La Ruche Numérique", ""},
		{"la ru", "", "space.ambiguous"},
		{"Grenoble", "", "space.unknown"},
		{"999", "", "space.unknown"},
	}
	for _, tc := range cases {
		t.Run(tc.typed, func(t *testing.T) {
			var got storage.Space
			err := h.db.Read(context.Background(), func(tx *storage.Tx) error {
				var err error
				got, err = resolveSpace(context.Background(), tx, testGuild, tc.typed)
				return err
			})
			if tc.err != "" {
				ue, ok := err.(*UserError)
				if !ok || ue.Key != tc.err {
					t.Fatalf("got %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil || got.Name != tc.want {
				t.Fatalf("got %q, %v; want %q", got.Name, err, tc.want)
			}
		})
	}
	// Another network's space id is never resolved.
	var other storage.Space
	err := h.db.Write(context.Background(), func(tx *storage.Tx) error {
		var err error
		other, err = tx.AddSpace(context.Background(), storage.Space{GuildID: "g2", Name: "Ailleurs", Key: "ailleurs", Town: "Lyon", Timezone: "Europe/Paris"}, time.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	res := h.do(alice, "c", "checkin", "space", fmtInt(other.ID))
	mustContain(t, text(res), "can't find a space")
}

func TestSetup(t *testing.T) {
	h := newHarness(t)
	res := h.do(alice, "c", "setup", "language", "en")
	mustContain(t, text(res), "Only the network's coordination")
	res = h.do(coord, "c", "setup")
	mustContain(t, text(res), "current settings", "Français", "Europe/Paris")
	res = h.do(coord, "c", "setup", "coordinator_role", "role-coord", "digest_channel", "c-digest", "language", "en", "funding_mention", "Cofinancé par le FSE+")
	mustContain(t, text(res), "Settings saved", "<@&role-coord>", "<#c-digest>", "English", "Cofinancé par le FSE+")
	// The coordinator role now grants coordination to a member without Manage Server.
	holder := User{ID: "u-h", Name: "Hélène", Roles: []string{"role-coord"}}
	res = h.do(holder, "c", "space add", "name", "Le Cowork", "town", "Die")
	mustContain(t, text(res), "added")
	before := h.snapshot()
	for _, kv := range [][]string{{"language", "de"}, {"timezone", "Paris"}, {"funding_mention", strings.Repeat("x", 201)}} {
		res = h.do(coord, "c", "setup", kv...)
		mustContain(t, text(res), "⚠️")
	}
	if h.snapshot() != before {
		t.Error("a refused /setup changed the settings")
	}
}

func TestClosingAfterSpace(t *testing.T) {
	at := func(s string) time.Time {
		t, err := time.ParseInLocation("2006-01-02 15:04", s, paris)
		if err != nil {
			panic(err)
		}
		return t
	}
	cases := []struct {
		hours    string
		in, want string
	}{
		{"1110,1110,1110,1110,1110,1110,1110", "2026-04-13 09:00", "2026-04-13 18:30"},
		{"1110,1110,1110,1110,1110,1110,1110", "2026-04-13 19:00", "2026-04-14 00:00"}, // arrived after closing: midnight
		{"", "2026-04-13 09:00", "2026-04-13 19:00"},                                   // none set: the evening default, not midnight
		{"1110,1110,1110,1110,1110,1110,1110", "2026-03-29 01:30", "2026-03-29 18:30"}, // spring forward day
		{"", "2026-10-24 22:00", "2026-10-25 00:00"},
		{"-1,1020,1110,1020,1020,1020,720", "2026-04-14 09:00", "2026-04-14 18:30"}, // Tuesday's own time
		{"-1,1020,1110,1020,1020,1020,720", "2026-04-18 09:00", "2026-04-18 12:00"}, // Saturday noon
	}
	for _, tc := range cases {
		got := closingAfter(at(tc.in), storage.Space{Hours: tc.hours, Timezone: "Europe/Paris"})
		if !got.Equal(at(tc.want)) {
			t.Errorf("closingAfter(%s, %q) = %s, want %s", tc.in, tc.hours, got.In(paris), tc.want)
		}
	}
	// Another zone: Réunion is UTC+4, closing at 18:30 there.
	got := closingAfter(at("2026-04-13 09:00"), storage.Space{Hours: "1110,1110,1110,1110,1110,1110,1110", Timezone: "Indian/Reunion"})
	if want := time.Date(2026, 4, 13, 18, 30, 0, 0, mustLoc("Indian/Reunion")); !got.Equal(want) {
		t.Errorf("Réunion closing = %s, want %s", got, want)
	}
}
