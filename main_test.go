package main

import (
	"bytes"
	"context"
	"github.com/tierslieux/tiersbot/storage"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// The README's sample session prints exactly what the README says.
func TestReadmeSampleSession(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)<!-- sample-session -->\n```sh\n(go run \\. console [^\n]*) <<'EOF'\n(.*?)EOF\n```.*?```text\n(.*?)```\n<!-- /sample-session -->")
	m := re.FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no sample session block")
	}
	args := splitArgs(t, strings.TrimPrefix(string(m[1]), "go run . "))
	var out, errOut bytes.Buffer
	if err := run(context.Background(), args, env(nil), bytes.NewReader(m[2]), &out, &errOut); err != nil {
		t.Fatalf("run: %v\n%s", err, errOut.String())
	}
	if got, want := out.String(), string(m[3]); got != want {
		t.Errorf("the sample session prints something else than README.md says.\n--- got\n%s\n--- README\n%s", got, want)
	}
}

func splitArgs(t *testing.T, s string) []string {
	var args []string
	for _, m := range regexp.MustCompile(`"([^"]*)"|(\S+)`).FindAllStringSubmatch(s, -1) {
		if m[2] != "" {
			args = append(args, m[2])
		} else {
			args = append(args, m[1])
		}
	}
	return args
}

func TestNoTokenSaysWhatToDo(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), nil, env(map[string]string{"TIERSBOT_DB": filepath.Join(t.TempDir(), "x.db")}), nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN") || !strings.Contains(err.Error(), "tiersbot console") {
		t.Fatalf("err = %v", err)
	}
	if exitCode(err) == 0 {
		t.Error("must exit non-zero")
	}
}

func TestHelpListsConfiguration(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-h"}, env(nil), nil, &out, &errOut)
	if exitCode(err) != 0 {
		t.Fatalf("-h: %v", err)
	}
	for _, w := range []string{"DISCORD_TOKEN", "TIERSBOT_DB", "TIERSBOT_DEV_GUILD", "TIERSBOT_DISCORD_API", "TIERSBOT_LOG_LEVEL", "console", "-db"} {
		if !strings.Contains(errOut.String(), w) {
			t.Errorf("-h does not mention %s", w)
		}
	}
}

func TestConsoleBadFlagsAndBackup(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"console", "--lang", "de"}, env(nil), nil, &out, &errOut); err == nil {
		t.Error("--lang de accepted")
	}
	if err := run(context.Background(), []string{"console", "--now", "tomorrow"}, env(nil), nil, &out, &errOut); err == nil {
		t.Error("--now tomorrow accepted")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	in := strings.NewReader("/space add name:\"La Ruche\" town:Crest\n/checkin\n")
	if err := run(context.Background(), []string{"console", "--db", db}, env(nil), in, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "copy.db")
	if err := run(context.Background(), []string{"backup", "--db", db, backup}, env(nil), nil, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	// The copy is a working database with the same data.
	out.Reset()
	if err := run(context.Background(), []string{"console", "--db", backup, "--lang", "en"}, env(nil), strings.NewReader("/whoshere\n"), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Camille") {
		t.Errorf("backup lacks the check-in:\n%s", out.String())
	}
	if err := run(context.Background(), []string{"backup", "--db", db, backup}, env(nil), nil, &out, &errOut); err == nil {
		t.Error("backup over an existing file accepted")
	}

	// Restore: later changes go, the backup's data comes back, the replaced
	// database is kept aside; a file that is not a backup is refused.
	if err := run(context.Background(), []string{"console", "--db", db}, env(nil), strings.NewReader("/checkout\n/space add name:Later town:Die\n"), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database"), 0o600)
	if err := run(context.Background(), []string{"restore", "--db", db, junk}, env(nil), nil, &out, &errOut); err == nil {
		t.Error("restoring junk accepted")
	}
	out.Reset()
	if err := run(context.Background(), []string{"restore", "--db", db, backup}, env(nil), nil, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "restored") {
		t.Errorf("restore says: %s", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"console", "--db", db, "--lang", "en"}, env(nil), strings.NewReader("/whoshere\n/space list\n"), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Camille") || strings.Contains(out.String(), "Later") {
		t.Errorf("restored database is not the backup:\n%s", out.String())
	}
	if _, err := os.Stat(db + ".before-restore"); err != nil {
		t.Errorf("the replaced database was not kept: %v", err)
	}
}

// The database's memory sizes come from the environment, and a wrong one
// says what is expected before anything starts.
func TestDatabaseTuningFromEnvironment(t *testing.T) {
	got, err := dbTuning(env(map[string]string{"TIERSBOT_DB_CACHE_MB": "4", "TIERSBOT_DB_MMAP_MB": "0"}))
	if err != nil || got.CacheMB != 4 || got.MmapMB != 0 {
		t.Errorf("cache 4, mmap 0: got %+v, %v", got, err)
	}
	if got, err := dbTuning(env(nil)); err != nil || got != storage.DefaultTuning() {
		t.Errorf("unset: got %+v, %v; want the defaults", got, err)
	}
	for _, bad := range []map[string]string{{"TIERSBOT_DB_CACHE_MB": "0"}, {"TIERSBOT_DB_MMAP_MB": "-1"}, {"TIERSBOT_DB_CACHE_MB": "lots"}} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), nil, env(bad), nil, &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), "a number of megabytes") {
			t.Errorf("%v: got %v, want a message naming the expected value", bad, err)
		}
	}
}
