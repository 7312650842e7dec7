package bot

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/tierslieux/tiersbot/commands"
	"github.com/tierslieux/tiersbot/storage"
)

// Job is work done on a schedule (defined by the commands).
type Job = commands.Job

// Scheduler runs jobs with robfig/cron against the real clock, or steps
// through them in order when a fake clock is moved (Advance).
type Scheduler struct {
	jobs  []scheduled
	loc   *time.Location
	log   *slog.Logger
	cron  *cron.Cron
	clock func() time.Time
	// Observe, if set, is told of each job run (for metrics).
	Observe func(job string, failed bool)
}

type scheduled struct {
	Job
	sched cron.Schedule
}

// NewScheduler parses every job's spec; a bad spec is an error, never a panic.
func NewScheduler(loc *time.Location, clock func() time.Time, log *slog.Logger, jobs ...Job) (*Scheduler, error) {
	s := &Scheduler{loc: loc, log: log, clock: clock}
	for _, j := range jobs {
		sc, err := ParseSpec(j.Spec)
		if err != nil {
			return nil, fmt.Errorf("job %s: %w", j.Name, err)
		}
		s.jobs = append(s.jobs, scheduled{j, sc})
	}
	return s, nil
}

// ParseSpec parses a standard cron spec (optionally CRON_TZ=...), recovering
// from the parser's panics on some malformed input.
func ParseSpec(spec string) (sc cron.Schedule, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("invalid cron spec %q", spec)
		}
	}()
	return cron.ParseStandard(spec)
}

// runJob runs one job, turning a panic into a logged error so one job never stops another.
func (s *Scheduler) runJob(ctx context.Context, j Job, now time.Time) {
	failed := true
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("job panicked", "job", j.Name, "panic", p)
		}
		if s.Observe != nil {
			s.Observe(j.Name, failed)
		}
	}()
	start := time.Now()
	if err := j.Run(ctx, now); err != nil {
		s.log.Error("job failed", "job", j.Name, "err", err)
		return
	}
	failed = false
	s.log.Debug("job done", "job", j.Name, "took", time.Since(start))
}

// Start runs the jobs on the real clock until Stop.
func (s *Scheduler) Start(ctx context.Context) {
	logger := cronLogger{s.log}
	// SkipIfStillRunning before Recover: the other order disables a job for
	// good after its first panic.
	s.cron = cron.New(cron.WithLocation(s.loc), cron.WithChain(cron.SkipIfStillRunning(logger), cron.Recover(logger)))
	for _, j := range s.jobs {
		j := j
		s.cron.Schedule(j.sched, cron.FuncJob(func() { s.runJob(ctx, j.Job, s.clock()) }))
	}
	s.cron.Start()
}

// Stop stops scheduling and waits for running jobs (or ctx).
func (s *Scheduler) Stop(ctx context.Context) {
	if s.cron == nil {
		return
	}
	select {
	case <-s.cron.Stop().Done():
	case <-ctx.Done():
	}
}

// Advance runs, in time order, every job due in (from, to], each with its own
// due time as "now". Coalesced jobs run once before each other job and at the end.
// onRun is called after each run (the console delivers the outbox there).
func (s *Scheduler) Advance(ctx context.Context, from, to time.Time, setClock func(time.Time), onRun func()) {
	type fire struct {
		at  time.Time
		job scheduled
	}
	var fires []fire
	for _, j := range s.jobs {
		if j.Coalesce {
			continue
		}
		for t := j.sched.Next(from.In(s.loc)); !t.After(to) && !t.IsZero(); t = j.sched.Next(t) {
			fires = append(fires, fire{t, j})
			if len(fires) > 100000 {
				break
			}
		}
	}
	sort.SliceStable(fires, func(a, b int) bool { return fires[a].at.Before(fires[b].at) })
	last := from
	coalesced := func(upTo time.Time) {
		for _, j := range s.jobs {
			if !j.Coalesce {
				continue
			}
			// The latest due time in (last, upTo].
			var due time.Time
			for t := j.sched.Next(last.In(s.loc)); !t.After(upTo) && !t.IsZero(); t = j.sched.Next(t) {
				due = t
			}
			if !due.IsZero() {
				setClock(due)
				s.runJob(ctx, j.Job, due)
				onRun()
			}
		}
		last = upTo
	}
	for _, f := range fires {
		coalesced(f.at)
		setClock(f.at)
		s.runJob(ctx, f.job.Job, f.at)
		onRun()
	}
	coalesced(to)
	setClock(to)
}

type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}

// BackupJob takes a backup into dir every night and keeps the keep newest.
func BackupJob(db *storage.DB, dir string, keep int, log *slog.Logger) Job {
	return Job{Name: "backup", Spec: "30 2 * * *", Coalesce: true, Run: func(ctx context.Context, now time.Time) error {
		name, err := db.BackupRotating(ctx, dir, keep, now)
		if err != nil {
			return err
		}
		log.Info("backup written", "file", name)
		return nil
	}}
}
