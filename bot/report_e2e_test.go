package bot

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/bot/discordtest"
	"github.com/tierslieux/tiersbot/commands/pdffont/pdftext"
)

// The activity report end to end: an ephemeral reply
// with its files (PDF, workbook, one CSV per table: ten, Discord's most),
// which the strict fake accepts as Discord would.
func TestE2EReport(t *testing.T) {
	e := startBot(t, startFake(t), testDB(t))
	// Around this month, as the bot's clock is the real one: whatever the
	// zones, today's check-in falls inside.
	now := time.Now()
	from := time.Date(now.Year(), now.Month()-1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	to := time.Date(now.Year(), now.Month()+2, 0, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	g := e2eGuild
	e.send(discordtest.Command(g, "c", e2eCoord, "setup", discordtest.Str("network_name", "Réseau des tiers-lieux de la Drôme"),
		discordtest.Str("funding_mention", "Cofinancé par l'Union européenne")))
	e.send(discordtest.Command(g, "c", e2eCoord, "space", discordtest.Sub("add", discordtest.Str("name", "La Ruche"), discordtest.Str("town", "Crest"))))
	e.send(discordtest.Command(g, "c", e2eAlice, "checkin"))

	cb := e.send(discordtest.Command(g, "c", e2eCoord, "digest", discordtest.Sub("report", discordtest.Str("from", from), discordtest.Str("to", to))))
	if len(cb.Files) != 3 || !cb.Ephemeral() {
		t.Fatalf("report: %d files, ephemeral %v: %s", len(cb.Files), cb.Ephemeral(), cbText(cb))
	}
	kinds := map[string]int{}
	for _, f := range cb.Files {
		kinds[f.ContentType]++
	}
	if kinds["application/pdf"] != 1 || kinds["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] != 1 || kinds["application/zip"] != 1 {
		t.Errorf("report files %v", kinds)
	}
	pdf := cb.Files[0].Data
	if !bytes.HasPrefix(pdf, []byte("%PDF")) || !strings.Contains(pdftext.Text(pdf), "Réseau des tiers-lieux de la Drôme\nRapport d'activité") {
		t.Error("report PDF")
	}
	has(t, cbText(cb), "1 personne touchée (dont 0 hors Discord)")
	cb = e.send(discordtest.Command(g, "c", e2eAlice, "digest", discordtest.Sub("report", discordtest.Str("from", from), discordtest.Str("to", to))))
	has(t, cbText(cb), "Only the network's coordination")
}
