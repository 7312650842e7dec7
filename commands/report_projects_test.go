package commands

import (
	"strings"
	"testing"
)

// The activity report counts projects by stage reached in the period, per
// home space and per accompanying animator, with the accompaniment notes
// dated in it (issue 16). Figures worked out by hand from the scenario:
//
//	30 March  Four solaire created (idea, before the period); Nadia accompanies it
//	2 April   Vélo cargo created: idea (in the period)
//	          Yanis notes a session on Vélo cargo (he then accompanies it)
//	          Nadia notes one on Four solaire dated 31 March (before the period) and one dated 2 April
//	          Four solaire -> prototype, Vélo cargo -> prototype
//	20 April  Four solaire -> launched
//	2 May     Four solaire -> finished (after the period)
//
// April, per space: both projects are La Ruche's: idea 1, prototype 2,
// launched 1, finished 0; notes 2. Per animator: Nadia prototype 1,
// launched 1, notes 1; Yanis idea 1, prototype 1, notes 1.
func TestReportCountsProjects(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(coord, "c", "space edit", "space", "fab", "animator_role", "role-fab")
	h.clock.Set(at("2026-03-30 10:00"))
	h.newProject(bob, "Four solaire", "", "")
	h.do(animUs, "c", "project accompany", "project", "four")
	h.clock.Set(at("2026-04-02 10:00"))
	h.newProject(alice, "Vélo cargo", "", "")
	h.do(fabAnim, "c", "project note", "project", "cargo", "text", "Soudure du cadre", "date", "2026-04-02")
	h.do(animUs, "c", "project note", "project", "four", "text", "Séance découpe", "date", "2026-03-31")
	h.do(animUs, "c", "project note", "project", "four", "text", "Prototype testé", "date", "2026-04-02")
	h.do(bob, "c", "project stage", "project", "four", "stage", "prototype")
	h.do(alice, "c", "project stage", "project", "cargo", "stage", "prototype")
	h.clock.Set(at("2026-04-20 10:00"))
	h.do(bob, "c", "project stage", "project", "four", "stage", "launched")
	h.clock.Set(at("2026-05-02 10:00"))
	h.do(bob, "c", "project stage", "project", "four", "stage", "finished")

	res := reportFor(t, h, at("2026-05-03 09:00"), "2026-04-01", "2026-04-30")
	lines := func(suffix string) string {
		return strings.ReplaceAll(strings.TrimPrefix(string(fileNamed(t, res, suffix).Data), "\ufeff"), ";", ",")
	}
	// Columns: idea, prototype, launched, finished, paused, dropped, notes.
	mustContain(t, lines("-projects.csv"), "La Ruche,1,2,1,0,0,0,2\n", "Total,1,2,1,0,0,0,2\n")
	if strings.Contains(lines("-projects.csv"), "Fab Lab") {
		t.Errorf("a space without projects listed:\n%s", lines("-projects.csv"))
	}
	anim := lines("-project_animators.csv")
	mustContain(t, anim, "Nadia,0,1,1,0,0,0,1\n", "Yanis,1,1,0,0,0,0,1\n")
	if strings.Contains(anim, "Total") {
		t.Errorf("the animators' table has a total, which would count shared projects twice:\n%s", anim)
	}
	mustContain(t, lines("-summary.csv"), "Nouveaux projets (au stade de l'idée),1\n", "Séances d'accompagnement notées,2\n")
}
