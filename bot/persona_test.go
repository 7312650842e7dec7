package bot

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

var update = flag.Bool("update", false, "rewrite the personas' golden transcripts")

// TestPersonaTranscripts replays each persona's fortnight (testdata/personas)
// in French and in English and compares what the bot answered with the
// reviewed transcript, line by line.
func TestPersonaTranscripts(t *testing.T) {
	start := time.Date(2026, 11, 16, 9, 0, 0, 0, parisOrUTC())
	for _, persona := range []string{"coordinator", "coworker", "animator"} {
		for _, lang := range []string{"fr", "en"} {
			t.Run(persona+"."+lang, func(t *testing.T) {
				db := testDB(t)
				if persona != "coordinator" {
					bg := readPersona(t, "background.txt")
					runPersona(t, db, lang, start, strings.ReplaceAll(bg, "{{lang}}", lang), false)
				}
				got := runPersona(t, db, lang, start, readPersona(t, persona+"."+lang+".txt"), true)
				golden := filepath.Join("testdata", "personas", persona+"."+lang+".golden")
				if *update {
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run with -update to write it, then review it)", err)
				}
				diffLines(t, string(want), got)
			})
		}
	}
}

func readPersona(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "personas", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// tempPaths are the console's attached-file folders, which change each run.
var tempPaths = regexp.MustCompile(`-> \S+`)

func runPersona(t *testing.T, db *storage.DB, lang string, start time.Time, script string, echo bool) string {
	t.Helper()
	var out bytes.Buffer
	err := Console(context.Background(), ConsoleConfig{DB: db, In: strings.NewReader(script), Out: &out, Lang: lang,
		Now: start, OutDir: t.TempDir(), Rand: newTestRand(), Echo: echo})
	if err != nil {
		t.Fatal(err)
	}
	return tempPaths.ReplaceAllString(out.String(), "-> FILE")
}

// diffLines reports the first lines that differ, with their numbers.
func diffLines(t *testing.T, want, got string) {
	t.Helper()
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			t.Errorf("line %d:\n  want %q\n  got  %q", i+1, wl, gl)
			shown++
		}
	}
}
