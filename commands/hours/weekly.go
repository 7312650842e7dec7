package hours

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Weekly reads a day and an hour as people write them ("lundi 8h",
// "le lundi à 8h30", "monday 8am", "mon 8:30") and returns the matching
// 5-field cron spec ("0 8 * * 1"). ok is false for anything else (a cron
// spec is read by the caller).
func Weekly(s string) (spec string, ok bool) {
	day, at := -1, -1
	for _, w := range strings.Fields(fold(strings.NewReplacer(",", " ", ".", " ").Replace(s))) {
		if noise[w] {
			continue
		}
		if d, found := dayNames[w]; found && day < 0 {
			day = int(d)
			continue
		}
		if m, found := Clock(w); found && at < 0 && !isDigits(w) {
			at = m
			continue
		}
		return "", false
	}
	if day < 0 || at < 0 || at == Closed {
		return "", false
	}
	if at == Midnight {
		at = 0
	}
	return fmt.Sprintf("%d %d * * %d", at%60, at/60, day), true
}

// WeeklyOf reads back a spec Weekly would write: its weekday and minutes
// after midnight. ok is false for any other cron spec.
func WeeklyOf(spec string) (day time.Weekday, min int, ok bool) {
	f := strings.Fields(spec)
	if len(f) != 5 || f[2] != "*" || f[3] != "*" {
		return 0, 0, false
	}
	m, err1 := strconv.Atoi(f[0])
	h, err2 := strconv.Atoi(f[1])
	d, err3 := strconv.Atoi(f[4])
	if err1 != nil || err2 != nil || err3 != nil || m < 0 || m > 59 || h < 0 || h > 23 || d < 0 || d > 6 {
		return 0, 0, false
	}
	return time.Weekday(d), h*60 + m, true
}
