package storage

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Nightly backups keep the newest copies only, each a sound database.
func TestBackupRotating(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := Open(ctx, filepath.Join(dir, "live.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	backups := filepath.Join(dir, "backups")
	day := time.Date(2026, 11, 1, 2, 30, 0, 0, time.UTC)
	var last string
	for i := range 5 {
		if last, err = db.BackupRotating(ctx, backups, 3, day.AddDate(0, 0, i)); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := filepath.Glob(filepath.Join(backups, "*"))
	want := []string{"tiersbot-20261103-023000.db", "tiersbot-20261104-023000.db", "tiersbot-20261105-023000.db"}
	if len(got) != len(want) {
		t.Fatalf("kept %v, want %v", got, want)
	}
	for i := range want {
		if filepath.Base(got[i]) != want[i] {
			t.Errorf("kept %s, want %s", got[i], want[i])
		}
	}
	if v, err := CheckBackup(ctx, last); err != nil || v < 6 {
		t.Errorf("CheckBackup: %d %v", v, err)
	}
	os.WriteFile(filepath.Join(dir, "junk.db"), []byte("SQLite format 3\x00 but not really"), 0o600)
	if _, err := CheckBackup(ctx, filepath.Join(dir, "junk.db")); err == nil {
		t.Error("junk passes CheckBackup")
	}
}
