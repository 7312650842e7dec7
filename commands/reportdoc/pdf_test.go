package reportdoc

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/pdffont/pdftext"
	"github.com/tierslieux/tiersbot/commands/report"
	"github.com/tierslieux/tiersbot/storage"
)

func testWords() Words {
	return Words{
		// Headers no wider than real ones: "report.h_not_on_discord" -> "ord".
		T:    func(key string, args ...any) string { return key[len(key)-3:] + fmt.Sprint(args...) },
		N:    func(key string, n int, args ...any) string { return fmt.Sprintf("%s %d", key, n) },
		Date: func(t time.Time) string { return t.Format("2006-01-02") }, Month: func(t time.Time) string { return t.Format("2006-01") },
		Decimal: ",", TypeName: func(t storage.EventType) string { return t.Key },
	}
}

func TestPrintedRows(t *testing.T) {
	rows := func(n int) [][]Cell { return make([][]Cell, n) }
	for _, c := range []struct{ rows, printed, more int }{
		{0, 0, 0}, {1, 1, 0}, {120, 120, 0}, {121, 120, 1}, {3500, 120, 3380},
	} {
		got, more := printedRows(rows(c.rows))
		if len(got) != c.printed || more != c.more {
			t.Errorf("%d rows: %d printed, %d more; want %d and %d", c.rows, len(got), more, c.printed, c.more)
		}
	}
}

// A national network's report stays a document one can read: its 3,500
// spaces and 20,000 events do not each take a line.
func TestPDFOfANationalNetworkStaysShort(t *testing.T) {
	from := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	r := report.Report{Network: "Réseau national", From: from, To: from.AddDate(1, 0, 0), Made: from.AddDate(1, 0, 0)}
	for i := range 3500 {
		r.Spaces = append(r.Spaces, report.SpaceRow{Name: fmt.Sprintf("Lieu %d", i), Town: "Crest", Visits: report.Visits{Checkins: i}})
	}
	for i := range 20000 {
		r.Events = append(r.Events, report.EventRow{Start: from.Add(time.Duration(i) * time.Hour), Title: fmt.Sprintf("Atelier %d", i), Space: "Lieu 1"})
	}
	for m := range 12 {
		r.Months = append(r.Months, report.MonthRow{Month: from.AddDate(0, m, 0)})
	}
	pdf, err := PDF(r, testWords(), true)
	if err != nil {
		t.Fatal(err)
	}
	// Two tables of 120 rows at about 35 a page, and the first pages.
	if pages := bytes.Count(pdf, []byte("/Type /Page\n")); pages < 6 || pages > 16 {
		t.Errorf("%d pages, want 6 to 16", pages)
	}
	// The tables keep their first rows and say how many more there are.
	text := pdftext.Text(pdf)
	for _, want := range []string{"Lieu 119\n", "report.more_rows 3380\n", "Atelier 119\n", "report.more_rows 19880\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not show %q", want)
		}
	}
	for _, gone := range []string{"Lieu 120\n", "Atelier 120\n"} {
		if strings.Contains(text, gone) {
			t.Errorf("the PDF shows %q, past the rows it prints", gone)
		}
	}
}
