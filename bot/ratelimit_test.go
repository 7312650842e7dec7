package bot

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/bot/discordtest"
	"github.com/tierslieux/tiersbot/commands"
)

// bucketCount reads how many buckets discordgo's limiter holds (unexported).
func bucketCount(s *discordgo.Session) int {
	s.Ratelimiter.Lock()
	defer s.Ratelimiter.Unlock()
	return reflect.ValueOf(s.Ratelimiter).Elem().FieldByName("buckets").Len()
}

// Answering interactions, deferred ones included, leaves the limiter's state
// bounded: discordgo's own calls would keep one bucket per token.
func TestRateLimitBucketsBounded(t *testing.T) {
	r := newDeferRig(t)
	r.openGateway()
	before := bucketCount(r.gw.s)
	// A bound on the whole run, not a timing assertion: 100 round trips under
	// -race on two cores shared with other packages' tests took over a minute.
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	const n = 100 // unbounded, discordgo would keep 100 + 50 buckets: more than 2*tokenBuckets
	edits := 0
	for k := 0; k < n; k++ {
		id := r.fake.SendInteraction(discordtest.Command(e2eGuild, "c", e2eAlice, "help"))
		r.waitEntered()
		tr := r.timer(2 * time.Second)
		deferred := k%2 == 1
		if deferred {
			// The deferral first, then the answer: fired together, the bot
			// may see either first (a select), and the edit would not come.
			tr.fire <- time.Now()
			if cb, err := r.fake.WaitCallback(ctx, id); err != nil || cb.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
				t.Fatalf("interaction %d: deferral %v, %v", k, cb.Type, err)
			}
		}
		r.answers <- reply("ok")
		if !deferred {
			if _, err := r.fake.WaitCallback(ctx, id); err != nil {
				t.Fatalf("interaction %d: %v", k, err)
			}
			continue
		}
		edits++ // its edit, before the next interaction
		if _, err := r.fake.WaitCalls(ctx, edits, func(c discordtest.Call) bool { return c.Method == "PATCH" }); err != nil {
			t.Fatalf("edit of deferred interaction %d: %v", k, err)
		}
	}
	// Callbacks and edits share at most tokenBuckets buckets each.
	if got := bucketCount(r.gw.s) - before; got > 2*tokenBuckets {
		t.Errorf("%d rate-limit buckets after %d interactions, want at most %d", got, n, 2*tokenBuckets)
	}
}

// Per-token limits say nothing of other tokens: a shared bucket never learns them.
func TestTokenRouteHeadersDropped(t *testing.T) {
	next := roundTrip(func(r *http.Request) (*http.Response, error) {
		h := http.Header{}
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset-After", "60")
		return &http.Response{StatusCode: 204, Header: h, Body: http.NoBody, Request: r}, nil
	})
	l := newLimits(next)
	for path, kept := range map[string]bool{
		"/api/v9/interactions/1/tok/callback":       false,
		"/api/v9/webhooks/2/tok/messages/@original": false,
		"/api/v9/channels/3/messages":               true,
		"/api/v9/guilds/4/scheduled-events":         true,
	} {
		req, _ := http.NewRequest("POST", "https://discord.com"+path, nil)
		resp, err := l.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		if got := resp.Header.Get("X-RateLimit-Remaining") != ""; got != kept {
			t.Errorf("%s: bucket headers kept %v, want %v", path, got, kept)
		}
	}
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// A global 429 (Retry-After, no X-RateLimit-Reset-After) pauses every
// request, on every route, until it has passed; then the refused one is sent again.
func TestGlobalRateLimitPausesEveryRequest(t *testing.T) {
	fake := startFake(t)
	s, err := NewSession("test-token", fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	gw := NewGateway(s, commands.New(commands.Config{DB: testDB(t)}), testLog(t), "")
	l := s.Client.Transport.(*limits)
	clock := newFakeClock(time.Date(2026, 4, 13, 9, 0, 0, 0, time.UTC))
	sleeps := make(chan time.Duration, 8)
	wake := make(chan struct{})
	l.now = clock.Now
	l.sleep = func(ctx context.Context, d time.Duration) error {
		sleeps <- d
		select {
		case <-wake:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	fake.FailNext(1, "POST", "/channels/111/messages", discordtest.Fault{Status: 429, Global: true, RetryAfter: 4.5})
	send := func(channel string) <-chan error {
		done := make(chan error, 1)
		go func() {
			_, err := gw.Send(context.Background(), commands.OutChannel, channel, commands.Message{Content: "hello " + channel}, "")
			done <- err
		}()
		return done
	}
	slept := func() time.Duration {
		t.Helper()
		select {
		case d := <-sleeps:
			return d
		case <-ctxT(t).Done():
			t.Fatal("no pause")
		}
		return 0
	}
	first := send("111")
	if d := slept(); d != 4500*time.Millisecond {
		t.Errorf("paused %v, want 4.5 s", d)
	}
	second := send("222") // another route: must wait too
	if d := slept(); d != 4500*time.Millisecond {
		t.Errorf("other route paused %v, want 4.5 s", d)
	}
	for _, c := range fake.Calls() {
		if c.Path == "/channels/222/messages" {
			t.Fatal("a request left during the global pause")
		}
	}
	clock.Add(4500 * time.Millisecond)
	close(wake)
	for _, done := range []<-chan error{first, second} {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	var posts []string
	for _, c := range fake.Calls() {
		posts = append(posts, fmt.Sprintf("%s %d", c.Path, c.Status))
	}
	if got := strings.Join(posts, ", "); got != "/channels/111/messages 429, /channels/111/messages 200, /channels/222/messages 200" &&
		got != "/channels/111/messages 429, /channels/222/messages 200, /channels/111/messages 200" {
		t.Errorf("calls: %s", got)
	}
}
