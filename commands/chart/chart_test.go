package chart

import (
	"bytes"
	"fmt"
	"image/png"
	"testing"
)

func TestWeekPNG(t *testing.T) {
	data, err := WeekPNG("Passages — semaine du 13 avril", [7]string{"lun", "mar", "mer", "jeu", "ven", "sam", "dim"}, []Series{
		{Name: "La Ruche", Counts: [7]int{5, 7, 6, 8, 4, 0, 0}},
		{Name: "Fab Lab", Counts: [7]int{2, 3, 1, 4, 6, 3, 0}},
		{Name: "Écolieu", Counts: [7]int{0, 1, 0, 1, 0, 0, 0}},
	}, others)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	b := img.Bounds()
	if b.Dx() < 400 || b.Dx() > 2000 || b.Dy() < 250 || b.Dy() > 1500 {
		t.Errorf("size %dx%d", b.Dx(), b.Dy())
	}
	if len(data) > 200_000 {
		t.Errorf("%d bytes: too heavy for a phone", len(data))
	}
	// Something is drawn in the first space's colour.
	found := false
	for y := b.Min.Y; y < b.Max.Y && !found; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 == 0 && g>>8 == 114 && bl>>8 == 178 {
				found = true
				break
			}
		}
	}
	if !found {
		t.Error("no bar in the first space's colour")
	}
}

func others(n int) string { return fmt.Sprintf("%d autres lieux", n) }

// A national network: the chart stays a phone-sized picture with eight
// series, the last one grey and named for the spaces it sums.
func TestWeekPNGManySpaces(t *testing.T) {
	var s []Series
	for i := range 3500 {
		s = append(s, Series{Name: fmt.Sprintf("Lieu %d", i), Counts: [7]int{1, 1, 1, 1, 1, 0, 0}})
	}
	var asked int
	data, err := WeekPNG("t", [7]string{"L", "M", "M", "J", "V", "S", "D"}, s, func(n int) string { asked = n; return others(n) })
	if err != nil {
		t.Fatal(err)
	}
	if asked != 3500-(MaxSeries-1) {
		t.Errorf("others label asked for %d spaces, want %d", asked, 3500-(MaxSeries-1))
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dy() > 1000 {
		t.Errorf("height %d px", b.Dy())
	}
	grey := false
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y && !grey; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r>>8 == 160 && g>>8 == 160 && bl>>8 == 160 {
				grey = true
				break
			}
		}
	}
	if !grey {
		t.Error("no grey bar for the other spaces")
	}
}

func BenchmarkWeekPNG(b *testing.B) {
	for _, n := range []int{10, 3500} {
		var s []Series
		for i := range n {
			s = append(s, Series{Name: fmt.Sprintf("Lieu %d", i), Counts: [7]int{i % 9, 2 * i % 7, 3, 4, 5, 1, 0}})
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := WeekPNG("t", [7]string{"L", "M", "M", "J", "V", "S", "D"}, s, others); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
