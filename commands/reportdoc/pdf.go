package reportdoc

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/tierslieux/tiersbot/commands/pdffont"
	"github.com/tierslieux/tiersbot/commands/report"
)

// Layout in mm (A4 portrait).
const (
	margin  = 15
	pageW   = 210
	bodyW   = pageW - 2*margin // portrait; wide tables take landscape pages
	footerH = 18
	rowH    = 6
	// headerSize is the font size of table headers, in points.
	headerSize = 7
	bodySize   = 8 // table rows
)

// PDF draws the report: key figures and charts on the first page, then one
// table per section. compress=false keeps text streams readable (tests read
// them either way, through pdffont/pdftext).
func PDF(r report.Report, w Words, compress bool) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(compress)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, margin)
	pdf.SetTitle(w.T("report.title")+" — "+r.Network, true)
	pdf.AliasNbPages("{nb}")
	d := pdffont.Register(pdf)
	period := w.T("report.period", w.Date(r.From), w.Date(r.To.AddDate(0, 0, -1)))
	pdf.SetFooterFunc(func() {
		bw, top := body(pdf)
		pdf.SetDrawColor(180, 180, 180)
		pdf.Line(margin, top, margin+bw, top)
		pdf.SetXY(margin, top+1.5)
		d.Font("", 8)
		if r.Funding != "" {
			for _, l := range d.Lines(r.Funding, bw, 2) {
				d.Cell(bw, 4, l, "", 1, "C", false)
			}
		}
		d.Cell(bw, 4, r.Network+" · "+period+" · "+w.T("report.page", pdf.PageNo(), "{nb}"), "", 1, "C", false)
	})

	pdf.AddPage()
	d.Font("B", 18)
	for _, l := range d.Lines(r.Network, bodyW, 2) {
		d.Cell(bodyW, 9, l, "", 1, "L", false)
	}
	d.Font("B", 14)
	d.Cell(bodyW, 7, w.T("report.title"), "", 1, "L", false)
	d.Font("", 10.5)
	d.Cell(bodyW, 6, period, "", 1, "L", false)
	d.Font("", 8.5)
	pdf.SetTextColor(90, 90, 90)
	d.Cell(bodyW, 5, w.T("report.made", w.Date(r.Made)), "", 1, "L", false)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(3)
	keyFigures(d, r, w)
	pdf.Ln(4)
	monthChart(d, r, w)
	pdf.Ln(4)
	spaceChart(d, r, w)

	for _, t := range Tables(r, w)[1:] {
		if len(t.Rows) == 0 {
			continue
		}
		if len(t.Header) > 8 {
			pdf.AddPageFormat("L", pdf.GetPageSizeStr("A4"))
		} else {
			pdf.AddPage()
		}
		table(d, t, w)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("report pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// body is the current page's text width and where its footer starts.
func body(pdf *fpdf.Fpdf) (width, footerTop float64) {
	w, h := pdf.GetPageSize()
	return w - 2*margin, h - footerH
}

// keyFigures: a grid of tiles, a big number over its label.
func keyFigures(d *pdffont.Doc, r report.Report, w Words) {
	t := r.Total
	rateText := "—"
	if pct, ok := t.Rate(); ok {
		rateText = fmt.Sprintf("%d %%", pct)
	}
	tiles := [][2]string{
		{fmt.Sprint(t.Reached.People), w.T("report.k_reached")},
		{fmt.Sprint(t.Reached.New), w.T("report.k_new")},
		{fmt.Sprint(t.Reached.NotOnDiscord), w.T("report.k_not_on_discord")},
		{fmt.Sprint(t.Checkins), w.T("report.k_checkins")},
		{w.Text(hours(t.Presence)), w.T("report.k_hours")},
		{fmt.Sprint(t.Held), w.T("report.k_held")},
		{fmt.Sprint(t.Shared), w.T("report.k_shared")},
		{rateText, w.T("report.k_rate")},
		{fmt.Sprint(t.NotRecorded), w.T("report.k_not_recorded")},
		{fmt.Sprint(t.Named + t.Walkins), w.T("report.k_walkins")},
		{fmt.Sprint(t.IntrosMet), w.T("report.k_met", t.IntrosAccepted)},
		{fmt.Sprint(len(r.Unmet)), w.T("report.k_unmet")},
	}
	pdf := d.PDF
	const cols, gap, tileH = 4, 3.0, 21.0
	tileW := (bodyW - gap*(cols-1)) / cols
	x0, y0 := pdf.GetXY()
	for i, tile := range tiles {
		x := x0 + float64(i%cols)*(tileW+gap)
		y := y0 + float64(i/cols)*(tileH+gap)
		pdf.SetFillColor(240, 244, 250)
		pdf.Rect(x, y, tileW, tileH, "F")
		pdf.SetXY(x, y+1.5)
		d.Font("B", 16)
		pdf.SetTextColor(0, 84, 147)
		d.Cell(tileW, 8, tile[0], "", 2, "C", false)
		pdf.SetTextColor(40, 40, 40)
		d.Font("", 8)
		for _, l := range d.Lines(tile[1], tileW-3, 3) {
			d.Cell(tileW, 3.6, l, "", 2, "C", false)
		}
	}
	pdf.SetTextColor(0, 0, 0)
	rows := (len(tiles) + cols - 1) / cols
	pdf.SetXY(x0, y0+float64(rows)*(tileH+gap))
}

// monthChart: check-ins and event attendance per month, side by side.
func monthChart(d *pdffont.Doc, r report.Report, w Words) {
	if len(r.Months) == 0 {
		return
	}
	pdf := d.PDF
	d.Font("B", 11)
	d.Cell(bodyW, 6, w.T("report.c_months"), "", 1, "L", false)
	const h = 55.0
	x0, y0 := margin+8.0, pdf.GetY()+4
	peak := 1
	for _, m := range r.Months {
		peak = max(peak, m.Checkins, m.Came)
	}
	slot := (bodyW - 8) / float64(len(r.Months))
	bar := min(9, slot*0.35)
	pdf.SetDrawColor(200, 200, 200)
	d.Font("", 7)
	for k := 0; k <= 4; k++ { // grid and scale
		y := y0 + h - h*float64(k)/4
		pdf.Line(x0, y, x0+bodyW-8, y)
		pdf.SetXY(margin, y-2)
		d.Cell(7, 4, fmt.Sprint(peak*k/4), "", 0, "R", false)
	}
	for i, m := range r.Months {
		x := x0 + float64(i)*slot + slot/2 - bar
		for j, v := range []int{m.Checkins, m.Came} {
			bh := h * float64(v) / float64(peak)
			if j == 0 {
				pdf.SetFillColor(0, 114, 178)
			} else {
				pdf.SetFillColor(230, 159, 0)
			}
			pdf.Rect(x+float64(j)*bar, y0+h-bh, bar, bh, "F")
		}
		pdf.SetXY(x0+float64(i)*slot, y0+h+1)
		d.Cell(slot, 4, monthLabel(m.Month), "", 0, "C", false)
	}
	pdf.SetXY(x0, y0+h+6)
	legend(d, [][3]int{{0, 114, 178}, {230, 159, 0}}, []string{w.T("report.h_checkins"), w.T("report.h_came")})
}

// monthLabel is short under a bar: "04/2026".
func monthLabel(m time.Time) string { return m.Format("01/2006") }

func timeOf[T Month | Day | Moment](v T) time.Time { return time.Time(v) }

// spaceChart: check-ins per space as horizontal bars, busiest first.
func spaceChart(d *pdffont.Doc, r report.Report, w Words) {
	pdf := d.PDF
	spaces := append([]report.SpaceRow(nil), r.Spaces...)
	for i := 1; i < len(spaces); i++ { // insertion sort: a handful of spaces
		for j := i; j > 0 && spaces[j].Checkins > spaces[j-1].Checkins; j-- {
			spaces[j], spaces[j-1] = spaces[j-1], spaces[j]
		}
	}
	_, footerTop := body(pdf)
	room := int((footerTop - 4 - pdf.GetY() - 8) / 5)
	if room <= 0 || len(spaces) == 0 {
		return
	}
	if len(spaces) > room {
		spaces = spaces[:room]
	}
	d.Font("B", 11)
	d.Cell(bodyW, 6, w.T("report.c_spaces"), "", 1, "L", false)
	peak := 1
	for _, s := range spaces {
		peak = max(peak, s.Checkins)
	}
	const label = 45.0
	d.Font("", 8)
	for _, s := range spaces {
		y := pdf.GetY()
		d.Cell(label, 5, s.Name, "", 0, "L", false)
		bw := (bodyW - label - 15) * float64(s.Checkins) / float64(peak)
		pdf.SetFillColor(0, 158, 115)
		pdf.Rect(margin+label, y+0.8, bw, 3.4, "F")
		pdf.SetXY(margin+label+bw+1, y)
		d.Cell(14, 5, fmt.Sprint(s.Checkins), "", 1, "L", false)
	}
}

func legend(d *pdffont.Doc, colors [][3]int, names []string) {
	pdf := d.PDF
	d.Font("", 8)
	for i, n := range names {
		x, y := pdf.GetXY()
		pdf.SetFillColor(colors[i][0], colors[i][1], colors[i][2])
		pdf.Rect(x, y+1, 3, 3, "F")
		pdf.SetXY(x+4, y)
		d.Cell(d.Width(n)+6, 5, n, "", 0, "L", false)
	}
	pdf.Ln(6)
}

// maxPrintedRows is the most rows a table prints in the PDF: a national
// network's 3,500 spaces or 40,000 events would make a thousand pages that
// nobody reads and that take many seconds to draw. The PDF says how many
// more there are; the workbook and the CSV files hold every row.
const maxPrintedRows = 120

// printedRows are the rows of a table the PDF prints, and how many it
// leaves to the workbook.
func printedRows(rows [][]Cell) ([][]Cell, int) {
	if len(rows) <= maxPrintedRows {
		return rows, 0
	}
	return rows[:maxPrintedRows], len(rows) - maxPrintedRows
}

// table draws a table over as many pages as it needs, its header repeated.
func table(d *pdffont.Doc, t Table, w Words) {
	pdf := d.PDF
	bodyW, footerTop := body(pdf)
	d.Font("B", 13)
	d.Cell(bodyW, 8, t.Title, "", 1, "L", false)
	widths := columns(d, t, w, bodyW)
	header := func() {
		d.Font("B", headerSize)
		lines := make([][]string, len(t.Header))
		n := 1
		for i, h := range t.Header {
			lines[i] = d.Lines(h, widths[i]-1.5, 3)
			n = max(n, len(lines[i]))
		}
		hh := float64(n)*3.4 + 2
		x, y := pdf.GetXY()
		pdf.SetFillColor(230, 230, 230)
		for i := range t.Header {
			pdf.Rect(x, y, widths[i], hh, "FD")
			for k, l := range lines[i] {
				pdf.SetXY(x, y+1+float64(k)*3.4)
				d.Cell(widths[i], 3.4, l, "", 0, "C", false)
			}
			x += widths[i]
		}
		pdf.SetXY(margin, y+hh)
	}
	header()
	row := func(cells []Cell, bold bool) {
		if pdf.GetY()+rowH > footerTop-3 {
			orientation := "P"
			if w, h := pdf.GetPageSize(); w > h {
				orientation = "L"
			}
			pdf.AddPageFormat(orientation, pdf.GetPageSizeStr("A4"))
			header()
		}
		style := ""
		if bold {
			style = "B"
			pdf.SetFillColor(245, 245, 245)
		}
		d.Font(style, bodySize)
		for i, c := range cells {
			align := "R"
			if _, ok := c.(string); ok {
				align = "L"
			}
			d.Cell(widths[i], rowH, cellText(w, c), "1", 0, align, bold)
		}
		pdf.Ln(rowH)
	}
	pdf.SetDrawColor(160, 160, 160)
	rows, more := printedRows(t.Rows)
	for _, cells := range rows {
		row(cells, false)
	}
	if t.Total != nil {
		row(t.Total, true)
	}
	if more > 0 {
		pdf.Ln(1)
		d.Font("B", bodySize)
		d.Cell(bodyW, 5, w.N("report.more_rows", more), "", 1, "L", false)
	}
	if t.Note != "" {
		pdf.Ln(2)
		d.Font("", 7.5)
		for _, l := range d.Lines(t.Note, bodyW, 3) {
			d.Cell(bodyW, 4, l, "", 1, "L", false)
		}
	}
}

// cellText writes a cell for print: months and days in full words.
func cellText(w Words, c Cell) string {
	switch v := c.(type) {
	case Month:
		return w.Month(timeOf(v))
	case Day:
		return w.Date(timeOf(v))
	case Moment:
		return timeOf(v).Format("02/01/2006 15:04")
	}
	return w.Text(c)
}

// columns: numbers get the width of their header's longest word, dates a
// fixed width, and text columns share what is left.
func columns(d *pdffont.Doc, t Table, w Words, bodyW float64) []float64 {
	widths := make([]float64, len(t.Header))
	var text []int
	left := bodyW
	d.Font("B", headerSize)
	for i, h := range t.Header {
		kind := "number"
		for _, r := range t.Rows {
			switch r[i].(type) {
			case string:
				kind = "text"
			case Moment, Month, Day:
				kind = "date"
			}
		}
		switch kind {
		case "date":
			widths[i] = 26
		case "number":
			widths[i] = 13
			for _, word := range strings.Fields(h) {
				widths[i] = max(widths[i], d.Width(word)+2.5)
			}
		default:
			text = append(text, i)
			continue
		}
		left -= widths[i]
	}
	// Text columns get their widest content (in the body font), scaled
	// together to what is left.
	d.Font("", bodySize)
	want, sum := map[int]float64{}, 0.0
	for _, i := range text {
		want[i] = 12
		for _, r := range t.Rows {
			want[i] = max(want[i], min(70, d.Width(cellText(w, r[i]))+3))
		}
		sum += want[i]
	}
	for _, i := range text {
		widths[i] = want[i] * left / sum
	}
	return widths
}
