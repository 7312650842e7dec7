package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Group commit. SQLite has one writer and, in WAL mode, a commit appends
// every page the transaction changed to the log: a check-in's commit wrote
// about eight pages, a third of its cost. Write requests that queue while a
// transaction runs are folded into the next one, each in its own savepoint
// so one caller's error or panic undoes only its own changes, and the shared
// commit writes each page once. No caller waits for others to arrive: a lone
// request runs at once in a transaction of its own, as before.

// maxBatch bounds how many callers share one commit (and wait for it).
const maxBatch = 64

var errClosed = errors.New("database closed")

type writeReq struct {
	ctx  context.Context
	fn   func(*Tx) error
	done chan writeResult
}

type writeResult struct {
	err      error
	panicked bool
	panicVal any
}

// startWriter starts the goroutine that owns write transactions.
func (db *DB) startWriter() {
	db.writes = make(chan *writeReq)
	db.stop = make(chan struct{})
	db.stopped = make(chan struct{})
	go func() {
		defer close(db.stopped)
		for {
			var first *writeReq
			select {
			case first = <-db.writes:
			case <-db.stop:
				return
			}
			batch := []*writeReq{first}
		more:
			for len(batch) < maxBatch {
				select {
				case r := <-db.writes:
					batch = append(batch, r)
				default:
					break more
				}
			}
			db.runBatch(batch)
		}
	}()
}

// stopWriter ends the writer goroutine once its current batch is done.
func (db *DB) stopWriter() {
	close(db.stop)
	<-db.stopped
}

// Write runs fn in a write transaction: committed if fn returns nil, rolled
// back otherwise, so nothing is ever half-written. fn may share its commit
// with other callers' (see above); it returns once that commit is durable.
func (db *DB) Write(ctx context.Context, fn func(*Tx) error) error {
	req := &writeReq{ctx: ctx, fn: fn, done: make(chan writeResult, 1)}
	select {
	case db.writes <- req:
	case <-ctx.Done():
		return fmt.Errorf("begin: %w", ctx.Err())
	case <-db.stop:
		return errClosed
	}
	res := <-req.done
	if res.panicked {
		panic(res.panicVal)
	}
	return res.err
}

// WriteStats reports how many write transactions committed and how many
// Write calls they carried (their ratio is the group-commit factor).
func (db *DB) WriteStats() (commits, writes int64) {
	return db.commits.Load(), db.committed.Load()
}

func (db *DB) runBatch(batch []*writeReq) {
	var live []*writeReq
	for _, r := range batch {
		if err := r.ctx.Err(); err != nil {
			r.done <- writeResult{err: fmt.Errorf("begin: %w", err)}
			continue
		}
		live = append(live, r)
	}
	switch len(live) {
	case 0:
		return
	case 1:
		res := runOne(live[0], db.write, db.writeStmts)
		if res.err == nil && !res.panicked {
			db.commits.Add(1)
			db.committed.Add(1)
		}
		live[0].done <- res
		return
	}
	results := make([]writeResult, len(live))
	err := db.shared(live, results)
	for i, r := range live {
		if err != nil && results[i].err == nil && !results[i].panicked {
			results[i].err = err
		}
		r.done <- results[i]
	}
}

// runOne runs a lone request in its own transaction, with its own context.
func runOne(r *writeReq, pool *sql.DB, stmts *stmtCache) (res writeResult) {
	defer func() {
		if p := recover(); p != nil {
			res = writeResult{panicked: true, panicVal: p}
		}
	}()
	return writeResult{err: runTx(r.ctx, pool, stmts, r.fn, nil)}
}

// shared runs several requests in one transaction, one savepoint each, and
// commits; results gets each request's own outcome, the returned error is
// the batch's (then nothing was committed).
func (db *DB) shared(live []*writeReq, results []writeResult) error {
	// The transaction belongs to no caller: one caller giving up must not
	// roll back the others' work. For the same reason each fn runs without
	// cancellation (SQLite answers an interrupted write by rolling back the
	// whole transaction).
	ctx := context.Background()
	defer db.writeStmts.prepareWanted(ctx)
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	for i, r := range live {
		if _, err := tx.ExecContext(ctx, `SAVEPOINT w`); err != nil {
			tx.Rollback()
			return fmt.Errorf("savepoint: %w", err)
		}
		results[i] = runSaved(context.WithoutCancel(r.ctx), tx, db.writeStmts, r.fn)
		end := `RELEASE w`
		if results[i].err != nil || results[i].panicked {
			end = `ROLLBACK TO w; RELEASE w`
		}
		// This also fails if SQLite rolled the whole transaction back
		// (disk full, I/O error): then everyone's work is gone, and says so.
		if _, err := tx.ExecContext(ctx, end); err != nil {
			tx.Rollback()
			return fmt.Errorf("savepoint: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	db.commits.Add(1)
	for _, r := range results {
		if r.err == nil && !r.panicked {
			db.committed.Add(1)
		}
	}
	return nil
}

func runSaved(ctx context.Context, tx *sql.Tx, stmts *stmtCache, fn func(*Tx) error) (res writeResult) {
	defer func() {
		if p := recover(); p != nil {
			res = writeResult{panicked: true, panicVal: p}
		}
	}()
	return writeResult{err: fn(&Tx{tx: tx, stmts: stmts})}
}
