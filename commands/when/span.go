package when

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Span is what an animator typed for an event's start: the start and, when the
// text also gave an end ("14h-16h", "de 9h30 à 12h"), the end.
type Span struct {
	Start time.Time
	End   time.Time // zero when only a start was typed
}

// ErrWeekdayMismatch: the weekday typed is not the date's ("jeudi 24/04" when
// the 24th is a Friday). Guessing which of the two was meant would be wrong
// half the time, so the caller asks.
var ErrWeekdayMismatch = fmt.Errorf("%w: the weekday does not match the date", ErrStart)

// maxInput bounds what is read: the form field allows 40 characters, the
// console a little more.
const maxInput = 80

var months = map[string]time.Month{
	"janvier": time.January, "janv": time.January, "jan": time.January, "january": time.January,
	"fevrier": time.February, "fevr": time.February, "fev": time.February, "february": time.February, "feb": time.February,
	"mars": time.March, "march": time.March, "mar": time.March,
	"avril": time.April, "avr": time.April, "april": time.April, "apr": time.April,
	"mai": time.May, "may": time.May,
	"juin": time.June, "june": time.June, "jun": time.June,
	"juillet": time.July, "juil": time.July, "july": time.July, "jul": time.July,
	"aout": time.August, "august": time.August, "aug": time.August,
	"septembre": time.September, "sept": time.September, "september": time.September, "sep": time.September,
	"octobre": time.October, "october": time.October, "oct": time.October,
	"novembre": time.November, "november": time.November, "nov": time.November,
	"decembre": time.December, "december": time.December, "dec": time.December,
}

// fillers carry no meaning for the date: "le vendredi à 9h", "on Friday at 9am".
var fillers = map[string]bool{
	"le": true, "la": true, "l'": true, "a": true, "on": true, "at": true, "the": true, "of": true,
	"ce": true, "cet": true, "cette": true, "du": true, "de": true, "des": true, "from": true, "vers": true,
	"around": true,
}

// separators end a start time and begin an end time: "14h-16h", "14h à 16h".
var separators = map[string]bool{
	"-": true, "a": true, "to": true, "jusqu'a": true, "until": true, "till": true,
}

// tokens folds s and splits it into words, with glued clock ranges apart:
// "14h-16h" -> "14h", "-", "16h".
func tokens(s string) []string {
	f := fold(strings.TrimSpace(s))
	f = strings.NewReplacer("’", "'", "–", "-", "—", "-", ",", " ", ";", " ").Replace(f)
	if len(f) > 10 && f[10] == 't' && f[4] == '-' && f[7] == '-' { // ISO 8601: 2026-04-12T18:30
		f = f[:10] + " " + f[11:]
	}
	var out []string
	for _, w := range strings.Fields(f) {
		if a, b, ok := strings.Cut(w, "-"); ok && a != "" && b != "" {
			if _, _, ok := clockPair(a, b); ok {
				out = append(out, a, "-", b)
				continue
			}
		}
		if a, ok := strings.CutSuffix(w, "-"); ok && a != "" {
			if _, _, ok := parseClock(a); ok { // "14h- 16h"
				out = append(out, a, "-")
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

// dayNumber reads a day of the month: "23", "1er", "1st", "2nd", "23rd", "3e", "premier".
func dayNumber(w string) (int, bool) {
	if w == "premier" || w == "first" {
		return 1, true
	}
	for _, suf := range []string{"er", "eme", "e", "st", "nd", "rd", "th"} {
		if n, ok := strings.CutSuffix(w, suf); ok && n != "" {
			w = n
			break
		}
	}
	if len(w) > 2 {
		return 0, false
	}
	d, err := strconv.Atoi(w)
	if err != nil || d < 1 || d > 31 {
		return 0, false
	}
	return d, true
}

// ordinal reports whether w is a day number written as an ordinal ("1er",
// "2nd"): a bare "12" before a time is too easily an hour to be read as a day.
func ordinal(w string) bool {
	_, ok := dayNumber(w)
	return ok && strings.IndexFunc(w, func(r rune) bool { return r < '0' || r > '9' }) >= 0
}

func year(w string) (int, bool) {
	y, err := strconv.Atoi(w)
	return y, err == nil && len(w) == 4 && y >= 2000 && y < 2200
}

// dateWords is what the words before the time said.
type dateWords struct {
	y          int
	m          time.Month
	d          int
	dateGiven  bool // a calendar date (numeric or with a month name)
	yearGiven  bool
	relative   bool // today, tomorrow, the day after
	plusDays   int
	weekday    time.Weekday // -1 when none
	next       bool         // "prochain", "next": not today
	dayOfMonth bool         // "le 1er", "le 23 à": a day of this month or the next
}

// readDate consumes the leading date words of ws and returns where the time begins.
func readDate(ws []string, today time.Time) (dateWords, int, bool) {
	dw := dateWords{weekday: -1}
	dw.y, dw.m, dw.d = today.Date()
	i := 0
	for i < len(ws) {
		w := strings.TrimSuffix(ws[i], ".")
		switch {
		case fillers[w]:
			i++
			continue
		case w == "aujourd'hui" || w == "aujourdhui" || w == "today":
			dw.relative = true
		case w == "demain" || w == "tomorrow":
			dw.relative, dw.plusDays = true, 1
		case w == "apres-demain" || w == "apresdemain":
			dw.relative, dw.plusDays = true, 2
		case w == "soir" || w == "tonight" || w == "matin" || w == "apres-midi" || w == "morning" || w == "afternoon" || w == "evening":
			// "ce soir", "demain matin": the part of the day adds nothing to the time.
			if !dw.relative && !dw.dateGiven && dw.weekday < 0 {
				dw.relative = true
			}
		case w == "prochain" || w == "prochaine" || w == "next":
			dw.next = true
		default:
			if wd, ok := weekdays[w]; ok {
				if dw.weekday >= 0 {
					return dw, 0, false // two weekdays
				}
				dw.weekday = wd
				break
			}
			if y, m, d, hasYear, ok := parseDate(w); ok {
				if dw.dateGiven {
					return dw, 0, false
				}
				dw.y, dw.m, dw.d, dw.yearGiven, dw.dateGiven = y, m, d, hasYear, true
				if !hasYear {
					dw.y = today.Year()
				}
				break
			}
			if d, ok := dayNumber(w); ok && i+1 < len(ws) {
				j := i + 1
				if ws[j] == "of" && j+1 < len(ws) { // "the 1st of May"
					j++
				}
				if m, ok := months[strings.TrimSuffix(ws[j], ".")]; ok { // "23 avril", "1er mai"
					if dw.dateGiven {
						return dw, 0, false
					}
					dw.m, dw.d, dw.dateGiven = m, d, true
					i = j
					if i+1 < len(ws) {
						if y, ok := year(ws[i+1]); ok {
							dw.y, dw.yearGiven = y, true
							i++
						}
					}
					break
				}
			}
			if m, ok := months[w]; ok && w != "mar" && i+1 < len(ws) { // "April 23", "May 1st"
				if d, ok := dayNumber(ws[i+1]); ok && !looksLikeClock(ws, i+1) {
					if dw.dateGiven {
						return dw, 0, false
					}
					dw.m, dw.d, dw.dateGiven = m, d, true
					i++
					if i+1 < len(ws) {
						if y, ok := year(ws[i+1]); ok {
							dw.y, dw.yearGiven = y, true
							i++
						}
					}
					break
				}
			}
			// "le 1er à 10h", "le 23 à 14h": a bare number is a day only after
			// "le"/"the", or as an ordinal; otherwise it is an hour ("18 h 30").
			afterArticle := i > 0 && (ws[i-1] == "le" || ws[i-1] == "the")
			if d, ok := dayNumber(w); ok && !dw.dateGiven && (ordinal(w) || afterArticle && !looksLikeClock(ws, i)) {
				dw.d, dw.dayOfMonth, dw.dateGiven = d, true, true
				break
			}
			return dw, i, true
		}
		i++
	}
	return dw, i, true
}

// looksLikeClock: in "May 10 h 30" the number is an hour, not a day.
func looksLikeClock(ws []string, i int) bool {
	return i+1 < len(ws) && (ws[i+1] == "h" || strings.HasPrefix(ws[i+1], "h"))
}

// clockPair reads a range's two ends, letting the first borrow the second's
// unit: "14-16h", "2-4pm", "9 a 12h".
func clockPair(a, b string) (start, end [2]int, ok bool) {
	eh, em, ok := parseClock(b)
	if !ok {
		if _, err := strconv.Atoi(b); err == nil && len(b) <= 2 {
			eh, em, ok = parseClock(b + "h")
		}
		if !ok {
			return start, end, false
		}
	}
	sh, sm, ok := parseClock(a)
	if !ok {
		if _, err := strconv.Atoi(a); err != nil || len(a) > 2 {
			return start, end, false
		}
		unit := "h"
		for _, suf := range []string{"am", "pm"} {
			if strings.HasSuffix(b, suf) {
				unit = suf
			}
		}
		if sh, sm, ok = parseClock(a + unit); !ok {
			return start, end, false
		}
	}
	return [2]int{sh, sm}, [2]int{eh, em}, true
}

// readClocks reads the start time and an optional end time from the words after the date.
func readClocks(ws []string) (start, end [2]int, hasEnd, ok bool) {
	for len(ws) > 0 && fillers[ws[0]] {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return start, end, false, false
	}
	sep := -1
	for j := 1; j < len(ws); j++ {
		if separators[ws[j]] {
			sep = j
			break
		}
	}
	if sep < 0 {
		h, m, ok := parseClock(strings.Join(ws, ""))
		return [2]int{h, m}, end, false, ok
	}
	right := ws[sep+1:]
	for len(right) > 0 && fillers[right[0]] { // "à 12h", "jusqu'à 12h"
		right = right[1:]
	}
	if len(right) == 0 {
		return start, end, false, false
	}
	start, end, ok = clockPair(strings.Join(ws[:sep], ""), strings.Join(right, ""))
	return start, end, true, ok
}

// Start reads a local date and time in loc, relative to now for "demain",
// weekdays and a missing year. See Parse.
func Start(s string, now time.Time, loc *time.Location) (time.Time, error) {
	sp, err := Parse(s, now, loc)
	return sp.Start, err
}

// Parse reads a start, and an end when one is typed, the way people write
// them: "2026-04-12 18:30", "jeu 23/04 14h", "23 avril 14h-16h", "le 1er mai
// à 10h", "mardi prochain 10h", "de 9h30 à 12h", "April 23 2pm-4pm". A date
// needs a time; a time alone means today (or tomorrow if it has passed); a
// weekday means its next occurrence (today if still ahead, never today with
// "prochain"/"next"); a date without a year that is more than 12 hours past
// means next year. A time skipped by a daylight-saving change is refused
// (ErrNonexistentTime); an ambiguous one takes its first occurrence. An end at
// or before the start is on the next day ("22h-2h").
func Parse(s string, now time.Time, loc *time.Location) (Span, error) {
	if len(s) > maxInput {
		return Span{}, ErrStart
	}
	ws := tokens(s)
	if len(ws) == 0 {
		return Span{}, ErrStart
	}
	today := now.In(loc)
	dw, i, ok := readDate(ws, today)
	if !ok {
		return Span{}, ErrStart
	}
	start, end, hasEnd, ok := readClocks(ws[i:])
	if !ok {
		return Span{}, ErrStart // an event needs a time
	}
	build := func(y int, m time.Month, d int, hm [2]int) (time.Time, error) {
		t := time.Date(y, m, d, hm[0], hm[1], 0, 0, loc)
		if t.Hour() != hm[0] || t.Minute() != hm[1] {
			return time.Time{}, ErrNonexistentTime
		}
		if e := t.Add(-time.Hour); e.Hour() == hm[0] && e.Minute() == hm[1] {
			t = e // the wall clock shows this time twice: take the first
		}
		return t, nil
	}
	y, m, d := dw.y, dw.m, dw.d+dw.plusDays
	if dw.dateGiven && !dw.dayOfMonth {
		// A real calendar date: time.Date would roll 31/02 over to March.
		if probe := time.Date(y, m, d, 12, 0, 0, 0, loc); probe.Month() != m || probe.Day() != d {
			if dw.yearGiven || m != time.February || d != 29 {
				return Span{}, ErrStart
			}
		}
	}
	var (
		t   time.Time
		err error
	)
	switch {
	case dw.dayOfMonth:
		t, err = build(y, m, d, start)
		if err == nil && (t.Day() != d || t.Before(now.Add(-12*time.Hour))) {
			t, err = build(y, m+1, d, start)
		}
		if err == nil && t.Day() != d { // "le 31" in a 30-day month: the next one that has it
			t, err = build(y, m+2, d, start)
		}
	case dw.weekday >= 0 && !dw.dateGiven && !dw.relative:
		ahead := (int(dw.weekday) - int(today.Weekday()) + 7) % 7
		if ahead == 0 && dw.next {
			ahead = 7
		}
		t, err = build(y, m, d+ahead, start)
		if err == nil && !t.After(now) {
			t, err = build(y, m, d+ahead+7, start)
		}
	case !dw.dateGiven && !dw.relative:
		t, err = build(y, m, d, start)
		if err == nil && !t.After(now) {
			t, err = build(y, m, d+1, start)
		}
	case dw.dateGiven && !dw.yearGiven:
		t, err = build(y, m, d, start)
		if err == nil && (t.Day() != d || t.Before(now.Add(-12*time.Hour))) {
			t, err = build(y+1, m, d, start)
		}
		if err == nil && t.Day() != d { // 29 February typed in a year without one
			return Span{}, ErrStart
		}
	default:
		t, err = build(y, m, d, start)
	}
	if err != nil {
		return Span{}, err
	}
	if dw.weekday >= 0 && (dw.dateGiven || dw.relative) && t.Weekday() != dw.weekday {
		return Span{}, ErrWeekdayMismatch
	}
	sp := Span{Start: t}
	if hasEnd {
		ty, tm, td := t.In(loc).Date()
		e, err := build(ty, tm, td, end)
		if err != nil {
			return Span{}, err
		}
		if !e.After(t) {
			if e, err = build(ty, tm, td+1, end); err != nil {
				return Span{}, err
			}
		}
		sp.End = e
	}
	return sp, nil
}

// rangeDuration reads a duration typed as two clock times: "14h-16h", "de 9h30 à 12h".
func rangeDuration(s string) (time.Duration, bool) {
	ws := tokens(s)
	start, end, hasEnd, ok := readClocks(ws)
	if !ok || !hasEnd {
		return 0, false
	}
	d := time.Duration(end[0]-start[0])*time.Hour + time.Duration(end[1]-start[1])*time.Minute
	if d <= 0 {
		d += 24 * time.Hour
	}
	return d, true
}
