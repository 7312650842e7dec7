package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// DefaultRetentionMonths is how long check-in details name the member.
const DefaultRetentionMonths = 24

func retention(months int) int {
	if months <= 0 {
		return DefaultRetentionMonths
	}
	return months
}

// AnonPrefix starts the stand-in that replaces a member in old records. Each
// record gets its own, so old records cannot be linked to each other either.
const AnonPrefix = "anon-"

// How retention treats a table's personal data.
const (
	// Anonymised: after the network's retention period the member is
	// replaced by a stand-in of its own and free text is cleared.
	Anonymised = "anonymised after the retention period"
	// Scrubbed: delivered items forget what they said and whom they were
	// about after the retention period; DMs are deleted 30 days after delivery.
	Scrubbed = "scrubbed after the retention period; DMs deleted after 30 days"
	// Pruned: kept a day at most (replay guard).
	Pruned = "pruned after 24 hours"
	// Current: the member's live data (profile, skills, settings, feeds they
	// opened), kept while they are a member and erased by ForgetMember.
	Current = "kept while current; erased when the member is forgotten"
	// Deleted: after the retention period the rows go, once nothing counts
	// them any more (a register entry with no presence left).
	Deleted = "deleted after the retention period"
	// Mirrored: a copy of another table's people kept by triggers (each
	// day's visitors, by user id): anonymised, and forgotten, when
	// those rows are.
	Mirrored = "kept by triggers from checkins: anonymised and forgotten with the visits"
	// NoPerson: holds nobody's personal data.
	NoPerson = "no personal data"
)

// RetentionRule is what retention does to one table.
type RetentionRule struct {
	Table string
	How   string // one of the constants above
	// Anonymize, for Anonymised tables: one batch, ?1 guild, ?2 from, ?3
	// before (Unix seconds), ?4 limit.
	Anonymize string
}

// Retention is the policy as data: every table of the schema, and what
// becomes of its personal data (TestRetentionCoversEveryTable holds the
// schema to it).
var Retention = []RetentionRule{
	// Finished visits only: someone still in is not a record yet.
	{Table: "checkins", How: Anonymised, Anonymize: `UPDATE checkins SET user_id = 'anon-' || lower(hex(randomblob(8))), note = ''
		WHERE id IN (SELECT id FROM checkins WHERE guild_id = ?1 AND at >= ?2 AND at < ?3 AND out_at IS NOT NULL AND user_id NOT LIKE 'anon-%' LIMIT ?4)`},
	{Table: "visit_days", How: NoPerson},         // counts (migration 0023)
	{Table: "visit_people", How: Mirrored},       // each day's visitors
	{Table: "visit_months", How: NoPerson},       // how many distinct visitors each month
	{Table: "visit_month_people", How: Mirrored}, // each month's visitors, once each
	// Answers to events that ended.
	{Table: "rsvps", How: Anonymised, Anonymize: `UPDATE rsvps SET user_id = 'anon-' || lower(hex(randomblob(8))), user_name = '—'
		WHERE rowid IN (SELECT r.rowid FROM events e JOIN rsvps r ON r.event_id = e.id
			WHERE e.guild_id = ?1 AND e.end_at >= ?2 AND e.end_at < ?3 AND r.user_id NOT LIKE 'anon-%' LIMIT ?4)`},
	{Table: "intros", How: Anonymised, Anonymize: `UPDATE intros SET asker_id = 'anon-' || lower(hex(randomblob(8))), offerer_id = 'anon-' || lower(hex(randomblob(8))), note = ''
		WHERE id IN (SELECT id FROM intros WHERE guild_id = ?1 AND created_at >= ?2 AND created_at < ?3 AND asker_id NOT LIKE 'anon-%' LIMIT ?4)`},
	// An event over long ago needs nobody to warn: it is the space team's.
	{Table: "events", How: Anonymised, Anonymize: `UPDATE events SET organizer_id = '', organizer_name = ''
		WHERE id IN (SELECT id FROM events WHERE guild_id = ?1 AND end_at >= ?2 AND end_at < ?3 AND (organizer_id != '' OR organizer_name != '') LIMIT ?4)`},
	// A series whose every occurrence is over.
	{Table: "event_series", How: Anonymised, Anonymize: `UPDATE event_series SET organizer_id = ''
		WHERE id IN (SELECT s.id FROM event_series s WHERE s.guild_id = ?1 AND s.created_at < ?3 AND s.organizer_id != ''
			AND NOT EXISTS (SELECT 1 FROM events e WHERE e.series_id = s.id AND e.end_at >= ?3) LIMIT ?4)`},
	// The participant register (people not on Discord): a presence loses
	// its link to the person, as an anonymised visit does (it then counts as
	// its own person); an entry left with no presence goes with its answers;
	// claim codes go when expired; co-animators of events long over go.
	{Table: "register_attendance", How: Anonymised, Anonymize: `UPDATE register_attendance SET entry_id = NULL, added_by = ''
		WHERE id IN (SELECT id FROM register_attendance WHERE guild_id = ?1 AND at >= ?2 AND at < ?3 AND entry_id IS NOT NULL LIMIT ?4)`},
	{Table: "register_entries", How: Deleted, Anonymize: `DELETE FROM register_entries WHERE id IN (SELECT e.id FROM register_entries e WHERE e.guild_id = ?1 AND e.created_at < ?3
		AND NOT EXISTS (SELECT 1 FROM register_attendance a WHERE a.entry_id = e.id) LIMIT ?4)`},
	{Table: "register_claims", How: Deleted, Anonymize: `DELETE FROM register_claims WHERE guild_id = ?1 AND expires_at < ?3`},
	{Table: "event_hosts", How: Deleted, Anonymize: `DELETE FROM event_hosts WHERE guild_id = ?1 AND user_id <> '' AND event_id IN
		(SELECT id FROM events WHERE guild_id = ?1 AND end_at >= ?2 AND end_at < ?3 LIMIT ?4)`},
	{Table: "register_values", How: Current}, // an entry's answers, erased with it
	{Table: "register_fields", How: NoPerson},
	{Table: "event_types", How: NoPerson},
	{Table: "event_type_of", How: NoPerson},
	// Projects: "I can help" offers once answered, like introductions; who
	// moved a project on, once long past. The rest is public by intent and
	// current (holder, team, news, notes), handed on or erased on forgetting.
	{Table: "project_offers", How: Anonymised, Anonymize: `UPDATE project_offers SET helper_id = 'anon-' || lower(hex(randomblob(8)))
		WHERE id IN (SELECT id FROM project_offers WHERE guild_id = ?1 AND created_at >= ?2 AND created_at < ?3 AND status != 'pending' AND helper_id NOT LIKE 'anon-%' LIMIT ?4)`},
	{Table: "project_stages", How: Anonymised, Anonymize: `UPDATE project_stages SET by_id = 'anon-' || lower(hex(randomblob(8)))
		WHERE id IN (SELECT id FROM project_stages WHERE guild_id = ?1 AND at >= ?2 AND at < ?3 AND by_id != '' AND by_id NOT LIKE 'anon-%' LIMIT ?4)`},
	{Table: "projects", How: Current},
	{Table: "project_people", How: Current},
	{Table: "project_updates", How: Current},
	{Table: "project_notes", How: Current},
	{Table: "project_skills", How: NoPerson},
	{Table: "outbox", How: Scrubbed},
	{Table: "outbox_about", How: Scrubbed},
	{Table: "interactions_seen", How: Pruned},
	{Table: "closed_dms", How: Pruned}, // a refusal is kept until its retry time (PruneClosedDMs)
	{Table: "members", How: Current},
	{Table: "member_profiles", How: Current},
	{Table: "member_settings", How: Current},
	{Table: "member_skills", How: Current},
	{Table: "calendar_feeds", How: Current},
	{Table: "guilds", How: Current}, // digest_dm: a setting, cleared when that member is forgotten
	{Table: "kv", How: Current},     // console names, cleared when forgotten; markers
	{Table: "spaces", How: NoPerson},
	{Table: "skills", How: NoPerson},
	{Table: "skill_aliases", How: NoPerson}, // other spellings of a skill, set by the coordination
	{Table: "skill_versions", How: NoPerson},
	{Table: "space_versions", How: NoPerson},
	{Table: "digests", How: NoPerson},
	{Table: "feed_versions", How: NoPerson},
}

// AnonymizeBatch replaces the member, in at most limit records of each
// Anonymised table dated in [from, before), by a stand-in, and clears their
// notes. Counts stay right; who it was does not. It returns how many rows
// changed: call it again until 0.
func (tx *Tx) AnonymizeBatch(ctx context.Context, guildID string, from, before time.Time, limit int) (int64, error) {
	var total int64
	for _, r := range Retention {
		if r.Anonymize == "" {
			continue
		}
		res, err := tx.exec(ctx, r.Anonymize, guildID, from.Unix(), before.Unix(), limit)
		if err != nil {
			return total, fmt.Errorf("anonymize %s in %s: %w", r.Table, guildID, err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}

// PruneSentDMs deletes private messages delivered (or given up) before t:
// their text is personal and nothing needs it once sent. One that names
// someone other than its recipient (an introduction) keeps its row, text
// cleared, until the retention period: forgetting that person deletes the
// posted message, which needs its id.
func (tx *Tx) PruneSentDMs(ctx context.Context, before time.Time) (int64, error) {
	const naming = `EXISTS (SELECT 1 FROM outbox_about a WHERE a.outbox_id = outbox.id AND a.how = 'names')`
	if _, err := tx.exec(ctx, `UPDATE outbox SET payload = '{}' WHERE kind = 'dm' AND coalesce(sent_at, failed_at) < ? AND payload != '{}' AND `+naming, before.Unix()); err != nil {
		return 0, fmt.Errorf("prune sent DMs: %w", err)
	}
	res, err := tx.exec(ctx, `DELETE FROM outbox WHERE kind = 'dm' AND coalesce(sent_at, failed_at) < ? AND NOT `+naming, before.Unix())
	if err != nil {
		return 0, fmt.Errorf("prune sent DMs: %w", err)
	}
	return res.RowsAffected()
}

// ScrubOutboxBatch forgets, in at most limit outbox items of a network
// created in [from, before) and delivered or given up, what they said and
// whom they were about: DMs go, other items keep only their ids (announcements
// are still edited through them). It returns the posted messages that named
// someone, for the caller to delete, and how many items changed: call it
// again until 0.
func (tx *Tx) ScrubOutboxBatch(ctx context.Context, guildID string, from, before time.Time, limit int) ([]string, int64, error) {
	rows, err := tx.query(ctx, `SELECT o.id, o.kind, o.result_id,
			EXISTS (SELECT 1 FROM outbox_about a WHERE a.outbox_id = o.id AND a.how = 'names')
		FROM outbox o WHERE o.guild_id = ? AND o.created_at >= ? AND o.created_at < ?
			AND (o.sent_at IS NOT NULL OR o.failed_at IS NOT NULL)
			AND (o.kind = 'dm' OR o.payload != '{}' OR EXISTS (SELECT 1 FROM outbox_about a WHERE a.outbox_id = o.id))
		ORDER BY o.id LIMIT ?`, guildID, from.Unix(), before.Unix(), limit)
	if err != nil {
		return nil, 0, fmt.Errorf("scrub outbox %s: %w", guildID, err)
	}
	type item struct {
		id           int64
		kind, result string
		naming       bool
	}
	var items []item
	for rows.Next() {
		var it item
		if err := rows.Scan(&it.id, &it.kind, &it.result, &it.naming); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("scrub outbox %s: %w", guildID, err)
		}
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("scrub outbox %s: %w", guildID, err)
	}
	var del []string
	for _, it := range items {
		if it.naming && it.result != "" && (it.kind == "channel" || it.kind == "dm" || it.kind == "edit") {
			del = append(del, it.result)
		}
		q := `UPDATE outbox SET payload = '{}' WHERE id = ?`
		if it.kind == "dm" {
			q = `DELETE FROM outbox WHERE id = ?`
		}
		if _, err := tx.exec(ctx, q, it.id); err != nil {
			return nil, 0, fmt.Errorf("scrub outbox %d: %w", it.id, err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM outbox_about WHERE outbox_id = ?`, it.id); err != nil {
			return nil, 0, fmt.Errorf("scrub outbox %d: %w", it.id, err)
		}
	}
	return del, int64(len(items)), nil
}

// CalendarFeed is a public iCalendar link to a space's events (SpaceID > 0)
// or the whole network's (SpaceID = 0).
type CalendarFeed struct {
	Token     string
	GuildID   string
	SpaceID   int64
	CreatedBy string
	Created   time.Time
}

const feedColumns = `token, guild_id, space_id, created_by, created_at`

func scanFeed(row interface{ Scan(...any) error }) (CalendarFeed, bool, error) {
	var f CalendarFeed
	var at int64
	err := row.Scan(&f.Token, &f.GuildID, &f.SpaceID, &f.CreatedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return f, false, nil
	}
	if err != nil {
		return f, false, fmt.Errorf("calendar feed: %w", err)
	}
	f.Created = time.Unix(at, 0)
	return f, true, nil
}

// CalendarFeedFor returns the feed of a space (0: the network), if opened.
func (tx *Tx) CalendarFeedFor(ctx context.Context, guildID string, spaceID int64) (CalendarFeed, bool, error) {
	return scanFeed(tx.queryRow(ctx, `SELECT `+feedColumns+` FROM calendar_feeds WHERE guild_id = ? AND space_id = ?`, guildID, spaceID))
}

// CalendarFeedByToken finds the feed a public link points to.
func (tx *Tx) CalendarFeedByToken(ctx context.Context, token string) (CalendarFeed, bool, error) {
	return scanFeed(tx.queryRow(ctx, `SELECT `+feedColumns+` FROM calendar_feeds WHERE token = ?`, token))
}

// CalendarFeeds lists a network's open feeds, the network's first.
func (tx *Tx) CalendarFeeds(ctx context.Context, guildID string) ([]CalendarFeed, error) {
	rows, err := tx.query(ctx, `SELECT `+feedColumns+` FROM calendar_feeds WHERE guild_id = ? ORDER BY space_id`, guildID)
	if err != nil {
		return nil, fmt.Errorf("calendar feeds: %w", err)
	}
	defer rows.Close()
	var out []CalendarFeed
	for rows.Next() {
		f, _, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// AddCalendarFeed opens a feed; a space has at most one.
func (tx *Tx) AddCalendarFeed(ctx context.Context, f CalendarFeed) error {
	_, err := tx.exec(ctx, `INSERT INTO calendar_feeds(`+feedColumns+`) VALUES (?, ?, ?, ?, ?)`,
		f.Token, f.GuildID, f.SpaceID, f.CreatedBy, f.Created.Unix())
	if err != nil {
		return fmt.Errorf("add calendar feed: %w", err)
	}
	return nil
}

// RevokeCalendarFeed closes a feed; its link stops working at once.
func (tx *Tx) RevokeCalendarFeed(ctx context.Context, guildID string, spaceID int64) (bool, error) {
	res, err := tx.exec(ctx, `DELETE FROM calendar_feeds WHERE guild_id = ? AND space_id = ?`, guildID, spaceID)
	if err != nil {
		return false, fmt.Errorf("revoke calendar feed: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}
