// Package storage keeps tiersbot's data in one SQLite file (modernc.org/sqlite,
// pure Go). Every row is scoped by guild so one bot can serve several networks.
// Times are stored as Unix seconds, UTC.
package storage

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"math"
	"net/url"
	"sync"
	"sync/atomic"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("not found")

// DB is the database: one writer connection (SQLite has one writer anyway, and
// a single connection avoids "database is locked" between our own writers)
// plus a pool of readers that WAL lets run beside it.
type DB struct {
	write *sql.DB
	read  *sql.DB
	// Prepared statements by query text, one cache per pool: parsing SQL
	// was a quarter of a check-in's cost.
	writeStmts, readStmts *stmtCache
	// The writer goroutine and its queue (groupcommit.go).
	writes        chan *writeReq
	stop, stopped chan struct{}
	closeOnce     sync.Once
	caches        *caches
	pairs         sync.Mutex   // one ReadPair at a time: each holds two readers
	commits       atomic.Int64 // write transactions committed
	committed     atomic.Int64 // Write calls they carried
}

var memSeq atomic.Int64

// Tuning sizes what the database keeps in memory (BENCHMARKS.md, "Memory",
// has the curve these defaults were chosen from).
type Tuning struct {
	// CacheMB is each connection's page cache (five connections).
	CacheMB int
	// MmapMB is how much of the file is read through a memory map instead of
	// read() calls; its pages are the kernel's file cache, shown as
	// file-backed resident memory, which the kernel takes back under
	// pressure.
	MmapMB int
}

// DefaultTuning is what Open uses: on the small profile (the Drôme's ten
// spaces) 46 MB resident against 73 MB with 16 MB caches and a 256 MB map,
// mixed p99 5.1 ms against 6.7 ms, check-ins 10 % slower (BENCHMARKS.md).
// A national network would set larger sizes; not measured yet.
func DefaultTuning() Tuning { return Tuning{CacheMB: 2, MmapMB: 0} }

// Open opens (creating if needed) the database at path and applies pending
// migrations. path ":memory:" gives a private in-memory database.
func Open(ctx context.Context, path string) (*DB, error) {
	return open(ctx, path, math.MaxInt, DefaultTuning())
}

// OpenTuned is Open with other memory sizes.
func OpenTuned(ctx context.Context, path string, t Tuning) (*DB, error) {
	return open(ctx, path, math.MaxInt, t)
}

// open applies the migrations up to version upTo (tests of a migration
// open a database as it was before it).
func open(ctx context.Context, path string, upTo int, t Tuning) (*DB, error) {
	var writeDSN, readDSN string
	if path == ":memory:" || path == "" {
		// A named shared-cache memory database so the reader pool sees the
		// writer's data; the name is unique per Open.
		name := fmt.Sprintf("file:tiersbot-mem-%d?mode=memory&cache=shared", memSeq.Add(1))
		writeDSN = name + "&_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_txlock=immediate"
		readDSN = ""
	} else {
		base := "file:" + (&url.URL{Path: path}).EscapedPath() +
			"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)" +
			// Pages read through a memory map and a page cache per connection,
			// not one read() system call per page (the digest reads a lot).
			fmt.Sprintf("&_pragma=mmap_size(%d)&_pragma=cache_size(%d)", int64(max(t.MmapMB, 0))<<20, -max(t.CacheMB, 1)*1000) +
			// Sorting and DISTINCT in memory, not in temporary files (the
			// digest's distinct people: 450 -> 300 ms at national scale).
			"&_pragma=temp_store(2)"
		// _txlock=immediate: a read-then-write transaction takes the write
		// lock at BEGIN instead of failing with SQLITE_BUSY halfway.
		writeDSN = base + "&_txlock=immediate"
		readDSN = base + "&_pragma=query_only(1)"
	}
	if err := registerDayFunc(); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w, err := sql.Open("sqlite", writeDSN)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	db := &DB{write: w, read: w, writeStmts: newStmtCache(w), caches: &caches{skills: newListCache[Skill](), spaces: newListCache[Space]()}}
	db.readStmts = db.writeStmts
	if readDSN != "" {
		r, err := sql.Open("sqlite", readDSN)
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("open %s for reading: %w", path, err)
		}
		r.SetMaxOpenConns(4)
		r.SetMaxIdleConns(4)
		db.read = r
		db.readStmts = newStmtCache(r)
	}
	db.startWriter()
	if err := db.migrate(ctx, upTo); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Close closes both pools.
func (db *DB) Close() error {
	db.closeOnce.Do(db.stopWriter)
	db.writeStmts.close()
	if db.readStmts != db.writeStmts {
		db.readStmts.close()
	}
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Tx is a transaction; all queries are methods on it so the same code serves
// reads and writes.
type Tx struct {
	tx       *sql.Tx
	stmts    *stmtCache
	enqueued bool // something was queued in the outbox
	// caches holds networks' skill and space lists; nil in write transactions.
	caches *caches
}

// Read runs fn in a read transaction on the reader pool (a consistent snapshot).
func (db *DB) Read(ctx context.Context, fn func(*Tx) error) error {
	return runTx(ctx, db.read, db.readStmts, fn, db.caches)
}

// ReadPair runs fn with two read transactions that see the same state of
// the database, so a long report can read on two connections, two cores,
// and still add up: both take their snapshot inside one write
// transaction, between which and its end no other commit can come. A
// database in memory has one connection: fn gets the same one twice.
func (db *DB) ReadPair(ctx context.Context, fn func(a, b *Tx) error) error {
	if db.read == db.write {
		return db.Read(ctx, func(tx *Tx) error { return fn(tx, tx) })
	}
	db.pairs.Lock() // two pairs each holding one reader and waiting for another could take all four
	defer db.pairs.Unlock()
	return db.Read(ctx, func(a *Tx) error {
		return db.Read(ctx, func(b *Tx) error {
			err := db.Write(ctx, func(*Tx) error {
				for _, t := range []*Tx{a, b} {
					var n int
					if err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&n); err != nil {
						return fmt.Errorf("snapshot: %w", err)
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			return fn(a, b)
		})
	})
}

// runTx runs fn in a transaction on pool d. c is the list caches, given to
// read transactions only: a write could fill them with a version its
// rollback then takes back.
func runTx(ctx context.Context, d *sql.DB, stmts *stmtCache, fn func(*Tx) error, c *caches) (err error) {
	tx, err := d.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	// Queries first seen in this transaction are prepared once it is over
	// (the writer's only connection is busy until then).
	defer stmts.prepareWanted(ctx)
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(&Tx{tx: tx, stmts: stmts, caches: c}); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Check reports whether the database answers and is writable (for health checks).
func (db *DB) Check(ctx context.Context) error {
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO kv(key, value) VALUES('health', '') ON CONFLICT(key) DO UPDATE SET value = ''`)
		return err
	})
}

// ReadCheck reports whether the reader pool answers with a read of the
// file (one tiny table): the health check's probe, cheap enough to run on
// every request and taking nothing from the single writer.
func (db *DB) ReadCheck(ctx context.Context) error {
	var v int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&v); err != nil {
		return fmt.Errorf("read check: %w", err)
	}
	return nil
}

// IntegrityCheck runs PRAGMA integrity_check and returns its verdict ("ok" when sound).
func (db *DB) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	err := db.write.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res)
	return res, err
}

// Backup writes a consistent copy of the live database to path.
func (db *DB) Backup(ctx context.Context, path string) error {
	if _, err := db.write.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

func (db *DB) migrate(ctx context.Context, upTo int) error {
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL DEFAULT (unixepoch()))`); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	migs, err := migrationNames()
	if err != nil {
		return err
	}
	for _, m := range migs {
		if m.version > upTo {
			break
		}
		body, err := migrationFiles.ReadFile(m.name)
		if err != nil {
			return err
		}
		// Each migration in its own transaction, recorded in the same one.
		err = db.Write(ctx, func(tx *Tx) error {
			var n int
			if err := tx.queryRow(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.exec(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.exec(ctx, `INSERT INTO schema_migrations(version) VALUES (?)`, m.version)
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// nullStr maps "" to NULL for optional text columns.
func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}
