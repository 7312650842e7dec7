package commands

import (
	"time"

	"github.com/tierslieux/tiersbot/commands/hours"
	"github.com/tierslieux/tiersbot/commands/presence"
	"github.com/tierslieux/tiersbot/storage"
)

// spaceWeek is a space's closing times (see presence.Hours).
func spaceWeek(s storage.Space) hours.Week { return presence.Hours(s) }

// closingAfter is when a check-in made at `at` ends by itself, in the
// space's own zone (see presence.ClosingAfter).
func closingAfter(at time.Time, s storage.Space) time.Time {
	return presence.ClosingAfter(at, s, location)
}

var (
	frDayShort = [...]string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."}
	enDayShort = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
)

// weekText says a week of closing times in a line that fits a phone:
// "lun.–ven. 18:30 · sam. 12:00 · dim. fermé", or "tous les jours 18:30".
func weekText(l Lang, w hours.Week) string {
	groups := w.Groups()
	if len(groups) == 1 {
		return l.T("hours.every_day", closingText(l, groups[0].Closes))
	}
	days := enDayShort
	if l == FR {
		days = frDayShort
	}
	out := ""
	for i, g := range groups {
		if i > 0 {
			out += " · "
		}
		out += days[g.From]
		if g.To != g.From {
			out += "–" + days[g.To]
		}
		out += " " + closingText(l, g.Closes)
	}
	return out
}

func closingText(l Lang, min int) string {
	switch min {
	case hours.Closed:
		return l.T("hours.closed")
	case hours.Midnight:
		if l == FR {
			return l.Clock(min)
		}
		return "24:00"
	}
	return l.Clock(min)
}
