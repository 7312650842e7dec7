package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/bot/discordtest"
	"github.com/tierslieux/tiersbot/commands"
	"github.com/tierslieux/tiersbot/storage"
)

// A handler slower than the defer threshold: the interaction is acknowledged
// at once (deferred) and the answer edits the original response.
func TestE2EDeferredAnswer(t *testing.T) {
	fake := startFake(t)
	db := testDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, Config{Token: "t", APIBase: fake.URL(), DB: db, Log: testLog(t), Ready: func() { close(ready) }, DeferAfter: time.Nanosecond})
	}()
	defer func() { cancel(); <-done }()
	<-ready
	id := fake.SendInteraction(discordtest.Command(e2eGuild, "c", e2eAlice, "help"))
	cb, err := fake.WaitCallback(ctxT(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if cb.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || !cb.Ephemeral() {
		t.Fatalf("callback type %d, ephemeral %v; want a private deferral", cb.Type, cb.Ephemeral())
	}
	edit, err := fake.WaitCall(ctxT(t), func(c discordtest.Call) bool {
		return c.Method == "PATCH" && strings.HasSuffix(c.Path, "/messages/@original")
	})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(edit.Body, []byte("the network's front desk")) || edit.Status != 200 {
		t.Errorf("original answer edited with %s (status %d)", edit.Body, edit.Status)
	}
}

// The same interaction delivered twice (a replay after a resume) is applied
// and answered once. The replayed one is not idempotent: a check-in replayed
// after the member checked out would check her in again.
func TestE2EDuplicateDeliveryHandledOnce(t *testing.T) {
	fake := startFake(t)
	db := testDB(t)
	logs := make(chan string, 64)
	e := startBotLog(t, fake, db, slog.New(&msgTap{want: map[string]bool{"replayed interaction ignored": true, "could not answer interaction": true}, out: logs}))
	e.send(discordtest.Command(e2eGuild, "c", e2eCoord, "space", discordtest.Sub("add", discordtest.Str("name", "Solo"), discordtest.Str("town", "Die"))))
	i := discordtest.Command(e2eGuild, "c", e2eAlice, "checkin")
	id := fake.SendInteraction(i)
	if _, err := fake.WaitCallback(ctxT(t), id); err != nil {
		t.Fatal(err)
	}
	has(t, cbText(e.send(discordtest.Command(e2eGuild, "c", e2eAlice, "checkout"))), "Checked out")
	again := discordtest.Command(e2eGuild, "c", e2eAlice, "checkin")
	again["id"], again["token"] = id, i["token"]
	fake.SendInteraction(again)
	// Interactions are handled concurrently: wait until the replay is done,
	// ignored (guard) or answered in vain (no guard: Discord refuses a
	// second answer).
	wait := ctxT(t)
	for done := false; !done; {
		select {
		case m := <-logs:
			done = m == "replayed interaction ignored" || m == "could not answer interaction"
		case <-wait.Done():
			t.Fatal("the replay was never handled")
		}
	}
	ctx := context.Background()
	err := db.Read(ctx, func(tx *storage.Tx) error {
		open, err := tx.OpenCheckins(ctx)
		if err != nil {
			return err
		}
		all, err := tx.MemberCheckins(ctx, e2eGuild, e2eAlice.ID, time.Time{}, time.Now().AddDate(1, 0, 0))
		if len(open) != 0 || len(all) != 1 {
			t.Errorf("after the replay: %d visits, %d open; want 1 visit, none open", len(all), len(open))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := fake.Callbacks(id); n != 1 {
		t.Errorf("the replay was answered again: %d answers", n)
	}
}

// msgTap passes the log messages in want to out.
type msgTap struct {
	want map[string]bool
	out  chan<- string
}

func (h *msgTap) Enabled(context.Context, slog.Level) bool { return true }
func (h *msgTap) Handle(_ context.Context, r slog.Record) error {
	if h.want[r.Message] {
		h.out <- r.Message
	}
	return nil
}
func (h *msgTap) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *msgTap) WithGroup(string) slog.Handler      { return h }

// A Discord REST outage: posts wait in the outbox and go out, once each, when
// it recovers; nothing is lost.
func TestOutboxSurvivesRESTOutage(t *testing.T) {
	fake := startFake(t)
	db := testDB(t)
	clock := newFakeClock(time.Date(2026, 4, 13, 9, 0, 0, 0, time.UTC))
	s, err := NewSession("t", fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	app := commands.New(commands.Config{DB: db, Clock: clock.Now})
	gw := NewGateway(s, app, slog.New(slog.DiscardHandler), "")
	ob := NewOutbox(db, gw, clock.Now, slog.New(slog.DiscardHandler), nil)
	ob.rand = newTestRand()
	for i := range 5 {
		enqueue(t, db, clock.Now(), commands.OutChannel, "c1", "post "+string(rune('A'+i)))
	}
	down := true
	fake.SetFault(func(method, path string) *discordtest.Fault {
		if down {
			return &discordtest.Fault{Status: 500}
		}
		return nil
	})
	ctx := context.Background()
	for range 6 { // six minutes of outage, the worker trying as its backoff allows
		if n, err := ob.DeliverDue(ctx); n != 0 || err != nil {
			t.Fatalf("delivered %d during the outage (%v)", n, err)
		}
		clock.Add(time.Minute)
	}
	down = false
	clock.Add(10 * time.Minute)
	n, err := ob.DeliverDue(ctx)
	if err != nil || n != 5 {
		t.Fatalf("after recovery: %d delivered, %v", n, err)
	}
	msgs := fake.Messages("c1")
	if len(msgs) != 5 {
		t.Fatalf("%d messages in the channel, want 5", len(msgs))
	}
	for i, m := range msgs {
		if m.Content != "post "+string(rune('A'+i)) {
			t.Errorf("message %d = %q (order or content lost)", i, m.Content)
		}
	}
	var pending int
	db.Read(ctx, func(tx *storage.Tx) error { pending, _, err = tx.OutboxStats(ctx); return err })
	if pending != 0 {
		t.Errorf("%d still pending", pending)
	}
}

// The token never appears in logs or errors, even when Discord echoes it back.
func TestTokenNeverLogged(t *testing.T) {
	fake := startFake(t)
	// Shaped like a real token, built at run time so no token-like string sits in the tree.
	token := strings.Join([]string{"MTIzNDU2Nzg5MDEyMzQ1Njc4", "GhIjKl", "secret-token-value-do-not-log"}, ".")
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	// Registration fails with an error whose text contains the token.
	fake.FailNext(1, "PUT", "/applications/", discordtest.Fault{Status: 401, Code: 0, Message: "401: Unauthorized " + token})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := Serve(ctx, Config{Token: token, APIBase: fake.URL(), DB: testDB(t), Log: log})
	if err == nil {
		t.Fatal("a refused registration must stop the start")
	}
	all := logs.String() + err.Error()
	if strings.Contains(all, token) || strings.Contains(all, "secret-token-value") {
		t.Fatalf("the token leaked:\n%s", all)
	}
	if fake.Token() != "Bot "+token {
		t.Error("the bot did not identify with its token")
	}
	_ = json.Valid
}
