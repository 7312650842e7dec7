package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// FeedVersion is the network's calendar feed version, bumped by triggers on
// every change to its events, spaces or settings (migration 0014): a feed
// rendered at one version is still right while it is unchanged.
func (tx *Tx) FeedVersion(ctx context.Context, guildID string) (int64, error) {
	var v int64
	err := tx.queryRow(ctx, `SELECT version FROM feed_versions WHERE guild_id = ?`, guildID).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("feed version: %w", err)
	}
	return v, nil
}
