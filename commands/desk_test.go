package commands

import (
	"context"
	"testing"
)

// The front desk goes to the space's own channel, whatever channel the
// command is typed in, and is refused for a space without one.
func TestDeskOnlyInTheSpaceChannel(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	mustContain(t, text(h.do(coord, "c-admin", "space add", "name", "Atelier Mobile", "town", "Die", "animator_role", "role-ruche")), "added")

	// Typed in #rules, for a space with a channel: posted in the space's channel.
	res := h.do(animUs, "c-rules", "space desk", "space", "ruche")
	mustContain(t, text(res), "Front desk of **La Ruche** posted in <#c-ruche>")
	if items := h.due(); len(items) != 1 || items[0].Kind != OutChannel || items[0].Target != "c-ruche" {
		t.Fatalf("desk queued as %+v, want one post to c-ruche", items)
	}

	// A space without a channel: refused, nothing queued, says how to fix it.
	before := h.snapshot()
	res = h.do(animUs, "c-rules", "space desk", "space", "atelier mobile")
	mustContain(t, text(res), "⚠️ **Atelier Mobile** has no channel yet", "`/space edit space:… channel:#…`", "`/space desk`")
	r := h.req(animUs, "c-rules", "space desk", "space", "atelier mobile")
	r.Locale = "fr"
	mustContain(t, text(h.app.Handle(context.Background(), r)), "**Atelier Mobile** n'a pas encore de salon\u00a0:", "`/lieu modifier lieu:… salon:#…`", "`/lieu accueil`")
	if h.snapshot() != before {
		t.Error("a refused desk changed the database or queued a post")
	}
	for _, it := range h.due() {
		if it.Target == "c-rules" {
			t.Errorf("posted in the channel the command was typed in: %+v", it)
		}
	}
}
