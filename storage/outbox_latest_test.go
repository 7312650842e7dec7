package storage

import (
	"context"
	"strconv"
	"testing"
	"time"
)

// EnqueueLatest keeps one pending item per key, with the latest payload, at
// the end of its target's queue; a delivery in flight cannot swallow it.
func TestEnqueueLatestReplacesThePendingItem(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Unix(1_776_000_000, 0)
	write := func(fn func(tx *Tx) error) {
		t.Helper()
		if err := db.Write(ctx, fn); err != nil {
			t.Fatal(err)
		}
	}
	latest := func(payload string) (id int64) {
		t.Helper()
		write(func(tx *Tx) (err error) {
			id, err = tx.EnqueueLatest(ctx, OutboxItem{GuildID: "g", Kind: "edit", Target: "ref:1", Payload: []byte(payload), DedupKey: "announce-edit:ref:1"}, now)
			return err
		})
		return id
	}
	pending := func() (out []string) {
		t.Helper()
		write(func(tx *Tx) error {
			items, err := tx.PendingOutbox(ctx, 100)
			for _, it := range items {
				out = append(out, it.Target+" "+string(it.Payload))
			}
			return err
		})
		return out
	}
	due := func() (out []OutboxItem) {
		t.Helper()
		write(func(tx *Tx) (err error) { out, err = tx.DueOutbox(ctx, now, 100); return err })
		return out
	}
	same := func(got []string, want ...string) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("pending %q, want %q", got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("pending %q, want %q", got, want)
			}
		}
	}

	for i := 1; i <= 100; i++ {
		latest(`{"going":` + strconv.Itoa(i) + `}`)
	}
	same(pending(), `ref:1 {"going":100}`)

	// Another item to the same target, then a newer state: the state goes
	// after it, so it is what the message shows in the end.
	write(func(tx *Tx) error {
		_, _, err := tx.Enqueue(ctx, OutboxItem{GuildID: "g", Kind: "edit", Target: "ref:1", Payload: []byte(`{"other":1}`)}, now)
		return err
	})
	latest(`{"going":101}`)
	same(pending(), `ref:1 {"other":1}`, `ref:1 {"going":101}`)

	// A delivery in flight of the state queued before: recording it sent must
	// leave the newer state pending.
	first := due()[0] // {"other":1}
	write(func(tx *Tx) error { return tx.MarkSent(ctx, first.ID, "c/m", now) })
	inFlight := due()[0]
	latest(`{"going":102}`)
	write(func(tx *Tx) error { return tx.MarkSent(ctx, inFlight.ID, "c/m", now) })
	same(pending(), `ref:1 {"going":102}`)

	// Once delivered, a new state is queued again, not deduplicated away.
	sent := due()[0]
	write(func(tx *Tx) error { return tx.MarkSent(ctx, sent.ID, "c/m", now) })
	same(pending())
	latest(`{"going":103}`)
	same(pending(), `ref:1 {"going":103}`)

	// A backoff carries over to the replacement.
	later := now.Add(time.Minute)
	retried := due()[0]
	write(func(tx *Tx) error { return tx.MarkRetry(ctx, retried.ID, "429", later) })
	latest(`{"going":104}`)
	if got := due(); len(got) != 0 {
		t.Fatalf("the replacement skipped the backoff: %+v", got)
	}
	write(func(tx *Tx) error {
		items, err := tx.PendingOutbox(ctx, 10)
		if err == nil && (len(items) != 1 || !items[0].NextAttemptAt.Equal(later) || items[0].Attempts != 1) {
			t.Errorf("replacement %+v, want next attempt %v after 1 attempt", items, later)
		}
		return err
	})
}
