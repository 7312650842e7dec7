package report

import (
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// The attendance rate: members who came over members going, on the events
// whose attendance was recorded; walk-ins (counted or named) are not members.
func TestEventsAddAndRate(t *testing.T) {
	recorded := time.Date(2026, 1, 15, 17, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name              string
		going, came, walk int
		named             int
		recordedAt        time.Time
		shared            bool
		want              Events
		rate              int
		rated             bool
	}{
		{"recorded", 10, 7, 0, 0, recorded, false, Events{Held: 1, Going: 10, Came: 7, RecordedGoing: 10, RecordedCame: 7}, 70, true},
		{"walk-ins aside", 10, 12, 3, 2, recorded, true, Events{Held: 1, Going: 10, Came: 12, Walkins: 3, Named: 2, Shared: 1, RecordedGoing: 10, RecordedCame: 7}, 70, true},
		{"not recorded", 10, 4, 0, 0, time.Time{}, false, Events{Held: 1, Going: 10, Came: 4, NotRecorded: 1}, 0, false},
		{"rounded", 3, 2, 0, 0, recorded, false, Events{Held: 1, Going: 3, Came: 2, RecordedGoing: 3, RecordedCame: 2}, 67, true},
	} {
		var e Events
		// The event's walk-ins count holds the named ones too.
		st := storage.EventStats{Event: storage.Event{Walkins: tc.walk + tc.named, AttendanceAt: tc.recordedAt}, Going: tc.going, Attended: tc.came,
			Recorded: !tc.recordedAt.IsZero()}
		e.add(st, tc.named, tc.shared)
		if e != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, e, tc.want)
		}
		if rate, ok := e.Rate(); rate != tc.rate || ok != tc.rated {
			t.Errorf("%s: rate %d %v, want %d %v", tc.name, rate, ok, tc.rate, tc.rated)
		}
	}
}
