package commands

import (
	"encoding/csv"
	"strings"
	"testing"
)

func TestCSVCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`=HYPERLINK("http://evil.example","clic")`, `'=HYPERLINK("http://evil.example","clic")`},
		{"+33 4 75 00 00 00", "'+33 4 75 00 00 00"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"La Ruche", "La Ruche"},
		{"a=b", "a=b"}, // only the first character matters
		{"2026-04", "2026-04"},
		{"0", "0"},
		{"", ""},
		{"'déjà", "'déjà"},
		{"\n=1", "\n=1"}, // a leading newline is not read as a formula start
		{"Élan", "Élan"},
	} {
		if got := csvCell(c.in); got != c.want {
			t.Errorf("csvCell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A space named like a formula comes out of the funders' export inert.
func TestDigestExportCellsAreInert(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(at("2026-04-01 09:00"))
	for _, kv := range [][]string{
		{"name", `=HYPERLINK("http://evil.example","Clic")`, "town", "+Crest", "channel", "c-x"},
		{"name", "@SUM(1+1)", "town", "-Die", "channel", "c-y"},
	} {
		mustContain(t, text(h.do(coord, "c-admin", "space add", kv...)), "added")
	}
	h.clock.Set(at("2026-05-20 10:00"))
	res := h.do(coord, "c", "digest export", "from", "2026-04-01", "to", "2026-04-30")
	data := strings.TrimPrefix(string(res.Files[0].Data), "\ufeff")
	r := csv.NewReader(strings.NewReader(data))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	var names []string
	for _, row := range rows[1:] {
		names = append(names, row[0], row[1])
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("live formula cell %q", cell)
			}
		}
	}
	mustContain(t, strings.Join(names, "|"), `'=HYPERLINK("http://evil.example","Clic")`, "'+Crest", "'@SUM(1+1)", "'-Die")
}
