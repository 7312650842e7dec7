package commands

import (
	"testing"
	"time"
)

// French writes the first of a month "1er", in a full date, a day and
// month, and a period's first day; English writes "1". Written by hand.
func TestDatesWriteTheFirstOfAMonth(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	cases := []struct{ got, want string }{
		{FR.Date(day(2026, time.January, 1)), "jeudi 1er janvier 2026"},
		{FR.Date(day(2026, time.January, 2)), "vendredi 2 janvier 2026"},
		{FR.Date(day(2026, time.April, 13)), "lundi 13 avril 2026"},
		{FR.Date(day(2026, time.May, 31)), "dimanche 31 mai 2026"},
		{FR.DayMonth(day(2026, time.May, 1)), "1er mai"},
		{FR.DayMonth(day(2026, time.April, 27)), "27 avril"},
		{FR.DayMonth(day(2026, time.April, 11)), "11 avril"},
		{FR.Day(day(2026, time.June, 1)), "1er"},
		{FR.Day(day(2026, time.June, 21)), "21"},
		{FR.T("digest.period", FR.Day(day(2026, time.June, 1)), FR.Date(day(2026, time.June, 7))), "Du lundi 1er au dimanche 7 juin 2026"},
		{FR.T("digest.period", FR.DayMonth(day(2026, time.June, 29)), FR.Date(day(2026, time.July, 5))), "Du lundi 29 juin au dimanche 5 juillet 2026"},
		{FR.T("digest.period", FR.DayMonth(day(2026, time.May, 25)), FR.Date(day(2026, time.June, 1))), "Du lundi 25 mai au lundi 1er juin 2026"},
		{EN.Date(day(2026, time.January, 1)), "Thursday 1 January 2026"},
		{EN.DayMonth(day(2026, time.May, 1)), "1 May"},
		{EN.Day(day(2026, time.June, 1)), "1"},
		{EN.T("digest.period", EN.Day(day(2026, time.June, 1)), EN.Date(day(2026, time.June, 7))), "From Monday 1 to Sunday 7 June 2026"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
