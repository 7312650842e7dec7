package storage

import (
	"context"
	"testing"
	"time"
)

// TestEnqueueNeverToStandIn: the one guard on everything the bot sends on its
// own: a DM to a forgotten member's or an anonymized record's stand-in, or to
// nobody, is not queued; a real member's is, and posts to channels are untouched.
func TestEnqueueNeverToStandIn(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Unix(1_776_000_000, 0)
	var pending []OutboxItem
	err = db.Write(ctx, func(tx *Tx) error {
		for _, target := range []string{ForgottenPrefix + "0a1b2c", AnonPrefix + "3d4e5f", ""} {
			id, queued, err := tx.Enqueue(ctx, OutboxItem{GuildID: "g", Kind: "dm", Target: target, Payload: []byte(`{"content":"hi"}`)}, now)
			if err != nil || id != 0 || queued {
				t.Errorf("DM to %q: id %d, queued %v, %v", target, id, queued, err)
			}
		}
		if tx.Enqueued() {
			t.Error("a refused DM counts as queued: the worker would be woken for nothing")
		}
		for _, it := range []OutboxItem{{Kind: "dm", Target: "u-real"}, {Kind: "channel", Target: "c-ruche"}} {
			it.GuildID, it.Payload = "g", []byte(`{}`)
			if _, queued, err := tx.Enqueue(ctx, it, now); err != nil || !queued {
				t.Errorf("%s to %s not queued: %v", it.Kind, it.Target, err)
			}
		}
		pending, err = tx.PendingOutbox(ctx, 10)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 2 || pending[0].Target != "u-real" || pending[1].Target != "c-ruche" {
		t.Errorf("pending = %+v", pending)
	}
}
