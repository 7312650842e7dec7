// Package chart draws the digest's chart: check-ins per day for each space
// over a week, as stacked bars with a legend (gonum.org/v1/plot).
package chart

import (
	"bytes"
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Series is one space's check-ins for each day of the week.
type Series struct {
	Name   string
	Counts [7]int
}

// palette: distinct, colour-blind-friendly (Okabe-Ito).
var palette = [MaxSeries]color.Color{
	color.RGBA{0, 114, 178, 255}, color.RGBA{230, 159, 0, 255}, color.RGBA{0, 158, 115, 255}, color.RGBA{204, 121, 167, 255},
	color.RGBA{86, 180, 233, 255}, color.RGBA{213, 94, 0, 255}, color.RGBA{240, 228, 66, 255}, color.RGBA{0, 0, 0, 255},
}

// MaxSeries is how many series the chart draws: one per palette colour, the
// last one grey for all the others. A national network has 3,500 spaces; a
// legend of 3,500 names took 5 s to draw and no one can read it.
const MaxSeries = 8

var othersColor = color.RGBA{160, 160, 160, 255}

// WeekPNG renders the stacked bars; days are the seven labels (Mon..Sun in
// the network's language). series come most important first: past
// MaxSeries-1 they are summed into one grey bar named others(how many).
func WeekPNG(title string, days [7]string, series []Series, others func(n int) string) ([]byte, error) {
	colors := palette[:]
	if len(series) > MaxSeries {
		rest := Series{Name: others(len(series) - (MaxSeries - 1))}
		for _, s := range series[MaxSeries-1:] {
			for d, n := range s.Counts {
				rest.Counts[d] += n
			}
		}
		series = append(series[:MaxSeries-1:MaxSeries-1], rest)
		colors = append(palette[:MaxSeries-1:MaxSeries-1], othersColor)
	}
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(14)
	p.Y.Label.Text = ""
	p.Y.Min = 0
	p.Legend.Top = true
	p.Legend.Left = false
	p.Legend.TextStyle.Font.Size = vg.Points(10)
	p.X.Tick.Label.Font.Size = vg.Points(10)
	p.NominalX(days[:]...)
	width := vg.Points(28)
	var below *plotter.BarChart
	peak := 0
	var total [7]int
	for i, s := range series {
		vals := make(plotter.Values, 7)
		for d, n := range s.Counts {
			vals[d] = float64(n)
			total[d] += n
		}
		bars, err := plotter.NewBarChart(vals, width)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", s.Name, err)
		}
		bars.LineStyle.Width = 0
		bars.Color = colors[i]
		if below != nil {
			bars.StackOn(below)
		}
		below = bars
		p.Add(bars)
		p.Legend.Add(s.Name, bars)
	}
	for _, t := range total {
		peak = max(peak, t)
	}
	p.Y.Max = float64(max(peak, 4)) * 1.25 // room for the legend
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil // lines between days would cut through the bars
	p.Add(grid)
	p.Y.Tick.Marker = plot.TickerFunc(func(min, max float64) []plot.Tick {
		// Whole numbers only (these are people), in round steps: 1, 2, 5, 10, 20…
		step := 1
		for k := 0; float64(step)*8 < max; k++ {
			step = []int{1, 2, 5}[(k+1)%3] * pow10((k+1)/3)
		}
		var ticks []plot.Tick
		for v := 0; float64(v) <= max; v += step {
			ticks = append(ticks, plot.Tick{Value: float64(v), Label: fmt.Sprint(v)})
		}
		return ticks
	})
	p.Legend.Padding = vg.Points(2)
	p.Legend.ThumbnailWidth = vg.Points(12)
	h := vg.Length(9) * vg.Centimeter
	if len(series) > 6 {
		h += vg.Length(len(series)-6) * 0.5 * vg.Centimeter
	}
	wt, err := p.WriterTo(16*vg.Centimeter, h, "png")
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return buf.Bytes(), nil
}

func pow10(n int) int {
	p := 1
	for range n {
		p *= 10
	}
	return p
}
