package bot

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands"
	"github.com/tierslieux/tiersbot/storage"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time       { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration)  { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func (c *fakeClock) Set(t time.Time)      { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func newFakeClock(t time.Time) *fakeClock { return &fakeClock{t: t} }
func testDB(t testing.TB) *storage.DB {
	db, err := storage.Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// scriptedSender fails as told, then records what it sends.
type scriptedSender struct {
	fail  []error // consumed one per call
	sent  []string
	calls int
}

func (s *scriptedSender) Send(_ context.Context, kind, target string, m commands.Message, nonce string) (string, error) {
	s.calls++
	if len(s.fail) > 0 {
		err := s.fail[0]
		s.fail = s.fail[1:]
		if err != nil {
			return "", err
		}
	}
	s.sent = append(s.sent, kind+" "+target+" "+m.Content+" "+nonce)
	return target + "/m" + nonce, nil
}

func enqueue(t *testing.T, db *storage.DB, now time.Time, kind, target, content string) int64 {
	t.Helper()
	var id int64
	err := db.Write(context.Background(), func(tx *storage.Tx) error {
		var err error
		id, _, err = tx.Enqueue(context.Background(), storage.OutboxItem{GuildID: "g", Kind: kind, Target: target,
			Payload: []byte(`{"content":"` + content + `"}`)}, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestOutboxRetriesThenDeliversOnce(t *testing.T) {
	db := testDB(t)
	clock := newFakeClock(time.Date(2026, 4, 13, 9, 0, 0, 0, time.UTC))
	s := &scriptedSender{fail: []error{errors.New("502 bad gateway"), errors.New("connection reset")}}
	ob := NewOutbox(db, s, clock.Now, slog.New(slog.DiscardHandler), rand.New(rand.NewPCG(1, 2)))
	ctx := context.Background()
	enqueue(t, db, clock.Now(), commands.OutChannel, "c1", "hello")

	n, err := ob.DeliverDue(ctx)
	if err != nil || n != 0 || s.calls != 1 {
		t.Fatalf("first attempt: n=%d err=%v calls=%d", n, err, s.calls)
	}
	// Not due again before the backoff (2 s ±20 %).
	clock.Add(1500 * time.Millisecond)
	if n, _ := ob.DeliverDue(ctx); n != 0 || s.calls != 1 {
		t.Fatalf("retried too early: calls=%d", s.calls)
	}
	clock.Add(time.Second)
	ob.DeliverDue(ctx) // second failure, backoff ~4 s
	if s.calls != 2 {
		t.Fatalf("calls=%d", s.calls)
	}
	clock.Add(5 * time.Second)
	if n, err := ob.DeliverDue(ctx); n != 1 || err != nil {
		t.Fatalf("third attempt: n=%d err=%v", n, err)
	}
	clock.Add(time.Hour)
	if n, _ := ob.DeliverDue(ctx); n != 0 {
		t.Fatal("delivered twice")
	}
	if len(s.sent) != 1 || s.sent[0] != "channel c1 hello tb1" {
		t.Fatalf("sent %v", s.sent)
	}
}

func TestOutboxGivesUpOnPermanentRefusal(t *testing.T) {
	db := testDB(t)
	clock := newFakeClock(time.Now())
	s := &scriptedSender{fail: []error{&PermanentError{Err: errors.New("403 Cannot send messages to this user")}}}
	ob := NewOutbox(db, s, clock.Now, slog.New(slog.DiscardHandler), rand.New(rand.NewPCG(1, 2)))
	id := enqueue(t, db, clock.Now(), commands.OutDM, "u1", "psst")
	enqueue(t, db, clock.Now(), commands.OutChannel, "c1", "next")
	n, err := ob.DeliverDue(context.Background())
	if err != nil || n != 1 {
		t.Fatalf("n=%d err=%v", n, err)
	}
	clock.Add(24 * time.Hour)
	ob.DeliverDue(context.Background())
	if s.calls != 2 {
		t.Fatalf("a refused item was retried: %d calls", s.calls)
	}
	err = db.Read(context.Background(), func(tx *storage.Tx) error {
		it, sent, err := tx.OutboxItemByID(context.Background(), id)
		if sent || !strings.Contains(it.LastError, "403") {
			t.Errorf("item = %+v sent=%v", it, sent)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOutboxEditWaitsForItsMessage(t *testing.T) {
	db := testDB(t)
	clock := newFakeClock(time.Now())
	s := &scriptedSender{fail: []error{errors.New("timeout")}}
	ob := NewOutbox(db, s, clock.Now, slog.New(slog.DiscardHandler), rand.New(rand.NewPCG(1, 2)))
	post := enqueue(t, db, clock.Now(), commands.OutChannel, "c1", "v1")
	enqueue(t, db, clock.Now(), commands.OutEdit, "ref:"+itoa(post), "v2")
	ob.DeliverDue(context.Background()) // the post fails; the edit must wait
	if len(s.sent) != 0 {
		t.Fatalf("sent %v", s.sent)
	}
	clock.Add(10 * time.Second)
	ob.DeliverDue(context.Background())
	if len(s.sent) != 2 || s.sent[0] != "channel c1 v1 tb1" || !strings.HasPrefix(s.sent[1], "edit c1/mtb1 v2") {
		t.Fatalf("sent %v", s.sent)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func newTestRand() *rand.Rand { return rand.New(rand.NewPCG(7, 11)) }

// panicSender panics on the first item, then delivers.
type panicSender struct{ scriptedSender }

func (s *panicSender) Send(ctx context.Context, kind, target string, m commands.Message, nonce string) (string, error) {
	if m.Content == "boom" {
		panic("unforeseen payload")
	}
	return s.scriptedSender.Send(ctx, kind, target, m, nonce)
}

// A sender's panic gives that item up; the worker goes on with the next.
func TestOutboxSurvivesSenderPanic(t *testing.T) {
	db := testDB(t)
	clock := newFakeClock(time.Date(2026, 4, 13, 9, 0, 0, 0, time.UTC))
	s := &panicSender{}
	ob := NewOutbox(db, s, clock.Now, slog.New(slog.DiscardHandler), rand.New(rand.NewPCG(1, 2)))
	enqueue(t, db, clock.Now(), commands.OutChannel, "c1", "boom")
	enqueue(t, db, clock.Now(), commands.OutChannel, "c1", "fine")
	n, err := ob.DeliverDue(context.Background())
	if err != nil || n != 1 || len(s.sent) != 1 || !strings.Contains(s.sent[0], "fine") {
		t.Fatalf("delivered %d (%v): %v", n, err, s.sent)
	}
	clock.Add(time.Hour)
	if n, _ := ob.DeliverDue(context.Background()); n != 0 {
		t.Errorf("the item that panicked was retried: %d sent", n)
	}
}
