package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// BackupRotating writes a consistent copy of the live database to
// dir/tiersbot-YYYYMMDD-HHMMSS.db and deletes all but the keep newest. The copy
// is written under a temporary name first, so a crash never leaves a partial
// file that looks like a backup.
func (db *DB) BackupRotating(ctx context.Context, dir string, keep int, now time.Time) (string, error) {
	if keep < 1 {
		keep = 1
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("backup dir: %w", err)
	}
	name := filepath.Join(dir, "tiersbot-"+now.UTC().Format("20060102-150405")+".db")
	tmp := name + ".part"
	os.Remove(tmp) // a leftover from a crash; VACUUM INTO refuses existing files
	if err := db.Backup(ctx, tmp); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, name); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	old, err := filepath.Glob(filepath.Join(dir, "tiersbot-*.db"))
	if err != nil {
		return name, err
	}
	sort.Strings(old) // the names sort by time
	for len(old) > keep {
		if err := os.Remove(old[0]); err != nil {
			return name, fmt.Errorf("backup: removing old copy: %w", err)
		}
		old = old[1:]
	}
	return name, nil
}

// CheckBackup opens a backup read-only and checks it is a sound tiersbot
// database this version can use; it returns its schema version.
func CheckBackup(ctx context.Context, path string) (int, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, fmt.Errorf("backup %s: %w", path, err)
	}
	d, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		return 0, fmt.Errorf("backup %s: %w", path, err)
	}
	defer d.Close()
	var verdict string
	if err := d.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&verdict); err != nil {
		return 0, fmt.Errorf("backup %s is not a readable database: %w", path, err)
	}
	if verdict != "ok" {
		return 0, fmt.Errorf("backup %s is damaged: %s", path, verdict)
	}
	var version int
	if err := d.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&version); err != nil {
		return 0, fmt.Errorf("backup %s is not a tiersbot database: %w", path, err)
	}
	latest, err := latestMigration()
	if err != nil {
		return 0, err
	}
	if version > latest {
		return version, fmt.Errorf("backup %s comes from a newer tiersbot (schema %d, this one knows %d): upgrade first", path, version, latest)
	}
	return version, nil
}

// Restore replaces the database at dbPath with the backup at from, after
// CheckBackup. The bot must be stopped. The replaced database (with its WAL)
// is kept beside it as dbPath.before-restore, so a restore can be undone.
func Restore(ctx context.Context, from, dbPath string) error {
	if _, err := CheckBackup(ctx, from); err != nil {
		return err
	}
	tmp := dbPath + ".restoring"
	if err := copyFile(from, tmp); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	keep := dbPath + ".before-restore"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if _, err := os.Stat(dbPath + suffix); err == nil {
			if err := os.Rename(dbPath+suffix, keep+suffix); err != nil {
				return fmt.Errorf("restore: setting the current database aside: %w", err)
			}
		} else if !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("restore: %w", err)
		}
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func latestMigration() (int, error) {
	names, err := migrationNames()
	if err != nil || len(names) == 0 {
		return 0, err
	}
	return names[len(names)-1].version, nil
}

type migration struct {
	version int
	name    string
}

// migrationNames lists the embedded migrations by version.
func migrationNames() ([]migration, error) {
	var out []migration
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		var v int
		if _, err := fmt.Sscanf(strings.SplitN(e.Name(), "_", 2)[0], "%d", &v); err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", e.Name())
		}
		out = append(out, migration{v, "migrations/" + e.Name()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}
