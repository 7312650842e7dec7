package report

import (
	"context"
	"fmt"
	"sort"

	"github.com/tierslieux/tiersbot/storage"
)

// ProjectRow counts the projects of one space, or accompanied by one
// animator, by stage reached in the period (a project created in it reaches
// "idea"; one that went idea -> prototype counts in both), and the
// accompaniment notes dated in it.
type ProjectRow struct {
	Name   string
	Stages map[string]int // storage.StageIdea… -> projects
	Notes  int
}

// addProjects fills the report's project tables.
func (r *Report) addProjects(ctx context.Context, tx *storage.Tx, p Period, names map[int64]string) error {
	c, err := tx.ProjectReport(ctx, p.GuildID, p.From, p.To)
	if err != nil {
		return fmt.Errorf("report projects: %w", err)
	}
	r.ProjectTotal = ProjectRow{Stages: map[string]int{}}
	for id, name := range names {
		stages, notes := c.BySpace[id], c.NotesBySpace[id]
		if len(stages) == 0 && notes == 0 {
			continue
		}
		row := ProjectRow{Name: name, Stages: map[string]int{}, Notes: notes}
		for stage, n := range stages {
			row.Stages[stage] = n
			r.ProjectTotal.Stages[stage] += n // each project has one home space: sums hold
		}
		r.ProjectTotal.Notes += notes
		r.ProjectSpaces = append(r.ProjectSpaces, row)
	}
	who := map[string]bool{}
	for u := range c.ByAnimator {
		who[u] = true
	}
	for u := range c.NotesByAnimator {
		who[u] = true
	}
	var ids []string
	for u := range who {
		ids = append(ids, u)
	}
	animatorNames, err := animatorNamesOf(ctx, tx, p.GuildID, ids)
	if err != nil {
		return err
	}
	for u := range who {
		row := ProjectRow{Name: animatorNames[u], Stages: map[string]int{}, Notes: c.NotesByAnimator[u]}
		for stage, n := range c.ByAnimator[u] {
			row.Stages[stage] = n
		}
		r.ProjectAnimators = append(r.ProjectAnimators, row)
	}
	byName := func(rows []ProjectRow) {
		sort.Slice(rows, func(i, j int) bool { return rows[i].Name < rows[j].Name })
	}
	byName(r.ProjectSpaces)
	byName(r.ProjectAnimators)
	return nil
}
