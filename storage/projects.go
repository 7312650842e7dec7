package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Project stages. Idea, prototype, launched and finished are the way
// forward; paused and dropped can come at any point.
const (
	StageIdea      = "idea"
	StagePrototype = "prototype"
	StageLaunched  = "launched"
	StageFinished  = "finished"
	StagePaused    = "paused"
	StageDropped   = "dropped"
)

// Roles of people around a project.
const (
	RoleMember   = "member"
	RoleAnimator = "animator"
	RoleFollower = "follower"
)

// Project is a shared project of the network.
type Project struct {
	ID          int64
	GuildID     string
	SpaceID     int64
	HolderID    string // "" once archived without a holder
	Title       string
	TitleKey    string
	Pitch       string
	Needs       string
	Stage       string
	StageAt     time.Time
	Created     time.Time
	Archived    bool
	PostSpace   int64
	PostNetwork int64
	Thread      int64 // outbox id of the thread's creation
}

// ProjectPerson is someone around a project.
type ProjectPerson struct {
	UserID string
	Role   string
	Since  time.Time
	Name   string // display name, when known
}

// ProjectStage is one stage reached, dated.
type ProjectStage struct {
	Stage string
	At    time.Time
	ByID  string
}

// ProjectOffer is an "I can help" waiting for, or given, the holder's answer.
type ProjectOffer struct {
	ID        int64
	ProjectID int64
	GuildID   string
	HelperID  string
	Status    string
	Created   time.Time
}

// ProjectUpdate is a piece of news from the holder.
type ProjectUpdate struct {
	ID       int64
	AuthorID string
	Body     string
	ImageURL string
	At       time.Time
}

// ProjectNote is what an accompanying animator did.
type ProjectNote struct {
	AnimatorID string
	Note       string
	Day        time.Time
}

// ProjectFilter narrows ListProjects; zero values match everything.
type ProjectFilter struct {
	SpaceID int64
	Stage   string
	SkillID int64
}

const projectCols = `p.id, p.guild_id, p.space_id, p.holder_id, p.title, p.title_key, p.pitch, p.needs, p.stage, p.stage_at, p.created_at,
	p.archived_at IS NOT NULL, p.post_space, p.post_network, p.thread_outbox`

func (tx *Tx) queryProjects(ctx context.Context, where string, args ...any) ([]Project, error) {
	rows, err := tx.query(ctx, `SELECT `+projectCols+` FROM projects p `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("projects: %w", err)
	}
	defer rows.Close()
	var out []Project
	for rows.Next() {
		var p Project
		var stageAt, created int64
		if err := rows.Scan(&p.ID, &p.GuildID, &p.SpaceID, &p.HolderID, &p.Title, &p.TitleKey, &p.Pitch, &p.Needs, &p.Stage, &stageAt, &created,
			&p.Archived, &p.PostSpace, &p.PostNetwork, &p.Thread); err != nil {
			return nil, fmt.Errorf("projects: %w", err)
		}
		p.StageAt, p.Created = time.Unix(stageAt, 0), time.Unix(created, 0)
		out = append(out, p)
	}
	return out, rows.Err()
}

// AddProject creates a project at the idea stage, its first dated stage with it.
func (tx *Tx) AddProject(ctx context.Context, p Project, now time.Time) (Project, error) {
	p.Stage, p.StageAt, p.Created = StageIdea, now, now
	res, err := tx.exec(ctx, `INSERT INTO projects(guild_id, space_id, holder_id, title, title_key, pitch, needs, stage, stage_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.GuildID, p.SpaceID, p.HolderID, p.Title, p.TitleKey, p.Pitch, p.Needs, p.Stage, now.Unix(), now.Unix())
	if err != nil {
		return p, fmt.Errorf("add project: %w", err)
	}
	p.ID, _ = res.LastInsertId()
	if _, err := tx.exec(ctx, `INSERT INTO project_stages(project_id, guild_id, stage, at, by_id) VALUES (?, ?, ?, ?, ?)`,
		p.ID, p.GuildID, p.Stage, now.Unix(), p.HolderID); err != nil {
		return p, fmt.Errorf("add project: %w", err)
	}
	return p, nil
}

// Project returns a project of the guild, or ErrNotFound.
func (tx *Tx) Project(ctx context.Context, guildID string, id int64) (Project, error) {
	list, err := tx.queryProjects(ctx, `WHERE p.guild_id = ? AND p.id = ?`, guildID, id)
	if err != nil {
		return Project{}, err
	}
	if len(list) == 0 {
		return Project{}, ErrNotFound
	}
	return list[0], nil
}

// SearchProjects finds projects whose folded title contains key, newest first.
func (tx *Tx) SearchProjects(ctx context.Context, guildID, key string, limit int) ([]Project, error) {
	like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(key) + "%"
	return tx.queryProjects(ctx, `WHERE p.guild_id = ? AND p.title_key LIKE ? ESCAPE '\' ORDER BY p.archived_at IS NOT NULL, p.created_at DESC, p.id DESC LIMIT ?`,
		guildID, like, limit)
}

// ListProjects lists a guild's projects, most recently changed first; archived ones last.
func (tx *Tx) ListProjects(ctx context.Context, guildID string, f ProjectFilter, limit int) ([]Project, error) {
	where, args := `WHERE p.guild_id = ?`, []any{guildID}
	if f.SpaceID != 0 {
		where, args = where+` AND p.space_id = ?`, append(args, f.SpaceID)
	}
	if f.Stage != "" {
		where, args = where+` AND p.stage = ?`, append(args, f.Stage)
	}
	if f.SkillID != 0 {
		where, args = where+` AND p.id IN (SELECT project_id FROM project_skills WHERE skill_id = ?)`, append(args, f.SkillID)
	}
	return tx.queryProjects(ctx, where+` ORDER BY p.archived_at IS NOT NULL, p.stage_at DESC, p.id DESC LIMIT ?`, append(args, limit)...)
}

// UpdateProject saves a project's title, pitch and needs.
func (tx *Tx) UpdateProject(ctx context.Context, p Project) error {
	_, err := tx.exec(ctx, `UPDATE projects SET title = ?, title_key = ?, pitch = ?, needs = ? WHERE id = ?`, p.Title, p.TitleKey, p.Pitch, p.Needs, p.ID)
	if err != nil {
		return fmt.Errorf("update project: %w", err)
	}
	return nil
}

// SetProjectStage moves a project to stage, dated, and records who did it.
func (tx *Tx) SetProjectStage(ctx context.Context, p Project, stage, byID string, now time.Time) error {
	if _, err := tx.exec(ctx, `UPDATE projects SET stage = ?, stage_at = ? WHERE id = ?`, stage, now.Unix(), p.ID); err != nil {
		return fmt.Errorf("project stage: %w", err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO project_stages(project_id, guild_id, stage, at, by_id) VALUES (?, ?, ?, ?, ?)`,
		p.ID, p.GuildID, stage, now.Unix(), byID); err != nil {
		return fmt.Errorf("project stage: %w", err)
	}
	return nil
}

// SetProjectPosts records the outbox ids of a project's cards and thread.
func (tx *Tx) SetProjectPosts(ctx context.Context, id, postSpace, postNetwork, thread int64) error {
	_, err := tx.exec(ctx, `UPDATE projects SET post_space = ?, post_network = ?, thread_outbox = ? WHERE id = ?`, postSpace, postNetwork, thread, id)
	if err != nil {
		return fmt.Errorf("project posts: %w", err)
	}
	return nil
}

// ProjectStages lists a project's stages, oldest first.
func (tx *Tx) ProjectStages(ctx context.Context, projectID int64) ([]ProjectStage, error) {
	rows, err := tx.query(ctx, `SELECT stage, at, by_id FROM project_stages WHERE project_id = ? ORDER BY at, id`, projectID)
	if err != nil {
		return nil, fmt.Errorf("project stages: %w", err)
	}
	defer rows.Close()
	var out []ProjectStage
	for rows.Next() {
		var s ProjectStage
		var at int64
		if err := rows.Scan(&s.Stage, &at, &s.ByID); err != nil {
			return nil, err
		}
		s.At = time.Unix(at, 0)
		out = append(out, s)
	}
	return out, rows.Err()
}

// SetProjectSkills replaces the skills a project seeks.
func (tx *Tx) SetProjectSkills(ctx context.Context, projectID int64, skillIDs []int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM project_skills WHERE project_id = ?`, projectID); err != nil {
		return fmt.Errorf("project skills: %w", err)
	}
	for _, id := range skillIDs {
		if _, err := tx.exec(ctx, `INSERT OR IGNORE INTO project_skills(project_id, skill_id) VALUES (?, ?)`, projectID, id); err != nil {
			return fmt.Errorf("project skills: %w", err)
		}
	}
	return nil
}

// ProjectSkills lists the skills a project seeks, with how many members offer each.
func (tx *Tx) ProjectSkills(ctx context.Context, projectID int64) ([]Skill, error) {
	return tx.querySkills(ctx, `WHERE s.id IN (SELECT skill_id FROM project_skills WHERE project_id = ?) ORDER BY s.key`, projectID)
}

// AddProjectPerson gives someone a role in a project; false if they had it.
func (tx *Tx) AddProjectPerson(ctx context.Context, p Project, userID, role string, now time.Time) (bool, error) {
	res, err := tx.exec(ctx, `INSERT OR IGNORE INTO project_people(project_id, guild_id, user_id, role, since) VALUES (?, ?, ?, ?, ?)`,
		p.ID, p.GuildID, userID, role, now.Unix())
	if err != nil {
		return false, fmt.Errorf("project person: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// RemoveProjectPerson takes a role away; false if they did not have it.
func (tx *Tx) RemoveProjectPerson(ctx context.Context, projectID int64, userID, role string) (bool, error) {
	res, err := tx.exec(ctx, `DELETE FROM project_people WHERE project_id = ? AND user_id = ? AND role = ?`, projectID, userID, role)
	if err != nil {
		return false, fmt.Errorf("project person: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// ProjectPeople lists the people with a role in a project, earliest first.
func (tx *Tx) ProjectPeople(ctx context.Context, projectID int64, role string) ([]ProjectPerson, error) {
	rows, err := tx.query(ctx, `SELECT pp.user_id, pp.role, pp.since, coalesce(m.display_name, '') FROM project_people pp
		LEFT JOIN members m ON m.guild_id = pp.guild_id AND m.user_id = pp.user_id
		WHERE pp.project_id = ? AND pp.role = ? ORDER BY pp.since, pp.user_id`, projectID, role)
	if err != nil {
		return nil, fmt.Errorf("project people: %w", err)
	}
	defer rows.Close()
	var out []ProjectPerson
	for rows.Next() {
		var pp ProjectPerson
		var since int64
		if err := rows.Scan(&pp.UserID, &pp.Role, &since, &pp.Name); err != nil {
			return nil, err
		}
		pp.Since = time.Unix(since, 0)
		out = append(out, pp)
	}
	return out, rows.Err()
}

// HasProjectRole reports whether a member has a role in a project.
func (tx *Tx) HasProjectRole(ctx context.Context, projectID int64, userID, role string) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT count(*) FROM project_people WHERE project_id = ? AND user_id = ? AND role = ?`, projectID, userID, role).Scan(&n)
	return n > 0, err
}

// AddProjectOffer records an "I can help" waiting for the holder's answer.
func (tx *Tx) AddProjectOffer(ctx context.Context, o ProjectOffer) (int64, error) {
	res, err := tx.exec(ctx, `INSERT INTO project_offers(project_id, guild_id, helper_id, status, created_at) VALUES (?, ?, ?, 'pending', ?)`,
		o.ProjectID, o.GuildID, o.HelperID, o.Created.Unix())
	if err != nil {
		return 0, fmt.Errorf("project offer: %w", err)
	}
	return res.LastInsertId()
}

// ProjectOffer returns an offer, or ErrNotFound.
func (tx *Tx) ProjectOffer(ctx context.Context, id int64) (ProjectOffer, error) {
	var o ProjectOffer
	var created int64
	err := tx.queryRow(ctx, `SELECT id, project_id, guild_id, helper_id, status, created_at FROM project_offers WHERE id = ?`, id).
		Scan(&o.ID, &o.ProjectID, &o.GuildID, &o.HelperID, &o.Status, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return o, ErrNotFound
	}
	o.Created = time.Unix(created, 0)
	return o, err
}

// LastProjectOffer returns a helper's latest offer to a project, or ErrNotFound.
func (tx *Tx) LastProjectOffer(ctx context.Context, projectID int64, helperID string) (ProjectOffer, error) {
	var id int64
	err := tx.queryRow(ctx, `SELECT id FROM project_offers WHERE project_id = ? AND helper_id = ? ORDER BY id DESC LIMIT 1`, projectID, helperID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return ProjectOffer{}, ErrNotFound
	}
	if err != nil {
		return ProjectOffer{}, err
	}
	return tx.ProjectOffer(ctx, id)
}

// ProjectOffersSince counts the offers a helper made after since.
func (tx *Tx) ProjectOffersSince(ctx context.Context, guildID, helperID string, since time.Time) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT count(*) FROM project_offers WHERE guild_id = ? AND helper_id = ? AND created_at > ?`, guildID, helperID, since.Unix()).Scan(&n)
	return n, err
}

// AnswerProjectOffer records the holder's answer.
func (tx *Tx) AnswerProjectOffer(ctx context.Context, id int64, status string, now time.Time) error {
	_, err := tx.exec(ctx, `UPDATE project_offers SET status = ?, answered_at = ? WHERE id = ?`, status, now.Unix(), id)
	return err
}

// AddProjectUpdate records a piece of news.
func (tx *Tx) AddProjectUpdate(ctx context.Context, projectID int64, guildID string, u ProjectUpdate) (int64, error) {
	res, err := tx.exec(ctx, `INSERT INTO project_updates(project_id, guild_id, author_id, body, image_url, at) VALUES (?, ?, ?, ?, ?, ?)`,
		projectID, guildID, u.AuthorID, u.Body, u.ImageURL, u.At.Unix())
	if err != nil {
		return 0, fmt.Errorf("project update: %w", err)
	}
	return res.LastInsertId()
}

// ProjectUpdates lists a project's latest news, newest first.
func (tx *Tx) ProjectUpdates(ctx context.Context, projectID int64, limit int) ([]ProjectUpdate, error) {
	rows, err := tx.query(ctx, `SELECT id, author_id, body, image_url, at FROM project_updates WHERE project_id = ? ORDER BY at DESC, id DESC LIMIT ?`, projectID, limit)
	if err != nil {
		return nil, fmt.Errorf("project updates: %w", err)
	}
	defer rows.Close()
	var out []ProjectUpdate
	for rows.Next() {
		var u ProjectUpdate
		var at int64
		if err := rows.Scan(&u.ID, &u.AuthorID, &u.Body, &u.ImageURL, &at); err != nil {
			return nil, err
		}
		u.At = time.Unix(at, 0)
		out = append(out, u)
	}
	return out, rows.Err()
}

// AddProjectNote records what an accompanying animator did on a day.
func (tx *Tx) AddProjectNote(ctx context.Context, p Project, animatorID, note string, day, now time.Time) error {
	_, err := tx.exec(ctx, `INSERT INTO project_notes(project_id, guild_id, animator_id, note, day, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		p.ID, p.GuildID, animatorID, note, day.Unix(), now.Unix())
	if err != nil {
		return fmt.Errorf("project note: %w", err)
	}
	return nil
}

// ProjectNotes lists a project's accompaniment notes, latest day first.
func (tx *Tx) ProjectNotes(ctx context.Context, projectID int64, limit int) ([]ProjectNote, error) {
	rows, err := tx.query(ctx, `SELECT animator_id, note, day FROM project_notes WHERE project_id = ? ORDER BY day DESC, id DESC LIMIT ?`, projectID, limit)
	if err != nil {
		return nil, fmt.Errorf("project notes: %w", err)
	}
	defer rows.Close()
	var out []ProjectNote
	for rows.Next() {
		var n ProjectNote
		var day int64
		if err := rows.Scan(&n.AnimatorID, &n.Note, &day); err != nil {
			return nil, err
		}
		n.Day = time.Unix(day, 0)
		out = append(out, n)
	}
	return out, rows.Err()
}

// SetEventProject makes an event belong to a project (0: to none).
func (tx *Tx) SetEventProject(ctx context.Context, eventID, projectID int64) error {
	_, err := tx.exec(ctx, `UPDATE events SET project_id = ? WHERE id = ?`, projectID, eventID)
	if err != nil {
		return fmt.Errorf("event project: %w", err)
	}
	return nil
}

// ProjectEvents lists the events that belong to a project, by start.
func (tx *Tx) ProjectEvents(ctx context.Context, projectID int64, limit int) ([]Event, error) {
	return tx.queryEvents(ctx, `WHERE e.project_id = ? ORDER BY e.start_at LIMIT ?`, projectID, limit)
}

// ProjectsSeekingSince lists the projects created in [from, to) and still
// going that seek a skill, for weekly matches.
func (tx *Tx) ProjectsSeekingSince(ctx context.Context, guildID string, skillID int64, from, to time.Time) ([]Project, error) {
	return tx.queryProjects(ctx, `WHERE p.guild_id = ? AND p.created_at >= ? AND p.created_at < ? AND p.archived_at IS NULL
		AND p.stage NOT IN ('finished', 'dropped') AND p.id IN (SELECT project_id FROM project_skills WHERE skill_id = ?) ORDER BY p.created_at`,
		guildID, from.Unix(), to.Unix(), skillID)
}
