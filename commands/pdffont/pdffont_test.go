package pdffont

import (
	"bytes"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/tierslieux/tiersbot/commands/pdffont/pdftext"
)

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Łukasz", "Łukasz"},
		{"王小明", "王小明"},
		{"Zoé 🎉 Dupré", "Zoé Dupré"},
		{"👩‍💻Ana", "Ana"},              // emoji with a zero-width joiner
		{"Marie ❤️", "Marie"},          // dingbat with a variation selector
		{"🇫🇷 Jean-Luc 👍🏽", "Jean-Luc"}, // flag, thumbs up with a skin tone
		{"Дмитрий  Ωμέγα", "Дмитрий Ωμέγα"},
		{"김민준", "김민준"},
		{"a\u0000b\tc", "ab c"},
		{"inscriptions\u00a0: 2", "inscriptions\u00a0: 2"},
	} {
		if got := Clean(tc.in); got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Each script is drawn by a font that has it, and comes back as text.
func TestNamesInAnyScriptAreText(t *testing.T) {
	pdf := fpdf.New("P", "mm", "A4", "")
	d := Register(pdf)
	pdf.AddPage()
	names := []string{"王小明", "Łukasz Żółć", "Дмитрий", "Ωμέγα", "さくら", "김민준"}
	for _, n := range names {
		d.Cell(80, 8, n+" 🎉", "1", 1, "L", false)
	}
	d.Cell(80, 8, "王 Li", "1", 1, "C", false)
	d.Cell(80, 8, "فاطمة الزهراء", "1", 1, "R", false)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	text := pdftext.Text(buf.Bytes())
	for _, n := range names {
		if !strings.Contains(text, n+"\n") {
			t.Errorf("%q not shown as text:\n%s", n, text)
		}
	}
	// Arabic in presentation forms, in visual order (see rtl_test.go).
	if !strings.Contains(text, "\uFE80\uFE8D\uFEAE\uFEEB\uFEB0\uFEDF\uFE8D \uFE94\uFEE4\uFEC3\uFE8E\uFED3\n") {
		t.Errorf("Arabic name not shaped:\n%q", text)
	}
	if strings.Contains(text, "🎉") || strings.Contains(text, "?") {
		t.Errorf("emoji not dropped:\n%s", text)
	}
	// The Chinese glyph comes from the fallback font, the Latin from Liberation.
	if !strings.Contains(text, "王 \nLi\n") && !strings.Contains(text, "王\n Li\n") {
		t.Errorf("mixed name not split by font:\n%q", text)
	}
	if !bytes.Contains(buf.Bytes(), []byte("/FontName /utf8dejavu")) || !bytes.Contains(buf.Bytes(), []byte("/FontName /utf8droidfallback")) || !bytes.Contains(buf.Bytes(), []byte("/FontName /utf8liberation")) {
		t.Error("fonts not embedded")
	}
	if buf.Len() > 400_000 {
		t.Errorf("%d bytes: the fonts are not subset", buf.Len())
	}
}

func TestLinesWrapAndFit(t *testing.T) {
	pdf := fpdf.New("P", "mm", "A4", "")
	d := Register(pdf)
	lines := d.Lines("Cofinancé par l'Union européenne dans le cadre du programme FSE+ Auvergne-Rhône-Alpes", 50, 2)
	if len(lines) != 2 || !strings.HasSuffix(lines[1], "…") {
		t.Errorf("lines %q", lines)
	}
	for _, l := range lines {
		if d.Width(l) > 50 {
			t.Errorf("%q wider than 50 mm", l)
		}
	}
	if got := d.Fit("王小明王小明王小明王小明王小明王小明王小明王小明", 20); !strings.HasSuffix(got, "…") || d.Width(got) > 20 {
		t.Errorf("fit %q", got)
	}
}
