package week

import "time"

// Schedule is when something recurs (a parsed cron spec).
type Schedule interface {
	Next(time.Time) time.Time
}

// LastDue is the last time s came due in (now - 8 days, now], days counted
// in loc (a weekly digest missed while the bot was down still goes out);
// zero when none.
func LastDue(s Schedule, now time.Time, loc *time.Location) time.Time {
	var at time.Time
	for t := s.Next(now.In(loc).AddDate(0, 0, -8)); !t.IsZero() && !t.After(now); t = s.Next(t) {
		at = t
	}
	return at
}

// LateAfter: a digest posted this long after it came due says it is late.
const LateAfter = time.Hour

// Late reports whether posting at now what came due at `due` is late.
func Late(due, now time.Time) bool { return now.Sub(due) > LateAfter }
