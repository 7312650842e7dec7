package commands

import (
	"encoding/json"
	"strings"
	"testing"
)

// 100 RSVP clicks by one member leave one pending edit per announcement
// copy, showing the final counts.
func TestRSVPClicksCoalesceIntoOneEditPerCopy(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(coord, "c-admin", "setup", "announce_channel", "c-events")
	h.newEvent(workshop("demain 18h"))
	id := fmtInt(h.events()[0].ID)
	for i := range 100 {
		v := "n"
		if i%2 == 1 { // the last click, the 100th, says going
			v = "y"
		}
		h.click(alice, "rsvp:"+id+":"+v)
	}
	perTarget := map[string]int{}
	for _, it := range h.outbox(OutEdit) {
		perTarget[it.Target]++
		var m Message
		json.Unmarshal(it.Payload, &m)
		if !strings.Contains(text(&Response{Message: m}), "1 inscrit·e ·") {
			t.Errorf("pending edit of %s does not show the final count: %s", it.Target, text(&Response{Message: m}))
		}
	}
	if len(perTarget) != 2 {
		t.Errorf("edits for %d copies, want 2: %v", len(perTarget), perTarget)
	}
	for target, n := range perTarget {
		if n != 1 {
			t.Errorf("%d pending edits of %s, want 1", n, target)
		}
	}
}
