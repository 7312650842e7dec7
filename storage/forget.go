package storage

import (
	"context"
	"fmt"
	"time"
)

// Forgotten is what forgetting a member leaves to the caller, which owns the
// messages: seats to hand on, announcements to re-render, posts to delete.
type Forgotten struct {
	// Withdrawn are the events not started yet the member had answered; their
	// answer is gone. WasGoing[i] says whether it held a seat.
	Withdrawn []Event
	WasGoing  []bool
	// Organised are the events they organised that have announcements: they
	// now show the space's team, so the posts are re-rendered.
	Organised []Event
	// Delete lists messages already posted that name them ("channelID/messageID").
	Delete []string
	// Projects they held: handed on or archived, their cards re-rendered.
	Projects []int64
}

// ForgetMember erases a member's personal data. Visits, past answers and
// introductions stay for the figures but point to token, a random stand-in
// with no link to the person kept anywhere; notes and names go. Answers to
// events not started are withdrawn, introductions still pending closed, the
// events they organised keep no trace of them, and the outbox forgets them:
// messages to them or naming them are dropped if pending, scrubbed if sent.
func (tx *Tx) ForgetMember(ctx context.Context, guildID, userID, token string, now time.Time) (Forgotten, error) {
	var f Forgotten
	answers, err := tx.queryRSVPs(ctx, `WHERE guild_id = ? AND user_id = ? AND event_id IN (SELECT id FROM events WHERE start_at > ?)`,
		guildID, userID, now.Unix())
	if err != nil {
		return f, fmt.Errorf("forget member: %w", err)
	}
	for _, r := range answers {
		e, err := tx.Event(ctx, guildID, r.EventID)
		if err != nil {
			return f, fmt.Errorf("forget member: %w", err)
		}
		f.Withdrawn, f.WasGoing = append(f.Withdrawn, e), append(f.WasGoing, r.Status == Going)
	}
	if f.Organised, err = tx.queryEvents(ctx, `WHERE e.guild_id = ? AND e.organizer_id = ? AND (e.post_space != 0 OR e.post_network != 0) ORDER BY e.start_at`,
		guildID, userID); err != nil {
		return f, fmt.Errorf("forget member: %w", err)
	}
	for i := range f.Organised {
		f.Organised[i].OrganizerID, f.Organised[i].OrganizerName = "", ""
	}
	if f.Delete, err = tx.forgetOutbox(ctx, guildID, userID); err != nil {
		return f, err
	}
	if f.Projects, err = tx.forgetProjects(ctx, guildID, userID, token, now); err != nil {
		return f, err
	}
	stmts := []string{
		// Checked in right now: checked out, so nobody nameless shows in /whoshere.
		`UPDATE checkins SET out_at = ?4, out_reason = 'manual' WHERE guild_id = ?1 AND user_id = ?2 AND out_at IS NULL`,
		`UPDATE checkins SET user_id = ?3, note = '' WHERE guild_id = ?1 AND user_id = ?2`,
		// A seat at an event to come is handed on (by the caller), not kept by a stand-in.
		`DELETE FROM rsvps WHERE guild_id = ?1 AND user_id = ?2 AND event_id IN (SELECT id FROM events WHERE start_at > ?4)`,
		`UPDATE rsvps SET user_id = ?3, user_name = '—' WHERE guild_id = ?1 AND user_id = ?2`,
		// Nobody can answer an introduction for them, nor be asked by them.
		`UPDATE intros SET status = 'closed', answered_at = ?4 WHERE guild_id = ?1 AND (asker_id = ?2 OR offerer_id = ?2) AND status = 'pending'`,
		`UPDATE intros SET asker_id = ?3, note = '' WHERE guild_id = ?1 AND asker_id = ?2`,
		`UPDATE intros SET offerer_id = ?3 WHERE guild_id = ?1 AND offerer_id = ?2`,
		// Their events are the space team's now.
		`UPDATE events SET organizer_id = '', organizer_name = '' WHERE guild_id = ?1 AND organizer_id = ?2`,
		`UPDATE event_series SET organizer_id = '' WHERE guild_id = ?1 AND organizer_id = ?2`,
		`UPDATE calendar_feeds SET created_by = '' WHERE guild_id = ?1 AND created_by = ?2`,
		`UPDATE guilds SET digest_dm = '' WHERE guild_id = ?1 AND digest_dm = ?2`,
		`DELETE FROM member_skills WHERE guild_id = ?1 AND user_id = ?2`,
		`DELETE FROM member_profiles WHERE guild_id = ?1 AND user_id = ?2`,
		`DELETE FROM member_settings WHERE guild_id = ?1 AND user_id = ?2`,
		`DELETE FROM members WHERE guild_id = ?1 AND user_id = ?2`,
		`DELETE FROM kv WHERE key = 'console:name:' || ?2`,
		// Forms refused and kept for a "Correct it" (commands/formfix.go): what they typed.
		`DELETE FROM kv WHERE substr(key, 1, 8) = 'formfix:' AND json_extract(value, '$.user') = ?2`,
		`DELETE FROM closed_dms WHERE user_id = ?2`,
		// Messages to them queued before the outbox recorded who items are about.
		`DELETE FROM outbox WHERE guild_id = ?1 AND kind = 'dm' AND target = ?2 AND sent_at IS NULL AND failed_at IS NULL`,
	}
	for _, q := range stmts {
		if _, err := tx.exec(ctx, q, guildID, userID, token, now.Unix()); err != nil {
			return f, fmt.Errorf("forget member: %w", err)
		}
	}
	if err := tx.forgetRegister(ctx, guildID, userID, token, now); err != nil { // register_privacy.go
		return f, err
	}
	return f, nil
}

// forgetOutbox drops or scrubs every outbox item about a member and returns
// the posted messages that name them, for the caller to delete.
func (tx *Tx) forgetOutbox(ctx context.Context, guildID, userID string) ([]string, error) {
	rows, err := tx.query(ctx, `SELECT a.outbox_id, a.how, o.kind, o.sent_at IS NULL AND o.failed_at IS NULL, o.result_id
		FROM outbox_about a JOIN outbox o ON o.id = a.outbox_id WHERE a.guild_id = ? AND a.user_id = ?`, guildID, userID)
	if err != nil {
		return nil, fmt.Errorf("forget outbox: %w", err)
	}
	type item struct {
		id                int64
		how, kind, result string
		pending           bool
	}
	var items []item
	for rows.Next() {
		var it item
		if err := rows.Scan(&it.id, &it.how, &it.kind, &it.pending, &it.result); err != nil {
			rows.Close()
			return nil, fmt.Errorf("forget outbox: %w", err)
		}
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("forget outbox: %w", err)
	}
	var del []string
	for _, it := range items {
		q := ""
		switch {
		case it.how == "to" || (it.how == "names" && it.pending):
			// A DM to them, or a message about them not sent yet: gone.
			q = `DELETE FROM outbox WHERE id = ?`
		case it.how == "names":
			if it.result != "" && (it.kind == "channel" || it.kind == "dm" || it.kind == "edit") {
				del = append(del, it.result)
			}
			q = `UPDATE outbox SET payload = '{}' WHERE id = ?`
		default: // notice: the warning would go to them
			q = `UPDATE outbox SET payload = json_remove(payload, '$.fail_notice') WHERE id = ? AND json_valid(payload)`
		}
		if _, err := tx.exec(ctx, q, it.id); err != nil {
			return nil, fmt.Errorf("forget outbox %d: %w", it.id, err)
		}
	}
	if _, err := tx.exec(ctx, `DELETE FROM outbox_about WHERE guild_id = ? AND user_id = ?`, guildID, userID); err != nil {
		return nil, fmt.Errorf("forget outbox: %w", err)
	}
	return del, nil
}
