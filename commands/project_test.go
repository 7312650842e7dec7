package commands

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

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
	mustContain(t, cards[0], "💡 Imprimante 3D en kit", "Stage: idea", "Held by: <@u-bob>", "Seeks: Financement participatif · Soudure", "0 members · 🤝 0 accompanying · 🔔 0 following")
	threads := h.payloads(OutThread)
	if want := "ref:" + strconv.FormatInt(p.PostSpace, 10) + "  thread=Imprimante 3D en kit"; len(threads) != 1 || threads[0] != want {
		t.Fatalf("threads %q, want %q", threads, want)
	}
}
