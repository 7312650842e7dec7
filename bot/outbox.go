package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tierslieux/tiersbot/commands"
	"github.com/tierslieux/tiersbot/storage"
)

// Sender delivers one outbox message somewhere (Discord, the console).
type Sender interface {
	// Send posts m and returns an id for later edits ("channelID/messageID").
	// target is a channel id (OutChannel), a user id (OutDM) or, for edits,
	// the "channelID/messageID" of the message to change.
	Send(ctx context.Context, kind, target string, m commands.Message, nonce string) (string, error)
}

// PermanentError marks a refusal that retrying will not change (a deleted
// channel, closed DMs): the item is given up on.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return "permanent: " + e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// errNotYet: an edit whose message is not posted yet; try again shortly.
var errNotYet = errors.New("referenced message not delivered yet")

// Outbox delivers queued messages, at least once per attempt and exactly once
// in effect: each item carries a nonce derived from its id, which Discord
// uses to drop a duplicate sent after a crash between sending and recording.
type Outbox struct {
	db     *storage.DB
	sender Sender
	now    func() time.Time
	log    *slog.Logger
	wake   chan struct{}

	mu   sync.Mutex
	rand *rand.Rand
}

// NewOutbox builds a worker; rnd jitters the backoff.
func NewOutbox(db *storage.DB, sender Sender, now func() time.Time, log *slog.Logger, rnd *rand.Rand) *Outbox {
	return &Outbox{db: db, sender: sender, now: now, log: log, rand: rnd, wake: make(chan struct{}, 1)}
}

// Wake tells the worker new items are queued; it never blocks.
func (o *Outbox) Wake() {
	select {
	case o.wake <- struct{}{}:
	default:
	}
}

// Backoff is the delay before attempt n+1: 2 s doubling to at most 10 min, with ±20 % jitter.
func (o *Outbox) backoff(attempts int) time.Duration {
	d := 2 * time.Second << min(attempts, 9)
	if d > 10*time.Minute {
		d = 10 * time.Minute
	}
	o.mu.Lock()
	j := o.rand.Float64()*0.4 - 0.2
	o.mu.Unlock()
	return d + time.Duration(float64(d)*j)
}

// DeliverDue sends every item due now and returns how many were sent.
func (o *Outbox) DeliverDue(ctx context.Context) (int, error) {
	sent := 0
	for {
		now := o.now()
		var items []storage.OutboxItem
		err := o.db.Read(ctx, func(tx *storage.Tx) error {
			var err error
			items, err = tx.DueOutbox(ctx, now, 50)
			return err
		})
		if err != nil {
			return sent, fmt.Errorf("outbox: %w", err)
		}
		if len(items) == 0 {
			return sent, nil
		}
		progress := false
		for _, it := range items {
			if ctx.Err() != nil {
				return sent, ctx.Err()
			}
			ok, err := o.deliver(ctx, it)
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			}
			progress = true
		}
		if !progress {
			return sent, nil
		}
	}
}

// deliver attempts one item and records the outcome.
func (o *Outbox) deliver(ctx context.Context, it storage.OutboxItem) (bool, error) {
	var m commands.Message
	if err := json.Unmarshal(it.Payload, &m); err != nil {
		o.log.Error("outbox item unreadable, given up", "id", it.ID, "err", err)
		return false, o.db.Write(ctx, func(tx *storage.Tx) error { return tx.MarkFailed(ctx, it.ID, "bad payload: "+err.Error(), o.now()) })
	}
	if it.Kind == commands.OutDM {
		if skip, err := o.dmsClosed(ctx, it); skip || err != nil {
			return false, err
		}
	}
	target := it.Target
	var sendErr error
	if ref, ok := strings.CutPrefix(target, "ref:"); ok {
		target, sendErr = o.resolve(ctx, ref)
	}
	var result string
	if sendErr == nil {
		result, sendErr = o.send(ctx, it, target, m)
	}
	now := o.now()
	var perm *PermanentError
	switch {
	case sendErr == nil:
		return true, o.db.Write(ctx, func(tx *storage.Tx) error { return tx.MarkSent(ctx, it.ID, result, now) })
	case it.Kind == commands.OutDM && discordCode(sendErr) == codeCannotDM:
		// Their DMs are closed: remembered, so the next ones are not even tried.
		reason := fmt.Sprintf("given up: the member's DMs refuse the bot (Discord %d); no DM tried before %s unless they use the bot again",
			codeCannotDM, now.Add(storage.ClosedDMsFor).UTC().Format(time.DateTime))
		o.log.Info("DMs closed, remembered", "id", it.ID, "user", it.Target)
		return false, o.db.Write(ctx, func(tx *storage.Tx) error {
			if err := tx.RememberClosedDMs(ctx, it.Target, now); err != nil {
				return err
			}
			return tx.MarkFailed(ctx, it.ID, reason, now)
		})
	case it.Kind == commands.OutEventCreate && discordCode(sendErr) == codeMaxScheduledEvents:
		reason := fmt.Sprintf("given up for now: the server has Discord's maximum of scheduled events (Discord %d); the occurrence waits for room at the next top-up", codeMaxScheduledEvents)
		o.log.Info("scheduled event refused: the server is full, retried when room frees up", "id", it.ID, "guild", it.GuildID)
		return false, o.db.Write(ctx, func(tx *storage.Tx) error { return serverFull(ctx, tx, it, reason, now) })
	case errors.As(sendErr, &perm):
		o.log.Warn("outbox item refused by Discord, given up", "id", it.ID, "kind", it.Kind, "target", it.Target, "err", sendErr)
		return false, o.db.Write(ctx, func(tx *storage.Tx) error {
			if err := tx.MarkFailed(ctx, it.ID, sendErr.Error(), now); err != nil {
				return err
			}
			if n := m.FailNotice; n != nil && n.UserID != "" && it.Kind != commands.OutDM {
				// Tell someone who can fix it; once per failed item.
				payload, _ := json.Marshal(commands.Message{Content: n.Content})
				_, _, err := tx.Enqueue(ctx, storage.OutboxItem{GuildID: it.GuildID, Kind: commands.OutDM, Target: n.UserID,
					Payload: payload, DedupKey: "failnotice:" + strconv.FormatInt(it.ID, 10)}, now)
				return err
			}
			return nil
		})
	default:
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		delay := o.backoff(it.Attempts)
		if errors.Is(sendErr, errNotYet) {
			delay = 2 * time.Second
		}
		o.log.Info("outbox delivery will be retried", "id", it.ID, "kind", it.Kind, "attempt", it.Attempts+1, "in", delay, "err", sendErr)
		return false, o.db.Write(ctx, func(tx *storage.Tx) error {
			return tx.MarkRetry(ctx, it.ID, sendErr.Error(), now.Add(delay))
		})
	}
}

// dmsClosed gives up, without asking Discord, a DM to a member whose DMs
// refused the bot lately (storage.DMsClosed): a refused request counts
// toward Discord's invalid-request limit, and the answer would be the same.
func (o *Outbox) dmsClosed(ctx context.Context, it storage.OutboxItem) (bool, error) {
	now := o.now()
	var closed bool
	var since, retry time.Time
	err := o.db.Read(ctx, func(tx *storage.Tx) error {
		var err error
		closed, since, retry, err = tx.DMsClosed(ctx, it.Target, now)
		return err
	})
	if err != nil || !closed {
		return false, err
	}
	reason := fmt.Sprintf("given up, not sent: the member's DMs refused the bot on %s (Discord %d); DMs are tried again after %s or once they use the bot",
		since.UTC().Format(time.DateTime), codeCannotDM, retry.UTC().Format(time.DateTime))
	o.log.Debug("DM not attempted: DMs closed", "id", it.ID, "user", it.Target)
	return true, o.db.Write(ctx, func(tx *storage.Tx) error { return tx.MarkFailed(ctx, it.ID, reason, now) })
}

// send hands one item to the sender; a panic there (a payload nobody
// foresaw) gives this item up instead of stopping the bot.
func (o *Outbox) send(ctx context.Context, it storage.OutboxItem, target string, m commands.Message) (result string, err error) {
	defer func() {
		if p := recover(); p != nil {
			o.log.Error("outbox sender panicked", "id", it.ID, "kind", it.Kind, "panic", p, "stack", string(debug.Stack()))
			result, err = "", &PermanentError{Err: fmt.Errorf("sender panicked: %v", p)}
		}
	}()
	return o.sender.Send(ctx, it.Kind, target, m, "tb"+strconv.FormatInt(it.ID, 10))
}

func (o *Outbox) resolve(ctx context.Context, ref string) (string, error) {
	id, err := strconv.ParseInt(ref, 10, 64)
	if err != nil {
		return "", &PermanentError{Err: fmt.Errorf("bad reference %q", ref)}
	}
	var res string
	var done bool
	err = o.db.Read(ctx, func(tx *storage.Tx) error {
		res, done, err = tx.OutboxResult(ctx, id)
		return err
	})
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return "", &PermanentError{Err: fmt.Errorf("reference %d: %w", id, err)}
	case err != nil:
		return "", err
	case !done:
		return "", errNotYet
	case res == "":
		return "", &PermanentError{Err: fmt.Errorf("reference %d has no message", id)}
	}
	return res, nil
}

// Run delivers until ctx is cancelled, waking on Wake or when the next retry is due.
func (o *Outbox) Run(ctx context.Context) {
	for {
		if _, err := o.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			o.log.Error("outbox", "err", err)
		}
		wait := time.Minute
		var next time.Time
		_ = o.db.Read(ctx, func(tx *storage.Tx) error {
			var err error
			next, err = tx.NextOutboxAt(ctx)
			return err
		})
		if !next.IsZero() {
			wait = min(wait, max(next.Sub(o.now()), 50*time.Millisecond))
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-o.wake:
		case <-t.C:
		}
		t.Stop()
	}
}
