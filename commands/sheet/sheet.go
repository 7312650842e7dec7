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

// Layout, in mm. Rows per page follow from the header and footer heights
// (a two-line title, a long funding mention): never fewer than MinRowsPerPage.
const (
	MinRowsPerPage = 20
	blankRows      = 10
	rowHeight      = 9 // room to sign
	margin         = 15
	pageHeight     = 297
	titleLine      = 6.5
	fundingLine    = 4.5
	maxTitleLines  = 2
	maxFundLines   = 3
)

// Render makes the PDF. compress=false keeps text streams readable (tests).
func Render(s Sheet, compress bool) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(compress)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, margin)
	pdf.SetTitle(s.Labels.Heading+" — "+s.Title, true)
	tr := pdf.UnicodeTranslatorFromDescriptor("") // cp1252: French accents with the core fonts
	width, _ := pdf.GetPageSize()
	width -= 2 * margin

	// Measure what repeats on every page to know how many rows fit.
	pdf.SetFont("Helvetica", "B", 13)
	title := lines(pdf, tr(s.Title), width, maxTitleLines)
	pdf.SetFont("Helvetica", "I", 8.5)
	var funding [][]byte
	if s.Funding != "" {
		funding = pdf.SplitLines([]byte(tr(s.Funding)), width)
		if len(funding) > maxFundLines {
			funding = funding[:maxFundLines]
		}
	}
	tableTop := margin + 8 + float64(len(title))*titleLine + 2 + 3*6 + 3 + 8
	footerTop := pageHeight - margin + 3 - float64(len(funding))*fundingLine - 5
	perPage := max(MinRowsPerPage, int((footerTop-2-tableTop)/rowHeight))

	rows := len(s.Participants) + blankRows
	pages := (rows + perPage - 1) / perPage
	widths := []float64{10, 70, 45, width - 125}
	for p := 0; p < pages; p++ {
		pdf.AddPage()
		pdf.SetFont("Helvetica", "B", 16)
		pdf.CellFormat(0, 8, tr(s.Labels.Heading), "", 1, "C", false, 0, "")
		pdf.SetFont("Helvetica", "B", 13)
		for _, l := range title {
			pdf.CellFormat(0, titleLine, l, "", 1, "C", false, 0, "")
		}
		pdf.Ln(2)
		for _, kv := range [][2]string{{s.Labels.Date, s.Date}, {s.Labels.Place, s.Place}, {s.Labels.Organizer, s.Organizer}} {
			pdf.SetFont("Helvetica", "B", 10.5)
			pdf.CellFormat(28, 6, tr(kv[0]), "", 0, "L", false, 0, "")
			pdf.SetFont("Helvetica", "", 10.5)
			pdf.CellFormat(0, 6, fit(pdf, tr(kv[1]), width-28), "", 1, "L", false, 0, "")
		}
		pdf.Ln(3)
		pdf.SetFont("Helvetica", "B", 10.5)
		pdf.SetFillColor(230, 230, 230)
		for i, h := range []string{"#", s.Labels.Name, s.Labels.Space, s.Labels.Signature} {
			pdf.CellFormat(widths[i], 8, tr(h), "1", 0, "C", true, 0, "")
		}
		pdf.Ln(-1)
		pdf.SetFont("Helvetica", "", 10.5)
		for r := p * perPage; r < min(rows, (p+1)*perPage); r++ {
			name, space := "", ""
			if r < len(s.Participants) {
				name, space = s.Participants[r].Name, s.Participants[r].Space
			}
			pdf.CellFormat(widths[0], rowHeight, fmt.Sprint(r+1), "1", 0, "C", false, 0, "")
			pdf.CellFormat(widths[1], rowHeight, fit(pdf, tr(name), widths[1]-2), "1", 0, "L", false, 0, "")
			pdf.CellFormat(widths[2], rowHeight, fit(pdf, tr(space), widths[2]-2), "1", 0, "L", false, 0, "")
			pdf.CellFormat(widths[3], rowHeight, "", "1", 1, "L", false, 0, "")
		}
		pdf.SetY(footerTop)
		pdf.SetFont("Helvetica", "I", 8.5)
		for _, l := range funding {
			pdf.CellFormat(0, fundingLine, string(l), "", 1, "C", false, 0, "")
		}
		pdf.CellFormat(0, 5, tr(fmt.Sprintf("%s %d / %d · %s: %d", s.Labels.Page, p+1, pages, s.Labels.Registered, len(s.Participants))), "", 0, "C", false, 0, "")
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render sheet: %w", err)
	}
	return buf.Bytes(), nil
}

// lines wraps already-encoded text to the width, at most n lines, the last
// one shortened when there is more.
func lines(pdf *fpdf.Fpdf, s string, width float64, n int) []string {
	var out []string
	for _, l := range pdf.SplitLines([]byte(s), width) {
		out = append(out, string(l))
	}
	if len(out) > n {
		out = out[:n]
		last := out[n-1]
		for pdf.GetStringWidth(last+"\x85") > width-2 && len(last) > 1 {
			last = last[:len(last)-1]
		}
		out[n-1] = last + "\x85" // cp1252 ellipsis
	}
	return out
}

// fit shortens already-encoded (cp1252, one byte a character) text to a
// cell's width: names are short in practice, this only guards extremes.
func fit(pdf *fpdf.Fpdf, s string, width float64) string {
	for pdf.GetStringWidth(s) > width && len(s) > 1 {
		s = s[:len(s)-1]
	}
	return s
}
