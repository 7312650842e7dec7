package storage

import (
	"context"
	"fmt"
	"time"
)

// MemberData is everything the bot holds about one member, for /privacy export.
type MemberData struct {
	Member   map[string]any   `json:"member,omitempty"`
	Profile  map[string]any   `json:"profile,omitempty"`
	Settings map[string]any   `json:"settings,omitempty"`
	Skills   []map[string]any `json:"skills"`
	Checkins []map[string]any `json:"checkins"`
	RSVPs    []map[string]any `json:"rsvps"`
	Intros   []map[string]any `json:"introductions"`
}

func (tx *Tx) rowsAsMaps(ctx context.Context, q string, args ...any) ([]map[string]any, error) {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		m := map[string]any{}
		for i, c := range cols {
			if b, ok := vals[i].([]byte); ok {
				vals[i] = string(b)
			}
			m[c] = vals[i]
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// ExportMember gathers a member's data. Times are Unix seconds.
func (tx *Tx) ExportMember(ctx context.Context, guildID, userID string) (MemberData, error) {
	var d MemberData
	one := func(q string) (map[string]any, error) {
		list, err := tx.rowsAsMaps(ctx, q, guildID, userID)
		if err != nil || len(list) == 0 {
			return nil, err
		}
		return list[0], nil
	}
	var err error
	if d.Member, err = one(`SELECT user_id, display_name, locale, first_seen, last_seen FROM members WHERE guild_id = ? AND user_id = ?`); err != nil {
		return d, fmt.Errorf("export member: %w", err)
	}
	if d.Profile, err = one(`SELECT (SELECT name FROM spaces WHERE id = home_space_id) AS home_space, bio, intros_off, weekly_matches FROM member_profiles WHERE guild_id = ? AND user_id = ?`); err != nil {
		return d, fmt.Errorf("export profile: %w", err)
	}
	if d.Settings, err = one(`SELECT reminders_off FROM member_settings WHERE guild_id = ? AND user_id = ?`); err != nil {
		return d, fmt.Errorf("export settings: %w", err)
	}
	queries := []struct {
		dst *[]map[string]any
		q   string
	}{
		{&d.Skills, `SELECT s.display AS skill, ms.kind, ms.level, ms.note, ms.created_at FROM member_skills ms JOIN skills s ON s.id = ms.skill_id WHERE ms.guild_id = ? AND ms.user_id = ? ORDER BY ms.created_at`},
		{&d.Checkins, `SELECT sp.name AS space, c.at, c.out_at, c.out_reason, c.note FROM checkins c JOIN spaces sp ON sp.id = c.space_id WHERE c.guild_id = ? AND c.user_id = ? ORDER BY c.at`},
		{&d.RSVPs, `SELECT e.title AS event, e.start_at, r.status, r.since, r.attended FROM rsvps r JOIN events e ON e.id = r.event_id WHERE r.guild_id = ? AND r.user_id = ? ORDER BY e.start_at`},
		{&d.Intros, `SELECT CASE WHEN i.asker_id = ?2 THEN 'asked' ELSE 'asked of me' END AS role, s.display AS skill, i.note, i.status, i.created_at, i.answered_at
			FROM intros i JOIN skills s ON s.id = i.skill_id WHERE i.guild_id = ?1 AND (i.asker_id = ?2 OR i.offerer_id = ?2) ORDER BY i.created_at`},
	}
	for _, qq := range queries {
		if *qq.dst, err = tx.rowsAsMaps(ctx, qq.q, guildID, userID); err != nil {
			return d, fmt.Errorf("export: %w", err)
		}
	}
	return d, nil
}

// ForgetMember erases a member's personal data. Visits, answers and
// introductions stay for the figures but point to token, a random stand-in
// with no link to the person kept anywhere; notes and names go.
func (tx *Tx) ForgetMember(ctx context.Context, guildID, userID, token string, now time.Time) error {
	stmts := []string{
		// Checked in right now: checked out, so nobody nameless shows in /whoshere.
		`UPDATE checkins SET out_at = ?4, out_reason = 'manual' WHERE guild_id = ?1 AND user_id = ?2 AND out_at IS NULL`,
		`UPDATE checkins SET user_id = ?3, note = '' WHERE guild_id = ?1 AND user_id = ?2`,
		`UPDATE rsvps SET user_id = ?3, user_name = '—' WHERE guild_id = ?1 AND user_id = ?2`,
		`UPDATE intros SET asker_id = ?3, note = '' WHERE guild_id = ?1 AND asker_id = ?2`,
		`UPDATE intros SET offerer_id = ?3 WHERE guild_id = ?1 AND offerer_id = ?2`,
		`DELETE FROM member_skills WHERE guild_id = ?1 AND user_id = ?2`,
		`DELETE FROM member_profiles WHERE guild_id = ?1 AND user_id = ?2`,
		`DELETE FROM member_settings WHERE guild_id = ?1 AND user_id = ?2`,
		`DELETE FROM members WHERE guild_id = ?1 AND user_id = ?2`,
		// Messages not yet sent to them are dropped.
		`DELETE FROM outbox WHERE guild_id = ?1 AND kind = 'dm' AND target = ?2 AND sent_at IS NULL`,
	}
	for _, q := range stmts {
		if _, err := tx.exec(ctx, q, guildID, userID, token, now.Unix()); err != nil {
			return fmt.Errorf("forget member: %w", err)
		}
	}
	return nil
}
