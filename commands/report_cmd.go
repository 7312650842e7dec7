package commands

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/report"
	"github.com/tierslieux/tiersbot/commands/reportdoc"
	"github.com/tierslieux/tiersbot/storage"
)

// networkNameKey holds the network's name (set with /setup network_name),
// printed on the report and the sign-in sheets.
func networkNameKey(guildID string) string { return "network_name:" + guildID }

// maxNetworkName bounds the network's name (a report's first line).
const maxNetworkName = 100

func networkNameOpt() *discordgo.ApplicationCommandOption {
	return opt(discordgo.ApplicationCommandOptionString, "network_name", "nom_reseau", "The network's name on reports and sign-in sheets",
		"Nom du réseau sur les rapports et les feuilles d'émargement", false).length(0, maxNetworkName).o()
}

// setNetworkName saves /setup network_name, if given; true if it changed.
func setNetworkName(ctx context.Context, tx *storage.Tx, r *Request, guildID string) (bool, error) {
	if !r.Has("network_name") {
		return false, nil
	}
	name, n := CleanText(r.Opt("network_name"), false)
	if n > maxNetworkName {
		return false, userErr("setup.network_name_too_long", maxNetworkName)
	}
	before, err := tx.Get(ctx, networkNameKey(guildID))
	if err != nil || before == name {
		return false, err
	}
	return true, tx.Set(ctx, networkNameKey(guildID), name)
}

// maxReportDays bounds a report: three years, as the export.
const maxReportDays = 3*366 + 1

func reportSub() *discordgo.ApplicationCommandOption {
	return sub("report", "rapport", "Activity report for funders: PDF, spreadsheet, CSV", "Rapport d'activité pour les financeurs : PDF, tableur, CSV",
		opt(discordgo.ApplicationCommandOptionString, "from", "du", "First day, e.g. 2026-01-01", "Premier jour, ex. 01/01/2026", true).length(6, 10).o(),
		opt(discordgo.ApplicationCommandOptionString, "to", "au", "Last day, e.g. 2026-03-31", "Dernier jour, ex. 31/03/2026", true).length(6, 10).o())
}

// digestReport answers the coordinator, privately, with the activity report
// of a period as a PDF, an XLSX workbook and CSV files (one per table).
func (a *App) digestReport(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		g   storage.Guild
		rep report.Report
	)
	// Two readers of one snapshot: the report's people on one, the rest on
	// the other (a national year: half the time, on two cores).
	err := a.db.ReadPair(ctx, func(tx, people *storage.Tx) error {
		var err error
		if g, err = requireCoordinator(ctx, tx, r); err != nil {
			return err
		}
		loc := location(g.Timezone)
		f, err1 := parseUntil(r.Opt("from"), loc)
		to, err2 := parseUntil(r.Opt("to"), loc) // the whole last day counts
		if err1 != nil || err2 != nil {
			return userErr("report.bad_range", maxReportDays/366)
		}
		from := f.AddDate(0, 0, -1)
		if !to.After(from) || to.After(from.AddDate(0, 0, maxReportDays)) {
			return userErr("report.bad_range", maxReportDays/366)
		}
		name, err := tx.Get(ctx, networkNameKey(g.ID))
		if err != nil {
			return err
		}
		rep, err = report.ComputeOn(ctx, tx, people, report.Period{GuildID: g.ID, Network: name, Funding: g.FundingMention, From: from, To: to, Now: r.Now})
		return err
	})
	if err != nil {
		return nil, err
	}
	gl := Lang(g.Lang) // the documents go to funders: the network's language
	if rep.Network == "" {
		rep.Network = gl.T("report.network_unnamed")
	}
	files, err := reportFiles(rep, gl)
	if err != nil {
		return nil, err
	}
	pct := "—"
	if p, ok := rep.Total.Rate(); ok {
		pct = fmt.Sprintf("%d %%", p)
	}
	content := l.N("report.ready", rep.Total.Reached.People, l.Date(rep.From), l.Date(rep.To.AddDate(0, 0, -1)), rep.Total.Reached.NotOnDiscord, rep.Total.Held, pct, rep.Total.NotRecorded)
	return &Response{Ephemeral: true, Message: Message{Content: content, Files: files}}, nil
}

// reportWords gives the documents their words in lang.
func reportWords(gl Lang) reportdoc.Words {
	dec := "."
	if gl == FR {
		dec = ","
	}
	return reportdoc.Words{T: gl.T, N: gl.N, Date: gl.Date, Month: gl.Month, Decimal: dec, TypeName: func(t storage.EventType) string {
		if gl == FR {
			return t.NameFR
		}
		return t.NameEN
	}}
}

// reportFiles draws the PDF, the workbook and one CSV per table, the CSVs
// in one zip: a message holds at most 10 files and the tables grow.
func reportFiles(rep report.Report, gl Lang) ([]File, error) {
	w := reportWords(gl)
	base := "rapport-" + rep.From.Format("2006-01-02") + "-" + rep.To.AddDate(0, 0, -1).Format("2006-01-02")
	pdf, err := reportdoc.PDF(rep, w, true)
	if err != nil {
		return nil, err
	}
	xlsx, err := reportdoc.XLSX(rep, w)
	if err != nil {
		return nil, err
	}
	files := []File{
		{Name: base + ".pdf", ContentType: "application/pdf", Data: pdf},
		{Name: base + ".xlsx", ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Data: xlsx},
	}
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	for _, t := range reportdoc.Tables(rep, w) {
		var buf bytes.Buffer
		cw := csv.NewWriter(&buf)
		if gl == FR {
			buf.WriteString("\ufeff") // as the export: French Excel reads UTF-8 with a BOM, split on semicolons
			cw.Comma = ';'
		}
		rows := [][]string{t.Header}
		for _, cells := range append(t.Rows, t.Total) {
			if cells == nil {
				continue
			}
			row := make([]string, len(cells))
			for i, c := range cells {
				row[i] = w.Text(c)
			}
			rows = append(rows, row)
		}
		if err := writeCSV(cw, rows...); err != nil {
			return nil, fmt.Errorf("report csv %s: %w", t.Key, err)
		}
		f, err := zw.Create(base + "-" + t.Key + ".csv")
		if err != nil {
			return nil, fmt.Errorf("report csv %s: %w", t.Key, err)
		}
		if _, err := f.Write(buf.Bytes()); err != nil {
			return nil, fmt.Errorf("report csv %s: %w", t.Key, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("report csv zip: %w", err)
	}
	return append(files, File{Name: base + "-csv.zip", ContentType: "application/zip", Data: zipped.Bytes()}), nil
}
