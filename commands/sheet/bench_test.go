package sheet

import "testing"

// BenchmarkRender: one sheet of 30 names. Latin names embed Liberation Sans
// only; one Chinese name makes the sheet embed Droid Sans Fallback too,
// whose parsing (fpdf parses a font per document) is most of the cost.
func BenchmarkRender(b *testing.B) {
	for _, bc := range []struct{ name, person string }{{"latin", "Zoé Dupré"}, {"cjk", "Zoé Dupré 王小明"}} {
		b.Run(bc.name, func(b *testing.B) {
			s := Sheet{Title: "Matinée", Date: "jeudi", Place: "La Ruche", Labels: labels}
			for range 30 {
				s.Participants = append(s.Participants, Participant{Name: bc.person})
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Render(s, true); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
