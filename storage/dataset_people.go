package storage

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

var (
	genSituations = []string{"Demandeur d'emploi", "Salarié·e", "Indépendant·e", "Étudiant·e", "Retraité·e"}
	genProjects   = []string{"Recyclerie", "Jardin partagé", "Atelier vélo", "Boutique en ligne", "Café associatif", "Four solaire", "Drone agricole", "Ruche connectée", "Podcast local", "Repair café mobile"}
	// A project's stages in the order they are reached; paused and dropped
	// branch off after the first.
	genStagePath = []string{StageIdea, StagePrototype, StageLaunched, StageFinished}
)

// generatePeople adds the participant register (entries, an ESF+ field,
// presences at past events) and the projects, so that the period report
// and its benchmarks see every table they read.
func (db *DB) generatePeople(ctx context.Context, spec DatasetSpec, rng *rand.Rand, spaceIDs []int64) error {
	p := spec.Scale
	progress := spec.Progress
	if progress == nil {
		progress = func(string, int, int) {}
	}
	g := spec.GuildID
	now := spec.Now.Unix()
	start := spec.Now.AddDate(0, 0, -p.Days).Unix()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return fmt.Errorf("generate register: %w", err)
	}
	// Past events, for the presences.
	type held struct{ id, space, at int64 }
	var past []held
	err = db.Read(ctx, func(tx *Tx) error {
		rows, err := tx.tx.QueryContext(ctx, `SELECT id, space_id, start_at FROM events WHERE guild_id = ? AND end_at < ? ORDER BY id`, g, now)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h held
			if err := rows.Scan(&h.id, &h.space, &h.at); err != nil {
				return err
			}
			past = append(past, h)
		}
		return rows.Err()
	})
	if err != nil {
		return fmt.Errorf("generate register: past events: %w", err)
	}
	var fieldID int64
	err = db.Write(ctx, func(tx *Tx) error {
		res, err := tx.tx.ExecContext(ctx, `INSERT INTO register_fields(guild_id, name, name_key, purpose, choices, created_at) VALUES (?, 'Situation', 'situation', 'Suivi FSE+', ?, ?)`,
			g, strings.Join(genSituations, "|"), start)
		if err == nil {
			fieldID, err = res.LastInsertId()
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("generate register field: %w", err)
	}
	err = db.bulk(ctx, p.Register, 20000, []string{`INSERT INTO register_entries(guild_id, name, name_key, town, user_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		`INSERT INTO register_values(entry_id, field_id, value) VALUES (?, ?, ?)`}, func(st []*sql.Stmt, i int) error {
		name := "Participant " + strconv.Itoa(i+1)
		user := ""
		if rng.IntN(10) == 0 { // a tenth later linked to their Discord account
			user = GenMember(rng.IntN(p.Members))
		}
		res, err := st[0].ExecContext(ctx, g, name, spec.Fold(name), genTowns[rng.IntN(len(genTowns))], user, GenMember(rng.IntN(p.Members)), start+rng.Int64N(now-start))
		if err != nil {
			return err
		}
		if rng.IntN(5) > 0 { // four in five answered the field
			id, _ := res.LastInsertId()
			_, err = st[1].ExecContext(ctx, id, fieldID, genSituations[rng.IntN(len(genSituations))])
		}
		progress("register", i+1, p.Register)
		return err
	})
	if err != nil {
		return fmt.Errorf("generate register entries: %w", err)
	}
	if len(past) > 0 && p.Register > 0 {
		err = db.bulk(ctx, p.Walkins, 50000, []string{`INSERT INTO register_attendance(guild_id, entry_id, event_id, space_id, day, at, added_by, added_at)
			VALUES (?, ?, ?, ?, ?, ?, '', ?) ON CONFLICT DO NOTHING`}, func(st []*sql.Stmt, i int) error {
			e := past[rng.IntN(len(past))]
			day := time.Unix(e.at, 0).In(paris).Format(time.DateOnly)
			_, err := st[0].ExecContext(ctx, g, 1+rng.Int64N(int64(p.Register)), e.id, e.space, day, e.at, e.at)
			if i%50000 == 0 {
				progress("walk-ins", i, p.Walkins)
			}
			return err
		})
		if err != nil {
			return fmt.Errorf("generate register presences: %w", err)
		}
	}
	return db.generateProjects(ctx, spec, rng, spaceIDs)
}

// generateProjects adds projects at every stage, each with its stage
// history, an animator, a few members and followers, offers of help, news
// and a skill it needs.
func (db *DB) generateProjects(ctx context.Context, spec DatasetSpec, rng *rand.Rand, spaceIDs []int64) error {
	p := spec.Scale
	g := spec.GuildID
	now := spec.Now.Unix()
	start := spec.Now.AddDate(0, 0, -p.Days).Unix()
	var skills []int64
	err := db.Read(ctx, func(tx *Tx) error {
		rows, err := tx.tx.QueryContext(ctx, `SELECT id FROM skills WHERE guild_id = ? ORDER BY id`, g)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			skills = append(skills, id)
		}
		return rows.Err()
	})
	if err != nil {
		return fmt.Errorf("generate projects: skills: %w", err)
	}
	return db.bulk(ctx, p.Projects, 5000, []string{
		`INSERT INTO projects(guild_id, space_id, holder_id, title, title_key, pitch, needs, stage, stage_at, created_at) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?)`,
		`INSERT INTO project_stages(project_id, guild_id, stage, at, by_id) VALUES (?, ?, ?, ?, ?)`,
		`INSERT OR IGNORE INTO project_people(project_id, guild_id, user_id, role, since) VALUES (?, ?, ?, ?, ?)`,
		`INSERT INTO project_offers(project_id, guild_id, helper_id, status, created_at, answered_at) VALUES (?, ?, ?, ?, ?, ?)`,
		`INSERT INTO project_updates(project_id, guild_id, author_id, body, at) VALUES (?, ?, ?, ?, ?)`,
		`INSERT OR IGNORE INTO project_skills(project_id, skill_id) VALUES (?, ?)`,
	}, func(st []*sql.Stmt, i int) error {
		created := start + rng.Int64N(now-start)
		holder := GenMember(rng.IntN(p.Members))
		// How far along its path it went, one stage per 30 days at most.
		reached := min(rng.IntN(len(genStagePath)), int((now-created)/(30*86400)))
		stages := genStagePath[:reached+1]
		last := stages[len(stages)-1]
		if r := rng.IntN(10); r == 0 && last != StageFinished {
			stages = append(stages[:len(stages):len(stages)], StagePaused)
		} else if r == 1 && last != StageFinished {
			stages = append(stages[:len(stages):len(stages)], StageDropped)
		}
		step := (now - created) / int64(len(stages)+1)
		stageAt := func(k int) int64 { return created + int64(k)*step }
		title := genProjects[rng.IntN(len(genProjects))] + " " + strconv.Itoa(i+1)
		res, err := st[0].ExecContext(ctx, g, spaceIDs[rng.IntN(len(spaceIDs))], holder, title, spec.Fold(title), "Un projet du territoire.",
			stages[len(stages)-1], stageAt(len(stages)-1), created)
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		for k, s := range stages {
			if _, err := st[1].ExecContext(ctx, id, g, s, stageAt(k), holder); err != nil {
				return err
			}
		}
		people := []string{RoleAnimator}
		for range rng.IntN(4) {
			people = append(people, []string{RoleMember, RoleFollower}[rng.IntN(2)])
		}
		for _, role := range people {
			if _, err := st[2].ExecContext(ctx, id, g, GenMember(rng.IntN(p.Members)), role, created+rng.Int64N(now-created+1)); err != nil {
				return err
			}
		}
		for range rng.IntN(3) {
			at := created + rng.Int64N(now-created+1)
			status, answered := []string{"pending", "accepted", "declined"}[rng.IntN(3)], sql.NullInt64{}
			if status != "pending" {
				answered = sql.NullInt64{Int64: min(now, at+86400), Valid: true}
			}
			if _, err := st[3].ExecContext(ctx, id, g, GenMember(rng.IntN(p.Members)), status, at, answered); err != nil {
				return err
			}
		}
		for range rng.IntN(5) {
			if _, err := st[4].ExecContext(ctx, id, g, holder, "Des nouvelles du projet.", created+rng.Int64N(now-created+1)); err != nil {
				return err
			}
		}
		if len(skills) > 0 {
			if _, err := st[5].ExecContext(ctx, id, skills[rng.IntN(len(skills))]); err != nil {
				return err
			}
		}
		return nil
	})
}
