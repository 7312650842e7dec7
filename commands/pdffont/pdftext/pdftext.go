// Package pdftext reads back the text a document made with commands/pdffont
// shows, so tests check names and figures as text (not as pixels). It knows
// fpdf's output only: each string of a text operator, in order, one a line.
package pdftext

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

var (
	streamRe = regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`)
	shownRe  = regexp.MustCompile(`\(((?:\\.|[^\\)])*)\)\s*Tj`)
)

// Text lists the strings shown in the PDF's pages, one a line, decoding
// compressed streams and fpdf's UTF-16 strings.
func Text(pdf []byte) string {
	var b strings.Builder
	for _, m := range streamRe.FindAllSubmatch(pdf, -1) {
		data := m[1]
		if zr, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
			if plain, err := io.ReadAll(zr); err == nil {
				data = plain
			}
		}
		for _, s := range shownRe.FindAllSubmatch(data, -1) {
			b.WriteString(decode(unescape(s[1])) + "\n")
		}
	}
	return b.String()
}

func unescape(s []byte) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			out = append(out, s[i])
			continue
		}
		i++
		switch s[i] {
		case 'r':
			out = append(out, '\r')
		case 'n':
			out = append(out, '\n')
		default:
			out = append(out, s[i])
		}
	}
	return out
}

// decode reads UTF-16BE (fpdf's strings for TrueType fonts).
func decode(b []byte) string {
	if len(b)%2 != 0 {
		return string(b)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// Placed is a string shown and the height of its baseline (points from the
// bottom of the page).
type Placed struct {
	Y    float64
	Text string
}

var placedRe = regexp.MustCompile(`BT ([\d.]+) ([\d.]+) Td \(((?:\\.|[^\\)])*)\)\s*Tj`)

// Pages lists each page's strings with their height, in order (fpdf writes
// one content stream a page, after the fonts' streams, which show nothing).
func Pages(pdf []byte) [][]Placed {
	var pages [][]Placed
	for _, m := range streamRe.FindAllSubmatch(pdf, -1) {
		data := m[1]
		if zr, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
			if plain, err := io.ReadAll(zr); err == nil {
				data = plain
			}
		}
		var page []Placed
		for _, s := range placedRe.FindAllSubmatch(data, -1) {
			y, _ := strconv.ParseFloat(string(s[2]), 64)
			page = append(page, Placed{y, decode(unescape(s[3]))})
		}
		if len(page) > 0 {
			pages = append(pages, page)
		}
	}
	return pages
}
