package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Skill kinds.
const (
	Offer = "offer"
	Seek  = "seek"
)

// Skill is a skill known to a network, with how many offer and seek it.
type Skill struct {
	ID      int64
	GuildID string
	Key     string
	Display string
	Offers  int
	Seeks   int
}

// MemberSkill is one member's offer or need.
type MemberSkill struct {
	GuildID, UserID string
	Skill           Skill
	Kind            string
	Level, Note     string
	Created         time.Time
	Name            string // member's display name, when joined
	LastSeen        time.Time
	HomeSpaceID     int64
}

// EnsureSkill returns the skill with this key, creating it with display as its spelling.
func (tx *Tx) EnsureSkill(ctx context.Context, guildID, key, display string, now time.Time) (Skill, error) {
	_, err := tx.exec(ctx, `INSERT INTO skills(guild_id, key, display, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(guild_id, key) DO NOTHING`,
		guildID, key, display, now.Unix())
	if err != nil {
		return Skill{}, fmt.Errorf("skill %q: %w", key, err)
	}
	return tx.SkillByKey(ctx, guildID, key)
}

// SkillByKey returns a skill with its counts, or ErrNotFound.
func (tx *Tx) SkillByKey(ctx context.Context, guildID, key string) (Skill, error) {
	list, err := tx.querySkills(ctx, `WHERE s.guild_id = ? AND s.key = ?`, guildID, key)
	if err != nil {
		return Skill{}, err
	}
	if len(list) == 0 {
		return Skill{}, ErrNotFound
	}
	return list[0], nil
}

// SkillByID returns a skill of the guild, or ErrNotFound.
func (tx *Tx) SkillByID(ctx context.Context, guildID string, id int64) (Skill, error) {
	list, err := tx.querySkills(ctx, `WHERE s.guild_id = ? AND s.id = ?`, guildID, id)
	if err != nil {
		return Skill{}, err
	}
	if len(list) == 0 {
		return Skill{}, ErrNotFound
	}
	return list[0], nil
}

// Skills lists a guild's skills that someone offers or seeks (of members of
// one home space when spaceID != 0), with counts.
func (tx *Tx) Skills(ctx context.Context, guildID string, spaceID int64) ([]Skill, error) {
	if spaceID == 0 {
		return tx.networkSkills(ctx, guildID)
	}
	return tx.querySkills(ctx, `LEFT JOIN member_profiles p ON p.guild_id = ms.guild_id AND p.user_id = ms.user_id
		WHERE s.guild_id = ? AND p.home_space_id = ? GROUP BY s.id HAVING count(ms.skill_id) > 0`, guildID, spaceID)
}

// networkSkills is the network's skill list, kept in memory against
// skill_versions (migration 0010): autocomplete asks for it on every
// keystroke, and reading 5,000 rows took 7 ms of a national network's 10.
func (tx *Tx) networkSkills(ctx context.Context, guildID string) ([]Skill, error) {
	list, err := tx.SkillsReadOnly(ctx, guildID)
	return slices.Clone(list), err
}

// SkillsReadOnly is the network's skill list as kept in memory, not
// copied: autocomplete ranks it at every keystroke, and copying 5,000
// skills each time was garbage for the collector. The items are shared
// with other readers: read them, never change them.
func (tx *Tx) SkillsReadOnly(ctx context.Context, guildID string) ([]Skill, error) {
	var c *listCache[Skill]
	if tx.caches != nil {
		c = tx.caches.skills
	}
	return sharedList(ctx, tx, c, "skill_versions", guildID, func() ([]Skill, error) {
		return tx.querySkills(ctx, `WHERE s.guild_id = ? AND s.offers + s.seeks > 0`, guildID)
	})
}

// querySkills reads skills with their counts: kept on the row by triggers
// for the whole network, counted through the join for one space's members.
func (tx *Tx) querySkills(ctx context.Context, rest string, args ...any) ([]Skill, error) {
	q := `SELECT s.id, s.guild_id, s.key, s.display, s.offers, s.seeks FROM skills s ` + rest
	if strings.Contains(rest, "JOIN") {
		q = `SELECT s.id, s.guild_id, s.key, s.display,
		coalesce(sum(ms.kind = 'offer'), 0), coalesce(sum(ms.kind = 'seek'), 0)
		FROM skills s LEFT JOIN member_skills ms ON ms.skill_id = s.id ` + rest
	}
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("skills: %w", err)
	}
	defer rows.Close()
	var out []Skill
	for rows.Next() {
		var s Skill
		if err := rows.Scan(&s.ID, &s.GuildID, &s.Key, &s.Display, &s.Offers, &s.Seeks); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SetMemberSkill adds or updates an offer or a need.
func (tx *Tx) SetMemberSkill(ctx context.Context, ms MemberSkill, now time.Time) (bool, error) {
	res, err := tx.exec(ctx, `INSERT INTO member_skills(guild_id, user_id, skill_id, kind, level, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(guild_id, user_id, skill_id, kind) DO NOTHING`, ms.GuildID, ms.UserID, ms.Skill.ID, ms.Kind, ms.Level, ms.Note, now.Unix())
	if err != nil {
		return false, fmt.Errorf("member skill: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return true, nil
	}
	_, err = tx.exec(ctx, `UPDATE member_skills SET level = ?, note = ? WHERE guild_id = ? AND user_id = ? AND skill_id = ? AND kind = ?`,
		ms.Level, ms.Note, ms.GuildID, ms.UserID, ms.Skill.ID, ms.Kind)
	return false, err
}

// RemoveMemberSkill removes a member's offer and need of a skill; it returns how many went.
func (tx *Tx) RemoveMemberSkill(ctx context.Context, guildID, userID string, skillID int64) (int64, error) {
	res, err := tx.exec(ctx, `DELETE FROM member_skills WHERE guild_id = ? AND user_id = ? AND skill_id = ?`, guildID, userID, skillID)
	if err != nil {
		return 0, fmt.Errorf("remove skill: %w", err)
	}
	return res.RowsAffected()
}

// CountMemberSkills counts a member's offers and needs.
func (tx *Tx) CountMemberSkills(ctx context.Context, guildID, userID string) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT count(*) FROM member_skills WHERE guild_id = ? AND user_id = ?`, guildID, userID).Scan(&n)
	return n, err
}

const msCols = `ms.guild_id, ms.user_id, s.id, s.key, s.display, ms.kind, ms.level, ms.note, ms.created_at, coalesce(m.display_name, ''), coalesce(m.last_seen, 0), coalesce(p.home_space_id, 0)`
const msFrom = ` FROM member_skills ms JOIN skills s ON s.id = ms.skill_id
	LEFT JOIN members m ON m.guild_id = ms.guild_id AND m.user_id = ms.user_id
	LEFT JOIN member_profiles p ON p.guild_id = ms.guild_id AND p.user_id = ms.user_id `

func (tx *Tx) queryMemberSkills(ctx context.Context, where string, args ...any) ([]MemberSkill, error) {
	rows, err := tx.query(ctx, `SELECT `+msCols+msFrom+where, args...)
	if err != nil {
		return nil, fmt.Errorf("member skills: %w", err)
	}
	defer rows.Close()
	var out []MemberSkill
	for rows.Next() {
		var ms MemberSkill
		var created, seen int64
		if err := rows.Scan(&ms.GuildID, &ms.UserID, &ms.Skill.ID, &ms.Skill.Key, &ms.Skill.Display, &ms.Kind, &ms.Level, &ms.Note, &created, &ms.Name, &seen, &ms.HomeSpaceID); err != nil {
			return nil, err
		}
		ms.Created, ms.LastSeen = time.Unix(created, 0), time.Unix(seen, 0)
		out = append(out, ms)
	}
	return out, rows.Err()
}

// MemberSkills lists a member's offers and needs.
func (tx *Tx) MemberSkills(ctx context.Context, guildID, userID string) ([]MemberSkill, error) {
	return tx.queryMemberSkills(ctx, `WHERE ms.guild_id = ? AND ms.user_id = ? ORDER BY ms.kind, s.key`, guildID, userID)
}

// SkillHolders lists who offers (or seeks) a skill, most recently active first.
func (tx *Tx) SkillHolders(ctx context.Context, guildID string, skillID int64, kind string) ([]MemberSkill, error) {
	return tx.queryMemberSkills(ctx, `WHERE ms.guild_id = ? AND ms.skill_id = ? AND ms.kind = ? ORDER BY m.last_seen DESC, ms.user_id`, guildID, skillID, kind)
}

// NewSkillsSince lists offers and needs created in [from, to) in a guild.
func (tx *Tx) NewSkillsSince(ctx context.Context, guildID string, from, to time.Time) ([]MemberSkill, error) {
	return tx.queryMemberSkills(ctx, `WHERE ms.guild_id = ? AND ms.created_at >= ? AND ms.created_at < ? ORDER BY ms.created_at`, guildID, from.Unix(), to.Unix())
}

// SkillCountsSince counts the offers and needs created in [from, to) in a guild.
func (tx *Tx) SkillCountsSince(ctx context.Context, guildID string, from, to time.Time) (offers, seeks int, err error) {
	err = tx.queryRow(ctx, `SELECT coalesce(sum(kind = 'offer'), 0), coalesce(sum(kind = 'seek'), 0) FROM member_skills
		WHERE guild_id = ? AND created_at >= ? AND created_at < ?`, guildID, from.Unix(), to.Unix()).Scan(&offers, &seeks)
	if err != nil {
		return 0, 0, fmt.Errorf("new skill counts: %w", err)
	}
	return offers, seeks, nil
}

// MergeSkills moves every offer and need of skill from onto skill into
// (duplicates collapse) and deletes from; intros follow.
func (tx *Tx) MergeSkills(ctx context.Context, from, into int64) error {
	stmts := []string{
		`INSERT INTO member_skills(guild_id, user_id, skill_id, kind, level, note, created_at)
			SELECT guild_id, user_id, ?, kind, level, note, created_at FROM member_skills WHERE skill_id = ?
			ON CONFLICT(guild_id, user_id, skill_id, kind) DO NOTHING`,
		`UPDATE intros SET skill_id = ? WHERE skill_id = ?`,
		// Projects seeking the folded spelling seek the kept one.
		`INSERT OR IGNORE INTO project_skills(project_id, skill_id) SELECT project_id, ? FROM project_skills WHERE skill_id = ?`,
	}
	for _, q := range stmts {
		if _, err := tx.exec(ctx, q, into, from); err != nil {
			return fmt.Errorf("merge skills: %w", err)
		}
	}
	if _, err := tx.exec(ctx, `DELETE FROM skills WHERE id = ?`, from); err != nil {
		return fmt.Errorf("merge skills: %w", err)
	}
	return nil
}

// Profile is what a member published about themself.
type Profile struct {
	GuildID, UserID string
	HomeSpaceID     int64
	Bio             string
	IntrosOff       bool
	WeeklyMatches   bool
}

// Profile returns a member's profile (empty if none).
func (tx *Tx) Profile(ctx context.Context, guildID, userID string) (Profile, error) {
	p := Profile{GuildID: guildID, UserID: userID}
	var home sql.NullInt64
	err := tx.queryRow(ctx, `SELECT home_space_id, bio, intros_off, weekly_matches FROM member_profiles WHERE guild_id = ? AND user_id = ?`,
		guildID, userID).Scan(&home, &p.Bio, &p.IntrosOff, &p.WeeklyMatches)
	if errors.Is(err, sql.ErrNoRows) {
		return p, nil
	}
	p.HomeSpaceID = home.Int64
	return p, err
}

// SaveProfile writes a member's profile.
func (tx *Tx) SaveProfile(ctx context.Context, p Profile) error {
	var home any
	if p.HomeSpaceID != 0 {
		home = p.HomeSpaceID
	}
	_, err := tx.exec(ctx, `INSERT INTO member_profiles(guild_id, user_id, home_space_id, bio, intros_off, weekly_matches) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(guild_id, user_id) DO UPDATE SET home_space_id = excluded.home_space_id, bio = excluded.bio,
			intros_off = excluded.intros_off, weekly_matches = excluded.weekly_matches`,
		p.GuildID, p.UserID, home, p.Bio, p.IntrosOff, p.WeeklyMatches)
	if err != nil {
		return fmt.Errorf("save profile: %w", err)
	}
	return nil
}

// WeeklyMatchMembers lists members of every guild who asked for the weekly matches DM.
func (tx *Tx) WeeklyMatchMembers(ctx context.Context) ([]Profile, error) {
	rows, err := tx.query(ctx, `SELECT guild_id, user_id FROM member_profiles WHERE weekly_matches = 1 ORDER BY guild_id, user_id`)
	if err != nil {
		return nil, fmt.Errorf("weekly matches: %w", err)
	}
	defer rows.Close()
	var out []Profile
	for rows.Next() {
		p := Profile{WeeklyMatches: true}
		if err := rows.Scan(&p.GuildID, &p.UserID); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Directory lists members who published something (a bio, a home space or a
// skill), by name; of a home space and offering a skill when given; one page
// of size n. A profile row holding only settings (introductions off, weekly
// matches) publishes nothing: turning introductions off must not list you.
func (tx *Tx) Directory(ctx context.Context, guildID string, spaceID, skillID int64, page, n int) ([]Profile, int, error) {
	where := `FROM (SELECT guild_id, user_id FROM member_profiles WHERE guild_id = ?1 AND (bio <> '' OR home_space_id IS NOT NULL) UNION SELECT guild_id, user_id FROM member_skills WHERE guild_id = ?1) who
		LEFT JOIN member_profiles p ON p.guild_id = who.guild_id AND p.user_id = who.user_id
		LEFT JOIN members m ON m.guild_id = who.guild_id AND m.user_id = who.user_id
		WHERE (?2 = 0 OR p.home_space_id = ?2)
		AND (?3 = 0 OR EXISTS (SELECT 1 FROM member_skills x WHERE x.guild_id = who.guild_id AND x.user_id = who.user_id AND x.skill_id = ?3 AND x.kind = 'offer'))`
	var total int
	if err := tx.queryRow(ctx, `SELECT count(*) `+where, guildID, spaceID, skillID).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("directory: %w", err)
	}
	rows, err := tx.query(ctx, `SELECT who.user_id, coalesce(p.home_space_id, 0), coalesce(p.bio, '') `+where+`
		ORDER BY lower(coalesce(m.display_name, who.user_id)), who.user_id LIMIT ?4 OFFSET ?5`, guildID, spaceID, skillID, n, page*n)
	if err != nil {
		return nil, 0, fmt.Errorf("directory: %w", err)
	}
	defer rows.Close()
	var out []Profile
	for rows.Next() {
		p := Profile{GuildID: guildID}
		if err := rows.Scan(&p.UserID, &p.HomeSpaceID, &p.Bio); err != nil {
			return nil, 0, err
		}
		out = append(out, p)
	}
	return out, total, rows.Err()
}

// Intro is a request for an introduction.
type Intro struct {
	ID                   int64
	GuildID              string
	AskerID, OffererID   string
	SkillID              int64
	Note, Status         string
	Created, Answered    time.Time
	MetAsker, MetOfferer *bool
}

// AddIntro records a pending request.
func (tx *Tx) AddIntro(ctx context.Context, in Intro) (int64, error) {
	res, err := tx.exec(ctx, `INSERT INTO intros(guild_id, asker_id, offerer_id, skill_id, note, status, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
		in.GuildID, in.AskerID, in.OffererID, in.SkillID, in.Note, in.Created.Unix())
	if err != nil {
		return 0, fmt.Errorf("add intro: %w", err)
	}
	return res.LastInsertId()
}

// IntroByID returns an introduction (any guild: DM clicks carry none), or ErrNotFound.
func (tx *Tx) IntroByID(ctx context.Context, id int64) (Intro, error) {
	var in Intro
	var created int64
	var answered, ma, mo sql.NullInt64
	err := tx.queryRow(ctx, `SELECT id, guild_id, asker_id, offerer_id, skill_id, note, status, created_at, answered_at, met_asker, met_offerer FROM intros WHERE id = ?`, id).
		Scan(&in.ID, &in.GuildID, &in.AskerID, &in.OffererID, &in.SkillID, &in.Note, &in.Status, &created, &answered, &ma, &mo)
	if errors.Is(err, sql.ErrNoRows) {
		return in, ErrNotFound
	}
	in.Created = time.Unix(created, 0)
	if answered.Valid {
		in.Answered = time.Unix(answered.Int64, 0)
	}
	b := func(v sql.NullInt64) *bool {
		if !v.Valid {
			return nil
		}
		x := v.Int64 == 1
		return &x
	}
	in.MetAsker, in.MetOfferer = b(ma), b(mo)
	return in, err
}

// AnswerIntro sets an introduction's status.
func (tx *Tx) AnswerIntro(ctx context.Context, id int64, status string, at time.Time) error {
	_, err := tx.exec(ctx, `UPDATE intros SET status = ?, answered_at = ? WHERE id = ? AND status = 'pending'`, status, at.Unix(), id)
	return err
}

// SetMet records whether one side says they met.
func (tx *Tx) SetMet(ctx context.Context, id int64, asker bool, met bool) error {
	col := "met_offerer"
	if asker {
		col = "met_asker"
	}
	_, err := tx.exec(ctx, `UPDATE intros SET `+col+` = ? WHERE id = ?`, met, id)
	return err
}

// IntrosAskedSince counts the requests a member made since t.
func (tx *Tx) IntrosAskedSince(ctx context.Context, guildID, askerID string, since time.Time) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT count(*) FROM intros WHERE guild_id = ? AND asker_id = ? AND created_at >= ?`, guildID, askerID, since.Unix()).Scan(&n)
	return n, err
}

// PendingIntro reports whether a pending request exists between two members.
func (tx *Tx) PendingIntro(ctx context.Context, guildID, askerID, offererID string) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT count(*) FROM intros WHERE guild_id = ? AND asker_id = ? AND offerer_id = ? AND status = 'pending'`,
		guildID, askerID, offererID).Scan(&n)
	return n > 0, err
}

// DeclinedSince reports whether offererID declined a request from askerID
// (in either skill) answered after since: the pair is then left alone.
func (tx *Tx) DeclinedSince(ctx context.Context, guildID, askerID, offererID string, since time.Time) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT count(*) FROM intros WHERE guild_id = ? AND asker_id = ? AND offerer_id = ? AND status = 'declined' AND answered_at > ?`,
		guildID, askerID, offererID, since.Unix()).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("declined intros: %w", err)
	}
	return n > 0, nil
}

// IntrosAcceptedBefore lists accepted introductions answered before t (for the follow-up).
func (tx *Tx) IntrosAcceptedBefore(ctx context.Context, t time.Time) ([]Intro, error) {
	rows, err := tx.query(ctx, `SELECT id FROM intros WHERE status = 'accepted' AND answered_at <= ? AND answered_at > ? ORDER BY id`, t.Unix(), t.AddDate(0, 0, -30).Unix())
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	var out []Intro
	for _, id := range ids {
		in, err := tx.IntroByID(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

// IntroStats counts a guild's introductions made (accepted) in [from, to) and
// how many of all accepted ones led to a meeting (either side said yes).
func (tx *Tx) IntroStats(ctx context.Context, guildID string, from, to time.Time) (made, met int, err error) {
	err = tx.queryRow(ctx, `SELECT coalesce(sum(status = 'accepted' AND answered_at >= ?2 AND answered_at < ?3), 0),
		coalesce(sum(status = 'accepted' AND (met_asker = 1 OR met_offerer = 1) AND answered_at < ?3), 0) FROM intros WHERE guild_id = ?1`,
		guildID, from.Unix(), to.Unix()).Scan(&made, &met)
	return made, met, err
}

// EventsAttended counts the past events a member came to: confirmed, or going
// and checked in during it when attendance was not confirmed.
func (tx *Tx) EventsAttended(ctx context.Context, guildID, userID string, now time.Time) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT count(*) FROM rsvps r JOIN events e ON e.id = r.event_id
		WHERE r.guild_id = ? AND r.user_id = ? AND e.end_at <= ? AND e.cancelled_at IS NULL AND (r.attended = 1 OR (r.attended IS NULL AND r.status = 'going'
			AND EXISTS (SELECT 1 FROM checkins c WHERE c.space_id = e.space_id AND c.user_id = r.user_id AND c.at < e.end_at AND (c.out_at IS NULL OR c.out_at > e.start_at))))`,
		guildID, userID, now.Unix()).Scan(&n)
	return n, err
}
