package chart

import (
	"bytes"
	"image/png"
	"testing"
)

func TestWeekPNG(t *testing.T) {
	data, err := WeekPNG("Passages — semaine du 13 avril", [7]string{"lun", "mar", "mer", "jeu", "ven", "sam", "dim"}, []Series{
		{Name: "La Ruche", Counts: [7]int{5, 7, 6, 8, 4, 0, 0}},
		{Name: "Fab Lab", Counts: [7]int{2, 3, 1, 4, 6, 3, 0}},
		{Name: "Écolieu", Counts: [7]int{0, 1, 0, 1, 0, 0, 0}},
	})
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

func BenchmarkWeekPNG(b *testing.B) {
	var s []Series
	for i := range 10 {
		s = append(s, Series{Name: "Lieu " + string(rune('A'+i)), Counts: [7]int{i, 2 * i, 3, 4, 5, 1, 0}})
	}
	for b.Loop() {
		if _, err := WeekPNG("t", [7]string{"L", "M", "M", "J", "V", "S", "D"}, s); err != nil {
			b.Fatal(err)
		}
	}
}
