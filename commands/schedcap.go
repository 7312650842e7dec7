package commands

import (
	"context"
	"fmt"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Discord allows a server MaxScheduledEvents scheduled or active events
// (error 30038 beyond), counting those its members create by hand. The bot
// keeps schedMargin of them free: for an event the team adds by hand between
// two counts, and for a count that drifts (an event ends on Discord's clock
// before ours). Within the rest it gives Discord events to the soonest
// occurrences of the next 14 days, and adds later ones as earlier ones end
// (the hourly "event publishing" job). Occurrences without one are still
// announced, listed and in the calendar feeds.
const (
	MaxScheduledEvents = 100
	schedMargin        = 5
)

// scheduleDue queues, in tx, the creation of network g's due Discord
// scheduled events: occurrences of the window without one, soonest first,
// as many as there is room for. If e is among them, e.SchedOutbox is set.
func (a *App) scheduleDue(ctx context.Context, tx *storage.Tx, g storage.Guild, now time.Time, e *storage.Event) error {
	others, err := tx.OtherScheduledEvents(ctx, g.ID)
	if err != nil {
		return err
	}
	live, err := tx.LiveScheduledEvents(ctx, g.ID, now)
	if err != nil {
		return err
	}
	room := MaxScheduledEvents - schedMargin - others - live
	if room <= 0 {
		return nil
	}
	due, err := tx.EventsToSchedule(ctx, g.ID, now, now.Add(publishHorizon), room)
	if err != nil {
		return err
	}
	gl := Lang(g.Lang)
	spaces := map[int64]storage.Space{}
	for _, x := range due {
		s, ok := spaces[x.SpaceID]
		if !ok {
			if s, err = tx.Space(ctx, g.ID, x.SpaceID); err != nil {
				return err
			}
			spaces[x.SpaceID] = s
		}
		m := Message{
			Event: &ScheduledEvent{Name: Truncate(x.Title, 100), Description: Truncate(x.Description, 1000),
				Location: Truncate(s.Name+", "+s.Town, 100), Start: x.Start, End: x.End},
			// A refusal for lack of permission is the organiser's to fix;
			// one for lack of room is not (the bot waits, see bot/outbox.go).
			FailNotice: &FailNotice{UserID: x.OrganizerID, Content: gl.T("event.sched_refused", x.Title)},
		}
		id, err := post(ctx, tx, now, g.ID, OutEventCreate, g.ID, m, fmt.Sprintf("sched:%d", x.ID))
		if err != nil {
			return err
		}
		if err := tx.SetEventSchedule(ctx, x.ID, id); err != nil {
			return err
		}
		if e != nil && e.ID == x.ID {
			e.SchedOutbox = id
		}
	}
	return nil
}
