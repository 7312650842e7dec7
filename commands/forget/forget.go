// Package forget decides what erasing a member (RGPD) does beyond storage:
// which events get their freed seat handed on, which announcements are
// re-rendered, which posts are deleted. storage.ForgetMember erases; this
// package plans the rest; package commands carries it out (DMs, edits).
// It knows nothing of languages, messages or Discord.
package forget

import (
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Who is the member to forget, in one network.
type Who struct {
	GuildID, UserID string
	// Token is the random stand-in their visits and past answers keep
	// (see Token); nothing links it to them.
	Token string
	Now   time.Time
}

// Forget is what remains to do once the member is erased.
type Forget struct {
	// Promote are events not started, not cancelled, where the member held a
	// seat: the first of the waitlist takes it.
	Promote []storage.Event
	// Refresh are the events whose announcements change (counts, or the
	// organiser now shown as the space's team), each once, in order.
	Refresh []storage.Event
	// Delete are posted messages that name the member ("channelID/messageID").
	Delete []string
	// Projects they held, handed on or archived: their cards are re-rendered.
	Projects []int64
}

// Token is a fresh stand-in for a forgotten member: storage.ForgottenPrefix
// and 24 hex digits from random.
func Token(random io.Reader) (string, error) {
	b := make([]byte, 12)
	if _, err := io.ReadFull(random, b); err != nil {
		return "", fmt.Errorf("forget: stand-in: %w", err)
	}
	return storage.ForgottenPrefix + hex.EncodeToString(b), nil
}

// Member erases who's personal data and returns what is left to do.
func Member(ctx context.Context, tx *storage.Tx, who Who) (Forget, error) {
	f, err := tx.ForgetMember(ctx, who.GuildID, who.UserID, who.Token, who.Now)
	if err != nil {
		return Forget{}, fmt.Errorf("forget %s: %w", who.UserID, err)
	}
	return Plan(f), nil
}

// Plan turns what storage erased into what is left to do: a seat freed at
// an event not cancelled is handed on; every event answered or organised
// has its announcement re-rendered once; posts naming them are deleted.
func Plan(f storage.Forgotten) Forget {
	var out Forget
	seen := map[int64]bool{}
	refresh := func(e storage.Event) {
		if !seen[e.ID] {
			seen[e.ID] = true
			out.Refresh = append(out.Refresh, e)
		}
	}
	for i, e := range f.Withdrawn {
		if i < len(f.WasGoing) && f.WasGoing[i] && !e.Cancelled {
			out.Promote = append(out.Promote, e)
		}
		refresh(e)
	}
	for _, e := range f.Organised {
		refresh(e)
	}
	out.Delete = f.Delete
	out.Projects = f.Projects
	return out
}
