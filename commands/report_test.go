package commands

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/pdffont/pdftext"
	"github.com/tierslieux/tiersbot/commands/report"
	"github.com/tierslieux/tiersbot/storage"
	"github.com/xuri/excelize/v2"
)

// reportFor runs /digest report as the coordinator at now.
func reportFor(t *testing.T, h *harness, now time.Time, from, to string) *Response {
	t.Helper()
	h.clock.Set(now)
	res := h.do(coord, "c-admin", "digest report", "from", from, "to", to)
	if !res.Ephemeral {
		t.Fatalf("the report is for the coordinator only: %s", text(res))
	}
	return res
}

func fileNamed(t *testing.T, res *Response, suffix string) File {
	t.Helper()
	for _, f := range res.Files {
		if strings.HasSuffix(f.Name, suffix) {
			return f
		}
	}
	t.Fatalf("no file *%s among %d", suffix, len(res.Files))
	return File{}
}

// The quarter's report of the scenario: figures worked out by hand in
// report_scenario_test.go, read back from the PDF's text and the workbook's cells.
func TestReportScenarioQuarter(t *testing.T) {
	h := newHarness(t)
	buildScenario(t, h.db)
	res := reportFor(t, h, at("2026-03-27 12:00"), "01/01/2026", "31/03/2026")
	if len(res.Files) != 8 {
		t.Fatalf("%d files, want PDF + XLSX + 6 CSV: %s", len(res.Files), text(res))
	}
	mustContain(t, res.Content, "60 people reached", "40 events held", "attendance rate 71 %", "10 events with attendance not recorded")

	pdfText := pdftext.Text(fileNamed(t, res, ".pdf").Data)
	for _, want := range []string{
		"Réseau des tiers-lieux de la Drôme", "Rapport d'activité", "Du jeudi 1 janvier 2026 au mardi 31 mars 2026",
		"Cofinancé par l'Union européenne — FSE+ et Département de la Drôme",
		"\n60\npersonnes touchées", // key figures: the number, then its label
		"\n60\nnouvelles personnes", "\n150\npassages", "\n435,00\nheures de présence", "\n40\névénements tenus",
		"\n71 %\ntaux de présence", "\n10\névénements sans présence", "\n15\npersonnes venues sans",
		"\n2\nrencontres issues de 4 mises", "\n1\nbesoins sans réponse", "\n5\ndéparts automatiques",
		// Per space: La Ruche 12 check-ins, 6 people, 6 new, 33 h, 1 automatic, 4 events, 39 going, 35 came, 1 not recorded.
		"La Ruche\nCrest\n12\n6\n6\n33,00\n1\n4\n39\n35\n1\n",
		"Le Fournil\nBuis-les-Baronnies\n18\n6\n6\n54,00\n0\n4\n12\n7\n1\n",
		"Total\n150\n60\n60\n435,00\n5\n40\n147\n98\n10\n",
		// Per month.
		"janvier 2026\n105\n60\n60\n300,00\n10\n57\n57\n0\n", "février 2026\n30\n30\n0\n90,00\n20\n60\n41\n0\n", "mars 2026\n15\n15\n0\n45,00\n10\n30\n0\n10\n",
		// The event of thirty, and the unmet need.
		"15/01/2026 14:00\nMatinée Place à l'Emploi\nLa Ruche\n2,00\n30\n30\n5\noui\n", "Comptabilité\n3\n",
		"page 1 / ",
	} {
		if !strings.Contains(pdfText, want) {
			t.Errorf("the PDF does not show %q", want)
		}
	}
	for _, never := range []string{"Atelier annulé", "Atelier à venir"} {
		if strings.Contains(pdfText, never) {
			t.Errorf("the PDF counts %q", never)
		}
	}

	wb, err := excelize.OpenReader(bytes.NewReader(fileNamed(t, res, ".xlsx").Data))
	if err != nil {
		t.Fatal(err)
	}
	if got := wb.GetSheetList(); strings.Join(got, "|") != "Synthèse|Par lieu|Par mois|Par équipe d'animation|Événements tenus|Besoins sans réponse" {
		t.Errorf("sheets %q", got)
	}
	cells := func(sheet string, refs ...string) string {
		var out []string
		for _, ref := range refs {
			v, err := wb.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, v)
		}
		return strings.Join(out, "|")
	}
	// Synthèse: title lines, a blank line, the header on row 5, figures from row 6.
	if got := cells("Synthèse", "A1", "A2", "A3", "A5", "B6", "B7", "B8", "B10", "B11", "B12", "B14", "B15", "B18", "B19", "B21"); got !=
		"Réseau des tiers-lieux de la Drôme|Rapport d'activité|Cofinancé par l'Union européenne — FSE+ et Département de la Drôme|Indicateur|46023|46112|60|60|150|435|40|10|15|0.71|2" {
		// 46023 = 2026-01-01 and 46112 = 2026-03-31 as Excel serials.
		t.Errorf("Synthèse cells %s", got)
	}
	// Per space: header on row 1, spaces by name (La Ruche on row 6), totals on row 12 (real numbers).
	if got := cells("Par lieu", "A1", "A6", "C6", "F6", "I6", "J6", "A12", "C12", "D12", "F12", "I12", "J12", "K12"); got !=
		"Lieu|La Ruche|12|33|39|35|Total|150|60|435|147|98|10" {
		t.Errorf("Par lieu cells %s", got)
	}
	if got := cells("Par mois", "A2", "B2", "A4", "B4", "F4", "H4", "I4", "B5"); got != "46023|105|46082|15|10|0|10|150" {
		// 46082 = 2026-03-01.
		t.Errorf("Par mois cells %s", got)
	}
	if style, _ := wb.GetCellStyle("Par mois", "A2"); style == 0 {
		t.Error("months are not formatted as dates")
	}
	if got := cells("Événements tenus", "B2", "E2", "F2", "G2", "H2", "A42", "B42", "E42", "F42", "G42"); got !=
		"Matinée Place à l'Emploi|30|30|5|oui|Total|40|147|98|15" {
		t.Errorf("Événements cells %s", got)
	}

	// CSV in French: BOM, semicolons, decimal comma, formula-like titles inert.
	csvSpaces := string(fileNamed(t, res, "-spaces.csv").Data)
	mustContain(t, csvSpaces, "\ufeffLieu;Commune;Passages", "La Ruche;Crest;12;6;6;33,00;1;4;39;35;1", "Total;;150;60;60;435,00;5;40;147;98;10")
}

// The report over twelve weeks equals the weekly digests of those weeks,
// summed: check-ins, new people, events held, going, came, introductions,
// new offers and needs.
func TestReportEqualsWeeklyDigests(t *testing.T) {
	h := newHarness(t)
	buildScenario(t, h.db)
	from := day("2026-01-05")
	var sum struct{ checkins, new, held, going, came, intros, offers, seeks int }
	var lastMet int
	perSpace := map[string]int{}
	for w := range 12 {
		d := digestOf(t, h.db, testGuild, from.AddDate(0, 0, 7*w))
		sum.checkins += d.Total.Checkins
		sum.new += d.Total.New
		sum.held += len(d.Held)
		for _, e := range d.Held {
			sum.going += e.Going
			sum.came += e.Attended
		}
		sum.intros += d.IntrosMade
		sum.offers += d.NewOffers
		sum.seeks += d.NewSeeks
		lastMet = d.IntrosMet // the digest's meetings are "in all", up to the week's end
		for _, sw := range d.Spaces {
			perSpace[sw.Space.Name] += sw.Checkins
		}
	}
	var rep report.Report
	err := h.db.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		rep, err = report.Compute(context.Background(), tx, report.Period{GuildID: testGuild, From: from, To: from.AddDate(0, 0, 84), Now: at("2026-03-30 09:00")})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	tot := rep.Total
	got := [8]int{tot.Checkins, tot.New, tot.Held, tot.Going, tot.Came, tot.IntrosAccepted, tot.NewOffers, tot.NewSeeks}
	want := [8]int{sum.checkins, sum.new, sum.held, sum.going, sum.came, sum.intros, sum.offers, sum.seeks}
	if got != want {
		t.Errorf("report %v, digests summed %v", got, want)
	}
	// And both are the scenario's, by hand.
	if want != [8]int{150, 60, 40, 147, 98, 4, 2, 4} || tot.IntrosMet != lastMet || lastMet != 2 {
		t.Errorf("digests %v, meetings %d / %d", want, tot.IntrosMet, lastMet)
	}
	for _, s := range rep.Spaces {
		if s.Checkins != perSpace[s.Name] {
			t.Errorf("%s: report %d check-ins, digests %d", s.Name, s.Checkins, perSpace[s.Name])
		}
	}
}

// Only the coordination asks for a report; the dates are checked.
func TestReportRefusals(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	mustContain(t, text(h.do(alice, "c", "digest report", "from", "2026-01-01", "to", "2026-03-31")), "coordination")
	for _, tc := range [][2]string{{"2026-03-31", "2026-01-01"}, {"hier", "2026-01-01"}, {"2020-01-01", "2026-01-01"}} {
		res := h.do(coord, "c", "digest report", "from", tc[0], "to", tc[1])
		if len(res.Files) != 0 {
			t.Errorf("%v: files", tc)
		}
		mustContain(t, text(res), "3 years at most")
	}
	// An empty network still gets its documents.
	res := h.do(coord, "c", "digest report", "from", "2026-01-01", "to", "2026-01-31")
	if len(res.Files) != 8 {
		t.Errorf("%d files for an empty month", len(res.Files))
	}
	mustContain(t, pdftext.Text(fileNamed(t, res, ".pdf").Data), "Réseau de tiers-lieux", "Rapport d'activité", "\n0\npassages")
}
