package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Guild holds one network's settings.
type Guild struct {
	ID              string
	CoordinatorRole string
	DigestChannel   string
	AnnounceChannel string
	Lang            string // "fr" or "en": the language of public posts
	Timezone        string
	FundingMention  string
	DigestSchedule  string // cron spec; "" = Mondays 08:00 in Timezone
	DigestDM        string // a user who also gets the digest by DM
	RetentionMonths int    // check-in details older than this are anonymized
}

// Guild returns the settings of guild id, or defaults if it was never configured.
func (tx *Tx) Guild(ctx context.Context, id string) (Guild, error) {
	g := Guild{ID: id, Lang: "fr", Timezone: "Europe/Paris", RetentionMonths: DefaultRetentionMonths}
	err := tx.queryRow(ctx, `SELECT coordinator_role, digest_channel, announce_channel, lang, timezone, funding_mention, digest_schedule, digest_dm, retention_months
		FROM guilds WHERE guild_id = ?`, id).Scan(&g.CoordinatorRole, &g.DigestChannel, &g.AnnounceChannel, &g.Lang, &g.Timezone, &g.FundingMention, &g.DigestSchedule, &g.DigestDM, &g.RetentionMonths)
	if errors.Is(err, sql.ErrNoRows) {
		return g, nil
	}
	if err != nil {
		return g, fmt.Errorf("guild %s: %w", id, err)
	}
	return g, nil
}

// SaveGuild inserts or updates a network's settings.
func (tx *Tx) SaveGuild(ctx context.Context, g Guild, now time.Time) error {
	_, err := tx.exec(ctx, `INSERT INTO guilds(guild_id, coordinator_role, digest_channel, announce_channel, lang, timezone, funding_mention, digest_schedule, digest_dm, retention_months, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(guild_id) DO UPDATE SET coordinator_role = excluded.coordinator_role, digest_channel = excluded.digest_channel,
			announce_channel = excluded.announce_channel, lang = excluded.lang, timezone = excluded.timezone, funding_mention = excluded.funding_mention,
			digest_schedule = excluded.digest_schedule, digest_dm = excluded.digest_dm, retention_months = excluded.retention_months`,
		g.ID, g.CoordinatorRole, g.DigestChannel, g.AnnounceChannel, g.Lang, g.Timezone, g.FundingMention, g.DigestSchedule, g.DigestDM, retention(g.RetentionMonths), now.Unix())
	if err != nil {
		return fmt.Errorf("save guild %s: %w", g.ID, err)
	}
	return nil
}

// Member is a person of a network, as the bot knows them.
type Member struct {
	GuildID, UserID string
	Name            string
	Locale          string
	LastSpaceID     int64
	FirstSeen       time.Time
	LastSeen        time.Time
}

// TouchMember records that a member was seen now, creating them on first use,
// and keeps their display name fresh. It reports whether the member is new.
func (tx *Tx) TouchMember(ctx context.Context, guildID, userID, name, locale string, now time.Time) (bool, error) {
	res, err := tx.exec(ctx, `INSERT INTO members(guild_id, user_id, display_name, locale, first_seen, last_seen)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(guild_id, user_id) DO NOTHING`,
		guildID, userID, name, locale, now.Unix(), now.Unix())
	if err != nil {
		return false, fmt.Errorf("member %s: %w", userID, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return true, nil
	}
	_, err = tx.exec(ctx, `UPDATE members SET display_name = ?, locale = CASE WHEN ? = '' THEN locale ELSE ? END, last_seen = ?
		WHERE guild_id = ? AND user_id = ?`, name, locale, locale, now.Unix(), guildID, userID)
	if err != nil {
		return false, fmt.Errorf("member %s: %w", userID, err)
	}
	return false, nil
}

// Member returns one member, or ErrNotFound.
func (tx *Tx) Member(ctx context.Context, guildID, userID string) (Member, error) {
	m := Member{GuildID: guildID, UserID: userID}
	var last sql.NullInt64
	var first, seen int64
	err := tx.queryRow(ctx, `SELECT display_name, locale, last_space_id, first_seen, last_seen FROM members WHERE guild_id = ? AND user_id = ?`,
		guildID, userID).Scan(&m.Name, &m.Locale, &last, &first, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNotFound
	}
	if err != nil {
		return m, fmt.Errorf("member %s: %w", userID, err)
	}
	m.LastSpaceID = last.Int64
	m.FirstSeen, m.LastSeen = time.Unix(first, 0), time.Unix(seen, 0)
	return m, nil
}

// MarkInteraction records an interaction id; it reports false when the id was
// already recorded (a replay), in which case the caller must not apply it again.
func (tx *Tx) MarkInteraction(ctx context.Context, id string, now time.Time) (bool, error) {
	if id == "" {
		return true, nil
	}
	res, err := tx.exec(ctx, `INSERT INTO interactions_seen(id, at) VALUES (?, ?) ON CONFLICT(id) DO NOTHING`, id, now.Unix())
	if err != nil {
		return false, fmt.Errorf("mark interaction %s: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// PruneInteractions forgets interaction ids older than before (replays only
// happen within minutes).
func (tx *Tx) PruneInteractions(ctx context.Context, before time.Time) (int64, error) {
	res, err := tx.exec(ctx, `DELETE FROM interactions_seen WHERE at < ?`, before.Unix())
	if err != nil {
		return 0, fmt.Errorf("prune interactions: %w", err)
	}
	return res.RowsAffected()
}

// Get reads a small state value; "" when unset.
func (tx *Tx) Get(ctx context.Context, key string) (string, error) {
	var v string
	err := tx.queryRow(ctx, `SELECT value FROM kv WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("get %s: %w", key, err)
	}
	return v, nil
}

// Set writes a small state value.
func (tx *Tx) Set(ctx context.Context, key, value string) error {
	_, err := tx.exec(ctx, `INSERT INTO kv(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("set %s: %w", key, err)
	}
	return nil
}

// Guilds lists every configured network id.
func (tx *Tx) Guilds(ctx context.Context) ([]string, error) {
	rows, err := tx.query(ctx, `SELECT guild_id FROM guilds UNION SELECT DISTINCT guild_id FROM spaces ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("guilds: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// GetPrefix returns every state value whose key starts with prefix.
func (tx *Tx) GetPrefix(ctx context.Context, prefix string) (map[string]string, error) {
	rows, err := tx.query(ctx, `SELECT key, value FROM kv WHERE substr(key, 1, ?) = ?`, len(prefix), prefix)
	if err != nil {
		return nil, fmt.Errorf("get %s*: %w", prefix, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// SeenInteraction reports whether interaction id was already applied.
func (tx *Tx) SeenInteraction(ctx context.Context, id string) (bool, error) {
	var n int
	if err := tx.queryRow(ctx, `SELECT count(*) FROM interactions_seen WHERE id = ?`, id).Scan(&n); err != nil {
		return false, fmt.Errorf("seen interaction %s: %w", id, err)
	}
	return n > 0, nil
}

// Delete removes a small state value.
func (tx *Tx) Delete(ctx context.Context, key string) error {
	if _, err := tx.exec(ctx, `DELETE FROM kv WHERE key = ?`, key); err != nil {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	return nil
}
