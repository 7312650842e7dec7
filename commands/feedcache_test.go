package commands

import (
	"context"
	"strings"
	"testing"
)

// TestCalendarFeedCache: a feed is rendered once and served from memory
// while nothing changes; an event edit, a cancellation, a space rename or a
// revocation shows at the very next request.
func TestCalendarFeedCache(t *testing.T) {
	h := newHarness(t)
	h.app.publicURL = "https://bot.example.org"
	h.clock.Set(at("2026-04-13 09:00"))
	h.setupNetwork()
	h.newEvent(map[string]string{"title": "Repair café", "start": "2026-04-18 14:00", "duration": "3h"})
	res := h.do(coord, "c", "calendar link", "space", "ruche")
	_, rest, _ := strings.Cut(res.Content, "/calendar/")
	token, _, _ := strings.Cut(rest, ".ics")
	ctx := context.Background()
	get := func() Feed {
		t.Helper()
		f, ok, err := h.app.CalendarFeed(ctx, token)
		if err != nil || !ok {
			t.Fatalf("feed: %v %v", ok, err)
		}
		return f
	}
	first := get()
	mustContain(t, string(first.Data), "SUMMARY:Repair café")
	if !strings.HasPrefix(first.ETag, `"`) || !strings.HasSuffix(first.ETag, `"`) || len(first.ETag) < 10 {
		t.Errorf("etag %q", first.ETag)
	}
	// Unchanged: the very same bytes (not rebuilt), the same tag.
	again := get()
	if &again.Data[0] != &first.Data[0] || again.ETag != first.ETag {
		t.Error("an unchanged feed was rebuilt")
	}
	// Some minutes later, rebuilt (the window slides) but the same tag.
	h.clock.Set(at("2026-04-13 09:06"))
	later := get()
	if &later.Data[0] == &first.Data[0] || later.ETag != first.ETag {
		t.Errorf("after %s: rebuilt %v, tag %q vs %q", feedFreshFor, &later.Data[0] != &first.Data[0], later.ETag, first.ETag)
	}
	// An edit shows at once.
	id := fmtInt(h.events()[0].ID)
	res = h.do(animUs, "c", "event edit", "event", id)
	h.form(animUs, res.Modal.CustomID, map[string]string{"title": "Repair café XXL", "description": "", "start": "2026-04-18 14:00", "duration": "3h", "capacity": ""})
	edited := get()
	mustContain(t, string(edited.Data), "SUMMARY:Repair café XXL")
	if edited.ETag == first.ETag {
		t.Error("the tag did not change with the content")
	}
	// So does a cancellation, and a space's new name.
	h.do(animUs, "c", "event cancel", "event", id, "reason", "Salle prise")
	mustContain(t, string(get().Data), "STATUS:CANCELLED")
	h.do(coord, "c-admin", "space edit", "space", "ruche", "name", "La Grande Ruche")
	mustContain(t, string(get().Data), "La Grande Ruche")
	// Revoked: gone at once, and out of the cache.
	h.do(coord, "c", "calendar revoke", "space", "La Grande Ruche")
	if _, ok, _ := h.app.CalendarFeed(ctx, token); ok {
		t.Error("a revoked feed is still served")
	}
	h.app.feeds.mu.Lock()
	n, bytes := len(h.app.feeds.m), h.app.feeds.bytes
	h.app.feeds.mu.Unlock()
	if n != 0 || bytes != 0 {
		t.Errorf("cache after revocation: %d entries, %d bytes", n, bytes)
	}
}
