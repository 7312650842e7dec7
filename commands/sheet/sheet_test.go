package sheet

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestRenderA4WithNamesAndRoomToSign(t *testing.T) {
	s := Sheet{Title: "Atelier impression 3D", Date: "lundi 13 avril 2026, 18:30 – 20:30", Place: "La Ruche, Crest", Organizer: "Nadia",
		Funding: "Action cofinancée par le Fonds social européen (FSE+)",
		Labels:  Labels{Heading: "Feuille d'émargement", Date: "Date", Place: "Lieu", Organizer: "Animation", Name: "Nom", Space: "Lieu d'attache", Signature: "Signature", Page: "Page", Registered: "inscrits"}}
	for i := range 30 {
		s.Participants = append(s.Participants, Participant{Name: fmt.Sprintf("Participant%02d", i), Space: "Fab Lab"})
	}
	s.Participants[0].Name = "Zoé Dupré"
	pdf, err := Render(s, false)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf, []byte("%%EOF")) {
		t.Fatal("not a PDF")
	}
	// A4 is 595.28 x 841.89 points.
	if !regexp.MustCompile(`/MediaBox \[0 0 595\.2\d+ 841\.8\d+\]`).Match(pdf) {
		t.Error("not A4")
	}
	text := shownText(pdf)
	for _, want := range []string{"Atelier impression 3D", "La Ruche, Crest", "Participant29", "Nadia", "Signature", "Fonds social europ"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not show %q", want)
		}
	}
	// Accents in cp1252: é is 0xE9.
	if !strings.Contains(text, "Zo\xe9 Dupr\xe9") {
		t.Error("accented name lost")
	}
	// 30 registered + 10 blank rows = 40 rows: two pages of 22, at least 20 signatures a page.
	if n := bytes.Count(pdf, []byte("/Type /Page\n")); n != 2 {
		if n2 := len(regexp.MustCompile(`/Type /Page[^s]`).FindAll(pdf, -1)); n2 != 2 {
			t.Errorf("%d pages, want 2", n2)
		}
	}
	if !strings.Contains(text, "Page 2 / 2") {
		t.Error("no page numbering")
	}
}

// The rows never run into the footer, and a page holds 20 or more, even with
// a two-line title and the longest funding mention /setup accepts.
func TestRowsClearOfFooter(t *testing.T) {
	labels := Labels{Heading: "Feuille d'émargement", Date: "Date", Place: "Lieu", Organizer: "Animation", Name: "Nom", Space: "Lieu", Signature: "Signature", Page: "Page", Registered: "inscrits"}
	long := strings.Repeat("Atelier réparation vélo et électroménager ", 3)[:100]
	for _, tc := range []struct{ name, title, funding string }{
		{"short", "Café emploi", ""},
		{"long", long, strings.Repeat("Cofinancé par l'Union européenne (FSE+) ", 5)[:200]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Sheet{Title: tc.title, Date: "lundi 13 avril 2026", Place: "La Ruche, Crest", Organizer: "Nadia", Funding: tc.funding, Labels: labels}
			for i := range 60 {
				s.Participants = append(s.Participants, Participant{Name: fmt.Sprintf("P%02d", i)})
			}
			pdf, err := Render(s, false)
			if err != nil {
				t.Fatal(err)
			}
			pages := placedText(pdf)
			if len(pages) < 2 {
				t.Fatalf("%d pages", len(pages))
			}
			for i, page := range pages {
				lowestRow, rows, footer := 1e9, 0, -1e9
				for _, tx := range page {
					if _, err := strconv.Atoi(tx.text); err == nil && tx.text != "" {
						lowestRow, rows = min(lowestRow, tx.y), rows+1
					} else if strings.HasPrefix(tx.text, "Page ") || strings.Contains(tx.text, "FSE") {
						footer = max(footer, tx.y)
					}
				}
				if i < len(pages)-1 && rows < 20 {
					t.Errorf("page %d holds %d rows", i+1, rows)
				}
				// The row box reaches ~3.4 mm below its baseline, the footer ~3.3 mm
				// above its own: 8 mm between baselines leaves a gap.
				if lowestRow-footer < 8/25.4*72 {
					t.Errorf("page %d: last row at %.1f pt, footer at %.1f pt: they overlap", i+1, lowestRow, footer)
				}
			}
		})
	}
}

type placed struct {
	y    float64
	text string
}

// placedText lists each page's strings with their baseline height (points
// from the bottom), from fpdf's "BT x y Td (text) Tj ET"; a new page starts
// with each heading.
func placedText(pdf []byte) [][]placed {
	var pages [][]placed
	for _, m := range regexp.MustCompile(`BT [\d.]+ ([\d.]+) Td \(((?:\\.|[^\\)])*)\)\s*Tj`).FindAllSubmatch(pdf, -1) {
		y, _ := strconv.ParseFloat(string(m[1]), 64)
		text := strings.NewReplacer(`\(`, "(", `\)`, ")", `\\`, `\`).Replace(string(m[2]))
		if strings.HasPrefix(text, "Feuille d") {
			pages = append(pages, nil)
		}
		if len(pages) > 0 {
			pages[len(pages)-1] = append(pages[len(pages)-1], placed{y, text})
		}
	}
	return pages
}

// shownText joins the strings of the PDF's text operators: (text) Tj.
func shownText(pdf []byte) string {
	var b strings.Builder
	for _, m := range regexp.MustCompile(`\(((?:\\.|[^\\)])*)\)\s*Tj`).FindAllSubmatch(pdf, -1) {
		s := strings.NewReplacer(`\(`, "(", `\)`, ")", `\\`, `\`).Replace(string(m[1]))
		b.WriteString(s + "\n")
	}
	return b.String()
}
