package storage

import (
	"context"
	"fmt"
	"time"
)

// ProjectCounts are a network's project figures for a period, for the
// activity report: how many projects reached each stage in it (a new
// project reaches "idea"), per space and per accompanying animator, and the
// accompaniment notes dated in it.
type ProjectCounts struct {
	BySpace         map[int64]map[string]int  // space -> stage -> projects
	ByAnimator      map[string]map[string]int // animator -> stage -> projects they accompany
	NotesBySpace    map[int64]int
	NotesByAnimator map[string]int
}

// ProjectReport counts the projects by stage reached in [from, to).
// A project that went idea -> prototype in the period counts once in each.
func (tx *Tx) ProjectReport(ctx context.Context, guildID string, from, to time.Time) (ProjectCounts, error) {
	c := ProjectCounts{BySpace: map[int64]map[string]int{}, ByAnimator: map[string]map[string]int{},
		NotesBySpace: map[int64]int{}, NotesByAnimator: map[string]int{}}
	add := func(m map[string]int, k string, n int) { m[k] += n }
	rows, err := tx.query(ctx, `SELECT p.space_id, s.stage, count(DISTINCT p.id) FROM project_stages s JOIN projects p ON p.id = s.project_id
		WHERE s.guild_id = ? AND s.at >= ? AND s.at < ? GROUP BY p.space_id, s.stage`, guildID, from.Unix(), to.Unix())
	if err != nil {
		return c, fmt.Errorf("project report: %w", err)
	}
	for rows.Next() {
		var space int64
		var stage string
		var n int
		if err := rows.Scan(&space, &stage, &n); err != nil {
			rows.Close()
			return c, fmt.Errorf("project report: %w", err)
		}
		if c.BySpace[space] == nil {
			c.BySpace[space] = map[string]int{}
		}
		add(c.BySpace[space], stage, n)
	}
	rows.Close()
	rows, err = tx.query(ctx, `SELECT pp.user_id, s.stage, count(DISTINCT s.project_id) FROM project_stages s
		JOIN project_people pp ON pp.project_id = s.project_id AND pp.role = 'animator'
		WHERE s.guild_id = ? AND s.at >= ? AND s.at < ? GROUP BY pp.user_id, s.stage`, guildID, from.Unix(), to.Unix())
	if err != nil {
		return c, fmt.Errorf("project report: %w", err)
	}
	for rows.Next() {
		var who, stage string
		var n int
		if err := rows.Scan(&who, &stage, &n); err != nil {
			rows.Close()
			return c, fmt.Errorf("project report: %w", err)
		}
		if c.ByAnimator[who] == nil {
			c.ByAnimator[who] = map[string]int{}
		}
		add(c.ByAnimator[who], stage, n)
	}
	rows.Close()
	rows, err = tx.query(ctx, `SELECT p.space_id, n.animator_id, count(*) FROM project_notes n JOIN projects p ON p.id = n.project_id
		WHERE n.guild_id = ? AND n.day >= ? AND n.day < ? GROUP BY p.space_id, n.animator_id`, guildID, from.Unix(), to.Unix())
	if err != nil {
		return c, fmt.Errorf("project report: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var space int64
		var who string
		var n int
		if err := rows.Scan(&space, &who, &n); err != nil {
			return c, fmt.Errorf("project report: %w", err)
		}
		c.NotesBySpace[space] += n
		c.NotesByAnimator[who] += n
	}
	return c, rows.Err()
}

// ProjectChange is a stage a project reached in a period.
type ProjectChange struct {
	Project Project
	Stage   string
	At      time.Time
}

// ProjectWeek is what the weekly digest says of projects.
type ProjectWeek struct {
	New     []Project
	Changes []ProjectChange // stages reached after the first
	// Unmet are skills projects still going seek that no member offers.
	Unmet []Skill
}

// ProjectDigest gathers the projects' week [from, to).
func (tx *Tx) ProjectDigest(ctx context.Context, guildID string, from, to time.Time) (ProjectWeek, error) {
	var w ProjectWeek
	var err error
	if w.New, err = tx.queryProjects(ctx, `WHERE p.guild_id = ? AND p.created_at >= ? AND p.created_at < ? ORDER BY p.created_at, p.id`,
		guildID, from.Unix(), to.Unix()); err != nil {
		return w, err
	}
	rows, err := tx.query(ctx, `SELECT s.project_id, s.stage, s.at FROM project_stages s
		WHERE s.guild_id = ? AND s.at >= ? AND s.at < ? AND s.id != (SELECT min(id) FROM project_stages f WHERE f.project_id = s.project_id)
		ORDER BY s.at, s.id`, guildID, from.Unix(), to.Unix())
	if err != nil {
		return w, fmt.Errorf("project digest: %w", err)
	}
	type change struct {
		id    int64
		stage string
		at    int64
	}
	var changes []change
	for rows.Next() {
		var c change
		if err := rows.Scan(&c.id, &c.stage, &c.at); err != nil {
			rows.Close()
			return w, fmt.Errorf("project digest: %w", err)
		}
		changes = append(changes, c)
	}
	rows.Close()
	for _, c := range changes {
		p, err := tx.Project(ctx, guildID, c.id)
		if err != nil {
			return w, fmt.Errorf("project digest: %w", err)
		}
		w.Changes = append(w.Changes, ProjectChange{Project: p, Stage: c.stage, At: time.Unix(c.at, 0)})
	}
	// No JOIN in the text: querySkills would switch to counting through one.
	w.Unmet, err = tx.querySkills(ctx, `WHERE s.guild_id = ? AND s.offers = 0 AND s.id IN (SELECT skill_id FROM project_skills
		WHERE project_id IN (SELECT id FROM projects WHERE archived_at IS NULL AND stage NOT IN ('finished', 'dropped'))) ORDER BY s.key`, guildID)
	return w, err
}
