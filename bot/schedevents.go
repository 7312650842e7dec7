package bot

import (
	"context"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands"
	"github.com/tierslieux/tiersbot/storage"
)

// ScheduledEventsCountJob counts, before each hourly top-up (minute 5, the
// "event publishing" job), each network's scheduled or active Discord events
// that the bot does not hold: made by hand, or left over. The commands keep
// Discord's cap with them in mind (commands/schedcap.go).
func (g *Gateway) ScheduledEventsCountJob() Job {
	return Job{Name: "scheduled events count", Spec: "3 * * * *", Coalesce: true, Run: g.CountScheduledEvents}
}

// CountScheduledEvents lists each network's Discord events and records how
// many are not the bot's live ones.
func (g *Gateway) CountScheduledEvents(ctx context.Context, now time.Time) error {
	var guilds []string
	if err := g.db.Read(ctx, func(tx *storage.Tx) (err error) { guilds, err = tx.Guilds(ctx); return }); err != nil {
		return fmt.Errorf("count scheduled events: %w", err)
	}
	for _, id := range guilds {
		evs, err := g.s.GuildScheduledEvents(id, false, discordgo.WithContext(ctx))
		if err != nil {
			// A network the bot left, or no permission to see events: its
			// last count stands; the others are still counted.
			g.log.Warn("could not count scheduled events", "guild", id, "err", redact(err, g.s.Token))
			continue
		}
		err = g.db.Write(ctx, func(tx *storage.Tx) error {
			ours, err := tx.OurScheduledEventIDs(ctx, id, now)
			if err != nil {
				return err
			}
			others := 0
			for _, e := range evs {
				live := e.Status == discordgo.GuildScheduledEventStatusScheduled || e.Status == discordgo.GuildScheduledEventStatusActive
				if live && !ours[e.ID] {
					others++
				}
			}
			return tx.SetOtherScheduledEvents(ctx, id, others)
		})
		if err != nil {
			return fmt.Errorf("count scheduled events of %s: %w", id, err)
		}
	}
	return nil
}

// serverFull handles Discord's refusal of a scheduled event for lack of room
// (30038): nobody can fix that by granting a permission, so nobody is told.
// The occurrence, and those queued after it (they would be refused too), go
// back among those waiting for room, and the network is taken as full
// (whatever was counted) until the next count.
func serverFull(ctx context.Context, tx *storage.Tx, it storage.OutboxItem, reason string, now time.Time) error {
	queued, err := tx.PendingScheduleCreations(ctx, it.GuildID)
	if err != nil {
		return err
	}
	for _, id := range queued { // it among them
		if err := tx.MarkFailed(ctx, id, reason, now); err != nil {
			return err
		}
		if err := tx.ReleaseScheduledEvent(ctx, id); err != nil {
			return err
		}
	}
	live, err := tx.LiveScheduledEvents(ctx, it.GuildID, now)
	if err != nil {
		return err
	}
	return tx.SetOtherScheduledEvents(ctx, it.GuildID, max(commands.MaxScheduledEvents-live, 0))
}
