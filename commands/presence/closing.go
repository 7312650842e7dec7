package presence

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tierslieux/tiersbot/commands/hours"
	"github.com/tierslieux/tiersbot/storage"
)

// Hours are a space's closing times; a space that set none closes at
// hours.Default every day (an evening, not midnight).
func Hours(s storage.Space) hours.Week {
	if w, ok := hours.Decode(s.Hours); ok {
		return w
	}
	return hours.Every(hours.Default)
}

// ClosingAfter is when a visit to s begun at `at` ends by itself: that
// day's closing time where the space is (see hours.Week.ClosingAfter).
func ClosingAfter(at time.Time, s storage.Space, zone Zone) time.Time {
	return Hours(s).ClosingAfter(at, zone(s.Timezone))
}

// AutoOut is a visit the bot checked out at closing time.
type AutoOut struct {
	Checkin storage.Checkin // as it was open
	Space   storage.Space
	Out     time.Time // the closing time recorded, not when the job ran
}

// CloseDue checks out, in every network, the visits whose closing time has
// passed by now, recording the closing time itself (so a late job still
// records a true closing) with reason "closing": their length is a guess,
// kept out of average stays, and the member is asked to correct it.
func CloseDue(ctx context.Context, tx *storage.Tx, now time.Time, zone Zone) ([]AutoOut, error) {
	open, err := tx.OpenCheckins(ctx)
	if err != nil {
		return nil, fmt.Errorf("closing-time check-out: %w", err)
	}
	spaces := map[int64]storage.Space{}
	var out []AutoOut
	for _, c := range open {
		s, ok := spaces[c.SpaceID]
		if !ok {
			// A space gone keeps the default closing time: its visits still end.
			if s, err = tx.Space(ctx, c.GuildID, c.SpaceID); err != nil && !errors.Is(err, storage.ErrNotFound) {
				return out, fmt.Errorf("closing-time check-out: %w", err)
			}
			spaces[c.SpaceID] = s
		}
		end := ClosingAfter(c.At, s, zone)
		if end.After(now) {
			continue
		}
		if err := tx.CheckOut(ctx, c.ID, end, storage.OutClosing); err != nil {
			return out, fmt.Errorf("closing-time check-out: %w", err)
		}
		out = append(out, AutoOut{Checkin: c, Space: s, Out: end})
	}
	return out, nil
}

// Why a correction is refused.
var (
	ErrNotYours     = errors.New("not the member's visit")
	ErrNotAutomatic = errors.New("not an automatic check-out (or already corrected)")
	ErrBeforeIn     = errors.New("left before checking in")
	ErrAfterAuto    = errors.New("left after the automatic check-out")
)

// Fix is a member saying when they really left a visit the bot checked
// them out of: Clock is minutes after midnight on the visit's day, where
// the space is (hours.Clock reads it; 24:00 is the day's end).
type Fix struct {
	GuildID, UserID string
	CheckinID       int64
	Clock           int
}

// Fixed is a corrected visit.
type Fixed struct {
	Checkin storage.Checkin // before the correction
	Space   storage.Space
	Left    time.Time
	Stay    time.Duration
}

// LeftAt is the instant Clock names on the day visit c began, where the
// space is (an automatic check-out never crosses that day's midnight).
func LeftAt(c storage.Checkin, clock int, loc *time.Location) time.Time {
	l := c.At.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, clock, 0, 0, loc)
}

// Check says whether left is a time a member may say they left visit c:
// theirs, checked out automatically and not corrected yet, after the
// check-in and no later than the automatic check-out.
func Check(c storage.Checkin, userID string, left time.Time) error {
	if c.UserID != userID {
		return ErrNotYours
	}
	if c.OutReason != storage.OutClosing {
		return ErrNotAutomatic
	}
	if !left.After(c.At) {
		return ErrBeforeIn
	}
	if left.After(c.OutAt) {
		return ErrAfterAuto
	}
	return nil
}

// Correct records when the member left instead of the automatic check-out.
// storage.ErrNotFound when the visit is not the network's.
func Correct(ctx context.Context, tx *storage.Tx, f Fix, zone Zone) (Fixed, error) {
	var x Fixed
	c, err := tx.CheckinByID(ctx, f.GuildID, f.CheckinID)
	if err != nil {
		return x, fmt.Errorf("correct check-out: %w", err)
	}
	if c.UserID != f.UserID {
		return x, ErrNotYours // before reading their space: it is not theirs to see
	}
	if x.Space, err = tx.Space(ctx, f.GuildID, c.SpaceID); err != nil {
		return x, fmt.Errorf("correct check-out: %w", err)
	}
	left := LeftAt(c, f.Clock, zone(x.Space.Timezone))
	if err := Check(c, f.UserID, left); err != nil {
		return x, err
	}
	changed, err := tx.CorrectCheckout(ctx, c.ID, f.UserID, left)
	if err != nil {
		return x, fmt.Errorf("correct check-out: %w", err)
	}
	if !changed { // corrected meanwhile: the guard in SQL says the same as Check
		return x, ErrNotAutomatic
	}
	x.Checkin, x.Left, x.Stay = c, left, left.Sub(c.At)
	return x, nil
}
