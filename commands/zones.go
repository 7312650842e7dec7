package commands

import (
	"sync"
	"time"
)

// zones caches loaded time zones (immutable once loaded).
var zones sync.Map

func location(name string) *time.Location {
	// LoadLocation parses the zone database each time: the digest asks
	// once per check-in, so zones are kept once loaded.
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	if loc, err := time.LoadLocation(name); err == nil {
		zones.Store(name, loc)
		return loc
	}
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return time.UTC
	}
	return loc
}
