package storage

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

// Several callers folded into one transaction: each one's error or panic
// undoes only its own changes and reaches only that caller; a caller that
// gave up before its turn runs nothing; the rest commit together.
func TestGroupCommitIsolatesEachCaller(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	put := func(key string) func(*Tx) error {
		return func(tx *Tx) error { return tx.Set(ctx, key, "v") }
	}
	boom := errors.New("boom")
	gone, cancel := context.WithCancel(ctx)
	cancel()
	reqs := []*writeReq{
		{ctx: ctx, fn: put("a")},
		{ctx: ctx, fn: func(tx *Tx) error { put("b")(tx); return boom }},
		{ctx: ctx, fn: func(tx *Tx) error { put("c")(tx); panic("c fails") }},
		{ctx: gone, fn: put("e")},
		{ctx: ctx, fn: put("d")},
	}
	for _, r := range reqs {
		r.done = make(chan writeResult, 1)
	}
	commits, writes := db.WriteStats()
	db.runBatch(reqs) // the writer goroutine is idle: the connection is ours
	var got []writeResult
	for _, r := range reqs {
		got = append(got, <-r.done)
	}
	if got[0].err != nil || got[4].err != nil || got[0].panicked || got[4].panicked {
		t.Errorf("successful callers got %+v and %+v", got[0], got[4])
	}
	if !errors.Is(got[1].err, boom) || !got[2].panicked || got[2].panicVal != "c fails" || !errors.Is(got[3].err, context.Canceled) {
		t.Errorf("failing callers got %+v, %+v, %+v", got[1], got[2], got[3])
	}
	c2, w2 := db.WriteStats()
	if c2-commits != 1 || w2-writes != 2 {
		t.Errorf("%d commits carrying %d writes, want 1 carrying 2", c2-commits, w2-writes)
	}
	err = db.Read(ctx, func(tx *Tx) error {
		for key, want := range map[string]string{"a": "v", "b": "", "c": "", "d": "v", "e": ""} {
			if v, err := tx.Get(ctx, key); err != nil || v != want {
				t.Errorf("%s = %q (%v), want %q", key, v, err, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A panic through Write reaches its caller as a panic, and the writer
	// goes on serving.
	func() {
		defer func() {
			if p := recover(); p != "alone" {
				t.Errorf("recovered %v", p)
			}
		}()
		db.Write(ctx, func(tx *Tx) error { panic("alone") })
	}()
	if err := db.Write(ctx, put("f")); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := db.Write(ctx, put("g")); !errors.Is(err, errClosed) {
		t.Errorf("write after close: %v", err)
	}
}

// ReadPair's two transactions see one state of the database: a commit
// after the first has read is seen by neither, though the second reads
// after it.
func TestReadPairSeesOneSnapshot(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "pair.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	put := func(k string) {
		t.Helper()
		if err := db.Write(ctx, func(tx *Tx) error {
			_, err := tx.exec(ctx, `INSERT INTO kv(key, value) VALUES (?, '')`, k)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	count := func(tx *Tx) int {
		t.Helper()
		var n int
		if err := tx.queryRow(ctx, `SELECT count(*) FROM kv WHERE key LIKE 'pair-%'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	put("pair-1")
	err = db.ReadPair(ctx, func(a, b *Tx) error {
		first := count(a)
		put("pair-2")
		if second := count(b); first != 1 || second != 1 {
			t.Errorf("the pair read %d and %d rows, want 1 and 1 (the commit between them seen by neither)", first, second)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Read(ctx, func(tx *Tx) error {
		if n := count(tx); n != 2 {
			t.Errorf("after the pair: %d rows, want 2", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
