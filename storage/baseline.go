package storage

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// BaselineCheckins commits n check-in transactions of the bot's shape (the
// interaction's replay mark, the space by channel, the open check-in read
// and closed if elsewhere, the insert with the member's upsert, the count
// present) through the bot's writer, inFlight at a time, so group commit
// folds them as it does under load. It is the ceiling for the check-in
// command without Discord around it: the gateway, JSON and the handler's
// reply are what the whole path adds. The check-ins stay in the database:
// run it on a copy. Channels are "chan-0".."chan-(spaces-1)", members
// GenMember(0..members-1), as the generated datasets have.
func (db *DB) BaselineCheckins(ctx context.Context, n, inFlight int, guildID string, spaces, members int, now time.Time) (perSecond float64, err error) {
	if n <= 0 || inFlight <= 0 || spaces <= 0 || members <= 0 {
		return 0, errors.New("baseline check-ins: n, inFlight, spaces and members must be positive")
	}
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	prefix := "baseline-" + strconv.FormatInt(now.UnixNano(), 36) + "-"
	start := time.Now()
	for w := range inFlight {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 11))
			for {
				i := next.Add(1) - 1
				if i >= int64(n) || ctx.Err() != nil {
					return
				}
				channel := "chan-" + strconv.Itoa(rng.IntN(spaces))
				user := GenMember(rng.IntN(members))
				err := db.Write(ctx, func(tx *Tx) error {
					return baselineCheckin(ctx, tx, prefix+strconv.FormatInt(i, 10), guildID, channel, user, now)
				})
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return 0, fmt.Errorf("baseline check-ins: %w", firstErr)
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

// baselineCheckin is the check-in command's transaction, statement for statement.
func baselineCheckin(ctx context.Context, tx *Tx, id, guildID, channel, user string, now time.Time) error {
	if _, err := tx.MarkInteraction(ctx, id, now); err != nil {
		return err
	}
	s, err := tx.SpaceByChannel(ctx, guildID, channel)
	if err != nil {
		return err
	}
	open, err := tx.OpenCheckin(ctx, guildID, user)
	switch {
	case err == nil && open.SpaceID == s.ID:
		_, err := tx.TouchMember(ctx, guildID, user, "Membre", "fr", now)
		return err
	case err == nil:
		if _, err := tx.Space(ctx, guildID, open.SpaceID); err != nil {
			return err
		}
		if err := tx.CheckOut(ctx, open.ID, now, OutMoved); err != nil {
			return err
		}
	case !errors.Is(err, ErrNotFound):
		return err
	}
	if _, err := tx.CheckInMember(ctx, Checkin{GuildID: guildID, SpaceID: s.ID, UserID: user, At: now}, "Membre", "fr"); err != nil {
		return err
	}
	_, err = tx.CountPresent(ctx, s.ID)
	return err
}
