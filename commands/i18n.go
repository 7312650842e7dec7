package commands

import (
	"embed"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tierslieux/tiersbot/commands/french"
)

// Lang is a reply language: French or English.
type Lang string

const (
	FR Lang = "fr"
	EN Lang = "en"
)

// LangOf maps a Discord locale to a reply language: the language of its
// message file when there is one (fr.toml for any French locale), English
// otherwise.
func LangOf(locale string) Lang {
	base, _, _ := strings.Cut(strings.ToLower(locale), "-")
	if base == string(FR) {
		return FR
	}
	if slices.Contains(fileLangs(), Lang(base)) {
		return Lang(base)
	}
	return EN
}

// fileLangs are the languages of the message files, by their names.
var fileLangs = sync.OnceValue(func() []Lang {
	files, err := messageFiles(locales, "locales")
	if err != nil {
		panic(fmt.Sprintf("the embedded message files cannot be listed: %v", err))
	}
	var out []Lang
	for _, f := range files {
		out = append(out, Lang(strings.TrimSuffix(path.Base(f), ".toml")))
	}
	return out
})

// locales holds the message files: fr.toml, en.toml (a language is a file)
// and args.toml, the placeholder names. See STYLE.md, "Messages".
//
//go:embed locales/*.toml
var locales embed.FS

// texts are the bot's messages, read once: French templates get French
// typography and commands named as French users see them in Discord
// (`/checkin` becomes `/arrivee`, `channel:` becomes `salon:`).
var texts = sync.OnceValue(func() *Texts {
	t, err := LoadTexts(locales, "locales", frenchRule)
	if err != nil {
		panic(fmt.Sprintf("the embedded message files do not load: %v", err))
	}
	return t
})

// frenchRule is applied once to each French template at load.
func frenchRule(s string) string { return french.Typo(frenchCommands(s)) }

// FrenchMessages is the rule the bot's French messages load with, for
// other message files (the console's): French typography, and commands and
// options in code spans named as French users see them in Discord.
var FrenchMessages FrenchRule = frenchRule

// T returns message key in lang, its placeholders filled with args in the
// order args.toml names them.
func (l Lang) T(key string, args ...any) string {
	s, ok := texts().T(l, key, args...)
	if !ok {
		return "!" + key + "!"
	}
	return s
}

// N is T for a plural message: n is its count (its first placeholder) and
// picks the form by the language's CLDR rules.
func (l Lang) N(key string, n int, args ...any) string {
	return l.T(key, append([]any{n}, args...)...)
}

var frWeekdays = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
var frMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// Date formats a day for text that cannot use Discord's timestamp markup
// (files, the console's headers): "lundi 13 avril 2026", "jeudi 1er
// janvier 2026" / "Monday 13 April 2026".
func (l Lang) Date(t time.Time) string {
	if l == FR {
		return fmt.Sprintf("%s %s %s %d", frWeekdays[t.Weekday()], l.Day(t), frMonths[t.Month()-1], t.Year())
	}
	return t.Format("Monday 2 January 2006")
}

// DayMonth is a day without its year: "27 avril", "1er mai" / "27 April".
func (l Lang) DayMonth(t time.Time) string {
	if l == FR {
		return l.Day(t) + " " + frMonths[t.Month()-1]
	}
	return t.Format("2 January")
}

// Day is the day of the month alone, as a period starts ("du 1er au 7
// juin"): French writes the first of a month "1er", English "1".
func (l Lang) Day(t time.Time) string {
	if l == FR && t.Day() == 1 {
		return "1er"
	}
	return strconv.Itoa(t.Day())
}

// Month names a month: "avril 2026" / "April 2026".
func (l Lang) Month(t time.Time) string {
	if l == FR {
		return fmt.Sprintf("%s %d", frMonths[t.Month()-1], t.Year())
	}
	return t.Format("January 2006")
}

// Stay formats a duration: "2 h 05", "45 min" in French (no-break
// spaces, see STYLE.md), "2h05", "45 min" in English.
func (l Lang) Stay(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	if l == FR {
		if m < 60 {
			return fmt.Sprintf("%d\u00a0min", m)
		}
		return fmt.Sprintf("%d\u00a0h\u00a0%02d", m/60, m%60)
	}
	if m < 60 {
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%dh%02d", m/60, m%60)
}

// Clock says a time of day in text that cannot use Discord's timestamp
// markup: "18 h 30", "18 h", "midi", "minuit" in French (no-break spaces),
// "18:30" in English. min counts minutes from midnight (1440 is midnight
// at the end of the day).
func (l Lang) Clock(min int) string {
	h, m := min/60, min%60
	if l != FR {
		return fmt.Sprintf("%02d:%02d", h, m)
	}
	switch {
	case m == 0 && h == 12:
		return "midi"
	case m == 0 && (h == 0 || h == 24):
		return "minuit"
	case m == 0:
		return fmt.Sprintf("%d\u00a0h", h)
	}
	return fmt.Sprintf("%d\u00a0h\u00a0%02d", h, m)
}

// ClockOf is Clock for a time, in its own location.
func (l Lang) ClockOf(t time.Time) string { return l.Clock(t.Hour()*60 + t.Minute()) }
