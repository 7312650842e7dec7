package commands

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// introID reads the id of the last introduction request DM queued to a user.
func (h *harness) lastIntroID(to string) string {
	h.t.Helper()
	dms := h.outbox(OutDM)
	for i := len(dms) - 1; i >= 0; i-- {
		if p := string(dms[i].Payload); dms[i].Target == to && strings.Contains(p, "intron:") {
			return strings.Split(strings.Split(p, "intron:")[1], `"`)[0]
		}
	}
	h.t.Fatalf("no request DM to %s", to)
	return ""
}

// A decline leaves the pair alone for 30 days: asking again is refused,
// kindly and without saying it was a decline; other pairs are not affected.
func TestDeclineBlocksThePairFor30Days(t *testing.T) {
	dave := User{ID: "u-dave", Name: "Dave"}
	for _, c := range []struct {
		name     string
		after    time.Duration // since Alice declined Bob
		asker    User
		offerer  User
		refused  bool
		wantText string
	}{
		{"day 1, same pair", 24 * time.Hour, bob, alice, true, "Alice isn't available for introductions right now"},
		{"day 29, same pair", 29 * 24 * time.Hour, bob, alice, true, "isn't available for introductions"},
		{"day 29 23:59, same pair", 30*24*time.Hour - time.Minute, bob, alice, true, "isn't available for introductions"},
		{"day 30, same pair", 30 * 24 * time.Hour, bob, alice, false, "Request sent to Alice"},
		{"day 45, same pair", 45 * 24 * time.Hour, bob, alice, false, "Request sent to Alice"},
		{"day 1, another asker", 24 * time.Hour, carol, alice, false, "Request sent to Alice"},
		{"day 1, same asker, another offerer", 24 * time.Hour, bob, dave, false, "Request sent to Dave"},
		// The one who declined may still reach out: her own request is consent.
		{"day 1, reverse direction", 24 * time.Hour, alice, bob, false, "Request sent to Bob"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			h.setupNetwork()
			h.do(alice, "c", "skill offer", "skill", "Couture")
			h.do(dave, "c", "skill offer", "skill", "Couture")
			h.do(bob, "c", "skill offer", "skill", "Menuiserie")
			couture, menuiserie := h.skillID("couture"), h.skillID("menuiserie")
			day0 := h.clock.Now()
			mustContain(t, text(h.click(bob, fmt.Sprintf("intro:%d:%s", couture, alice.ID))), "Request sent to Alice")
			mustContain(t, text(h.dmClick(alice, "intron:"+h.lastIntroID(alice.ID))), "Noted")

			h.clock.Set(day0.Add(c.after))
			skill := couture
			if c.offerer.ID == bob.ID {
				skill = menuiserie
			}
			before := len(h.outbox(OutDM))
			got := text(h.click(c.asker, fmt.Sprintf("intro:%d:%s", skill, c.offerer.ID)))
			mustContain(t, got, c.wantText)
			if strings.Contains(got, "declin") {
				t.Errorf("the refusal says a decline happened: %s", got)
			}
			sent := len(h.outbox(OutDM)) - before
			if c.refused && sent != 0 || !c.refused && sent != 1 {
				t.Errorf("%d request DMs queued, refused=%v", sent, c.refused)
			}
		})
	}
}

func TestDeclinePauseInFrench(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(alice, "c", "skill offer", "skill", "Couture")
	cid := fmt.Sprintf("intro:%d:%s", h.skillID("couture"), alice.ID)
	h.click(bob, cid)
	h.dmClick(alice, "intron:"+h.lastIntroID(alice.ID))
	r := h.req(bob, "c", "")
	r.Kind, r.CustomID, r.Locale = KindComponent, cid, "fr"
	mustContain(t, text(h.app.Handle(context.Background(), r)), "Alice n'est pas disponible pour une mise en relation en ce moment", "`/competence trouver`")
}

func (h *harness) skillID(key string) int64 {
	h.t.Helper()
	for _, s := range h.skills() {
		if s.Key == key {
			return s.ID
		}
	}
	h.t.Fatalf("no skill %q", key)
	return 0
}

func (h *harness) directoryIDs() []string {
	h.t.Helper()
	var ids []string
	err := h.db.Read(context.Background(), func(tx *storage.Tx) error {
		list, _, err := tx.Directory(context.Background(), testGuild, 0, 0, 0, 100)
		for _, p := range list {
			ids = append(ids, p.UserID)
		}
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	slices.Sort(ids)
	return ids
}

// The directory lists those who published a bio, a home space or a skill;
// settings (introductions off, weekly matches) publish nothing.
func TestDirectoryListsOnlyWhoPublished(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	type step struct {
		command string
		kv      []string
	}
	bio := func(v string) step { return step{"profile edit", []string{"bio", v}} }
	home := step{"profile edit", []string{"home_space", "ruche"}}
	offer := step{"skill offer", []string{"skill", "Couture"}}
	seek := step{"skill seek", []string{"skill", "Soudure"}}
	introsOff := step{"settings", []string{"introductions", "false"}}
	matches := step{"settings", []string{"weekly_matches", "true"}}
	checkin := step{"checkin", []string{"space", "ruche"}}
	members := []struct {
		id     string
		steps  []step
		listed bool
	}{
		{"u-a-bio", []step{bio("Céramiste")}, true},
		{"u-b-home", []step{home}, true},
		{"u-c-offer", []step{offer}, true},
		{"u-d-seek", []step{seek}, true},
		{"u-e-introsoff", []step{introsOff}, false},
		{"u-f-matches", []step{matches}, false},
		{"u-g-bio-introsoff", []step{bio("Menuisier"), introsOff}, true},
		{"u-h-checkin", []step{checkin}, false},
		{"u-i-bio-cleared", []step{bio("Temporaire"), bio("")}, false},
		{"u-j-introsoff-matches", []step{introsOff, matches}, false},
	}
	var want []string
	for _, m := range members {
		u := User{ID: m.id, Name: strings.TrimPrefix(m.id, "u-")}
		for _, s := range m.steps {
			if got := text(h.do(u, "c", s.command, s.kv...)); strings.Contains(got, "⚠️") {
				t.Fatalf("%s %s: %s", m.id, s.command, got)
			}
		}
		if m.listed {
			want = append(want, m.id)
		}
	}
	slices.Sort(want)
	if got := h.directoryIDs(); !slices.Equal(got, want) {
		t.Errorf("directory\n got %v\nwant %v", got, want)
	}
	mustContain(t, text(h.do(bob, "c", "members")), "5 members in the directory")

	// Opting out of introductions, or back in, changes nobody's listing.
	for _, value := range []string{"false", "true"} {
		for _, m := range members {
			h.do(User{ID: m.id, Name: m.id}, "c", "settings", "introductions", value)
		}
		if got := h.directoryIDs(); !slices.Equal(got, want) {
			t.Errorf("after introductions:%s for all\n got %v\nwant %v", value, got, want)
		}
	}
}
