// Package sheet renders the printable sign-in sheet (feuille d'émargement)
// that public funders ask for: one row per registered participant and blank
// rows for walk-ins, on A4.
package sheet

import (
	"bytes"
	"fmt"

	"codeberg.org/go-pdf/fpdf"
)

// Sheet is what the page shows.
type Sheet struct {
	Title, Date, Place, Organizer, Funding string
	Participants                           []Participant
	Labels                                 Labels
}

// Participant is one registered person.
type Participant struct{ Name, Space string }

// Labels are the sheet's words, in the network's language.
type Labels struct {
	Heading, Date, Place, Organizer, Name, Space, Signature, Page, Registered string
}

// Rows per page and blank rows for walk-ins.
const (
	RowsPerPage = 22
	blankRows   = 10
	rowHeight   = 9.5 // mm: room to sign
)

// Render makes the PDF. compress=false keeps text streams readable (tests).
func Render(s Sheet, compress bool) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(compress)
	pdf.SetMargins(15, 15, 15)
	pdf.SetAutoPageBreak(false, 15)
	pdf.SetTitle(s.Labels.Heading+" — "+s.Title, true)
	tr := pdf.UnicodeTranslatorFromDescriptor("") // cp1252: French accents with the core fonts
	rows := len(s.Participants) + blankRows
	pages := (rows + RowsPerPage - 1) / RowsPerPage
	widths := []float64{10, 70, 45, 55}
	for p := 0; p < pages; p++ {
		pdf.AddPage()
		pdf.SetFont("Helvetica", "B", 16)
		pdf.CellFormat(0, 8, tr(s.Labels.Heading), "", 1, "C", false, 0, "")
		pdf.SetFont("Helvetica", "B", 13)
		pdf.MultiCell(0, 6.5, tr(s.Title), "", "C", false)
		pdf.Ln(2)
		pdf.SetFont("Helvetica", "", 10.5)
		for _, kv := range [][2]string{{s.Labels.Date, s.Date}, {s.Labels.Place, s.Place}, {s.Labels.Organizer, s.Organizer}} {
			pdf.SetFont("Helvetica", "B", 10.5)
			pdf.CellFormat(28, 6, tr(kv[0]), "", 0, "L", false, 0, "")
			pdf.SetFont("Helvetica", "", 10.5)
			pdf.CellFormat(0, 6, tr(kv[1]), "", 1, "L", false, 0, "")
		}
		pdf.Ln(3)
		pdf.SetFont("Helvetica", "B", 10.5)
		pdf.SetFillColor(230, 230, 230)
		for i, h := range []string{"#", s.Labels.Name, s.Labels.Space, s.Labels.Signature} {
			pdf.CellFormat(widths[i], 8, tr(h), "1", 0, "C", true, 0, "")
		}
		pdf.Ln(-1)
		pdf.SetFont("Helvetica", "", 10.5)
		for r := p * RowsPerPage; r < min(rows, (p+1)*RowsPerPage); r++ {
			name, space := "", ""
			if r < len(s.Participants) {
				name, space = s.Participants[r].Name, s.Participants[r].Space
			}
			pdf.CellFormat(widths[0], rowHeight, fmt.Sprint(r+1), "1", 0, "C", false, 0, "")
			pdf.CellFormat(widths[1], rowHeight, fit(pdf, tr(name), widths[1]-2), "1", 0, "L", false, 0, "")
			pdf.CellFormat(widths[2], rowHeight, fit(pdf, tr(space), widths[2]-2), "1", 0, "L", false, 0, "")
			pdf.CellFormat(widths[3], rowHeight, "", "1", 1, "L", false, 0, "")
		}
		pdf.SetY(-22)
		pdf.SetFont("Helvetica", "I", 8.5)
		if s.Funding != "" {
			pdf.MultiCell(0, 4.5, tr(s.Funding), "", "C", false)
		}
		pdf.CellFormat(0, 5, tr(fmt.Sprintf("%s %d / %d · %s: %d", s.Labels.Page, p+1, pages, s.Labels.Registered, len(s.Participants))), "", 0, "C", false, 0, "")
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render sheet: %w", err)
	}
	return buf.Bytes(), nil
}

// fit shortens already-encoded (cp1252, one byte a character) text to a
// cell's width: names are short in practice, this only guards extremes.
func fit(pdf *fpdf.Fpdf, s string, width float64) string {
	for pdf.GetStringWidth(s) > width && len(s) > 1 {
		s = s[:len(s)-1]
	}
	return s
}
