package bot

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestDemoScriptRunsClean: every line of the demo, in both languages, is
// accepted — no console failure, no refusal, no internal error — so the demo
// shows the bot working, not a typo in the script.
func TestDemoScriptRunsClean(t *testing.T) {
	end := time.Date(2026, 12, 2, 15, 0, 0, 0, parisOrUTC())
	start := DemoStart(end, parisOrUTC())
	if want := time.Date(2026, 11, 16, 8, 0, 0, 0, parisOrUTC()); !start.Equal(want) {
		t.Fatalf("demo starts %s, want Monday %s", start, want)
	}
	notice := regexp.MustCompile(`^\[console\] (You are now|You're now typing|Tu es maintenant|Tu écris maintenant|Tu tapes)`)
	for _, lang := range []string{"fr", "en"} {
		out := runConsole(t, lang, start.Format("2006-01-02 15:04"), strings.Join(DemoScript(start, end, lang, "Camille"), "\n"))
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "[console]") && !notice.MatchString(line) {
				t.Errorf("%s: console failure: %s", lang, line)
			}
			if strings.Contains(line, "⚠️") || strings.Contains(line, "😕") {
				t.Errorf("%s: refused or failed: %s", lang, line)
			}
		}
	}
}

// TestDemoNetwork: --demo on an empty database gives the network the script
// describes (figures written from demo.go's tables), then refuses to load
// twice.
func TestDemoNetwork(t *testing.T) {
	var out bytes.Buffer
	err := Console(context.Background(), ConsoleConfig{DB: testDB(t), Lang: "en", Demo: true, Out: &out, OutDir: t.TempDir(),
		Now: time.Date(2026, 12, 2, 15, 0, 0, 0, parisOrUTC()), Rand: newTestRand(), In: strings.NewReader(`
/space list
/event list
/event info event:"Initiation impression 3D"
/skill find skill:Soudure
:demo
`)})
	if err != nil {
		t.Fatal(err)
	}
	got := out.String()
	inOrder(t, got,
		"Sample network loaded: 10 spaces, 30 members, 9 events",
		"10 spaces in the network", "**La Fabrique** · Valence", "**Le Relais** · Rémuzat",
		// Announced on the last day, for the days to come.
		"**Matinée Place à l'Emploi** — Thursday 3 December 2026 09:00", "**Atelier découpe laser** — Tuesday 8 December 2026 14:00", "2 / 8",
		// Six seats, eight answers: two on the waitlist; five came.
		"Initiation impression 3D", "Wednesday 18 November 2026 14:00", "6 / 6", "6 going", "2 waitlisted",
		"2 people offer Soudure", "Bruno", "Victor",
		"only loads into an empty database",
	)
	if strings.Contains(got, "[clock]") {
		t.Errorf("the demo's own lines were printed:\n%s", got)
	}
}
