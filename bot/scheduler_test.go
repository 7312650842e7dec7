package bot

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestSchedulerAdvanceRunsInOrderAcrossDST(t *testing.T) {
	loc := parisOrUTC()
	var runs []string
	clock := newFakeClock(time.Date(2026, 10, 19, 7, 0, 0, 0, loc))
	s, err := NewScheduler(loc, clock.Now, slog.New(slog.DiscardHandler),
		Job{Name: "digest", Spec: "0 8 * * 1", Run: func(_ context.Context, now time.Time) error {
			runs = append(runs, "digest "+now.In(loc).Format("Mon 2006-01-02 15:04 MST"))
			return nil
		}},
		Job{Name: "tick", Spec: "* * * * *", Coalesce: true, Run: func(_ context.Context, now time.Time) error {
			runs = append(runs, "tick "+now.In(loc).Format("01-02 15:04"))
			return nil
		}},
		Job{Name: "boom", Spec: "0 12 * * *", Run: func(context.Context, time.Time) error { panic("job bug") }},
	)
	if err != nil {
		t.Fatal(err)
	}
	// Three Mondays, across the end of summer time (25 October 2026).
	s.Advance(context.Background(), clock.Now(), time.Date(2026, 11, 2, 8, 30, 0, 0, loc), clock.Set, func() {})
	var digests []string
	for _, r := range runs {
		if strings.HasPrefix(r, "digest") {
			digests = append(digests, r)
		}
	}
	want := []string{"digest Mon 2026-10-19 08:00 CEST", "digest Mon 2026-10-26 08:00 CET", "digest Mon 2026-11-02 08:00 CET"}
	if strings.Join(digests, "|") != strings.Join(want, "|") {
		t.Errorf("digests ran at %v, want %v", digests, want)
	}
	// The coalesced job ran just before each digest and each noon job, and at the end, not 20,000 times.
	ticks := len(runs) - len(digests)
	if ticks < 3 || ticks > 40 {
		t.Errorf("%d coalesced runs", ticks)
	}
	if runs[0] != "tick 10-19 08:00" || runs[1] != "digest Mon 2026-10-19 08:00 CEST" {
		t.Errorf("first runs %v", runs[:2])
	}
	if !clock.Now().Equal(time.Date(2026, 11, 2, 8, 30, 0, 0, loc)) {
		t.Errorf("clock at %v", clock.Now())
	}
}

func TestParseSpecNeverPanics(t *testing.T) {
	for _, spec := range []string{"CRON_TZ=Europe/Paris", "TZ=", "* * *", "61 * * * *", "", "@every", "0 8 * * 1 extra"} {
		if _, err := ParseSpec(spec); err == nil {
			t.Errorf("%q accepted", spec)
		}
	}
	if _, err := ParseSpec("CRON_TZ=Europe/Paris 0 8 * * 1"); err != nil {
		t.Error(err)
	}
}
