package storage

import (
	"context"
	"fmt"
	"time"
)

// The activity report's own queries (the register's are in register_report.go).

// IntrosAccepted counts the introductions accepted in [from, to), and how
// many of those led to a meeting (either side said they met).
func (tx *Tx) IntrosAccepted(ctx context.Context, guildID string, from, to time.Time) (accepted, met int, err error) {
	err = tx.queryRow(ctx, `SELECT count(*), coalesce(sum(met_asker = 1 OR met_offerer = 1), 0) FROM intros
		WHERE guild_id = ? AND status = 'accepted' AND answered_at >= ? AND answered_at < ?`, guildID, from.Unix(), to.Unix()).Scan(&accepted, &met)
	if err != nil {
		return 0, 0, fmt.Errorf("intros accepted: %w", err)
	}
	return accepted, met, nil
}
