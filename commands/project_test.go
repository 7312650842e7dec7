package commands

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// newProject opens the form as u from La Ruche's channel and submits it.
func (h *harness) newProject(u User, title, pitch, needs string) *Response {
	h.t.Helper()
	res := h.do(u, "c-ruche", "project create")
	if res.Type != OpenModal {
		h.t.Fatalf("no form: %s", text(res))
	}
	return h.form(u, res.Modal.CustomID, map[string]string{"title": title, "pitch": pitch, "needs": needs})
}

func (h *harness) project(title string) storage.Project {
	h.t.Helper()
	var p storage.Project
	err := h.db.Read(context.Background(), func(tx *storage.Tx) error {
		list, err := tx.SearchProjects(context.Background(), testGuild, Fold(title), 1)
		if err == nil && len(list) == 1 {
			p = list[0]
		}
		return err
	})
	if err != nil || p.ID == 0 {
		h.t.Fatalf("project %q: %v", title, err)
	}
	return p
}

// payloads flattens the pending outbox items of a kind: target, then text.
func (h *harness) payloads(kind string) []string {
	h.t.Helper()
	var out []string
	for _, it := range h.outbox(kind) {
		var m Message
		json.Unmarshal(it.Payload, &m)
		line := it.Target + " " + m.Content
		for _, e := range m.Embeds {
			line += " | " + e.Title
			for _, f := range e.Fields {
				line += " | " + f.Name + ": " + f.Value
			}
		}
		if m.Thread != nil {
			line += " thread=" + m.Thread.Name
		}
		out = append(out, line)
	}
	return out
}

func TestProjectCreatePostsCardAndThread(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(coord, "c", "setup", "announce_channel", "c-news", "language", "en")
	h.do(alice, "c", "skill offer", "skill", "Soudure")
	res := h.newProject(bob, "Imprimante 3D en kit", "Build a 3D printer with the course", "soudure, Financement participatif, SOUDURE")
	mustContain(t, text(res), "Project **Imprimante 3D en kit** is started from La Ruche", "<#c-ruche>", "<#c-news>",
		"• **Soudure**: Alice", "• **Financement participatif**: nobody offers it yet", "[Ask Alice for an introduction]")
	p := h.project("imprimante")
	if p.Stage != storage.StageIdea || p.HolderID != bob.ID || p.PostSpace == 0 || p.PostNetwork == 0 || p.Thread == 0 {
		t.Fatalf("project %+v", p)
	}
	cards := h.payloads(OutChannel)
	if len(cards) != 2 || !strings.HasPrefix(cards[0], "c-ruche ") || !strings.HasPrefix(cards[1], "c-news ") {
		t.Fatalf("cards %q", cards)
	}
	mustContain(t, cards[0], "💡 Imprimante 3D en kit", "Stage: idea", "Held by: <@u-bob>", "Seeks: Financement participatif · Soudure", "0 members · 🤝 accompanying: 0 · 🔔 following: 0")
	threads := h.payloads(OutThread)
	if want := "ref:" + strconv.FormatInt(p.PostSpace, 10) + "  thread=Imprimante 3D en kit"; len(threads) != 1 || threads[0] != want {
		t.Fatalf("threads %q, want %q", threads, want)
	}
}

// lastOfferID is the offer id in the latest "I can help" DM to the holder.
func (h *harness) lastOfferID(to string) string {
	h.t.Helper()
	dms := h.outbox(OutDM)
	for i := len(dms) - 1; i >= 0; i-- {
		if p := string(dms[i].Payload); dms[i].Target == to && strings.Contains(p, "prjno:") {
			return strings.Split(strings.Split(p, "prjno:")[1], `"`)[0]
		}
	}
	h.t.Fatalf("no help request DM to %s", to)
	return ""
}

// Who may do what to a project: the holder or any animator (of any space,
// or the coordination) edits and moves it; news is the holder's; notes and
// accompaniment are the animators'; refusals change nothing.
func TestProjectPermissions(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(coord, "c", "space edit", "space", "fab", "animator_role", "role-fab")
	h.newProject(bob, "Four solaire", "Un four pour le village", "soudure")
	p := fmtInt(h.project("four").ID)
	for _, c := range []struct {
		who     User
		command string
		opts    []string
		want    string
	}{
		{alice, "project stage", []string{"stage", "prototype"}, "Only the project's holder and the animators"},
		{alice, "project edit", nil, "Only the project's holder and the animators"},
		{alice, "project update", []string{"text", "hello"}, "Only the project's holder posts its news"},
		{fabAnim, "project update", []string{"text", "hello"}, "Only the project's holder posts its news"},
		{alice, "project note", []string{"text", "séance"}, "Only animators accompany projects"},
		{bob, "project note", []string{"text", "séance"}, "Only animators accompany projects"},
		{alice, "project accompany", nil, "Only animators accompany projects"},
	} {
		before := h.fingerprint()
		res := h.do(c.who, "c", c.command, append([]string{"project", p}, c.opts...)...)
		if !strings.Contains(text(res), c.want) || !res.Ephemeral {
			t.Errorf("%s by %s: %q, want %q", c.command, c.who.Name, text(res), c.want)
		}
		if h.fingerprint() != before {
			t.Errorf("%s by %s changed the state", c.command, c.who.Name)
		}
	}
	// Forged forms and answers.
	mustContain(t, text(h.form(alice, "prjedit:"+p, map[string]string{"title": "Volé"})), "Only the project's holder and the animators")
	h.click(alice, "prjhelp:"+p)
	offer := h.lastOfferID(bob.ID)
	mustContain(t, text(h.dmClick(alice, "prjok:"+offer)), "no longer valid")
	mustContain(t, text(h.dmClick(fabAnim, "prjno:"+offer)), "no longer valid")

	// Allowed: an animator of another space, the coordination, the holder.
	mustContain(t, text(h.do(fabAnim, "c", "project stage", "project", p, "stage", "prototype")), "idea → prototype")
	mustContain(t, text(h.do(coord, "c", "project stage", "project", p, "stage", "paused")), "prototype → paused")
	mustContain(t, text(h.do(bob, "c", "project stage", "project", p, "stage", "launched")), "paused → launched")
	mustContain(t, text(h.do(bob, "c", "project stage", "project", p, "stage", "prototype")), "past that stage")
	mustContain(t, text(h.do(fabAnim, "c", "project note", "project", p, "text", "Découpe laser", "date", "12/04")), "Noted for **Four solaire**")
	mustContain(t, text(h.do(fabAnim, "c", "project note", "project", p, "text", "Plus tard", "date", "2026-05-01")), "not in the future")
	mustContain(t, text(h.do(bob, "c", "project stage", "project", p, "stage", "finished")), "launched → finished")
	mustContain(t, text(h.do(fabAnim, "c", "project stage", "project", p, "stage", "launched")), "finished or dropped")
	mustContain(t, text(h.click(alice, "prjhelp:"+p)), "finished or dropped")
}

// "I can help" needs the holder's consent: the request names the helper to
// the holder only; a decline is told kindly, naming nobody, and pauses that
// helper for 30 days; one request waits at a time.
func TestProjectHelpConsent(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.newProject(bob, "Four solaire", "", "")
	p := fmtInt(h.project("four").ID)
	mustContain(t, text(h.click(bob, "prjhelp:"+p)), "That's your project")
	mustContain(t, text(h.click(alice, "prjhelp:"+p)), "Offer sent")
	mustContain(t, text(h.click(alice, "prjhelp:"+p)), "already waiting")
	var req Message
	for _, it := range h.outbox(OutDM) {
		if it.Target == bob.ID {
			json.Unmarshal(it.Payload, &req)
		}
	}
	mustContain(t, req.Content, "Alice offers to help with your project **Four solaire**")
	if len(req.PingUsers) != 0 {
		t.Errorf("the request pings %v", req.PingUsers)
	}
	mustContain(t, text(h.dmClick(bob, "prjno:"+h.lastOfferID(bob.ID))), "let them know kindly")
	var told Message
	for _, it := range h.outbox(OutDM) {
		if it.Target == alice.ID {
			json.Unmarshal(it.Payload, &told)
		}
	}
	mustContain(t, told.Content, "doesn't need help on that side right now")
	if strings.Contains(told.Content, "Bob") || strings.Contains(told.Content, bob.ID) || len(told.PingUsers) != 0 {
		t.Errorf("the decline names or pings the holder: %+v", told)
	}
	mustContain(t, text(h.dmClick(bob, "prjok:"+h.lastOfferID(bob.ID))), "already answered")
	h.clock.Set(h.clock.Now().Add(29 * 24 * time.Hour))
	mustContain(t, text(h.click(alice, "prjhelp:"+p)), "isn't available right now")
	h.clock.Set(h.clock.Now().Add(2 * 24 * time.Hour))
	mustContain(t, text(h.click(alice, "prjhelp:"+p)), "Offer sent")
}

// An event created or edited with a project option belongs to it; the
// project page lists it.
func TestProjectEvents(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.newProject(bob, "Four solaire", "", "")
	mustContain(t, text(h.newEvent(map[string]string{"title": "Hackathon four", "start": "2026-04-18 10:00", "duration": "6h"}, "project", "four")), "Hackathon four")
	h.newEvent(map[string]string{"title": "Atelier libre", "start": "2026-04-19 10:00", "duration": "2h"})
	mustContain(t, text(h.do(animUs, "c", "event create", "space", "ruche", "project", "inconnu")), "No project by that name for this event")
	res := h.do(alice, "c", "project show", "project", "four")
	mustContain(t, text(res), "The project's events: • **Hackathon four**", "[I can help]", "[Follow]")
	if strings.Contains(text(res), "Atelier libre") {
		t.Errorf("an event of no project is listed:\n%s", text(res))
	}
	// Edit links the other one.
	libre := h.events()[1]
	edit := h.do(animUs, "c", "event edit", "event", fmtInt(libre.ID), "project", "four")
	h.form(animUs, edit.Modal.CustomID, map[string]string{"title": "Atelier libre", "start": "2026-04-19 10:00", "duration": "2h"})
	mustContain(t, text(h.do(alice, "c", "project show", "project", "four")), "**Hackathon four**", "**Atelier libre**")
}

// The activity report's figures: projects by stage reached in the period,
// per space and per accompanying animator, and the notes dated in it.
func TestProjectReportCounts(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(coord, "c", "space edit", "space", "fab", "animator_role", "role-fab")
	h.clock.Set(at("2026-03-30 10:00")) // before the period
	h.newProject(bob, "Four solaire", "", "")
	h.do(animUs, "c", "project accompany", "project", "four")
	h.clock.Set(at("2026-04-02 10:00"))
	h.newProject(alice, "Vélo cargo", "", "")
	h.do(fabAnim, "c", "project note", "project", "cargo", "text", "Soudure du cadre", "date", "2026-04-02")
	h.do(animUs, "c", "project note", "project", "four", "text", "Séance découpe", "date", "2026-03-31") // day before the period
	h.do(animUs, "c", "project note", "project", "four", "text", "Prototype testé", "date", "2026-04-02")
	h.do(bob, "c", "project stage", "project", "four", "stage", "prototype")
	h.do(alice, "c", "project stage", "project", "cargo", "stage", "prototype")
	h.clock.Set(at("2026-04-20 10:00"))
	h.do(bob, "c", "project stage", "project", "four", "stage", "launched")
	h.clock.Set(at("2026-05-02 10:00")) // after the period
	h.do(bob, "c", "project stage", "project", "four", "stage", "finished")

	var c storage.ProjectCounts
	err := h.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		c, err = tx.ProjectReport(context.Background(), testGuild, at("2026-04-01 00:00"), at("2026-05-01 00:00"))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ruche, fab := mustSpace(h, "ruche").ID, mustSpace(h, "fab").ID
	// Both projects were created from La Ruche's channel (their home space).
	got := map[string]int{}
	for space, m := range c.BySpace {
		for stage, n := range m {
			got[fmtInt(space)+"/"+stage] = n
		}
	}
	want := map[string]int{fmtInt(ruche) + "/idea": 1, fmtInt(ruche) + "/prototype": 2, fmtInt(ruche) + "/launched": 1}
	if len(got) != len(want) {
		t.Errorf("by space %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("by space %s = %d, want %d (all %v)", k, got[k], n, got)
		}
	}
	if a := c.ByAnimator[animUs.ID]; len(a) != 2 || a["prototype"] != 1 || a["launched"] != 1 {
		t.Errorf("Nadia's projects by stage %v, want prototype 1, launched 1", a)
	}
	if a := c.ByAnimator[fabAnim.ID]; len(a) != 2 || a["idea"] != 1 || a["prototype"] != 1 {
		t.Errorf("Yanis's projects by stage %v, want idea 1, prototype 1", a)
	}
	if c.NotesByAnimator[animUs.ID] != 1 || c.NotesByAnimator[fabAnim.ID] != 1 || c.NotesBySpace[ruche] != 2 || c.NotesBySpace[fab] != 0 {
		t.Errorf("notes %v by animator, %v by space", c.NotesByAnimator, c.NotesBySpace)
	}
}

// A project seeks the skill exchange's skills: merging two spellings keeps
// what the project seeks, and the list filters by it.
func TestProjectSkillsFollowMerge(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(alice, "c", "skill offer", "skill", "Soudure")
	h.newProject(bob, "Four solaire", "", "soudure a l'arc")
	mustContain(t, text(h.do(alice, "c", "project list", "skill", "soudure a l'arc")), "Four solaire")
	mustContain(t, text(h.do(coord, "c", "skill merge", "from", "soudure a l'arc", "into", "soudure")), "merged")
	mustContain(t, text(h.do(alice, "c", "project list", "skill", "soudure")), "Four solaire", "seeks: Soudure")
	mustContain(t, text(h.do(alice, "c", "project list", "stage", "prototype")), "No project yet")
}

// "I can help" respects /settings introductions:false and is limited to
// five projects a day, as introduction requests are.
func TestProjectHelpLimits(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	for _, title := range []string{"Un", "Deux", "Trois", "Quatre", "Cinq", "Six"} {
		h.newProject(bob, "Projet "+title, "", "")
	}
	h.newProject(carol, "Projet Sept", "", "")
	h.do(carol, "c", "settings", "introductions", "false")
	mustContain(t, text(h.click(alice, "prjhelp:"+fmtInt(h.project("sept").ID))), "isn't taking requests")
	for _, title := range []string{"un", "deux", "trois", "quatre", "cinq"} {
		mustContain(t, text(h.click(alice, "prjhelp:"+fmtInt(h.project(title).ID))), "Offer sent")
	}
	mustContain(t, text(h.click(alice, "prjhelp:"+fmtInt(h.project("six").ID))), "5 times in 24 hours")
	h.clock.Set(h.clock.Now().Add(24 * time.Hour))
	mustContain(t, text(h.click(alice, "prjhelp:"+fmtInt(h.project("six").ID))), "Offer sent")
}
