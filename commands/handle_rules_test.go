package commands

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// Rules of the shared request path that the mutation run of access.go and
// app.go found untested (TESTING.md).

// A space typed by its town, when two spaces are in that town, is
// ambiguous: both are named, neither is picked.
func TestSpaceTypedByASharedTownIsAmbiguous(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	mustContain(t, text(h.do(coord, "c-admin", "space add", "name", "Le Bocal", "town", "Valence")), "added")
	res := h.do(alice, "c-general", "space info", "space", "valence")
	mustContain(t, text(res), "could mean several spaces", "Fab Lab", "Le Bocal")
}

// A member the network knows, who has never checked in, checking in from a
// channel of no space: with one space, that one; with two, asked which.
func TestKnownMemberWithoutLastSpace(t *testing.T) {
	h := newHarness(t)
	mustContain(t, text(h.do(coord, "c-admin", "space add", "name", "La Ruche", "town", "Crest", "channel", "c-ruche")), "added")
	mustContain(t, text(h.do(alice, "c-general", "skill offer", "skill", "Soudure")), "Soudure")
	mustContain(t, text(h.do(alice, "c-general", "checkin")), "Ruche**")
	mustContain(t, text(h.do(alice, "c-general", "checkout")), "Ruche")

	mustContain(t, text(h.do(coord, "c-admin", "space add", "name", "Fab Lab", "town", "Valence", "channel", "c-fab")), "added")
	mustContain(t, text(h.do(bob, "c-general", "skill offer", "skill", "Soudure")), "Soudure")
	res := h.do(bob, "c-general", "checkin")
	mustContain(t, text(res), "Which space?", "La Ruche", "Fab Lab")
}

// Every reply goes through the message budget, whichever handler made it:
// a reply over Discord's 2,000 characters is cut visibly, not refused.
func TestHandleFitsEveryReply(t *testing.T) {
	h := newHarness(t)
	long := strings.Repeat("Une très longue ligne de réponse. ", 100) // 3,400 characters
	for i, typ := range []ResponseType{Reply, Update} {
		path := "test long" + string(rune('a'+i))
		h.app.command(path, Anyone, func(ctx context.Context, r *Request) (*Response, error) {
			res := ephemeral(long)
			res.Type = typ
			return res, nil
		})
		res := h.do(alice, "c-general", path)
		if n := utf8.RuneCountInString(res.Message.Content); n > 2000 || n < 1000 {
			t.Errorf("type %v: %d characters sent, want the budget's cut (1,000 to 2,000)", typ, n)
		}
	}
}
