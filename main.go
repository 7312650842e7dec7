// Command tiersbot is the Discord bot of a network of tiers-lieux: check-ins,
// events, skills and the weekly digest. `tiersbot console` tries it locally.
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
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // the static binary needs no zoneinfo on the machine

	"github.com/tierslieux/tiersbot/bot"
	"github.com/tierslieux/tiersbot/storage"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "tiersbot:", err)
		}
		os.Exit(exitCode(err))
	}
}

func exitCode(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 1
}

const usage = `tiersbot — the Discord bot of a network of tiers-lieux.

Usage:
  tiersbot [flags]            run the bot on Discord (needs DISCORD_TOKEN)
  tiersbot console [flags]    try the bot locally, no Discord needed
  tiersbot backup FILE        write a consistent copy of the live database
  tiersbot restore FILE       replace the database with a backup (stop the bot first)

Environment:
  DISCORD_TOKEN         the bot's token (Discord developer portal > Bot)
  TIERSBOT_DB           database file (default tiersbot.db)
  TIERSBOT_DEV_GUILD    register commands on this guild only (instant, for testing)
  TIERSBOT_DISCORD_API  send every Discord REST call (and so the gateway) to this base URL
  TIERSBOT_LOG_LEVEL    debug, info (default), warn or error
  TIERSBOT_HTTP         serve /healthz and the calendar feeds on this address (off by default)
  TIERSBOT_METRICS_ADDR serve Prometheus /metrics on this address (off by default; keep it private)
  TIERSBOT_INTERACTIONS_ADDR  receive interactions over HTTP instead of the gateway
  DISCORD_PUBLIC_KEY    the application's public key, for the HTTP interactions endpoint
  TIERSBOT_PUBLIC_URL   the public address of the --http server, for calendar links
  TIERSBOT_BACKUP_DIR   take a backup there every night at 02:30 (off by default)
  TIERSBOT_BACKUP_KEEP  how many nightly backups to keep (default 7)
  TIERSBOT_DB_CACHE_MB  each database connection's page cache, in MB (see BENCHMARKS.md, "Memory")
  TIERSBOT_DB_MMAP_MB   how much of the database file is read through a memory map, in MB
`

// run is the whole program, testable: arguments, environment and streams are
// passed in, nothing global is touched.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "console":
			return runConsole(ctx, args[1:], getenv, stdin, stdout, stderr)
		case "backup":
			return runBackup(ctx, args[1:], getenv, stdout, stderr)
		case "restore":
			return runRestore(ctx, args[1:], getenv, stdout, stderr)
		}
	}
	fs := flag.NewFlagSet("tiersbot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage, "\nFlags:\n")
		fs.PrintDefaults()
	}
	dbPath := fs.String("db", envOr(getenv, "TIERSBOT_DB", "tiersbot.db"), "database file (TIERSBOT_DB)")
	devGuild := fs.String("dev-guild", getenv("TIERSBOT_DEV_GUILD"), "register commands on this guild only (TIERSBOT_DEV_GUILD)")
	api := fs.String("discord-api", getenv("TIERSBOT_DISCORD_API"), "base URL for Discord REST and gateway discovery (TIERSBOT_DISCORD_API)")
	level := fs.String("log-level", envOr(getenv, "TIERSBOT_LOG_LEVEL", "info"), "log level: debug, info, warn, error (TIERSBOT_LOG_LEVEL)")
	httpAddr := fs.String("http", getenv("TIERSBOT_HTTP"), "serve /healthz and the calendar feeds on this address, e.g. 127.0.0.1:9090 (TIERSBOT_HTTP; off by default)")
	metricsAddr := fs.String("metrics-addr", getenv("TIERSBOT_METRICS_ADDR"), "serve Prometheus /metrics on this address, e.g. 127.0.0.1:9091 (TIERSBOT_METRICS_ADDR; off by default)")
	interAddr := fs.String("interactions-addr", getenv("TIERSBOT_INTERACTIONS_ADDR"), "receive interactions over HTTP on this address instead of the gateway; needs DISCORD_PUBLIC_KEY (TIERSBOT_INTERACTIONS_ADDR)")
	publicURL := fs.String("public-url", getenv("TIERSBOT_PUBLIC_URL"), "public address of the --http server, e.g. https://bot.example.org (TIERSBOT_PUBLIC_URL)")
	backupDir := fs.String("backup-dir", getenv("TIERSBOT_BACKUP_DIR"), "take a backup in this folder every night at 02:30 (TIERSBOT_BACKUP_DIR; off by default)")
	backupKeep := fs.Int("backup-keep", 7, "how many nightly backups to keep (TIERSBOT_BACKUP_KEEP)")
	if v := getenv("TIERSBOT_BACKUP_KEEP"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return fmt.Errorf("TIERSBOT_BACKUP_KEEP=%q: a number of copies, 1 or more", v)
		}
		*backupKeep = n
	}
	tuning, err := dbTuning(getenv)
	if err != nil {
		return err
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (see tiersbot -h)", fs.Arg(0))
	}
	if *backupKeep < 1 {
		return fmt.Errorf("--backup-keep %d: keep at least 1 copy", *backupKeep)
	}
	log, err := newLogger(stderr, *level)
	if err != nil {
		return err
	}
	token := strings.TrimSpace(getenv("DISCORD_TOKEN"))
	if token == "" {
		return errors.New("DISCORD_TOKEN is not set: export the bot token from the Discord developer portal, or try the bot locally with `tiersbot console`")
	}
	var pub []byte
	if *interAddr != "" {
		if pub, err = bot.ParsePublicKey(strings.TrimSpace(getenv("DISCORD_PUBLIC_KEY"))); err != nil {
			return err
		}
	}
	db, err := storage.OpenTuned(ctx, *dbPath, tuning)
	if err != nil {
		return err
	}
	defer db.Close()
	return bot.Serve(ctx, bot.Config{Token: token, APIBase: *api, DevGuild: *devGuild, DB: db, Log: log, Clock: time.Now, Rand: newRand(),
		HTTPAddr: *httpAddr, MetricsAddr: *metricsAddr, InteractionsAddr: *interAddr, PublicKey: pub, PublicURL: *publicURL,
		BackupDir: *backupDir, BackupKeep: *backupKeep})
}

func runConsole(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tiersbot console", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", envOr(getenv, "TIERSBOT_DB", "tiersbot.db"), "database file; :memory: for a throw-away one")
	lang := fs.String("lang", "fr", "language of replies: fr or en")
	as := fs.String("as", "Camille", "name of the first user, a coordinator")
	now := fs.String("now", "", `start the clock at this Paris time, "2026-04-13 08:00" (default: now)`)
	out := fs.String("out", "", "folder for attached files (default: a new temporary folder)")
	level := fs.String("log-level", envOr(getenv, "TIERSBOT_LOG_LEVEL", "warn"), "log level")
	demo := fs.Bool("demo", false, "load a sample network first (ten spaces of the Drôme, two weeks of activity; empty database only)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *lang != "fr" && *lang != "en" {
		return fmt.Errorf("--lang %q: fr or en", *lang)
	}
	start := time.Now()
	if *now != "" {
		loc, err := time.LoadLocation("Europe/Paris")
		if err != nil {
			return err
		}
		if start, err = time.ParseInLocation("2006-01-02 15:04", *now, loc); err != nil {
			return fmt.Errorf("--now %q: write it like \"2026-04-13 08:00\"", *now)
		}
	}
	log, err := newLogger(stderr, *level)
	if err != nil {
		return err
	}
	db, err := storage.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	return bot.Console(ctx, bot.ConsoleConfig{DB: db, In: stdin, Out: stdout, Lang: *lang, As: *as, Now: start, OutDir: *out,
		Log: log, Rand: newRand(), Interactive: isTerminal(stdin), Demo: *demo})
}

func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tiersbot backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", envOr(getenv, "TIERSBOT_DB", "tiersbot.db"), "database file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: tiersbot backup [--db FILE] BACKUP_FILE")
	}
	if _, err := os.Stat(fs.Arg(0)); err == nil {
		return fmt.Errorf("%s already exists: choose a new file name", fs.Arg(0))
	}
	db, err := storage.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, fs.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s\n", fs.Arg(0))
	return nil
}

func runRestore(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tiersbot restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", envOr(getenv, "TIERSBOT_DB", "tiersbot.db"), "database file to replace")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: tiersbot restore [--db FILE] BACKUP_FILE   (stop the bot first)")
	}
	if err := storage.Restore(ctx, fs.Arg(0), *dbPath); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s restored from %s; the previous database is kept as %s.before-restore\n", *dbPath, fs.Arg(0), *dbPath)
	return nil
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

func newLogger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("log level %q: debug, info, warn or error", level)
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l})), nil
}

func newRand() *rand.Rand {
	seed := uint64(time.Now().UnixNano())
	return rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d))
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// dbTuning reads the database's memory sizes from the environment.
func dbTuning(getenv func(string) string) (storage.Tuning, error) {
	t := storage.DefaultTuning()
	for _, v := range []struct {
		name string
		into *int
		min  int
	}{{"TIERSBOT_DB_CACHE_MB", &t.CacheMB, 1}, {"TIERSBOT_DB_MMAP_MB", &t.MmapMB, 0}} {
		s := getenv(v.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < v.min {
			return t, fmt.Errorf("%s=%q: a number of megabytes, %d or more", v.name, s, v.min)
		}
		*v.into = n
	}
	return t, nil
}
