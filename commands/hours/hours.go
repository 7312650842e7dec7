// Package hours knows when a space closes on each day of the week, as an
// animator says it: "18h30 le mardi, 17h sinon, fermé le dimanche", "lun-ven
// 18h, sam midi", "6pm, closed on sundays". It knows nothing of storage or
// Discord: a Week in, a Week out, and the instant a visit ends by itself.
package hours

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Closed marks a day the space does not open.
const Closed = -1

// Midnight is a closing at the very end of the day (24:00).
const Midnight = 24 * 60

// Default is the closing time of a space that has set none: an evening
// closing, not midnight, so a forgotten check-out does not make a 14-hour
// stay (most spaces of the network close between 17:00 and 19:00).
const Default = 19 * 60

// Week is a space's closing time for each weekday, indexed by time.Weekday:
// minutes after local midnight (1..1440), or Closed.
type Week [7]int

// Every is the same closing time every day.
func Every(min int) Week {
	var w Week
	for d := range w {
		w[d] = min
	}
	return w
}

// ErrUnreadable: the caller shows examples of what is understood.
var ErrUnreadable = errors.New("unreadable opening hours")

// ErrConflict: one day was given two different closing times.
var ErrConflict = errors.New("a day has two closing times")

var dayNames = map[string]time.Weekday{
	"dimanche": time.Sunday, "dimanches": time.Sunday, "dim": time.Sunday, "sunday": time.Sunday, "sundays": time.Sunday, "sun": time.Sunday,
	"lundi": time.Monday, "lundis": time.Monday, "lun": time.Monday, "monday": time.Monday, "mondays": time.Monday, "mon": time.Monday,
	"mardi": time.Tuesday, "mardis": time.Tuesday, "mar": time.Tuesday, "tuesday": time.Tuesday, "tuesdays": time.Tuesday, "tue": time.Tuesday,
	"mercredi": time.Wednesday, "mercredis": time.Wednesday, "mer": time.Wednesday, "wednesday": time.Wednesday, "wednesdays": time.Wednesday, "wed": time.Wednesday,
	"jeudi": time.Thursday, "jeudis": time.Thursday, "jeu": time.Thursday, "thursday": time.Thursday, "thursdays": time.Thursday, "thu": time.Thursday,
	"vendredi": time.Friday, "vendredis": time.Friday, "ven": time.Friday, "friday": time.Friday, "fridays": time.Friday, "fri": time.Friday,
	"samedi": time.Saturday, "samedis": time.Saturday, "sam": time.Saturday, "saturday": time.Saturday, "saturdays": time.Saturday, "sat": time.Saturday,
}

// noise carries no meaning here: "le mardi", "on tuesdays", "à 18h".
var noise = map[string]bool{
	"le": true, "les": true, "la": true, "on": true, "at": true, "a": true, "du": true, "de": true, "des": true,
	"the": true, "in": true, "tous": true, "toutes": true, "every": true, "et": true, "and": true,
}

// otherwise words make a clause the closing of every day not named elsewhere.
var otherwise = map[string]bool{
	"sinon": true, "otherwise": true, "else": true, "autrement": true, "ailleurs": true, "reste": true,
	"autres": true, "other": true,
}

var closedWords = map[string]bool{"ferme": true, "fermee": true, "fermes": true, "closed": true, "close": true, "relache": true}

func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(s))
	if err != nil {
		return strings.ToLower(s)
	}
	return out
}

// Clock reads a closing time: "18:30", "18h30", "18h", "18", "6pm", "6:30pm",
// "midi", "noon", "minuit", "midnight" (24:00). Minutes after midnight.
func Clock(s string) (int, bool) {
	s = strings.ReplaceAll(fold(strings.TrimSpace(s)), " ", "")
	switch s {
	case "midi", "noon":
		return 12 * 60, true
	case "minuit", "midnight", "24h", "24:00", "24h00", "0h", "00h", "00:00", "0:00":
		return Midnight, true
	}
	pm, am := strings.HasSuffix(s, "pm"), strings.HasSuffix(s, "am")
	if pm || am {
		s = s[:len(s)-2]
	}
	hs, ms, found := strings.Cut(s, "h")
	if !found {
		hs, ms, _ = strings.Cut(s, ":")
	}
	if hs == "" || len(hs) > 2 || (ms != "" && len(ms) != 2) {
		return 0, false
	}
	h, err := strconv.Atoi(hs)
	if err != nil {
		return 0, false
	}
	m := 0
	if ms != "" {
		if m, err = strconv.Atoi(ms); err != nil || m > 59 {
			return 0, false
		}
	}
	if pm || am {
		if h < 1 || h > 12 {
			return 0, false
		}
		h %= 12
		if pm {
			h += 12
		}
	}
	if h > 23 {
		return 0, false
	}
	if h == 0 && m == 0 { // "12am", "0"
		return Midnight, true
	}
	return h*60 + m, true
}

// clause is one comma-separated part: some days (or "otherwise") and a time
// or "closed".
type clause struct {
	days      []time.Weekday
	rest      bool // "sinon", or no day named
	closed    bool
	closes    int
	hasClosed bool
	hasTime   bool
}

// Parse reads an animator's description of closing times over base (the
// current week): days it names change, the others keep base's time, and a
// time with no day ("17h", "17h sinon") sets every day the text does not name.
func Parse(s string, base Week) (Week, error) {
	f := fold(strings.TrimSpace(s))
	if f == "" || len(f) > 200 {
		return base, ErrUnreadable
	}
	f = strings.NewReplacer(";", ",", "/", ",", "\n", ",", "’", "'",
		"week-end", "samedi-dimanche", "weekend", "samedi-dimanche", "tous les jours", "sinon", "every day", "otherwise",
		"du lundi au vendredi", "lundi-vendredi", "en semaine", "lundi-vendredi", "weekdays", "lundi-vendredi",
		"le reste du temps", "sinon", "les autres jours", "sinon", "other days", "otherwise", "the rest of the week", "otherwise").Replace(f)
	var clauses []clause
	for _, part := range strings.Split(f, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		c, err := readClause(part)
		if err != nil {
			return base, err
		}
		clauses = append(clauses, c)
	}
	if len(clauses) == 0 {
		return base, ErrUnreadable
	}
	out := base
	named := [7]bool{}
	for _, c := range clauses {
		v := c.closes
		if c.closed {
			v = Closed
		}
		for _, d := range c.days {
			if named[d] && out[d] != v {
				return base, ErrConflict
			}
			named[d], out[d] = true, v
		}
	}
	restGiven := false
	for _, c := range clauses {
		if !c.rest {
			continue
		}
		if restGiven {
			return base, ErrConflict // two "otherwise" times
		}
		restGiven = true
		for d := range out {
			if !named[d] {
				out[d] = c.closes
				if c.closed {
					out[d] = Closed
				}
			}
		}
	}
	return out, nil
}

// readClause reads "18h30 le mardi", "mardi 18h30", "lun-ven 18h", "fermé le
// dimanche", "17h sinon", "17h", "closed on sundays".
func readClause(part string) (clause, error) {
	var c clause
	words := strings.Fields(strings.NewReplacer(" au ", "-", " to ", "-", " through ", "-", " a ", " ").Replace(" " + part + " "))
	for i := 0; i < len(words); i++ {
		w := strings.Trim(words[i], ".:")
		switch {
		case w == "" || noise[w]:
		case closedWords[w]:
			c.closed, c.hasClosed = true, true
		case otherwise[w]:
			c.rest = true
		case w == "jours" || w == "days":
		default:
			if days, ok := dayRange(w); ok {
				c.days = append(c.days, days...)
				continue
			}
			// "18 h 30": join the pieces of one time.
			t := w
			for i+1 < len(words) && len(t) < 8 && (words[i+1] == "h" || strings.HasSuffix(t, "h") && isDigits(words[i+1])) {
				i++
				t += words[i]
			}
			m, ok := Clock(t)
			if !ok || c.hasTime {
				return c, ErrUnreadable
			}
			c.closes, c.hasTime = m, true
		}
	}
	if c.hasTime == c.hasClosed { // a clause says one thing: a time, or closed
		return c, ErrUnreadable
	}
	if len(c.days) == 0 {
		if c.closed {
			return c, ErrUnreadable // "fermé" alone: closed when?
		}
		c.rest = true
	}
	if len(c.days) > 0 && c.rest {
		return c, ErrUnreadable
	}
	return c, nil
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// dayRange reads "mardi", "lun-ven", "samedi-dimanche", "mon-fri".
func dayRange(w string) ([]time.Weekday, bool) {
	if d, ok := dayNames[w]; ok {
		return []time.Weekday{d}, true
	}
	a, b, ok := strings.Cut(w, "-")
	if !ok {
		return nil, false
	}
	from, ok1 := dayNames[a]
	to, ok2 := dayNames[b]
	if !ok1 || !ok2 {
		return nil, false
	}
	// Weeks run Monday to Sunday here: "ven-lun" is Friday to Monday.
	var out []time.Weekday
	for d := from; ; d = (d + 1) % 7 {
		out = append(out, d)
		if d == to {
			break
		}
	}
	return out, true
}

// ClosingAfter is when a visit that began at `at` ends by itself: that day's
// closing time in loc; midnight when the visit began after it. A closed day
// closes at Default (someone came for a private session: the stay is flagged
// as automatic anyway).
func (w Week) ClosingAfter(at time.Time, loc *time.Location) time.Time {
	l := at.In(loc)
	midnight := time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, loc)
	closes := w[l.Weekday()]
	if closes == Closed {
		closes = Default
	}
	if closes <= 0 || closes >= Midnight {
		return midnight
	}
	c := time.Date(l.Year(), l.Month(), l.Day(), closes/60, closes%60, 0, 0, loc)
	if c.After(at) {
		return c
	}
	return midnight
}

// Encode writes w for storage: seven numbers, Sunday first.
func (w Week) Encode() string {
	parts := make([]string, 7)
	for d, v := range w {
		parts[d] = strconv.Itoa(v)
	}
	return strings.Join(parts, ",")
}

// Decode reads what Encode wrote.
func Decode(s string) (Week, bool) {
	var w Week
	parts := strings.Split(s, ",")
	if len(parts) != 7 {
		return w, false
	}
	for d, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < Closed || v > Midnight || v == 0 {
			return w, false
		}
		w[d] = v
	}
	return w, true
}

// Group is consecutive days (Monday first) that close at the same time.
type Group struct {
	From, To time.Weekday
	Closes   int // or Closed
}

// Groups lists w Monday to Sunday, joining days alike: "lun.–ven. 18:30,
// sam. 12:00, dim. fermé" is three groups. Rendering names them.
func (w Week) Groups() []Group {
	order := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	var out []Group
	for _, d := range order {
		if n := len(out); n > 0 && out[n-1].Closes == w[d] {
			out[n-1].To = d
			continue
		}
		out = append(out, Group{From: d, To: d, Closes: w[d]})
	}
	return out
}
