package sheet

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tierslieux/tiersbot/commands/pdffont/pdftext"
)

var labels = Labels{Heading: "Feuille d'émargement", Date: "Date", Place: "Lieu", Organizer: "Animation", Name: "Nom et prénom", Space: "Lieu d'attache ou commune",
	Status: "Au titre de", Signature: "Signature", Morning: "Signature du matin", Afternoon: "Signature de l'après-midi", Page: "Page",
	Totals: "5 personnes sur la feuille : 4 inscriptions, 1 personne venue sans inscription", Collected: "Signatures recueillies : ........",
	AnimatorSignature: "Signature de l'équipe d'animation"}

func TestNamesInAnyScriptAndHalfDays(t *testing.T) {
	s := Sheet{Title: "Matinée Place à l'Emploi", Date: "jeudi 15 janvier 2026, 09:30 – 16:00", Place: "La Ruche, Crest", Network: "Réseau des tiers-lieux de la Drôme",
		Funding: "Cofinancé par l'Union européenne", Animators: []string{"Nadia Benali", "王芳"}, HalfDays: true, Labels: labels,
		Participants: []Participant{
			{Name: "王小明", Space: "Fab Lab", Status: "inscription"}, {Name: "Łukasz Żółć", Status: "présence relevée"},
			{Name: "Дмитрий Петров", Space: "La Ruche", Status: "inscription"}, {Name: "Zoé 🎉 Dupré", Status: "inscription"},
			{Name: "Fatima Zahra", Space: "Crest", Status: "sans inscription"}, {Name: "محمد", Status: "inscription"},
		}}
	pdf, err := Render(s, true)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !regexp.MustCompile(`/MediaBox \[0 0 595\.2\d+ 841\.8\d+\]`).Match(pdf) {
		t.Fatal("not an A4 PDF")
	}
	text := pdftext.Text(pdf)
	for _, want := range []string{
		"\n王小明\n", "\nŁukasz Żółć\n", "\nДмитрий Петров\n", "\nZoé Dupré\n", "\nFatima Zahra\nCrest\nsans inscription\n",
		"\n\uFEAA\uFEE4\uFEA4\uFEE3\n", // محمد, shaped and right to left (commands/pdffont)
		"Signature du\nmatin", "Signature de\nl'après-midi", "Nadia Benali, \n王芳", "Signature de l'équipe d'animation",
		"Cofinancé par l'Union européenne", "5 personnes sur la feuille : 4 inscriptions, 1 personne venue sans inscription", "Page 1 / 1",
		"Réseau des tiers-lieux de la Drôme", "Matinée Place à l'Emploi",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the sheet does not show %q", want)
		}
	}
	if strings.Contains(text, "🎉") || strings.Contains(text, "Zoé  Dupré") || strings.Contains(text, "inscrits:") {
		t.Error("emoji not dropped cleanly, or the old footer")
	}
	if bytes.Contains(pdf, []byte("/Subtype /Image")) {
		t.Error("an image without a logo")
	}
}

func TestOneSignatureColumnWithinHalfADay(t *testing.T) {
	s := Sheet{Title: "Café emploi", Date: "mardi", Place: "La Ruche, Crest", Labels: labels, Participants: []Participant{{Name: "Ana"}}}
	pdf, err := Render(s, true)
	if err != nil {
		t.Fatal(err)
	}
	text := pdftext.Text(pdf)
	if !strings.Contains(text, "\nSignature\n") || strings.Contains(text, "Signature du") {
		t.Errorf("columns:\n%s", text)
	}
}

func TestLogo(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for x := range 40 {
		img.Set(x, 10, color.RGBA{0, 114, 178, 255})
	}
	var logo bytes.Buffer
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	s := Sheet{Title: "Atelier", Date: "mardi", Place: "La Ruche", Labels: labels, Logo: logo.Bytes()}
	pdf, err := Render(s, false)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(pdf, []byte("/Subtype /Image")) {
		t.Error("no logo")
	}
	// Not an image: ignored rather than failing the sheet.
	s.Logo = []byte("not an image")
	if _, err := Render(s, true); err != nil {
		t.Errorf("a bad logo fails the sheet: %v", err)
	}
}

// The rows never run into the footer, a page holds MinRowsPerPage or more,
// even with a two-line title and the longest funding mention /setup
// accepts, and the totals and signature box end the last page.
func TestRowsClearOfFooterAndPages(t *testing.T) {
	long := strings.Repeat("Atelier réparation vélo et électroménager ", 3)[:100]
	for _, tc := range []struct {
		name, title, funding string
		people, pages        int
	}{
		{"short", "Café emploi", "", 60, 4}, // 24 rows a page: 70 rows, then the totals on a page of their own
		{"long", long, strings.Repeat("Cofinancé par l'Union européenne (FSE+) ", 5)[:200], 60, 4},
		{"few", "Café emploi", "", 3, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Sheet{Title: tc.title, Date: "lundi 13 avril 2026", Place: "La Ruche, Crest", Funding: tc.funding, Labels: labels, Animators: []string{"Nadia"}}
			for i := range tc.people {
				s.Participants = append(s.Participants, Participant{Name: fmt.Sprintf("P%02d", i)})
			}
			pdf, err := Render(s, true)
			if err != nil {
				t.Fatal(err)
			}
			pages := pdftext.Pages(pdf)
			if len(pages) != tc.pages {
				t.Fatalf("%d pages, want %d", len(pages), tc.pages)
			}
			rowsSeen := 0
			for i, page := range pages {
				lowest, rows, footer := 1e9, 0, -1e9
				for _, tx := range page {
					if _, err := strconv.Atoi(tx.Text); err == nil {
						lowest, rows = min(lowest, tx.Y), rows+1
					} else if strings.HasPrefix(tx.Text, "Page ") || strings.Contains(tx.Text, "FSE") {
						footer = max(footer, tx.Y)
					}
				}
				rowsSeen += rows
				if i < len(pages)-2 && rows < MinRowsPerPage {
					t.Errorf("page %d holds %d rows", i+1, rows)
				}
				if rows > 0 && lowest-footer < 8/25.4*72 {
					t.Errorf("page %d: last row at %.1f pt, footer at %.1f pt: they overlap", i+1, lowest, footer)
				}
				if want := fmt.Sprintf("Page %d / %d", i+1, len(pages)); !strings.Contains(fmt.Sprint(page), want) {
					t.Errorf("page %d lacks %q", i+1, want)
				}
			}
			if rowsSeen != tc.people+blankRows {
				t.Errorf("%d rows, want %d people + %d blank", rowsSeen, tc.people, blankRows)
			}
			last := fmt.Sprint(pages[len(pages)-1])
			if !strings.Contains(last, "Signature de l'équipe d'animation") || !strings.Contains(last, "personnes sur la feuille") {
				t.Error("the last page lacks the totals and the signature box")
			}
		})
	}
}
