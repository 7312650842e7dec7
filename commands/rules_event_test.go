package commands

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tierslieux/tiersbot/storage"
)

// Members whose ids sort against their arrival order, so a list ordered by
// id (or by nothing) cannot pass for one ordered by arrival.
var (
	zoeW   = User{ID: "u-zoeW", Name: "Zoé"}
	yann   = User{ID: "u-yann", Name: "Yann"}
	xavier = User{ID: "u-xavier", Name: "Xavier"}
)

// statuses reads an event's answers as "user:status" in the storage order.
func (h *harness) statuses(eventID int64) []string {
	h.t.Helper()
	var out []string
	err := h.db.Read(context.Background(), func(tx *storage.Tx) error {
		list, err := tx.RSVPs(context.Background(), eventID)
		for _, r := range list {
			out = append(out, r.UserID+":"+r.Status)
		}
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return out
}

// promotedDMs lists, in outbox order, who was told a seat freed up.
func (h *harness) promotedDMs() []string {
	var out []string
	for _, it := range h.outbox(OutDM) {
		if strings.Contains(string(it.Payload), "freed up") || strings.Contains(string(it.Payload), "place s'est libérée") {
			out = append(out, it.Target)
		}
	}
	return out
}

// oneSeat creates an event with one seat; alice takes it. Every click below
// happens within the same second (the test clock does not move).
func oneSeat(t *testing.T) (*harness, string) {
	h := newHarness(t)
	h.setupNetwork()
	f := workshop("demain 18h")
	f["capacity"] = "1"
	h.newEvent(f)
	id := fmtInt(h.events()[0].ID)
	mustContain(t, text(h.click(alice, "rsvp:"+id+":y")), "you're going")
	return h, id
}

func TestWaitlistPositionsByArrivalWithinOneSecond(t *testing.T) {
	h, id := oneSeat(t)
	for i, u := range []User{zoeW, yann, xavier} {
		mustContain(t, text(h.click(u, "rsvp:"+id+":y")), fmt.Sprintf("waitlist (#%d)", i+1))
	}
	// A second click keeps the place; it does not go to the back.
	mustContain(t, text(h.click(zoeW, "rsvp:"+id+":y")), "waitlist (#1)")
	want := "u-alice:going u-zoeW:waitlist u-yann:waitlist u-xavier:waitlist"
	if got := strings.Join(h.statuses(h.events()[0].ID), " "); got != want {
		t.Errorf("order\n got %s\nwant %s", got, want)
	}
}

func TestWaitlistPromotesTheFirstToArrive(t *testing.T) {
	h, id := oneSeat(t)
	for _, u := range []User{zoeW, yann, xavier} {
		h.click(u, "rsvp:"+id+":y")
	}
	h.click(alice, "rsvp:"+id+":n")
	if got := strings.Join(h.promotedDMs(), " "); got != "u-zoeW" {
		t.Fatalf("alice withdrew: promoted %q, want u-zoeW", got)
	}
	// Yann is now first; the one promoted withdrawing frees the seat for him.
	mustContain(t, text(h.click(xavier, "rsvp:"+id+":y")), "waitlist (#2)")
	h.click(zoeW, "rsvp:"+id+":m")
	if got := strings.Join(h.promotedDMs(), " "); got != "u-zoeW u-yann" {
		t.Fatalf("zoé withdrew: promoted %q, want u-zoeW u-yann", got)
	}
	// Someone who was waiting and leaves frees no seat: nobody moves up.
	h.click(xavier, "rsvp:"+id+":n")
	if got := len(h.promotedDMs()); got != 2 {
		t.Errorf("%d promotions after a waitlisted member left, want 2", got)
	}
	// Going again after withdrawing is a new arrival: to the back of the line.
	mustContain(t, text(h.click(zoeW, "rsvp:"+id+":y")), "waitlist (#1)")
	mustContain(t, text(h.click(alice, "rsvp:"+id+":y")), "waitlist (#2)")
}

func TestAddingSeatsPromotesAsManyInOrder(t *testing.T) {
	for _, c := range []struct {
		name, capacity string
		promoted       string
		left           string // who still waits, in order
	}{
		{"one more seat", "2", "u-zoeW", "u-yann u-xavier"},
		{"two more seats", "3", "u-zoeW u-yann", "u-xavier"},
		{"more seats than waiting", "9", "u-zoeW u-yann u-xavier", ""},
		{"no limit", "", "u-zoeW u-yann u-xavier", ""},
		{"same seats", "1", "", "u-zoeW u-yann u-xavier"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, id := oneSeat(t)
			for _, u := range []User{zoeW, yann, xavier} {
				h.click(u, "rsvp:"+id+":y")
			}
			res := h.do(animUs, "c", "event edit", "event", id)
			if res.Type != OpenModal {
				t.Fatalf("no modal: %s", text(res))
			}
			res = h.form(animUs, res.Modal.CustomID, map[string]string{"title": "Atelier", "description": "", "start": "2026-04-14 18:00", "duration": "2h", "capacity": c.capacity})
			mustContain(t, text(res), "is updated")
			if got := strings.Join(h.promotedDMs(), " "); got != c.promoted {
				t.Errorf("promoted %q, want %q", got, c.promoted)
			}
			var waiting []string
			for _, s := range h.statuses(h.events()[0].ID) {
				if u, ok := strings.CutSuffix(s, ":waitlist"); ok {
					waiting = append(waiting, u)
				}
			}
			if got := strings.Join(waiting, " "); got != c.left {
				t.Errorf("still waiting %q, want %q", got, c.left)
			}
		})
	}
}

func TestSeatCounting(t *testing.T) {
	h, id := oneSeat(t)
	// Maybe and no answers take no seat; the organiser's own going does.
	h.click(zoeW, "rsvp:"+id+":m")
	h.click(yann, "rsvp:"+id+":n")
	mustContain(t, text(h.click(xavier, "rsvp:"+id+":y")), "waitlist (#1)")
	// Changing one's mind from maybe to going is refused a seat when full.
	mustContain(t, text(h.click(zoeW, "rsvp:"+id+":y")), "waitlist (#2)")
	// The one going clicking "going" again keeps the seat (no waitlist).
	mustContain(t, text(h.click(alice, "rsvp:"+id+":y")), "you're going")
	want := "u-alice:going u-xavier:waitlist u-zoeW:waitlist u-yann:no"
	if got := strings.Join(h.statuses(h.events()[0].ID), " "); got != want {
		t.Errorf("order\n got %s\nwant %s", got, want)
	}
}
