package commands

import (
	"fmt"
	"regexp"
	"sync"

	"github.com/bwmarrin/discordgo"
	"strings"
	"time"
)

// Lang is a reply language: French or English.
type Lang string

const (
	FR Lang = "fr"
	EN Lang = "en"
)

// LangOf maps a Discord locale to a reply language: French for any French
// locale, English otherwise.
func LangOf(locale string) Lang {
	if strings.HasPrefix(strings.ToLower(locale), "fr") {
		return FR
	}
	return EN
}

// msg is one message in both languages.
type msg struct{ fr, en string }

// catalogs lists every message table; each feature keeps its own file.
var catalogs = []map[string]msg{coreMessages, eventMessages, skillMessages, digestMessages, privacyMessages, calendarMessages, budgetMessages, channelMessages, registerMessages, reportMessages, sheetMessages, projectMessages}

func lookup(key string) (msg, bool) {
	for _, c := range catalogs {
		if m, ok := c[key]; ok {
			return m, true
		}
	}
	return msg{}, false
}

// T returns message key in lang, formatted with args (fmt verbs).
func (l Lang) T(key string, args ...any) string {
	m, ok := lookup(key)
	if !ok {
		return "!" + key + "!"
	}
	s := m.en
	if l == FR {
		s = frenchTemplates()[key]
	}
	if len(args) == 0 || !strings.Contains(s, "%") {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// frenchTemplates are the French messages with command names as French
// users see them in Discord (`/checkin` becomes `/arrivee`), computed once.
var frenchTemplates = sync.OnceValue(func() map[string]string {
	names := map[string]string{} // "checkin" -> "arrivee", "event create" -> "evenement creer"
	for _, c := range Catalog() {
		fr := c.Name
		if c.NameLocalizations != nil && (*c.NameLocalizations)[discordgo.French] != "" {
			fr = (*c.NameLocalizations)[discordgo.French]
		}
		names[c.Name] = fr
		for _, o := range c.Options {
			if o.Type == discordgo.ApplicationCommandOptionSubCommand && o.NameLocalizations[discordgo.French] != "" {
				names[c.Name+" "+o.Name] = fr + " " + o.NameLocalizations[discordgo.French]
			}
		}
	}
	re := regexp.MustCompile("`/([a-z_]+)( [a-z_]+)?")
	out := map[string]string{}
	for _, c := range catalogs {
		for key, m := range c {
			out[key] = re.ReplaceAllStringFunc(m.fr, func(s string) string {
				path := strings.TrimPrefix(s, "`/")
				if fr, ok := names[path]; ok {
					return "`/" + fr
				}
				cmd, rest, _ := strings.Cut(path, " ")
				if fr, ok := names[cmd]; ok {
					if rest != "" {
						rest = " " + rest
					}
					return "`/" + fr + rest
				}
				return s
			})
		}
	}
	return out
})

// N picks key+".one" or key+".other" by n, with French rules (0 and 1 are
// singular), and passes n as the first argument.
func (l Lang) N(key string, n int, args ...any) string {
	one := n == 1
	if l == FR {
		one = n == 0 || n == 1
	}
	suffix := ".other"
	if one {
		suffix = ".one"
	}
	return l.T(key+suffix, append([]any{n}, args...)...)
}

var frWeekdays = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
var frMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// Date formats a day for text that cannot use Discord's timestamp markup
// (files, the console's headers): "lundi 13 avril 2026" / "Monday 13 April 2026".
func (l Lang) Date(t time.Time) string {
	if l == FR {
		return fmt.Sprintf("%s %d %s %d", frWeekdays[t.Weekday()], t.Day(), frMonths[t.Month()-1], t.Year())
	}
	return t.Format("Monday 2 January 2006")
}

// Month names a month: "avril 2026" / "April 2026".
func (l Lang) Month(t time.Time) string {
	if l == FR {
		return fmt.Sprintf("%s %d", frMonths[t.Month()-1], t.Year())
	}
	return t.Format("January 2006")
}

// Stay formats a duration as "2 h 05" / "2h05", or minutes under an hour.
func (l Lang) Stay(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	if m < 60 {
		return fmt.Sprintf("%d min", m)
	}
	if l == FR {
		return fmt.Sprintf("%d h %02d", m/60, m%60)
	}
	return fmt.Sprintf("%dh%02d", m/60, m%60)
}
