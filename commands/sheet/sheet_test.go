package sheet

import (
	"bytes"
	"fmt"
	"regexp"
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
	if RowsPerPage < 20 {
		t.Error("fewer than 20 signature rows a page")
	}
	if !strings.Contains(text, "Page 2 / 2") {
		t.Error("no page numbering")
	}
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
