// Package spaces holds the rules of a network's spaces: what a name, a
// town, a time zone, a capacity and closing times may be, that two spaces
// never share a name, and what the list and a space's card count. It takes
// typed input (and a storage transaction where it reads or writes) and
// returns typed results with typed refusals; it knows nothing of languages,
// messages or Discord, so the handlers in commands decide here and render
// there.
package spaces

import (
	"fmt"
	"strings"
	"time"

	"github.com/tierslieux/tiersbot/commands/hours"
	"github.com/tierslieux/tiersbot/storage"
)

// Limits of a space's settings.
const (
	MinName     = 2
	MaxName     = 50
	MaxTown     = 50
	MaxCapacity = 10000
	// DefaultZone is a new space's zone: the network is French first.
	DefaultZone = "Europe/Paris"
)

// Space is a space of the network as its rules see it.
type Space struct {
	ID           int64
	GuildID      string
	Name, Key    string // Key: the folded name, unique in the network
	Town         string
	ChannelID    string
	AnimatorRole string
	Timezone     string
	Capacity     int // 0: no limit
	// Hours are its closing times per weekday, encoded by package hours
	// ("" = not set: every day at hours.Default).
	Hours         string
	Arrivals      bool // arrivals announced in its channel
	WeeklySummary bool // its channel gets its own weekly summary
}

// Of reads the rules' view of a stored space.
func Of(s storage.Space) Space {
	return Space{ID: s.ID, GuildID: s.GuildID, Name: s.Name, Key: s.Key, Town: s.Town, ChannelID: s.ChannelID,
		AnimatorRole: s.AnimatorRole, Timezone: s.Timezone, Capacity: s.Capacity, Hours: s.Hours,
		Arrivals: s.AnnounceArrivals, WeeklySummary: s.WeeklySummary}
}

// Stored is the space as storage keeps it.
func (s Space) Stored() storage.Space {
	return storage.Space{ID: s.ID, GuildID: s.GuildID, Name: s.Name, Key: s.Key, Town: s.Town, ChannelID: s.ChannelID,
		AnimatorRole: s.AnimatorRole, Timezone: s.Timezone, Capacity: s.Capacity, Hours: s.Hours,
		AnnounceArrivals: s.Arrivals, WeeklySummary: s.WeeklySummary}
}

// Week is the space's closing time on each weekday.
func (s Space) Week() hours.Week {
	if w, ok := hours.Decode(s.Hours); ok {
		return w
	}
	return hours.Every(hours.Default)
}

// Reason is why a space's settings were refused.
type Reason int

const (
	NeedNameTown    Reason = iota + 1 // a new space needs both
	BadName                           // 2 to 50 characters, some letters or digits
	BadTown                           // 1 to 50 characters
	ChannelRefused                    // the channel can take no posts (the caller knows why)
	BadZone                           // not a known time zone
	BadCapacity                       // not a whole number from 0 to MaxCapacity
	BadClosing                        // closing times not read
	ClosingConflict                   // a day given two closing times
	Exists                            // another space has the name
	NothingToEdit                     // the options change nothing
)

// Refusal is a refused change: its reason and the value concerned (as
// typed, or the name that exists).
type Refusal struct {
	Reason Reason
	Value  string
}

func (r *Refusal) Error() string { return fmt.Sprintf("spaces: refused (%d) %q", r.Reason, r.Value) }

func refuse(r Reason, v string) error { return &Refusal{Reason: r, Value: v} }

// ParseZone reads a typed time zone: an IANA name, the common ones in any
// case. A refusal (BadZone) carries the value trimmed.
func ParseZone(v string) (string, error) {
	v = strings.TrimSpace(v)
	for _, z := range CommonZones {
		if strings.EqualFold(z, v) {
			return z, nil
		}
	}
	if v == "" || v == "Local" || strings.Contains(v, "..") {
		return "", refuse(BadZone, v)
	}
	if _, err := time.LoadLocation(v); err != nil {
		return "", refuse(BadZone, v)
	}
	return v, nil
}

// CommonZones are suggested first: metropolitan France and its
// neighbours, then overseas France.
var CommonZones = []string{
	"Europe/Paris", "Europe/Brussels", "Europe/Luxembourg", "Europe/Zurich", "Europe/Monaco", "Europe/London", "UTC",
	"America/Guadeloupe", "America/Martinique", "America/Cayenne", "America/Miquelon", "Indian/Reunion", "Indian/Mayotte",
	"Pacific/Noumea", "Pacific/Tahiti", "Pacific/Wallis", "America/Montreal",
}
