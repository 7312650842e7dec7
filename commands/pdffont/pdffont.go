// Package pdffont writes text in any script into fpdf documents: names on
// a sign-in sheet or in a report may be "王小明", "Łukasz" or "Дмитрий".
// fpdf's core fonts know Windows-1252 only (王小明 printed as "..."), so the
// documents embed TrueType fonts and pick, glyph by glyph, between Liberation
// Sans (Latin, Greek, Cyrillic), DejaVu Sans (Arabic, Hebrew, Armenian,
// Georgian…; Arabic shaped and right-to-left text ordered by rtl.go) and
// Droid Sans Fallback (Chinese, Japanese, Korean). Emoji, which no printed font here draws, are dropped cleanly
// rather than printed as boxes. fpdf embeds only the glyphs used.
package pdffont

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
)

//go:embed fonts/DroidSansFallback.ttf
var fallbackTTF []byte

//go:embed fonts/DejaVuSans.ttf
var dejavuTTF []byte

// Font families registered in a document.
const (
	latin    = "liberation"
	dejavu   = "dejavu"
	fallback = "droidfallback"
)

var (
	parseOnce  sync.Once
	latinFace  *sfnt.Font
	dejavuFace *sfnt.Font
	fallFace   *sfnt.Font
	glyphCache sync.Map // rune -> family ("" when no font has it)
)

func faces() {
	parseOnce.Do(func() {
		// Both are bundled: a parse failure is a build defect, caught by the tests.
		latinFace, _ = sfnt.Parse(liberationsansregular.TTF)
		dejavuFace, _ = sfnt.Parse(dejavuTTF)
		fallFace, _ = sfnt.Parse(fallbackTTF)
	})
}

// familyOf names the font that draws r, "" if none does.
func familyOf(r rune) string {
	if f, ok := glyphCache.Load(r); ok {
		return f.(string)
	}
	faces()
	var buf sfnt.Buffer
	fam := ""
	switch {
	case has(latinFace, &buf, r):
		fam = latin
	case has(dejavuFace, &buf, r):
		fam = dejavu
	case has(fallFace, &buf, r):
		fam = fallback
	}
	glyphCache.Store(r, fam)
	return fam
}

func has(f *sfnt.Font, buf *sfnt.Buffer, r rune) bool {
	if f == nil {
		return false
	}
	g, err := f.GlyphIndex(buf, r)
	return err == nil && g != 0
}

// Clean drops what a printed name cannot carry: emoji and their joiners,
// variation selectors, skin tones and flags; control characters; any
// character no embedded font draws. Spaces left doubled are collapsed.
func Clean(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == 0xA0 || r == 0x202F: // French typography's no-break spaces stay
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		// fpdf writes UTF-16 for the basic plane only.
		case isEmoji(r), r > 0xFFFF, unicode.IsControl(r), unicode.Is(unicode.Cf, r), familyOf(r) == "":
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.FieldsFunc(b.String(), func(r rune) bool { return r == ' ' }), " ")
}

// isEmoji: pictographs, dingbats and the characters that build emoji
// sequences. Droid Sans Fallback draws a few of these in black and white;
// on a funder's sheet they are noise either way.
func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, // pictographs, emoticons, transport, flags, skin tones
		r >= 0x2600 && r <= 0x27BF,   // miscellaneous symbols, dingbats
		r >= 0x2B00 && r <= 0x2BFF,   // arrows and stars used as emoji
		r >= 0xFE00 && r <= 0xFE0F,   // variation selectors
		r >= 0xE0000 && r <= 0xE007F, // tags (subdivision flags)
		r == 0x200D, r == 0x20E3:     // zero-width joiner, keycap
		return true
	}
	return false
}

// Doc writes text in a document whose fonts Register added.
type Doc struct {
	PDF   *fpdf.Fpdf
	style string
	size  float64
	added map[string]bool // fallback fonts embedded so far
}

// Register embeds Liberation Sans in pdf (regular and bold) and sets a
// regular 10 pt font. The fallbacks (no bold: their glyphs print regular)
// are embedded when a text first needs them: parsing Droid Sans Fallback
// costs most of a sheet's time and memory, and most sheets are in Latin.
func Register(pdf *fpdf.Fpdf) *Doc {
	pdf.AddUTF8FontFromBytes(latin, "", liberationsansregular.TTF)
	pdf.AddUTF8FontFromBytes(latin, "B", liberationsansbold.TTF)
	d := &Doc{PDF: pdf, added: map[string]bool{}}
	d.Font("", 10)
	return d
}

// Font sets the style ("" or "B") and size in points of what follows.
func (d *Doc) Font(style string, size float64) {
	d.style, d.size = style, size
	d.PDF.SetFont(latin, style, size)
}

type run struct{ family, text string }

// runs splits clean text where the drawing font changes.
func runs(s string) []run {
	var out []run
	for _, r := range s {
		fam := familyOf(r)
		if fam == "" {
			continue
		}
		if r == ' ' && len(out) > 0 {
			fam = out[len(out)-1].family // a space keeps the font around it
		}
		if len(out) > 0 && out[len(out)-1].family == fam {
			out[len(out)-1].text += string(r)
			continue
		}
		out = append(out, run{fam, string(r)})
	}
	return out
}

func (d *Doc) use(family string) {
	if family != latin {
		if !d.added[family] {
			ttf := fallbackTTF
			if family == dejavu {
				ttf = dejavuTTF
			}
			d.PDF.AddUTF8FontFromBytes(family, "", ttf)
			d.added[family] = true
		}
		d.PDF.SetFont(family, "", d.size)
		return
	}
	d.PDF.SetFont(latin, d.style, d.size)
}

// Width measures clean text in the current font, in the document's unit.
func (d *Doc) Width(s string) float64 {
	w := 0.0
	for _, r := range runs(s) {
		d.use(r.family)
		w += d.PDF.GetStringWidth(r.text)
	}
	d.use(latin)
	return w
}

// Fit shortens text to width, ending it with "…" when cut.
func (d *Doc) Fit(s string, width float64) string {
	s = Clean(s)
	if d.Width(s) <= width {
		return s
	}
	rs := []rune(s)
	for len(rs) > 1 && d.Width(string(rs)+"…") > width {
		rs = rs[:len(rs)-1]
	}
	return strings.TrimSpace(string(rs)) + "…"
}

// Lines wraps text to width at spaces (or anywhere in a word too long for
// a line, as in Chinese), at most n lines, the last shortened with "…".
func (d *Doc) Lines(s string, width float64, n int) []string {
	var out []string
	line := ""
	for _, word := range strings.Split(Clean(s), " ") { // never at a no-break space
		try := word
		if line != "" {
			try = line + " " + word
		}
		if d.Width(try) <= width {
			line = try
			continue
		}
		if line != "" {
			out = append(out, line)
		}
		line = ""
		for _, r := range word { // a word wider than the line is cut where it must
			if d.Width(line+string(r)) > width && line != "" {
				out = append(out, line)
				line = ""
			}
			line += string(r)
		}
	}
	if line != "" {
		out = append(out, line)
	}
	if len(out) > n {
		out = out[:n]
		out[n-1] = d.Fit(out[n-1]+" …", width)
	}
	return out
}

// Cell draws a box of w×h (border and fill as fpdf's CellFormat: border "1"
// or "", align "L", "C" or "R") with text in it, each run in its own font,
// and moves on like CellFormat with ln.
func (d *Doc) Cell(w, h float64, text, border string, ln int, align string, fill bool) {
	pdf := d.PDF
	x, y := pdf.GetXY()
	margin := pdf.GetCellMargin()
	text = visual(d.Fit(text, w-2*margin))
	pdf.CellFormat(w, h, "", border, 0, "", fill, 0, "")
	tw := d.Width(text)
	start := x + margin
	switch align {
	case "C":
		start = x + (w-tw)/2
	case "R":
		start = x + w - margin - tw
	}
	pdf.SetCellMargin(0)
	pdf.SetXY(start, y)
	for _, r := range runs(text) {
		d.use(r.family)
		rw := pdf.GetStringWidth(r.text)
		pdf.CellFormat(rw, h, r.text, "", 0, "L", false, 0, "")
	}
	pdf.SetCellMargin(margin)
	d.use(latin)
	switch ln {
	case 1:
		pdf.SetXY(pdf.GetX(), y+h) // CellFormat's ln 1 goes back to the left margin
		left, _, _, _ := pdf.GetMargins()
		pdf.SetX(left)
	case 2:
		pdf.SetXY(x, y+h)
	default:
		pdf.SetXY(x+w, y)
	}
}
