// Package discordtest is a fake Discord: REST and gateway on 127.0.0.1 that
// the real discordgo client connects to. Tests inject interactions and read
// what the bot sent; nothing waits on sleeps. It serves load and crash tests
// too, so its API does not depend on package testing.
package discordtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Config shapes the fake.
type Config struct {
	AppID   string   // also the bot user's id; default 100000000000000001
	BotName string   // default tiersbot
	Guilds  []string // sent in READY
	// HeartbeatInterval announced in HELLO; default 41.25 s.
	HeartbeatInterval time.Duration
	// Lean keeps no REST call log and no callback bodies, so a load test's
	// memory stays flat; OnCallback is told of each interaction answered.
	Lean       bool
	OnCallback func(interactionID string, t discordgo.InteractionResponseType)
	// SchemaEvery checks one request body in SchemaEvery against Discord's
	// schema and limits (0 or 1: every body, as tests need). A load test
	// samples: checking every body cost a fifth of the shared cores, which
	// the real Discord does not take from the bot's machine.
	SchemaEvery int
	// T, if set, is failed (Errorf) at each request the fake refuses as
	// Discord would, unless the test declared it (ExpectRefusal).
	T TB
	// CallbackDeadline is how long after an interaction is sent its first
	// callback is accepted; default 3 s, as Discord.
	CallbackDeadline time.Duration
}

// Call is one REST request the fake received.
type Call struct {
	Seq    int
	Method string
	Path   string // without /api/v9
	Query  url.Values
	Body   []byte // the JSON body, or payload_json of a multipart one
	Files  []File
	Status int
	At     time.Time
}

// File is an attachment of a multipart request.
type File struct {
	Name, ContentType string
	Data              []byte
}

// Fault is how the fake answers a request instead of serving it.
type Fault struct {
	Status     int
	Code       int     // Discord's JSON error code
	Message    string  // Discord's JSON error message
	RetryAfter float64 // seconds, with 429
	// Global makes a 429 Discord's global limit: X-RateLimit-Global and
	// Retry-After, no X-RateLimit-Reset-After, as Discord may send it.
	Global bool
}

// Server is the fake Discord.
type Server struct {
	cfg     Config
	checked atomic.Int64 // bodies seen, for SchemaEvery
	ln      net.Listener
	http    *http.Server

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced at every recorded change
	calls     []Call
	ids       int64
	messages  map[string]*discordgo.Message // by message id
	channels  map[string][]string           // channel id -> message ids in order
	nonces    map[string]*discordgo.Message // enforce_nonce dedup
	dmChannel map[string]string             // user id -> DM channel id
	dmUser    map[string]string             // DM channel id -> user id
	commands  map[string][]json.RawMessage  // guild ("" = global) -> registered
	puts      int
	events    map[string]map[string]json.RawMessage // guild -> id -> scheduled event
	callbacks map[string]Callback                   // by interaction id
	tokens    map[string]string                     // interaction token -> id
	fault     func(method, path string) *Fault
	sent      map[string]sentInteraction // by interaction id
	chanTypes map[string]int             // channel id -> Discord channel type (default text)
	closedDMs map[string]bool            // users who refuse DMs
	threads   map[string]Thread          // by id (the id of the message it started from)
	expect    []expectation
	refusals  []Refusal
	closed    bool

	gw gateway
}

// New starts a fake Discord on 127.0.0.1 (a free port).
func New(cfg Config) (*Server, error) {
	if cfg.AppID == "" {
		cfg.AppID = "100000000000000001"
	}
	if cfg.BotName == "" {
		cfg.BotName = "tiersbot"
	}
	if cfg.CallbackDeadline <= 0 {
		cfg.CallbackDeadline = 3 * time.Second
	}
	if _, err := theSpec(); err != nil {
		return nil, fmt.Errorf("fake discord: %w", err)
	}
	if cfg.HeartbeatInterval <= 0 {
		cfg.HeartbeatInterval = 41250 * time.Millisecond
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("fake discord: %w", err)
	}
	s := &Server{
		cfg: cfg, ln: ln, changed: make(chan struct{}), ids: 1_000_000_000_000_000,
		messages: map[string]*discordgo.Message{}, channels: map[string][]string{}, nonces: map[string]*discordgo.Message{},
		dmChannel: map[string]string{}, dmUser: map[string]string{}, commands: map[string][]json.RawMessage{},
		events: map[string]map[string]json.RawMessage{}, callbacks: map[string]Callback{}, tokens: map[string]string{},
		sent: map[string]sentInteraction{}, chanTypes: map[string]int{}, closedDMs: map[string]bool{}, threads: map[string]Thread{},
	}
	s.gw.init(s)
	mux := http.NewServeMux()
	mux.HandleFunc("/gateway", s.serveGateway)
	mux.HandleFunc("/gateway/", s.serveGateway)
	mux.HandleFunc("/api/v9/", s.serveREST)
	s.http = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go s.http.Serve(ln)
	return s, nil
}

// URL is the base URL to give the bot (TIERSBOT_DISCORD_API).
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// AppID is the application's (and bot user's) id.
func (s *Server) AppID() string { return s.cfg.AppID }

// Close stops the fake and drops the client. Refusals after it fail no test.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.gw.closeAll()
	s.http.Close()
}

// Transport sends requests for any host to the fake, keeping the path.
func (s *Server) Transport() http.RoundTripper {
	return roundTrip(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host, r.Host = "http", s.ln.Addr().String(), s.ln.Addr().String()
		return http.DefaultTransport.RoundTrip(r)
	})
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// SetFault makes REST answer with a fault while f returns one (nil serves normally).
func (s *Server) SetFault(f func(method, path string) *Fault) {
	s.mu.Lock()
	s.fault = f
	s.mu.Unlock()
}

// FailNext makes the next n REST requests (matching method and path prefix, "" for any) fail.
func (s *Server) FailNext(n int, method, pathPrefix string, f Fault) {
	var mu sync.Mutex
	s.SetFault(func(m, p string) *Fault {
		mu.Lock()
		defer mu.Unlock()
		if n <= 0 || (method != "" && m != method) || len(p) < len(pathPrefix) || p[:len(pathPrefix)] != pathPrefix {
			return nil
		}
		n--
		return &f
	})
}

func (s *Server) nextID() string {
	s.ids++
	return strconv.FormatInt(s.ids, 10)
}

// notify wakes waiters; the caller holds s.mu.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// wait calls check under the lock until it reports done or ctx ends.
func (s *Server) wait(ctx context.Context, check func() bool) error {
	for {
		s.mu.Lock()
		if check() {
			s.mu.Unlock()
			return nil
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Calls returns every REST call so far.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// WaitCall returns the first call, past or future, that matches.
func (s *Server) WaitCall(ctx context.Context, match func(Call) bool) (Call, error) {
	var found Call
	err := s.wait(ctx, func() bool {
		for _, c := range s.calls {
			if match(c) {
				found = c
				return true
			}
		}
		return false
	})
	return found, err
}

// Messages returns a channel's messages, as they are now (after edits), oldest first.
func (s *Server) Messages(channelID string) []*discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*discordgo.Message
	for _, id := range s.channels[channelID] {
		if m, ok := s.messages[id]; ok {
			out = append(out, m)
		}
	}
	return out
}

// DMs returns the direct messages sent to a user.
func (s *Server) DMs(userID string) []*discordgo.Message {
	s.mu.Lock()
	ch := s.dmChannel[userID]
	s.mu.Unlock()
	if ch == "" {
		return nil
	}
	return s.Messages(ch)
}

// WaitMessage returns the first channel or DM message (current state) that
// matches. match runs under the fake's lock: it must not call the fake.
func (s *Server) WaitMessage(ctx context.Context, match func(*discordgo.Message) bool) (*discordgo.Message, error) {
	var found *discordgo.Message
	err := s.wait(ctx, func() bool {
		ids := make([]string, 0, len(s.messages))
		for id := range s.messages {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool { return len(ids[i]) < len(ids[j]) || len(ids[i]) == len(ids[j]) && ids[i] < ids[j] })
		for _, id := range ids {
			if m := s.messages[id]; match(m) {
				found = m
				return true
			}
		}
		return false
	})
	return found, err
}

// IsDM reports whether a channel id is a DM channel, and with whom.
func (s *Server) IsDM(channelID string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.dmUser[channelID]
	return u, ok
}

// Commands returns the commands registered for a guild ("" for global ones).
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*discordgo.ApplicationCommand
	for _, raw := range s.commands[guildID] {
		var c discordgo.ApplicationCommand
		if json.Unmarshal(raw, &c) == nil {
			out = append(out, &c)
		}
	}
	return out
}

// CommandPuts counts bulk overwrites of commands.
func (s *Server) CommandPuts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.puts
}

// ScheduledEvents returns a guild's scheduled events.
func (s *Server) ScheduledEvents(guildID string) []*discordgo.GuildScheduledEvent {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*discordgo.GuildScheduledEvent
	for _, raw := range s.events[guildID] {
		var e discordgo.GuildScheduledEvent
		if json.Unmarshal(raw, &e) == nil {
			out = append(out, &e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// WaitCalls waits until at least n calls match, and returns them.
func (s *Server) WaitCalls(ctx context.Context, n int, match func(Call) bool) ([]Call, error) {
	var found []Call
	err := s.wait(ctx, func() bool {
		found = found[:0]
		for _, c := range s.calls {
			if match(c) {
				found = append(found, c)
			}
		}
		return len(found) >= n
	})
	return found, err
}

// WaitIdentifies waits until the gateway has seen n IDENTIFYs (n bot starts).
func (s *Server) WaitIdentifies(ctx context.Context, n int) error {
	return s.wait(ctx, func() bool {
		s.gw.mu.Lock()
		defer s.gw.mu.Unlock()
		return s.gw.identifies >= n
	})
}

// WaitMessages waits until a channel holds at least n messages.
func (s *Server) WaitMessages(ctx context.Context, channelID string, n int) error {
	return s.wait(ctx, func() bool { return len(s.channels[channelID]) >= n })
}

// WaitDM returns the first direct message to userID that matches.
func (s *Server) WaitDM(ctx context.Context, userID string, match func(*discordgo.Message) bool) (*discordgo.Message, error) {
	var found *discordgo.Message
	err := s.wait(ctx, func() bool {
		for _, id := range s.channels[s.dmChannel[userID]] {
			if m, ok := s.messages[id]; ok && match(m) {
				found = m
				return true
			}
		}
		return false
	})
	return found, err
}

// Discord channel types the fake knows.
const (
	ChannelText         = 0
	ChannelDM           = 1
	ChannelCategory     = 4
	ChannelAnnouncement = 5
	ChannelPublicThread = 11
	ChannelForum        = 15
	ChannelMedia        = 16
)

// SetChannel declares a guild channel's type; undeclared channels are text channels.
func (s *Server) SetChannel(id string, typ int) {
	s.mu.Lock()
	s.chanTypes[id] = typ
	s.mu.Unlock()
}

// ChannelType is a channel's declared type (text if undeclared).
func (s *Server) ChannelType(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.chanTypes[id]
}

// CloseDMs makes a user refuse direct messages, as a member who closed them
// does: messages to them get 403 code 50007 (expected: the test asked for it).
func (s *Server) CloseDMs(userID string) {
	s.mu.Lock()
	s.closedDMs[userID] = true
	s.mu.Unlock()
}

// OpenDMs lets a user receive direct messages again.
func (s *Server) OpenDMs(userID string) {
	s.mu.Lock()
	delete(s.closedDMs, userID)
	s.mu.Unlock()
}

// sentInteraction is what the fake remembers of an interaction it dispatched.
type sentInteraction struct {
	at  time.Time
	typ int
}
