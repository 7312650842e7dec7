package storage

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestMigrationsApplyOnceAndReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Unix(1_776_000_000, 0)
	err = db.Write(ctx, func(tx *Tx) error {
		_, err := tx.AddSpace(ctx, Space{GuildID: "g", Name: "La Ruche", Key: "la ruche", Town: "Crest", Timezone: "Europe/Paris"}, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(ctx, path) // migrations already applied: nothing re-run, data kept
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var spaces []Space
	if err := db.Read(ctx, func(tx *Tx) error { spaces, err = tx.Spaces(ctx, "g"); return err }); err != nil || len(spaces) != 1 {
		t.Fatalf("spaces = %v, %v", spaces, err)
	}
	if res, err := db.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity: %q %v", res, err)
	}
}

// Many writers at once on a file database: none fails with "database is
// locked", and the one-open-check-in-per-member rule holds.
func TestConcurrentCheckins(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Unix(1_776_000_000, 0)
	var space Space
	err = db.Write(ctx, func(tx *Tx) error {
		space, err = tx.AddSpace(ctx, Space{GuildID: "g", Name: "S", Key: "s", Town: "T", Timezone: "UTC"}, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	const workers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, 2*workers*each)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				user := fmt.Sprintf("u%d", (w*each+i)%40) // members collide on purpose
				errs <- db.Write(ctx, func(tx *Tx) error {
					if _, err := tx.TouchMember(ctx, "g", user, user, "", now); err != nil {
						return err
					}
					if open, err := tx.OpenCheckin(ctx, "g", user); err == nil {
						if err := tx.CheckOut(ctx, open.ID, now, OutMoved); err != nil {
							return err
						}
					} else if !errors.Is(err, ErrNotFound) {
						return err
					}
					_, err := tx.CheckIn(ctx, Checkin{GuildID: "g", SpaceID: space.ID, UserID: user, At: now})
					return err
				})
				// Readers run beside the writer.
				errs <- db.Read(ctx, func(tx *Tx) error { _, err := tx.Present(ctx, space.ID); return err })
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := db.Read(ctx, func(tx *Tx) error { n, err = tx.CountPresent(ctx, space.ID); return err }); err != nil || n != 40 {
		t.Fatalf("present = %d, %v; want 40 (one open check-in per member)", n, err)
	}
}

func TestWriteRollsBackOnError(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	boom := errors.New("boom")
	err = db.Write(ctx, func(tx *Tx) error {
		if _, err := tx.AddSpace(ctx, Space{GuildID: "g", Name: "S", Key: "s", Town: "T"}, time.Now()); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	var spaces []Space
	db.Read(ctx, func(tx *Tx) error { spaces, err = tx.Spaces(ctx, "g"); return err })
	if len(spaces) != 0 {
		t.Fatal("a failed transaction left a space behind")
	}
}

func TestOutboxDedupAndInteractions(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Unix(1_776_000_000, 0)
	err = db.Write(ctx, func(tx *Tx) error {
		a, fresh1, err := tx.Enqueue(ctx, OutboxItem{GuildID: "g", Kind: "dm", Target: "u", Payload: []byte("{}"), DedupKey: "remind:1:u"}, now)
		if err != nil {
			return err
		}
		b, fresh2, err := tx.Enqueue(ctx, OutboxItem{GuildID: "g", Kind: "dm", Target: "u", Payload: []byte("{}"), DedupKey: "remind:1:u"}, now)
		if err != nil {
			return err
		}
		if a != b || !fresh1 || fresh2 {
			t.Errorf("dedup: %d %v, %d %v", a, fresh1, b, fresh2)
		}
		ok1, _ := tx.MarkInteraction(ctx, "i1", now)
		ok2, _ := tx.MarkInteraction(ctx, "i1", now)
		if !ok1 || ok2 {
			t.Errorf("interaction marks: %v %v", ok1, ok2)
		}
		n, err := tx.PruneInteractions(ctx, now.Add(time.Second))
		if n != 1 {
			t.Errorf("pruned %d", n)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
