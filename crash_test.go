package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/bot/discordtest"
	"github.com/tierslieux/tiersbot/storage"
)

// TestMain lets the crash test start this very binary as the bot.
func TestMain(m *testing.M) {
	if os.Getenv("TIERSBOT_TEST_CHILD") == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := run(ctx, nil, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

const crashGuild = "810000000000000001"

// confirmed are the interactions of ids whose check-in the bot confirmed:
// answered at once, or deferred and then answered by editing. A deferral
// alone promises nothing: a bot killed then never said it was saved (and
// a loaded machine defers check-ins that take past 2 s).
func confirmed(calls []discordtest.Call, ids map[string]string) map[string]bool {
	out := map[string]bool{}
	deferred := map[string]string{} // token -> interaction id
	for _, c := range calls {
		parts := strings.Split(c.Path, "/")
		switch {
		case len(parts) > 3 && parts[1] == "interactions" && c.Status == 204 && ids[parts[2]] != "":
			var body struct {
				Type int `json:"type"`
			}
			if json.Unmarshal(c.Body, &body) == nil && body.Type == 5 {
				deferred[parts[3]] = parts[2]
			} else {
				out[parts[2]] = true
			}
		case len(parts) > 3 && parts[1] == "webhooks" && c.Method == "PATCH" && c.Status < 300 && deferred[parts[3]] != "":
			out[deferred[parts[3]]] = true
		}
	}
	return out
}

// The bot is killed with SIGKILL while under load, three times, and restarted
// on the same database: every check-in it acknowledged is there, every
// arrival post it queued is delivered exactly once, and SQLite is sound.
func TestCrashUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the bot four times")
	}
	fake, err := discordtest.New(discordtest.Config{Guilds: []string{crashGuild}, T: t})
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "crash.db")
	ctx := context.Background()
	db, err := storage.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	const channel = "610000000000000001"
	err = db.Write(ctx, func(tx *storage.Tx) error {
		_, err := tx.AddSpace(ctx, storage.Space{GuildID: crashGuild, Name: "La Ruche", Key: "la ruche", Town: "Crest",
			ChannelID: channel, Timezone: "Europe/Paris", AnnounceArrivals: true}, time.Now())
		return err
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	start := func(n int) (*exec.Cmd, *strings.Builder) {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		var logs strings.Builder
		cmd.Stdout, cmd.Stderr = &logs, &logs
		cmd.Env = append(os.Environ(), "TIERSBOT_TEST_CHILD=1", "DISCORD_TOKEN=crash-test-token",
			"TIERSBOT_DB="+dbPath, "TIERSBOT_DISCORD_API="+fake.URL(), "TIERSBOT_LOG_LEVEL=warn")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		// Ready once it has identified (the n-th time).
		if err := fake.WaitIdentifies(wctx, n); err != nil {
			t.Fatalf("bot %d never identified:\n%s", n, logs.String())
		}
		if err := fake.WaitReady(wctx); err != nil {
			t.Fatal(err)
		}
		return cmd, &logs
	}

	var (
		mu    sync.Mutex
		acked = map[string]string{} // interaction id -> user id
		sent  int
	)
	user := 0
	for round := 1; round <= 3; round++ {
		cmd, logs := start(round)
		ids := map[string]string{}
		for range 150 {
			user++
			u := discordtest.User{ID: fmt.Sprintf("7%017d", user), Name: fmt.Sprintf("m%d", user)}
			id := fake.SendInteraction(discordtest.Command(crashGuild, channel, u, "checkin"))
			ids[id] = u.ID
			sent++
		}
		// Kill it once about a third of this round is answered: mid-load.
		wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		_, err := fake.WaitCalls(wctx, 50, func(c discordtest.Call) bool {
			parts := strings.Split(c.Path, "/")
			return len(parts) > 2 && parts[1] == "interactions" && ids[parts[2]] != "" && c.Status == 204
		})
		cancel()
		if err != nil {
			t.Fatalf("round %d: no load answered:\n%s", round, logs.String())
		}
		cmd.Process.Kill() // SIGKILL: no shutdown, no flush
		cmd.Wait()
		mu.Lock()
		for id := range confirmed(fake.Calls(), ids) {
			acked[id] = ids[id]
		}
		mu.Unlock()
	}

	// A last, clean run delivers what the outbox still holds, then stops on SIGTERM.
	cmd, logs := start(4)
	db, err = storage.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// No new check-in arrives now: wait for each stored one's arrival post.
	var checkins int
	err = db.Read(ctx, func(tx *storage.Tx) error {
		spaces, err := tx.Spaces(ctx, crashGuild)
		if err != nil {
			return err
		}
		checkins, err = tx.CountPresent(ctx, spaces[0].ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := fake.WaitMessages(wctx, channel, checkins); err != nil {
		t.Fatalf("%d posts for %d check-ins\n%s", len(fake.Messages(channel)), checkins, logs.String())
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("clean stop failed: %v\n%s", err, logs.String())
	}
	var pending int
	db.Read(ctx, func(tx *storage.Tx) error { pending, _, err = tx.OutboxStats(ctx); return err })
	if pending != 0 {
		t.Errorf("%d outbox items still pending", pending)
	}

	// Every acknowledged check-in is stored.
	lost := 0
	for _, u := range acked {
		err := db.Read(ctx, func(tx *storage.Tx) error { _, err := tx.OpenCheckin(ctx, crashGuild, u); return err })
		if err != nil {
			lost++
		}
	}
	// Every stored check-in's arrival post is in the channel, exactly once.
	posts := fake.Messages(channel)
	seen := map[string]int{}
	for _, m := range posts {
		seen[m.Content]++
	}
	dups := 0
	for _, n := range seen {
		dups += n - 1
	}
	nonceRetries := 0
	for _, c := range fake.Calls() {
		if c.Method == "POST" && c.Path == "/channels/"+channel+"/messages" {
			nonceRetries++
		}
	}
	nonceRetries -= len(posts)
	res, err := db.IntegrityCheck(ctx)
	t.Logf("sent %d check-ins over 3 kills, %d acknowledged, %d stored; %d posts (%d resent after a kill and absorbed by the nonce); lost %d, duplicates %d; integrity %s",
		sent, len(acked), checkins, len(posts), nonceRetries, lost, dups, res)
	if lost != 0 || dups != 0 || len(posts) != checkins || err != nil || res != "ok" {
		t.Fatalf("lost %d, duplicates %d, posts %d for %d check-ins, integrity %q %v", lost, dups, len(posts), checkins, res, err)
	}
	if len(acked) < 150 {
		t.Errorf("only %d acknowledged: the load did not run", len(acked))
	}
}
