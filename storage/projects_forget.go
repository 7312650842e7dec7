package storage

import (
	"context"
	"fmt"
	"time"
)

// forgetProjects takes a forgotten member out of the projects: a project
// they held goes to its first accompanying animator, or is archived with no
// holder; their updates lose their text, their offers and roles go, and
// what counts (stages, notes) points to the stand-in token. The cards of
// the projects they held are re-rendered by the caller; their payloads
// already sent, which named the holder, are scrubbed here.
func (tx *Tx) forgetProjects(ctx context.Context, guildID, userID, token string, now time.Time) ([]int64, error) {
	held, err := tx.queryProjects(ctx, `WHERE p.guild_id = ? AND p.holder_id = ?`, guildID, userID)
	if err != nil {
		return nil, fmt.Errorf("forget projects: %w", err)
	}
	var ids []int64
	for _, p := range held {
		ids = append(ids, p.ID)
		var next string
		err := tx.queryRow(ctx, `SELECT coalesce((SELECT user_id FROM project_people WHERE project_id = ? AND role = 'animator' AND user_id != ?
			ORDER BY since, user_id LIMIT 1), '')`, p.ID, userID).Scan(&next)
		if err != nil {
			return nil, fmt.Errorf("forget projects: %w", err)
		}
		q := `UPDATE projects SET holder_id = ?2 WHERE id = ?1`
		if next == "" {
			q = `UPDATE projects SET holder_id = '', archived_at = ?3 WHERE id = ?1`
		}
		if _, err := tx.exec(ctx, q, p.ID, next, now.Unix()); err != nil {
			return nil, fmt.Errorf("forget projects: %w", err)
		}
		// The cards and their edits, sent, named the holder: their text goes.
		if _, err := tx.exec(ctx, `UPDATE outbox SET payload = '{}' WHERE sent_at IS NOT NULL AND (id IN (?1, ?2) OR target IN ('ref:' || ?1, 'ref:' || ?2))`,
			p.PostSpace, p.PostNetwork); err != nil {
			return nil, fmt.Errorf("forget projects: %w", err)
		}
	}
	stmts := []string{
		`UPDATE project_updates SET author_id = ?3, body = '', image_url = '' WHERE guild_id = ?1 AND author_id = ?2`,
		`UPDATE project_offers SET status = 'closed', answered_at = ?4 WHERE guild_id = ?1 AND helper_id = ?2 AND status = 'pending'`,
		`UPDATE project_offers SET helper_id = ?3 WHERE guild_id = ?1 AND helper_id = ?2`,
		`UPDATE project_stages SET by_id = ?3 WHERE guild_id = ?1 AND by_id = ?2`,
		`UPDATE project_notes SET animator_id = ?3 WHERE guild_id = ?1 AND animator_id = ?2`,
		// Accompaniment stays countable; membership and following end.
		`UPDATE project_people SET user_id = ?3 WHERE guild_id = ?1 AND user_id = ?2 AND role = 'animator'`,
		`DELETE FROM project_people WHERE guild_id = ?1 AND user_id = ?2`,
	}
	for _, q := range stmts {
		if _, err := tx.exec(ctx, q, guildID, userID, token, now.Unix()); err != nil {
			return nil, fmt.Errorf("forget projects: %w", err)
		}
	}
	return ids, nil
}
