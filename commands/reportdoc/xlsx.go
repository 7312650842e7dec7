package reportdoc

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/tierslieux/tiersbot/commands/report"
	"github.com/xuri/excelize/v2"
)

// XLSX writes the workbook: one sheet per table, numbers as numbers, dates
// as dates (Excel serials with a date format), a bold totals row.
func XLSX(r report.Report, w Words) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	styles, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	tables := Tables(r, w)
	for i, t := range tables {
		name := sheetName(t.Title)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, fmt.Errorf("xlsx sheet: %w", err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, fmt.Errorf("xlsx sheet: %w", err)
		}
		row := 1
		if i == 0 { // the first sheet says whose report it is
			for _, line := range []string{r.Network, w.T("report.title"), r.Funding} {
				if line != "" {
					if err := put(f, name, 1, row, line, styles.bold); err != nil {
						return nil, err
					}
					row++
				}
			}
			row++
		}
		for c, h := range t.Header {
			if err := put(f, name, c+1, row, h, styles.header); err != nil {
				return nil, err
			}
			width := float64(max(10, min(40, len([]rune(h))+2)))
			col, _ := excelize.ColumnNumberToName(c + 1)
			if err := f.SetColWidth(name, col, col, width); err != nil {
				return nil, fmt.Errorf("xlsx width: %w", err)
			}
		}
		if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: row, TopLeftCell: fmt.Sprintf("A%d", row+1), ActivePane: "bottomLeft"}); err != nil {
			return nil, fmt.Errorf("xlsx panes: %w", err)
		}
		for _, cells := range t.Rows {
			row++
			for c, v := range cells {
				if err := putCell(f, name, c+1, row, v, styles, false); err != nil {
					return nil, err
				}
			}
		}
		if t.Total != nil {
			row++
			for c, v := range t.Total {
				if err := putCell(f, name, c+1, row, v, styles, true); err != nil {
					return nil, err
				}
			}
		}
		if t.Note != "" {
			if err := put(f, name, 1, row+2, t.Note, 0); err != nil {
				return nil, err
			}
		}
	}
	f.SetActiveSheet(0)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

type xlsxStyles struct {
	bold, header                     int
	hours, percent, day, moment, mon [2]int // [plain, total]
	plain                            [2]int
}

func newStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	var err error
	mk := func(st *excelize.Style) int {
		id, e := f.NewStyle(st)
		if e != nil && err == nil {
			err = fmt.Errorf("xlsx style: %w", e)
		}
		return id
	}
	s.bold = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	s.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E6E6E6"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	day, moment, month := "yyyy-mm-dd", "yyyy-mm-dd hh:mm", "yyyy-mm"
	for k, bold := range []bool{false, true} {
		font := &excelize.Font{Bold: bold}
		var border []excelize.Border
		if bold { // the totals row
			border = []excelize.Border{{Type: "top", Color: "000000", Style: 1}}
		}
		s.plain[k] = mk(&excelize.Style{Font: font, Border: border})
		s.hours[k] = mk(&excelize.Style{Font: font, Border: border, NumFmt: 2})   // 0.00
		s.percent[k] = mk(&excelize.Style{Font: font, Border: border, NumFmt: 9}) // 0%
		s.day[k] = mk(&excelize.Style{Font: font, Border: border, CustomNumFmt: &day})
		s.moment[k] = mk(&excelize.Style{Font: font, Border: border, CustomNumFmt: &moment})
		s.mon[k] = mk(&excelize.Style{Font: font, Border: border, CustomNumFmt: &month})
	}
	return s, err
}

func put(f *excelize.File, sheet string, col, row int, v any, style int) error {
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return fmt.Errorf("xlsx cell: %w", err)
	}
	if err := f.SetCellValue(sheet, ref, v); err != nil {
		return fmt.Errorf("xlsx %s: %w", ref, err)
	}
	if style != 0 {
		if err := f.SetCellStyle(sheet, ref, ref, style); err != nil {
			return fmt.Errorf("xlsx style %s: %w", ref, err)
		}
	}
	return nil
}

// naive gives a date to the workbook as written (a spreadsheet has no zone).
func naive(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, time.UTC)
}

func putCell(f *excelize.File, sheet string, col, row int, c Cell, s xlsxStyles, total bool) error {
	k := 0
	if total {
		k = 1
	}
	switch v := c.(type) {
	case nil:
		return put(f, sheet, col, row, "", s.plain[k])
	case string:
		// A text cell is never a formula in excelize (SetCellValue writes
		// strings as shared strings), so member-typed titles stay inert.
		return put(f, sheet, col, row, v, s.plain[k])
	case int:
		return put(f, sheet, col, row, v, s.plain[k])
	case Hours:
		return put(f, sheet, col, row, float64(v), s.hours[k])
	case Percent:
		return put(f, sheet, col, row, float64(v), s.percent[k])
	case Day:
		return put(f, sheet, col, row, naive(time.Time(v)), s.day[k])
	case Moment:
		return put(f, sheet, col, row, naive(time.Time(v)), s.moment[k])
	case Month:
		return put(f, sheet, col, row, naive(time.Time(v)), s.mon[k])
	}
	return put(f, sheet, col, row, fmt.Sprint(c), s.plain[k])
}

// sheetName fits Excel's rules: 31 characters, none of []:*?/\.
func sheetName(title string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return ' '
		}
		return r
	}, title)
	if rs := []rune(name); len(rs) > 31 {
		name = string(rs[:31])
	}
	return strings.TrimSpace(name)
}
