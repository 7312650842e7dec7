package bot

import (
	"bytes"
	"context"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/bot/discordtest"
)

// The digest end to end: posted with its chart as a multipart message, the
// preview and the funders' export as files.
func TestE2EDigest(t *testing.T) {
	fake := startFake(t)
	// A Wednesday, then the next Monday 08:00: the bot's clock is injected.
	paris := parisOrUTC()
	now := time.Date(2026, 4, 15, 10, 0, 0, 0, paris)
	monday := time.Date(2026, 4, 20, 8, 0, 0, 0, paris)
	clock := newFakeClock(now)
	e, app := startClockedBot(t, fake, testDB(t), clock)
	g := e2eGuild
	const digest = "610000000000000021"
	e.send(discordtest.Command(g, "c", e2eCoord, "setup", discordtest.Channel("digest_channel", digest)))
	e.send(discordtest.Command(g, "c", e2eCoord, "space", discordtest.Sub("add", discordtest.Str("name", "La Ruche"), discordtest.Str("town", "Crest"))))
	e.send(discordtest.Command(g, "c", e2eAlice, "checkin"))

	// Monday 08:00 Paris: the week just ended is posted with its chart.
	clock.Set(monday)
	if err := app.PostDueDigests(context.Background(), monday); err != nil {
		t.Fatal(err)
	}
	call, err := fake.WaitCall(ctxT(t), func(c discordtest.Call) bool {
		return c.Method == "POST" && c.Path == "/channels/"+digest+"/messages" && c.Status == 200
	})
	if err != nil {
		for _, c := range fake.Calls() {
			t.Logf("%s %s %d %.200s", c.Method, c.Path, c.Status, c.Body)
		}
		t.Fatal(err)
	}
	if len(call.Files) != 1 || call.Files[0].ContentType != "image/png" {
		t.Fatalf("digest files %+v", call.Files)
	}
	img, err := png.Decode(bytes.NewReader(call.Files[0].Data))
	if err != nil || img.Bounds().Dx() < 400 {
		t.Fatalf("chart: %v", err)
	}
	if !bytes.Contains(call.Body, []byte("Bilan de la semaine")) || !bytes.Contains(call.Body, []byte("attachment://"+call.Files[0].Name)) {
		t.Errorf("digest body %s", call.Body)
	}
	if err := app.PostDueDigests(context.Background(), monday.Add(10*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if n := len(fake.Messages(digest)); n != 1 {
		t.Errorf("%d digests, want 1", n)
	}

	// Preview (with the chart) and export, as files in the answer.
	cb := e.send(discordtest.Command(g, "c", e2eCoord, "digest", discordtest.Sub("preview", discordtest.Str("week", now.Format("2006-01-02")))))
	if len(cb.Files) != 1 || !cb.Ephemeral() {
		t.Errorf("preview files %d, ephemeral %v", len(cb.Files), cb.Ephemeral())
	}
	cb = e.send(discordtest.Command(g, "c", e2eCoord, "digest", discordtest.Sub("export",
		discordtest.Str("from", now.AddDate(0, -1, 0).Format("2006-01-02")), discordtest.Str("to", now.Format("2006-01-02")))))
	if len(cb.Files) != 1 || !strings.HasPrefix(string(cb.Files[0].Data), "\ufeffLieu;Ville;Mois") {
		t.Fatalf("export %+v", cb.Files)
	}
	cb = e.send(discordtest.Command(g, "c", e2eAlice, "digest", discordtest.Sub("preview")))
	has(t, cbText(cb), "Only the network's coordination")
}
