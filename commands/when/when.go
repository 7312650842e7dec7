// Package when reads the dates, times and durations French and English users
// type for an event: "2026-04-12 18:30", "jeu 23/04 14h", "23 avril 14h-16h",
// "le 1er mai à 10h", "mardi prochain 10h", "tomorrow 2pm", "2h", "1h30", "90min".
package when

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Errors; the caller shows a localized message with Examples.
var (
	ErrStart    = errors.New("unreadable date and time")
	ErrDuration = errors.New("unreadable duration")
	// ErrNonexistentTime: the wall-clock time is skipped by a daylight-saving change.
	ErrNonexistentTime = fmt.Errorf("%w: that time does not exist (clocks change)", ErrStart)
)

// Examples are sample inputs for help messages.
func Examples(lang string) []string {
	if lang == "fr" {
		return []string{"2026-04-12 18:30", "jeudi 23/04 14h-16h", "23 avril 14h", "vendredi 9h", "demain de 9h30 à 12h"}
	}
	return []string{"2026-04-12 18:30", "thu 23/04 2pm-4pm", "April 23 2pm", "friday 9am", "tomorrow 9:30am-12pm"}
}

var weekdays = map[string]time.Weekday{
	"dimanche": time.Sunday, "dim": time.Sunday, "sunday": time.Sunday, "sun": time.Sunday,
	"lundi": time.Monday, "lun": time.Monday, "monday": time.Monday, "mon": time.Monday,
	"mardi": time.Tuesday, "mar": time.Tuesday, "tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"mercredi": time.Wednesday, "mer": time.Wednesday, "wednesday": time.Wednesday, "wed": time.Wednesday,
	"jeudi": time.Thursday, "jeu": time.Thursday, "thursday": time.Thursday, "thu": time.Thursday, "thurs": time.Thursday,
	"vendredi": time.Friday, "ven": time.Friday, "friday": time.Friday, "fri": time.Friday,
	"samedi": time.Saturday, "sam": time.Saturday, "saturday": time.Saturday, "sat": time.Saturday,
}

// fold lowercases and strips accents so "Après-demain" = "apres-demain".
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(s))
	if err != nil {
		return strings.ToLower(s)
	}
	return out
}

// parseDate reads 2026-04-12, 12/04/2026, 12/04/26, 12.04.2026, 12/04 (day first).
func parseDate(w string) (int, time.Month, int, bool, bool) {
	if p := strings.Split(w, "-"); len(p) == 3 && len(p[0]) == 4 {
		y, e1 := strconv.Atoi(p[0])
		mo, e2 := strconv.Atoi(p[1])
		d, e3 := strconv.Atoi(p[2])
		if e1 == nil && e2 == nil && e3 == nil && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && y >= 2000 && y < 2200 {
			return y, time.Month(mo), d, true, true
		}
		return 0, 0, 0, false, false
	}
	p := strings.FieldsFunc(w, func(r rune) bool { return r == '/' || r == '.' })
	if len(p) < 2 || len(p) > 3 || strings.Count(w, "/")+strings.Count(w, ".") != len(p)-1 {
		return 0, 0, 0, false, false
	}
	d, e1 := strconv.Atoi(p[0])
	mo, e2 := strconv.Atoi(p[1])
	if e1 != nil || e2 != nil || mo < 1 || mo > 12 || d < 1 || d > 31 || len(p[0]) > 2 || len(p[1]) > 2 {
		return 0, 0, 0, false, false
	}
	if len(p) == 2 {
		return 0, time.Month(mo), d, false, true
	}
	y, err := strconv.Atoi(p[2])
	if err != nil || (len(p[2]) != 2 && len(p[2]) != 4) {
		return 0, 0, 0, false, false
	}
	if len(p[2]) == 2 {
		y += 2000
	}
	if y < 2000 || y >= 2200 {
		return 0, 0, 0, false, false
	}
	return y, time.Month(mo), d, true, true
}

// parseClock reads 18:30, 18h30, 18h, 18 h 30, 9am, 9:30pm, 12pm, midi, minuit.
func parseClock(s string) (int, int, bool) {
	s = strings.ReplaceAll(s, " ", "")
	switch s {
	case "midi", "noon":
		return 12, 0, true
	case "minuit", "midnight":
		return 0, 0, true
	}
	ampm := ""
	for _, suf := range []string{"am", "pm", "a.m.", "p.m."} {
		if strings.HasSuffix(s, suf) {
			ampm, s = suf[:1], strings.TrimSuffix(s, suf)
			break
		}
	}
	var hs, ms string
	switch {
	case strings.Contains(s, ":"):
		hs, ms, _ = strings.Cut(s, ":")
		if ms == "" {
			return 0, 0, false
		}
	case strings.Contains(s, "h"):
		hs, ms, _ = strings.Cut(s, "h")
	default:
		hs = s
	}
	if hs == "" || len(hs) > 2 || len(ms) > 2 || (ms != "" && len(ms) != 2) {
		return 0, 0, false
	}
	h, err := strconv.Atoi(hs)
	if err != nil {
		return 0, 0, false
	}
	m := 0
	if ms != "" {
		if m, err = strconv.Atoi(ms); err != nil {
			return 0, 0, false
		}
	}
	if ampm != "" {
		if h < 1 || h > 12 {
			return 0, 0, false
		}
		h %= 12
		if ampm == "p" {
			h += 12
		}
	} else if ms == "" && !strings.Contains(s, "h") {
		return 0, 0, false // a bare number is not a time
	}
	if h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, false
	}
	return h, m, true
}

// MaxDuration is the longest duration Duration reads; longer ones (and
// those that would overflow) are refused. The caller may bound it further.
const MaxDuration = 10000 * time.Hour

// Duration reads 2h, 1h30, 1h30m, 1 h 30, 90min, 90 min, 90mn, 90m, 90, 1.5h,
// 1,5h, 2 heures, 2 hours, 45 minutes, 1:30, and ranges of two clock times
// (14h-16h, de 9h30 à 12h). The result is a whole number of minutes in
// (0, MaxDuration].
func Duration(s string) (time.Duration, error) {
	if len(s) <= maxInput {
		if d, ok := rangeDuration(s); ok {
			return d, nil
		}
	}
	s = fold(strings.TrimSpace(s))
	s = strings.NewReplacer(" ", "", "heures", "h", "heure", "h", "hours", "h", "hour", "h", "hrs", "h", "hr", "h",
		"minutes", "m", "minute", "m", "mins", "m", "min", "m", "mn", "m", ",", ".").Replace(s)
	if s == "" || len(s) > 12 {
		return 0, ErrDuration
	}
	var d time.Duration
	switch {
	case strings.Contains(s, ":"):
		hs, ms, _ := strings.Cut(s, ":")
		h, e1 := strconv.Atoi(hs)
		m, e2 := strconv.Atoi(ms)
		// h is bounded before it is multiplied: "999999999:00" overflowed.
		if e1 != nil || e2 != nil || len(ms) != 2 || m > 59 || h > int(MaxDuration/time.Hour) {
			return 0, ErrDuration
		}
		d = time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
	case strings.Contains(s, "h"):
		hs, ms, _ := strings.Cut(s, "h")
		ms = strings.TrimSuffix(ms, "m")
		h, err := strconv.ParseFloat(hs, 64)
		if err != nil || h < 0 || h > 10000 {
			return 0, ErrDuration
		}
		d = time.Duration(h * float64(time.Hour))
		if ms != "" {
			if strings.Contains(hs, ".") {
				return 0, ErrDuration
			}
			m, err := strconv.Atoi(ms)
			if err != nil || m < 0 || m > 59 {
				return 0, ErrDuration
			}
			d += time.Duration(m) * time.Minute
		}
	default:
		m, err := strconv.Atoi(strings.TrimSuffix(s, "m"))
		if err != nil || m > 1_000_000 {
			return 0, ErrDuration
		}
		d = time.Duration(m) * time.Minute
	}
	d = d.Round(time.Minute)
	if d <= 0 || d > MaxDuration {
		return 0, ErrDuration
	}
	return d, nil
}
