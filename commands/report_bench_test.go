package commands

import (
	"context"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/report"
	"github.com/tierslieux/tiersbot/commands/reportdoc"
	"github.com/tierslieux/tiersbot/storage"
)

// The period activity report over the year up to benchNow's day: on a national
// year (TIERSBOT_BENCH_DB=/tmp/tiersbot-load-national.db) the target is
// under 10 s to compute and under 2 s for its PDF.
func benchReport(b *testing.B) report.Report {
	b.Helper()
	db, err := benchData()
	if err != nil {
		b.Fatal(err)
	}
	y, m, d := benchNow.Date()
	to := time.Date(y, m, d+1, 0, 0, 0, 0, paris) // the whole of benchNow's day
	var rep report.Report
	err = db.ReadPair(context.Background(), func(tx, people *storage.Tx) (err error) {
		rep, err = report.ComputeOn(context.Background(), tx, people, report.Period{GuildID: benchGuild, Network: "Réseau", From: to.AddDate(-1, 0, 0), To: to, Now: benchNow})
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return rep
}

// BenchmarkReportCompute: every figure of the year.
func BenchmarkReportCompute(b *testing.B) {
	rep := benchReport(b)
	if rep.Total.Checkins == 0 || rep.Total.Held == 0 || rep.Total.Reached.NotOnDiscord == 0 || len(rep.ProjectSpaces) == 0 {
		b.Fatalf("the benchmark year is missing something: %d check-ins, %d events held, %d people not on Discord, %d spaces with projects",
			rep.Total.Checkins, rep.Total.Held, rep.Total.Reached.NotOnDiscord, len(rep.ProjectSpaces))
	}
	b.ReportAllocs()
	for b.Loop() {
		benchReport(b)
	}
}

// BenchmarkReportPDF and BenchmarkReportXLSX: the documents of that year.
func BenchmarkReportPDF(b *testing.B) {
	rep, w := benchReport(b), reportWords(FR)
	b.ReportAllocs()
	for b.Loop() {
		pdf, err := reportdoc.PDF(rep, w, true)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(pdf))/1e6, "MB")
	}
}

func BenchmarkReportXLSX(b *testing.B) {
	rep, w := benchReport(b), reportWords(FR)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reportdoc.XLSX(rep, w); err != nil {
			b.Fatal(err)
		}
	}
}
