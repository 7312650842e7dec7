package storage

import (
	"context"
	"fmt"
)

// MemberData is everything the bot holds about one member, for /privacy export.
// Each list is one section of memberSections: a new kind of record (projects,
// register entries) adds a field here and a line there.
type MemberData struct {
	Member   map[string]any   `json:"member,omitempty"`
	Profile  map[string]any   `json:"profile,omitempty"`
	Settings map[string]any   `json:"settings,omitempty"`
	Skills   []map[string]any `json:"skills"`
	Checkins []map[string]any `json:"checkins"`
	RSVPs    []map[string]any `json:"rsvps"`
	Intros   []map[string]any `json:"introductions"`
	Events   []map[string]any `json:"organised_events"`
	// Projects: those they hold or have a role in, and what they added.
	Projects      []map[string]any `json:"projects"`
	ProjectOffers []map[string]any `json:"project_help_offers"`
	ProjectNews   []map[string]any `json:"project_updates"`
	ProjectNotes  []map[string]any `json:"project_notes"`
	// ClosedDMs: when their DMs refused the bot, and until when none is tried.
	ClosedDMs []map[string]any `json:"closed_dms"`
	// The participant register's entry linked to the member, if any.
	Register        []map[string]any `json:"register_entry"`
	RegisterDays    []map[string]any `json:"register_attendance"`
	RegisterAnswers []map[string]any `json:"register_answers"`
	CoOrganised     []map[string]any `json:"co_organised_events"`
}

// memberSections are the lists of a member's records: ?1 is the network, ?2 the member.
func memberSections(d *MemberData) []struct {
	dst *[]map[string]any
	q   string
} {
	return []struct {
		dst *[]map[string]any
		q   string
	}{
		{&d.Skills, `SELECT s.display AS skill, ms.kind, ms.level, ms.note, ms.created_at FROM member_skills ms JOIN skills s ON s.id = ms.skill_id WHERE ms.guild_id = ?1 AND ms.user_id = ?2 ORDER BY ms.created_at`},
		{&d.Checkins, `SELECT sp.name AS space, c.at, c.out_at, c.out_reason, c.note FROM checkins c JOIN spaces sp ON sp.id = c.space_id WHERE c.guild_id = ?1 AND c.user_id = ?2 ORDER BY c.at`},
		{&d.RSVPs, `SELECT e.title AS event, e.start_at, r.status, r.since, r.attended FROM rsvps r JOIN events e ON e.id = r.event_id WHERE r.guild_id = ?1 AND r.user_id = ?2 ORDER BY e.start_at`},
		{&d.Intros, `SELECT CASE WHEN i.asker_id = ?2 THEN 'asked' ELSE 'asked of me' END AS role, s.display AS skill, i.note, i.status, i.created_at, i.answered_at
			FROM intros i JOIN skills s ON s.id = i.skill_id WHERE i.guild_id = ?1 AND (i.asker_id = ?2 OR i.offerer_id = ?2) ORDER BY i.created_at`},
		{&d.Events, `SELECT e.title AS event, sp.name AS space, e.description, e.start_at, e.end_at, e.capacity, e.cancelled_at, e.cancel_reason
			FROM events e JOIN spaces sp ON sp.id = e.space_id WHERE e.guild_id = ?1 AND e.organizer_id = ?2 ORDER BY e.start_at`},
		{&d.Projects, `SELECT p.title AS project, CASE WHEN p.holder_id = ?2 THEN 'holder' ELSE pp.role END AS role, p.pitch, p.needs, p.stage, p.created_at
			FROM projects p LEFT JOIN project_people pp ON pp.project_id = p.id AND pp.user_id = ?2
			WHERE p.guild_id = ?1 AND (p.holder_id = ?2 OR pp.user_id IS NOT NULL) ORDER BY p.created_at, pp.role`},
		{&d.ProjectOffers, `SELECT p.title AS project, o.status, o.created_at, o.answered_at FROM project_offers o JOIN projects p ON p.id = o.project_id
			WHERE o.guild_id = ?1 AND o.helper_id = ?2 ORDER BY o.created_at`},
		{&d.ProjectNews, `SELECT p.title AS project, u.body, u.image_url, u.at FROM project_updates u JOIN projects p ON p.id = u.project_id
			WHERE u.guild_id = ?1 AND u.author_id = ?2 ORDER BY u.at`},
		{&d.ProjectNotes, `SELECT p.title AS project, n.note, n.day FROM project_notes n JOIN projects p ON p.id = n.project_id
			WHERE n.guild_id = ?1 AND n.animator_id = ?2 ORDER BY n.day`},
		{&d.ClosedDMs, `SELECT refused_at, retry_at FROM closed_dms WHERE user_id = ?2`},
		{&d.Register, memberRegisterEntry}, {&d.RegisterDays, memberRegisterDays}, {&d.RegisterAnswers, memberRegisterAnswers}, {&d.CoOrganised, memberCoOrganised},
	}
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
	for _, qq := range memberSections(&d) {
		if *qq.dst, err = tx.rowsAsMaps(ctx, qq.q, guildID, userID); err != nil {
			return d, fmt.Errorf("export: %w", err)
		}
	}
	return d, nil
}
