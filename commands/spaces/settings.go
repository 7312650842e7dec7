package spaces

import (
	"errors"
	"strconv"
	"unicode/utf8"

	"github.com/tierslieux/tiersbot/commands/hours"
)

// Changes are the settings a coordinator typed; nil ones are left as they are.
type Changes struct {
	// Name is cleaned text; NameKey its folded form (what makes two names the same).
	Name, NameKey *string
	Town          *string // cleaned text
	ChannelID     *string
	// ChannelRefused: the channel chosen takes no posts (the caller, who
	// knows Discord's channel types, says so and why).
	ChannelRefused bool
	AnimatorRole   *string
	// Timezone, Capacity and ClosesAt are as typed.
	Timezone, Capacity, ClosesAt *string
	Arrivals, WeeklySummary      *bool
}

// Apply checks the changes, in the order the options are listed, and
// returns s with them; the first refused option refuses them all.
func Apply(s Space, c Changes) (Space, error) {
	if c.Name != nil {
		if n := utf8.RuneCountInString(*c.Name); n < MinName || n > MaxName || c.NameKey == nil || *c.NameKey == "" {
			return s, refuse(BadName, *c.Name)
		}
		s.Name, s.Key = *c.Name, *c.NameKey
	}
	if c.Town != nil {
		if n := utf8.RuneCountInString(*c.Town); n < 1 || n > MaxTown {
			return s, refuse(BadTown, *c.Town)
		}
		s.Town = *c.Town
	}
	if c.ChannelID != nil {
		if c.ChannelRefused {
			return s, refuse(ChannelRefused, *c.ChannelID)
		}
		s.ChannelID = *c.ChannelID
	}
	if c.AnimatorRole != nil {
		s.AnimatorRole = *c.AnimatorRole
	}
	if c.Timezone != nil {
		tz, err := ParseZone(*c.Timezone)
		if err != nil {
			return s, err
		}
		s.Timezone = tz
	}
	if c.Capacity != nil {
		n, err := ParseCapacity(*c.Capacity)
		if err != nil {
			return s, err
		}
		s.Capacity = n
	}
	if c.ClosesAt != nil {
		w, err := ParseClosing(*c.ClosesAt, s.Week())
		if err != nil {
			return s, err
		}
		s.Hours = w.Encode()
	}
	if c.Arrivals != nil {
		s.Arrivals = *c.Arrivals
	}
	if c.WeeklySummary != nil {
		s.WeeklySummary = *c.WeeklySummary
	}
	return s, nil
}

// ParseCapacity reads a capacity: a whole number of seats from 0 (no
// limit) to MaxCapacity.
func ParseCapacity(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > MaxCapacity {
		return 0, refuse(BadCapacity, v)
	}
	return n, nil
}

// ParseClosing reads closing times typed over the current ones (days not
// named keep theirs): BadClosing when unreadable, ClosingConflict when a
// day gets two.
func ParseClosing(v string, current hours.Week) (hours.Week, error) {
	w, err := hours.Parse(v, current)
	if errors.Is(err, hours.ErrConflict) {
		return w, refuse(ClosingConflict, v)
	}
	if err != nil {
		return w, refuse(BadClosing, v)
	}
	return w, nil
}
