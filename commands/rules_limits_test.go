package commands

import (
	"fmt"
	"testing"
	"time"
)

// An asker makes at most 5 introduction requests in any 24 hours (a sliding
// window, not a calendar day): the 6th is refused until the first is more
// than 24 h old (the window includes its first instant); refusals are not
// counted.
func TestIntroRequestsPer24Hours(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	var offerers []User
	for i := range 8 {
		u := User{ID: fmt.Sprintf("u-off%d", i), Name: fmt.Sprintf("Off%d", i)}
		h.do(u, "c", "skill offer", "skill", "Couture")
		offerers = append(offerers, u)
	}
	couture := h.skillID("couture")
	day0 := at("2026-04-14 09:00")
	for _, c := range []struct {
		after   time.Duration
		to      int
		refused bool
	}{
		{0, 0, false},
		{time.Hour, 1, false},
		{2 * time.Hour, 2, false},
		{3 * time.Hour, 3, false},
		{20 * time.Hour, 4, false},             // the 5th
		{21 * time.Hour, 5, true},              // a 6th within 24 h
		{24*time.Hour - time.Second, 5, true},  // the first is not 24 h old yet
		{24 * time.Hour, 5, true},              // exactly 24 h: the window holds its start
		{24*time.Hour + time.Second, 5, false}, // past it: one free
		{24*time.Hour + time.Minute, 6, true},  // five in the last 24 h again
		{25*time.Hour + time.Second, 6, false}, // the second (1 h) has aged out
		{44 * time.Hour, 7, false},             // 2 h and 3 h gone too
	} {
		h.clock.Set(day0.Add(c.after))
		got := text(h.click(bob, fmt.Sprintf("intro:%d:%s", couture, offerers[c.to].ID)))
		want := "Request sent to " + offerers[c.to].Name
		if c.refused {
			want = "You made 5 requests in 24 hours"
		}
		mustContain(t, got, want)
	}
}
