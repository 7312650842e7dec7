package commands

import (
	"os"
	"path/filepath"
	"testing"
)

// testDBPath is where a test's database lives: in memory (the writer and
// the readers share one connection), or, under TestOnFileDatabase, a file
// in WAL mode read through the real reader pool, as in production.
func testDBPath(t testing.TB) string {
	if os.Getenv("TIERSBOT_TEST_DB") == "file" {
		return filepath.Join(t.TempDir(), "tiersbot.db")
	}
	return ":memory:"
}

// TestOnFileDatabase runs flows that write then read back (check-in then
// who's here, answers then the list and the digest, skills then find) on a
// file database: what a reader sees right after the writer's commit.
func TestOnFileDatabase(t *testing.T) {
	t.Setenv("TIERSBOT_TEST_DB", "file")
	for name, test := range map[string]func(*testing.T){
		"checkin flow":           TestCheckinFlow,
		"default space":          TestCheckinDefaultSpace,
		"closing time":           TestCloseAtClosingTime,
		"closing time per zone":  TestClosingTimeCheckoutPerZone,
		"waitlist":               TestRSVPWaitlistAndPromotion,
		"waitlist within second": TestWaitlistPositionsByArrivalWithinOneSecond,
		"bulk promotion":         TestAddingSeatsPromotesAsManyInOrder,
		"event edit and info":    TestEventEditAutocompleteAndInfo,
		"digest figures":         TestDigestFigures,
		"digest DST weeks":       TestDigestWeekAcrossDSTChanges,
		"skill find":             TestSkillFindOrderAndIntroductions,
		"retention":              TestRetention,
		"replay":                 TestReplayedInteractionAppliedOnce,
		// Two readers of one snapshot, the people read beside the rest.
		"report scenario":      TestReportScenarioQuarter,
		"report equals digest": TestReportEqualsWeeklyDigests,
		"report projects":      TestReportCountsProjects,
	} {
		t.Run(name, test)
	}
}
