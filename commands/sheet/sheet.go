// Package sheet renders the printable sign-in sheet (feuille d'émargement)
// that public funders ask for as proof of attendance: one row per person
// expected or present, blank rows for walk-ins, a signature column (or a
// morning and an afternoon one when the event spans both), the animators'
// names and signature box, the funding mention, page numbers and totals.
// Names print in any script (commands/pdffont embeds the fonts).
package sheet

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/tierslieux/tiersbot/commands/pdffont"
)

// Sheet is what the pages show.
type Sheet struct {
	Title, Date, Place, Funding, Network string
	Animators                            []string // organiser first; the space's team when none is known
	Participants                         []Participant
	// HalfDays: the event spans a morning and an afternoon, each signed apart.
	HalfDays bool
	// Logo is an optional PNG or JPEG printed at the top left.
	Logo   []byte
	Labels Labels
}

// Participant is one person on the sheet.
type Participant struct {
	Name, Space string
	Status      string // "inscrit·e", "présent·e", "sans inscription": the reason they are listed
}

// Labels are the sheet's words, in the network's language. Totals is the
// whole totals line, written by the caller ("12 personnes : …").
type Labels struct {
	Heading, Date, Place, Organizer, Name, Space, Status, Signature, Morning, Afternoon, Page string
	Totals, Collected, AnimatorSignature                                                      string
}

// Layout, in mm. Rows per page follow from the header and footer heights
// (a two-line title, a long funding mention): never fewer than MinRowsPerPage.
const (
	MinRowsPerPage = 18
	blankRows      = 10
	rowHeight      = 9 // room to sign
	margin         = 15
	pageHeight     = 297
	titleLine      = 6.5
	fundingLine    = 4.2
	maxTitleLines  = 2
	maxFundLines   = 3
	logoH          = 16
	closingH       = 44 // totals and the animators' signature box
	headerH        = 10 // the table's header row
)

// Render makes the PDF. compress=false keeps text streams readable.
func Render(s Sheet, compress bool) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(compress)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, margin)
	pdf.SetTitle(s.Labels.Heading+" — "+s.Title, true)
	d := pdffont.Register(pdf)
	width, _ := pdf.GetPageSize()
	width -= 2 * margin

	logo := ""
	if len(s.Logo) > 0 {
		if _, format, err := image.DecodeConfig(bytes.NewReader(s.Logo)); err == nil {
			logo = "logo"
			pdf.RegisterImageOptionsReader(logo, fpdf.ImageOptions{ImageType: format, ReadDpi: false}, bytes.NewReader(s.Logo))
			if pdf.Err() {
				return nil, fmt.Errorf("sheet logo: %w", pdf.Error())
			}
		}
	}

	// Measure what repeats on every page to know how many rows fit.
	d.Font("B", 13)
	title := d.Lines(s.Title, width, maxTitleLines)
	d.Font("", 8)
	var funding []string
	if s.Funding != "" {
		funding = d.Lines(s.Funding, width, maxFundLines)
	}
	headTop := float64(margin)
	if logo != "" || s.Network != "" {
		headTop += logoH + 2
	}
	tableTop := headTop + 8 + float64(len(title))*titleLine + 2 + 3*6 + 3 + headerH
	footerTop := pageHeight - margin + 3 - float64(len(funding))*fundingLine - 5
	perPage := max(MinRowsPerPage, int((footerTop-2-tableTop)/rowHeight))

	rows := len(s.Participants) + blankRows
	pages := (rows + perPage - 1) / perPage
	// The totals and the signature box go under the last rows, or on a page of their own.
	lastRows := rows - (pages-1)*perPage
	closingOwnPage := tableTop+float64(lastRows)*rowHeight+closingH > footerTop-2
	if closingOwnPage {
		pages++
	}
	heads := []string{"#", s.Labels.Name, s.Labels.Space, s.Labels.Status}
	widths := []float64{9, 58, 34, 27}
	if s.HalfDays {
		half := (width - 128) / 2
		heads = append(heads, s.Labels.Morning, s.Labels.Afternoon)
		widths = append(widths, half, half)
	} else {
		heads = append(heads, s.Labels.Signature)
		widths = append(widths, width-128)
	}
	animators := strings.Join(s.Animators, ", ")
	for p := 0; p < pages; p++ {
		pdf.AddPage()
		if logo != "" {
			pdf.ImageOptions(logo, margin, margin, 0, logoH, false, fpdf.ImageOptions{}, 0, "")
		}
		if s.Network != "" {
			pdf.SetXY(margin, margin+logoH/2-3)
			d.Font("B", 10)
			d.Cell(width, 6, s.Network, "", 0, "R", false)
		}
		pdf.SetXY(margin, headTop)
		d.Font("B", 16)
		d.Cell(width, 8, s.Labels.Heading, "", 1, "C", false)
		d.Font("B", 13)
		for _, l := range title {
			d.Cell(width, titleLine, l, "", 1, "C", false)
		}
		pdf.Ln(2)
		for _, kv := range [][2]string{{s.Labels.Date, s.Date}, {s.Labels.Place, s.Place}, {s.Labels.Organizer, animators}} {
			d.Font("B", 10.5)
			d.Cell(30, 6, kv[0], "", 0, "L", false)
			d.Font("", 10.5)
			d.Cell(width-30, 6, kv[1], "", 1, "L", false)
		}
		pdf.Ln(3)
		first, last := p*perPage, min(rows, (p+1)*perPage)
		if first < rows {
			// Headers on up to two lines ("Signature de l'après-midi").
			d.Font("B", 9)
			pdf.SetFillColor(230, 230, 230)
			x, y := pdf.GetXY()
			for i, h := range heads {
				pdf.Rect(x, y, widths[i], headerH, "FD")
				lines := d.Lines(h, widths[i]-2, 2)
				top := y + (headerH-float64(len(lines))*3.8)/2
				for k, l := range lines {
					pdf.SetXY(x, top+float64(k)*3.8)
					d.Cell(widths[i], 3.8, l, "", 0, "C", false)
				}
				x += widths[i]
			}
			pdf.SetXY(margin, y+headerH)
			d.Font("", 10)
			for r := first; r < last; r++ {
				var who Participant
				if r < len(s.Participants) {
					who = s.Participants[r]
				}
				cells := []string{fmt.Sprint(r + 1), who.Name, who.Space, who.Status}
				for i := range heads {
					text, align := "", "L"
					if i < len(cells) {
						text = cells[i]
					}
					if i == 0 {
						align = "C"
					}
					if i == 3 {
						d.Font("", 8)
					}
					d.Cell(widths[i], rowHeight, text, "1", 0, align, false)
					if i == 3 {
						d.Font("", 10)
					}
				}
				pdf.Ln(-1)
			}
		}
		if p == pages-1 {
			closing(d, s, width, animators)
		}
		pdf.SetXY(margin, footerTop)
		d.Font("", 8)
		for _, l := range funding {
			d.Cell(width, fundingLine, l, "", 1, "C", false)
		}
		d.Cell(width, 5, fmt.Sprintf("%s %d / %d", s.Labels.Page, p+1, pages), "", 0, "C", false)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render sheet: %w", err)
	}
	return buf.Bytes(), nil
}

// closing writes the totals and the animators' signature box.
func closing(d *pdffont.Doc, s Sheet, width float64, animators string) {
	pdf := d.PDF
	pdf.Ln(4)
	d.Font("B", 10)
	d.Cell(width, 6, s.Labels.Totals, "", 1, "L", false)
	d.Font("", 10)
	d.Cell(width, 7, s.Labels.Collected, "", 1, "L", false)
	pdf.Ln(2)
	x, y := pdf.GetXY()
	boxW := 85.0
	d.Font("B", 9.5)
	pdf.SetXY(x+width-boxW, y)
	d.Cell(boxW, 6, s.Labels.AnimatorSignature, "LTR", 2, "L", false)
	d.Font("", 9.5)
	d.Cell(boxW, 5, animators, "LR", 2, "L", false)
	pdf.Rect(x+width-boxW, y+11, boxW, 16, "D")
	pdf.SetXY(x, y+29)
}
