package commands

import (
	"strings"
	"testing"

	"github.com/tierslieux/tiersbot/storage"
)

func TestSetupSteps(t *testing.T) {
	ruche := storage.Space{Name: "La Ruche", ChannelID: "c1", AnimatorRole: "r1"}
	fab := storage.Space{Name: "Fab Lab"}
	full := storage.Guild{CoordinatorRole: "rc", AnnounceChannel: "ca", DigestChannel: "cd", FundingMention: "FSE+"}
	cases := []struct {
		name   string
		g      storage.Guild
		spaces []storage.Space
		done   string // the steps done, in order
		next   string
	}{
		{"fresh", storage.Guild{}, nil, "", "spaces"},
		{"one space, nothing else", storage.Guild{}, []storage.Space{fab}, "spaces", "channels"},
		{"a space with channel and role", storage.Guild{}, []storage.Space{ruche}, "spaces channels animator_roles", "coordinator_role"},
		{"everything but a channel", full, []storage.Space{ruche, fab}, "spaces coordinator_role announce digest funding", "channels"},
		{"all", full, []storage.Space{ruche}, "spaces channels coordinator_role animator_roles announce digest funding", ""},
	}
	for _, c := range cases {
		steps := setupSteps(c.g, c.spaces)
		var done []string
		for _, s := range steps {
			if s.Done {
				done = append(done, s.Key)
			}
		}
		next, _ := nextStep(steps)
		if strings.Join(done, " ") != c.done || next.Key != c.next {
			t.Errorf("%s: done %v, next %q; want %q, %q", c.name, done, next.Key, c.done, c.next)
		}
	}
	if s := setupSteps(full, []storage.Space{ruche, fab}); strings.Join(s[1].Missing, ",") != "Fab Lab" || strings.Join(s[3].Missing, ",") != "Fab Lab" {
		t.Errorf("missing: %v / %v", s[1].Missing, s[3].Missing)
	}
}

func TestSetupChecklistAndWeeklySchedule(t *testing.T) {
	h := newHarness(t)
	res := h.do(coord, "c-admin", "setup")
	mustContain(t, text(res), "Getting started: 0 of 7 steps", "⬜ The network's spaces", "**Next step:** add a space with `/space add")
	h.setupNetwork()
	// Each reply of the setup ends with what comes next.
	res = h.do(coord, "c-admin", "space add", "name", "Le Cube", "town", "Die", "channel", "c-cube", "animator_role", "role-cube")
	mustContain(t, text(res), "Space **Le Cube** (Die) added", "**Next step:** pick the coordination's role: `/setup coordinator_role:@…`.")
	res = h.do(coord, "c-admin", "setup", "digest_channel", "c-digest", "digest_schedule", "vendredi 17h30")
	mustContain(t, text(res), "Settings saved", "every Friday at 17:30 (`30 17 * * 5`, Europe/Paris)",
		"Getting started: 3 of 7 steps", "✅ The network's spaces", "⬜ An animator role for each space — Fab Lab", "✅ The weekly digest's channel, and its day",
		"✅ A channel for each space", "**Next step:** pick the coordination's role: `/setup coordinator_role:@…`.")
	mustContain(t, text(h.do(coord, "c-admin", "setup", "digest_schedule", "0 9 * * 1-5")), "`0 9 * * 1-5` (Europe/Paris)")
	mustContain(t, text(h.do(coord, "c-admin", "setup", "digest_schedule", "lundi")), "I can't read “lundi”. Write a day and an hour, like `monday 8am`")
	r := h.req(coord, "c-admin", "setup", "digest_schedule", "lundi 8h")
	r.Locale = "fr"
	mustContain(t, text(h.app.Handle(t.Context(), r)), "chaque lundi à 8\u00a0h (`0 8 * * 1`, Europe/Paris)", "Mise en route\u00a0: 3 étapes sur 7")
	// Closing times as people write them.
	for _, v := range []string{"18h30", "midi", "6pm"} {
		mustContain(t, text(h.do(coord, "c-admin", "space edit", "space", "fab", "closes_at", v)), "Space **Fab Lab** updated")
	}
}

// /help shows what this person can do with their role.
func TestHelpByRole(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	member := text(h.do(alice, "c", "help"))
	mustContain(t, member, "**Every day**", "`/skill find`", "What you can do as a member of the network.")
	for _, not := range []string{"/event create", "/setup", "Coordination"} {
		if strings.Contains(member, not) {
			t.Errorf("a member's help shows %q:\n%s", not, member)
		}
	}
	anim := text(h.do(animUs, "c", "help"))
	mustContain(t, anim, "**Animating — La Ruche**", "`/event create`", "What you can do as an animator (La Ruche).")
	if strings.Contains(anim, "/setup") {
		t.Errorf("an animator's help shows /setup:\n%s", anim)
	}
	mustContain(t, text(h.do(coord, "c", "help")), "**Animating — every space**", "**Coordination**", "`/skill alias`", "as part of the coordination: everything.")
	r := h.req(animUs, "c", "help")
	r.Locale = "fr"
	mustContain(t, text(h.app.Handle(t.Context(), r)), "**Animation — La Ruche**\n`/evenement creer`", "comme membre de l'équipe d'animation (La Ruche).")
}

// A week across two months names both: "Du lundi 27 avril au dimanche 3 mai 2026".
func TestDigestPeriodAcrossMonths(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(at("2026-04-01 09:00"))
	h.setupNetwork()
	h.clock.Set(at("2026-05-20 10:00"))
	mustContain(t, text(h.do(coord, "c", "digest preview", "week", "2026-04-29")), "From Monday 27 April to Sunday 3 May 2026")
	r := h.req(coord, "c", "digest preview", "week", "2026-04-29")
	r.Locale = "fr"
	mustContain(t, text(h.app.Handle(t.Context(), r)), "Du lundi 27 avril au dimanche 3 mai 2026")
	mustContain(t, text(h.do(coord, "c", "digest preview", "week", "2026-04-15")), "From Monday 13 to Sunday 19 April 2026")
}
