package commands

import (
	"encoding/csv"
	"fmt"
	"strings"
)

// csvCell makes one spreadsheet cell inert: a cell starting with = + - @, a
// tab or a carriage return is read as a formula by Excel and LibreOffice
// (=HYPERLINK(…), =cmd|…), so it gets a leading single quote, as OWASP
// recommends. The quote shows in the cell; the text is otherwise unchanged.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// writeCSV writes rows with every cell made inert; every CSV the bot produces
// goes through it.
func writeCSV(w *csv.Writer, rows ...[]string) error {
	for _, row := range rows {
		safe := make([]string, len(row))
		for i, c := range row {
			safe[i] = csvCell(c)
		}
		if err := w.Write(safe); err != nil {
			return fmt.Errorf("csv row: %w", err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	return nil
}
