// Command loadtest measures tiersbot end to end: it generates (or reuses) a
// dataset, starts the real bot against the fake Discord, and sends
// interactions through the fake gateway, timing each from INTERACTION_CREATE
// to the callback. Quick run: go run ./loadtest (small profile).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/bot"
	"github.com/tierslieux/tiersbot/bot/discordtest"
	"github.com/tierslieux/tiersbot/commands"
	"github.com/tierslieux/tiersbot/commands/skillname"
	"github.com/tierslieux/tiersbot/storage"
)

const guild = "500000000000000001"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

type options struct {
	scale        storage.Scale
	dbPath       string
	seed         uint64
	rate         int
	mixedFor     time.Duration
	checkinFor   time.Duration
	concurrency  int
	baselineRows int
	cpuProfile   string
	genOnly      bool
	botExe       string
	soak         int
	soakEvery    int
	soakReads    bool
	warmup       time.Duration
	window       time.Duration
	schemaEvery  int
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	profile := fs.String("profile", "small", "dataset: small (10 spaces, 300 members) or national (3,500 spaces, 150,000 members, 20 M check-ins)")
	var o options
	fs.StringVar(&o.dbPath, "db", "", "dataset file, reused if it exists and never written: each run works on a copy, FILE.run, deleted afterwards (default: tiersbot-load-PROFILE.db in the temp folder)")
	fs.Uint64Var(&o.seed, "seed", 1, "dataset seed")
	fs.IntVar(&o.rate, "rate", 500, "mixed load: interactions per second")
	fs.DurationVar(&o.mixedFor, "mixed", 20*time.Second, "mixed load: how long")
	fs.DurationVar(&o.checkinFor, "checkins", 10*time.Second, "check-in throughput: how long")
	fs.IntVar(&o.concurrency, "concurrency", 32, "check-in throughput: interactions in flight")
	fs.IntVar(&o.baselineRows, "baseline", 20000, "plain INSERT baseline: transactions")
	genOnly := fs.Bool("generate-only", false, "generate the dataset and stop")
	cpuProfile := fs.String("cpuprofile", "", "write CPU profiles of the check-in phase to this file and of the mixed phase to FILE.mixed")
	fs.StringVar(&o.botExe, "bot-exe", "", "run the bot as this separately built tiersbot binary (go build -o FILE .), so its memory is measured alone")
	fs.IntVar(&o.soak, "soak", 0, "soak: after the other phases, send this many mixed interactions (closed loop, --concurrency in flight) and sample the bot's memory")
	fs.IntVar(&o.soakEvery, "soak-every", 10000, "soak: sample memory every this many interactions")
	fs.BoolVar(&o.soakReads, "soak-reads", false, "soak: only the kinds that write nothing (who's here, skill find, autocompletes, event list), so the database does not grow")
	fs.DurationVar(&o.warmup, "warmup", time.Second, "mixed load before the measured phases, not counted (the bot's caches and the database's pages warm up)")
	fs.IntVar(&o.schemaEvery, "schema-every", 16, "the fake Discord checks one request body in this many against Discord's schema (1: every one; checking all costs a fifth of the shared cores, a cost the real Discord does not put on the bot's machine)")
	fs.DurationVar(&o.window, "window", 10*time.Second, "mixed load: also report latencies per window of this length, to see a warm-up")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch *profile {
	case "small":
		o.scale = storage.Small
	case "national":
		o.scale = storage.National
	default:
		return fmt.Errorf("--profile %q: small or national", *profile)
	}
	o.cpuProfile, o.genOnly = *cpuProfile, *genOnly
	if o.dbPath == "" {
		o.dbPath = filepath.Join(os.TempDir(), "tiersbot-load-"+o.scale.Name+".db")
	}
	return load(ctx, o, stdout, stderr)
}

// report collects latencies by kind and, when window is set, by window of
// sending time from start.
type report struct {
	mu     sync.Mutex
	lat    map[string][]time.Duration
	fails  map[string]int
	start  time.Time
	window time.Duration
	win    map[int][]time.Duration
}

func (r *report) add(kind string, sent time.Time, d time.Duration) {
	r.mu.Lock()
	r.lat[kind] = append(r.lat[kind], d)
	if r.window > 0 && !sent.Before(r.start) {
		i := int(sent.Sub(r.start) / r.window)
		r.win[i] = append(r.win[i], d)
	}
	r.mu.Unlock()
}

// reset starts a new phase; window 0 keeps no windows.
func (r *report) reset(window time.Duration) {
	r.mu.Lock()
	r.lat, r.fails, r.win = map[string][]time.Duration{}, map[string]int{}, map[int][]time.Duration{}
	r.start, r.window = time.Now(), window
	r.mu.Unlock()
}

// windows prints the phase's latencies window by window.
func (r *report) windows(w io.Writer) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.win) < 2 {
		return
	}
	fmt.Fprintf(w, "\nBy %s window of sending time:\n\n| from s | count | p50 ms | p99 ms | max ms |\n|---:|---:|---:|---:|---:|\n", r.window)
	for i := range len(r.win) {
		l := r.win[i]
		slices.Sort(l)
		fmt.Fprintf(w, "| %.0f | %d | %s | %s | %s |\n", (time.Duration(i) * r.window).Seconds(), len(l), ms(pct(l, .5)), ms(pct(l, .99)), ms(pct(l, 1)))
	}
}

func pct(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p * float64(len(sorted)-1))
	return sorted[i]
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 2, 64)
}

func (r *report) table(w io.Writer, elapsed time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	kinds := make([]string, 0, len(r.lat))
	for k := range r.lat {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	fmt.Fprintln(w, "| kind | count | per s | p50 ms | p95 ms | p99 ms | max ms | unanswered |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|")
	var all []time.Duration
	for _, k := range kinds {
		l := r.lat[k]
		slices.Sort(l)
		all = append(all, l...)
		fmt.Fprintf(w, "| %s | %d | %.0f | %s | %s | %s | %s | %d |\n", k, len(l), float64(len(l))/elapsed.Seconds(), ms(pct(l, .5)), ms(pct(l, .95)), ms(pct(l, .99)), ms(pct(l, 1)), r.fails[k])
	}
	slices.Sort(all)
	fmt.Fprintf(w, "| **all** | %d | %.0f | %s | %s | %s | %s | |\n", len(all), float64(len(all))/elapsed.Seconds(), ms(pct(all, .5)), ms(pct(all, .95)), ms(pct(all, .99)), ms(pct(all, 1)))
}

// driver sends interactions and matches callbacks to them.
type driver struct {
	fake    *discordtest.Server
	pending sync.Map // interaction id -> *flight
	rep     *report
	sent    atomic.Int64
	base    int64
}

type flight struct {
	kind string
	at   time.Time
	done chan struct{}
}

func (d *driver) onCallback(id string, _ discordgo.InteractionResponseType) {
	v, ok := d.pending.LoadAndDelete(id)
	if !ok {
		return
	}
	f := v.(*flight)
	d.rep.add(f.kind, f.at, time.Since(f.at))
	close(f.done)
}

// send dispatches one interaction and returns a channel closed on its callback.
func (d *driver) send(kind string, i discordtest.Interaction) (string, chan struct{}) {
	// Unique across runs on the same database: the bot drops replayed ids.
	id := strconv.FormatInt(d.base+d.sent.Add(1), 10)
	i["id"] = id
	f := &flight{kind: kind, at: time.Now(), done: make(chan struct{})}
	d.pending.Store(id, f)
	d.fake.SendInteraction(i)
	return id, f.done
}

// unanswered counts what never got a callback, by kind, and forgets it.
func (d *driver) unanswered() {
	d.pending.Range(func(k, v any) bool {
		f := v.(*flight)
		d.rep.mu.Lock()
		d.rep.fails[f.kind]++
		d.rep.mu.Unlock()
		d.pending.Delete(k)
		return true
	})
}

// workload picks interactions over the dataset.
type workload struct {
	rng      *rand.Rand
	mu       sync.Mutex
	scale    storage.Scale
	events   []int64
	prefixes []string
}

func (w *workload) member() discordtest.User {
	w.mu.Lock()
	m := w.rng.IntN(w.scale.Members)
	w.mu.Unlock()
	return discordtest.User{ID: storage.GenMember(m), Name: "Membre " + strconv.Itoa(m)}
}

func (w *workload) intn(n int) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.rng.IntN(n)
}

func (w *workload) channel() string { return "chan-" + strconv.Itoa(w.intn(w.scale.Spaces)) }

// mixed: the share of each kind in the mixed load, in percent.
var mixed = []struct {
	kind  string
	share int
}{{"checkin", 25}, {"whoshere", 15}, {"skill find", 10}, {"autocomplete space", 15}, {"autocomplete skill", 15}, {"event list", 10}, {"rsvp click", 10}}

func (w *workload) make(kind string) discordtest.Interaction {
	u := w.member()
	ch := w.channel()
	typed := w.prefixes[w.intn(len(w.prefixes))]
	switch kind {
	case "checkin":
		return discordtest.Command(guild, ch, u, "checkin")
	case "whoshere":
		return discordtest.Command(guild, ch, u, "whoshere")
	case "skill find":
		return discordtest.Command(guild, ch, u, "skill", discordtest.Sub("find", discordtest.Str("skill", typed)))
	case "autocomplete space":
		return discordtest.Autocomplete(guild, ch, u, "whoshere", discordtest.Focused(discordtest.Str("space", []string{"la", "fab", "crest", "ruche die", "usine", "atel"}[w.intn(6)])))
	case "autocomplete skill":
		return discordtest.Autocomplete(guild, ch, u, "skill", discordtest.Sub("find", discordtest.Focused(discordtest.Str("skill", typed))))
	case "event list":
		return discordtest.Command(guild, ch, u, "event", discordtest.Sub("list"))
	case "rsvp click":
		ev := w.events[w.intn(len(w.events))]
		return discordtest.Click(guild, ch, u, "msg-1", "rsvp:"+strconv.FormatInt(ev, 10)+":"+[]string{"y", "m", "n"}[w.intn(3)])
	}
	panic("unknown kind " + kind)
}

func (w *workload) pick() string {
	n := w.intn(100)
	for _, m := range mixed {
		if n < m.share {
			return m.kind
		}
		n -= m.share
	}
	return mixed[0].kind
}

func load(ctx context.Context, o options, stdout, stderr io.Writer) error {
	fmt.Fprintf(stdout, "# tiersbot load test — %s profile\n\n", o.scale.Name)
	fmt.Fprintf(stdout, "machine: %s/%s, %d CPUs, %s; dataset %s; the fake checks 1 request body in %d against Discord's schema\n\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), o.dbPath, max(o.schemaEvery, 1))
	if err := ensureDataset(ctx, o, stdout, stderr); err != nil || o.genOnly {
		return err
	}
	// The run writes (check-ins, answers, baselines): on a copy, so the
	// dataset it reuses next time is the one generated, not this run's.
	pristine := o.dbPath
	o.dbPath = pristine + ".run"
	removeDB(o.dbPath)
	defer removeDB(o.dbPath)
	copyStart := time.Now()
	size, err := copyDB(pristine, o.dbPath)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "run on a copy of the dataset (%.0f MB copied in %s; deleted afterwards)\n\n", float64(size)/1e6, time.Since(copyStart).Round(time.Millisecond))

	// Start-up: open (migrations checked), connect, READY, commands in place.
	begin := time.Now()
	db, err := storage.Open(ctx, o.dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	opened := time.Since(begin)
	rep := &report{lat: map[string][]time.Duration{}, fails: map[string]int{}}
	d := &driver{rep: rep, base: time.Now().UnixMicro() * 1000}
	fake, err := discordtest.New(discordtest.Config{Guilds: []string{guild}, Lean: true, OnCallback: d.onCallback, SchemaEvery: o.schemaEvery})
	if err != nil {
		return err
	}
	defer fake.Close()
	d.fake = fake
	botCtx, stopBot := context.WithCancel(ctx)
	defer stopBot()
	var botProc *os.Process
	var metricsAddr string
	if o.botExe != "" {
		// The bot in its own process, as deployed: same database file (WAL
		// lets this process take the baseline beside it), the fake's address.
		cmd := exec.CommandContext(botCtx, o.botExe)
		// Its metrics (Go heap) on a free local port, for the soak's samples.
		if metricsAddr, err = freeAddr(); err != nil {
			return err
		}
		cmd.Env = append(os.Environ(), "DISCORD_TOKEN=loadtest", "TIERSBOT_DB="+o.dbPath, "TIERSBOT_DISCORD_API="+fake.URL(),
			"TIERSBOT_DEV_GUILD="+guild, "TIERSBOT_LOG_LEVEL=warn", "TIERSBOT_METRICS_ADDR="+metricsAddr)
		cmd.Stdout, cmd.Stderr = stderr, stderr
		cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) } // a clean shutdown
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("start %s: %w", o.botExe, err)
		}
		botProc = cmd.Process
		defer func() { stopBot(); cmd.Wait() }()
		// Identified: the fake answers READY at once. (Commands are not
		// registered again: the database says they are unchanged.)
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := fake.WaitIdentifies(wctx, 1)
		cancel()
		if err != nil {
			return fmt.Errorf("bot not ready: %w", err)
		}
	} else {
		ready := make(chan struct{})
		done := make(chan error, 1)
		log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
		go func() {
			done <- bot.Serve(botCtx, bot.Config{Token: "loadtest", APIBase: fake.URL(), DevGuild: guild, DB: db, Log: log, Ready: func() { close(ready) }})
		}()
		select {
		case <-ready:
		case err := <-done:
			return fmt.Errorf("bot stopped: %w", err)
		case <-time.After(30 * time.Second):
			return errors.New("bot not ready in 30 s")
		}
		defer func() { stopBot(); <-done }()
	}
	startup := time.Since(begin)
	fmt.Fprintf(stdout, "## Start-up\n\nopen database + migrations check: %s ms; to gateway READY: %s ms\n\n", ms(opened), ms(startup))

	// The ceiling for one-row-per-transaction writes on these settings.
	baseline, err := db.BaselineInserts(ctx, o.baselineRows)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "## Plain INSERT baseline\n\n%d single-row INSERT transactions on the bot's writer connection, one at a time: **%.0f per second**\n\n", o.baselineRows, baseline)
	// The same transaction as a check-in, through the same writer with as
	// many in flight as the check-in phase: what the whole path is held to.
	txBaseline, err := db.BaselineCheckins(ctx, o.baselineRows, o.concurrency, guild, o.scale.Spaces, o.scale.Members, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "## Check-in transaction baseline\n\n%d check-in transactions (the command's statements, no Discord, no handler), %d in flight through the bot's writer, group commit on: **%.0f per second**\n\n",
		o.baselineRows, o.concurrency, txBaseline)

	w := &workload{rng: rand.New(rand.NewPCG(o.seed, 7)), scale: o.scale,
		prefixes: []string{"soud", "pyth", "cout", "impr", "comp", "jard", "angl", "velo", "go", "c++", "excel", "menuis", "photo", "graph"}}
	err = db.Read(ctx, func(tx *storage.Tx) error {
		evs, err := tx.UpcomingEvents(ctx, guild, 0, time.Now(), time.Now().AddDate(0, 2, 0), 2000)
		for _, e := range evs {
			w.events = append(w.events, e.ID)
		}
		return err
	})
	if err != nil || len(w.events) == 0 {
		return fmt.Errorf("upcoming events: %v (%d)", err, len(w.events))
	}

	// Warm-up: mixed load, not counted (by window, when long enough to show
	// how the first minute differs from the steady state).
	rep.reset(o.window)
	openLoop(ctx, d, w, o.rate, o.warmup)
	time.Sleep(200 * time.Millisecond)
	d.unanswered()
	if o.warmup >= 2*o.window && o.window > 0 {
		fmt.Fprintf(stdout, "## Warm-up: mixed load at %d per second for %s, not counted below\n", o.rate, o.warmup)
		rep.windows(stdout)
		fmt.Fprintln(stdout)
	}
	rep.reset(0)

	// Sustained check-ins: closed loop, o.concurrency in flight.
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return err
		}
		pprof.StartCPUProfile(f)
		defer f.Close()
	}
	commits0, writes0 := db.WriteStats()
	start := time.Now()
	var wg sync.WaitGroup
	deadline := start.Add(o.checkinFor)
	for range o.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) && ctx.Err() == nil {
				_, done := d.send("checkin", w.make("checkin"))
				select {
				case <-done:
				case <-time.After(5 * time.Second):
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if o.cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	d.unanswered()
	n := len(rep.lat["checkin"])
	rate := float64(n) / elapsed.Seconds()
	fmt.Fprintf(stdout, "## Sustained check-ins (gateway in, SQLite write, callback out; %d in flight, %s)\n\n", o.concurrency, o.checkinFor)
	rep.table(stdout, elapsed)
	fmt.Fprintf(stdout, "\n**%.0f check-ins per second = %.0f%% of the check-in transaction baseline** (%.0f%% of the plain INSERT one)\n\n", rate, 100*rate/txBaseline, 100*rate/baseline)
	if commits, writes := db.WriteStats(); commits > commits0 {
		fmt.Fprintf(stdout, "Group commit: %d write transactions in %d commits (%.1f per commit)\n\n", writes-writes0, commits-commits0, float64(writes-writes0)/float64(commits-commits0))
	}

	// Mixed load at a fixed rate.
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile + ".mixed")
		if err != nil {
			return err
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
	}
	rep.reset(o.window)
	elapsed = openLoop(ctx, d, w, o.rate, o.mixedFor)
	if o.cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	time.Sleep(500 * time.Millisecond)
	d.unanswered()
	fmt.Fprintf(stdout, "## Mixed load at %d interactions per second for %s\n\n", o.rate, o.mixedFor)
	rep.table(stdout, elapsed)
	rep.windows(stdout)

	if o.soak > 0 {
		pid := os.Getpid()
		heap := liveHeap
		if botProc != nil {
			pid, heap = botProc.Pid, func() (float64, float64) { return scrapeHeap(ctx, metricsAddr) }
		}
		if err := soak(ctx, stdout, d, w, o, pid, heap); err != nil {
			return err
		}
	}

	if botProc != nil {
		status := fmt.Sprintf("/proc/%d/status", botProc.Pid)
		fmt.Fprintf(stdout, "\n## Memory\n\nthe bot's own process: resident peak (VmHWM) %s, resident now (VmRSS) %s, of which anonymous (heaps) %s, file-backed (program, database map) %s\n",
			procStatus(status, "VmHWM"), procStatus(status, "VmRSS"), procStatus(status, "RssAnon"), procStatus(status, "RssFile"))
		return nil
	}
	runtime.GC()
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	fmt.Fprintf(stdout, "\n## Memory\n\nresident peak (VmHWM) %s, resident now (VmRSS) %s, Go heap in use %.1f MB — one process: bot, fake Discord and driver together (--bot-exe measures the bot alone)\n",
		procStatus("/proc/self/status", "VmHWM"), procStatus("/proc/self/status", "VmRSS"), float64(mem.HeapInuse)/1e6)
	return nil
}

// openLoop sends at rate per second for dur, whatever the answers, and
// returns how long sending took.
func openLoop(ctx context.Context, d *driver, w *workload, rate int, dur time.Duration) time.Duration {
	start := time.Now()
	total := int(dur.Seconds() * float64(rate))
	for i := 0; i < total && ctx.Err() == nil; i++ {
		due := start.Add(time.Duration(i) * time.Second / time.Duration(rate))
		if wait := time.Until(due); wait > 0 {
			time.Sleep(wait)
		}
		kind := w.pick()
		d.send(kind, w.make(kind))
	}
	return time.Since(start)
}

func procStatus(path, field string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "n/a"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "n/a"
}

// removeDB deletes a database file and its WAL companions.
func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}

// copyDB copies a closed database (its file, and its WAL if one was left)
// and returns the bytes copied.
func copyDB(src, dst string) (int64, error) {
	var total int64
	for _, suffix := range []string{"", "-wal"} {
		in, err := os.Open(src + suffix)
		if errors.Is(err, os.ErrNotExist) && suffix != "" {
			continue
		}
		if err != nil {
			return total, fmt.Errorf("copy dataset: %w", err)
		}
		out, err := os.Create(dst + suffix)
		if err != nil {
			in.Close()
			return total, fmt.Errorf("copy dataset: %w", err)
		}
		n, err := io.Copy(out, in)
		in.Close()
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		total += n
		if err != nil {
			return total, fmt.Errorf("copy dataset: %w", err)
		}
	}
	return total, nil
}

// ensureDataset generates the dataset unless the file already holds it.
func ensureDataset(ctx context.Context, o options, stdout, stderr io.Writer) error {
	marker := fmt.Sprintf("%s seed %d", o.scale.Name, o.seed)
	if _, err := os.Stat(o.dbPath); err == nil {
		db, err := storage.Open(ctx, o.dbPath)
		if err != nil {
			return err
		}
		defer db.Close()
		var got string
		err = db.Read(ctx, func(tx *storage.Tx) (err error) { got, err = tx.Get(ctx, "loadtest_dataset"); return })
		if err != nil {
			return err
		}
		if got != marker {
			return fmt.Errorf("%s exists but is not the %s dataset (%q): remove it or pick another --db", o.dbPath, marker, got)
		}
		fmt.Fprintf(stdout, "dataset reused (%s)\n\n", marker)
		return nil
	}
	db, err := storage.Open(ctx, o.dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	last := ""
	err = db.Generate(ctx, storage.DatasetSpec{Scale: o.scale, GuildID: guild, Seed: o.seed, Now: time.Now(),
		Fold: commands.Fold, SkillKey: skillname.Key,
		Progress: func(stage string, done, total int) {
			if stage != last || done%1_000_000 == 0 {
				fmt.Fprintf(stderr, "generating %s %d/%d… %s\n", stage, done, total, time.Since(start).Round(time.Second))
				last = stage
			}
		}})
	if err != nil {
		os.Remove(o.dbPath)
		return err
	}
	if err := db.Write(ctx, func(tx *storage.Tx) error { return tx.Set(ctx, "loadtest_dataset", marker) }); err != nil {
		return err
	}
	st, _ := os.Stat(o.dbPath)
	fmt.Fprintf(stdout, "dataset generated in %s: %d spaces, %d members, %d check-ins, %d events, %d skill entries; file %.0f MB\n\n",
		time.Since(start).Round(time.Second), o.scale.Spaces, o.scale.Members, o.scale.Checkins, o.scale.Events, o.scale.Skills, float64(st.Size())/1e6)
	return nil
}
