package commands

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
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
	// The CSV files travel in one zip (a message holds at most 10 files).
	zf := func() File {
		for _, f := range res.Files {
			if strings.HasSuffix(f.Name, "-csv.zip") {
				return f
			}
		}
		return File{}
	}()
	if zf.Data != nil {
		zr, err := zip.NewReader(bytes.NewReader(zf.Data), int64(len(zf.Data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range zr.File {
			if strings.HasSuffix(e.Name, suffix) {
				rc, err := e.Open()
				if err != nil {
					t.Fatal(err)
				}
				defer rc.Close()
				data, err := io.ReadAll(rc)
				if err != nil {
					t.Fatal(err)
				}
				return File{Name: e.Name, ContentType: "text/csv; charset=utf-8", Data: data}
			}
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
	if len(res.Files) != 3 {
		t.Fatalf("%d files, want PDF + XLSX + the CSVs' zip: %s", len(res.Files), text(res))
	}
	mustContain(t, res.Content, "75 people reached (15 not on Discord)", "40 events held", "attendance rate 71 %", "10 with attendance not recorded")

	pdfText := pdftext.Text(fileNamed(t, res, ".pdf").Data)
	for _, want := range []string{
		"Réseau des tiers-lieux de la Drôme", "Rapport d'activité", "Du jeudi 1er janvier 2026 au mardi 31 mars 2026",
		"Cofinancé par l'Union européenne — FSE+ et Département de la Drôme",
		// Key figures: the number, then its label.
		"\n75\npersonnes touchées", "\n75\nnouvelles personnes", "\n15\npersonnes hors Discord", "\n150\npassages", "\n435,00\nheures de présence",
		"\n40\névénements tenus", "\n10\névénements partagés", "\n71 %\ntaux de présence", "\n10\névénements sans présence",
		"\n15\npersonnes venues sans", "\n2\nrencontres issues de 4 mises", "\n1\nbesoins sans réponse",
		// Per space: reached 37 (6 not on Discord), 12 check-ins, 6 people, 6 new, 33 h, 1 automatic, 5 events, 42 going, 37 came, 1 not recorded.
		"La Ruche\nCrest\n37\n6\n12\n6\n6\n33,00\n1\n5\n42\n37\n1\n",
		"Le Fournil\nBuis-les-Baronnies\n",
		"Total\n75\n15\n150\n60\n60\n435,00\n5\n40\n147\n98\n10\n",
		// Per month.
		"janvier 2026\n74\n14\n105\n60\n60\n300,00\n10\n57\n57\n0\n", "février 2026\n51\n1\n30\n30\n0\n90,00\n20\n60\n41\n0\n",
		"mars 2026\n15\n0\n15\n15\n0\n45,00\n10\n30\n0\n10\n",
		// Per type (held, shared, going) and per animator (held, shared, going, came, named, rate).
		"Emploi / recherche d'emploi\n1\n0\n30\n30\n5\n83 %\n", "Atelier numérique\n13\n", "Formation fab-lab\n13\n", "Convivialité\n13\n",
		"Nadia Benali\n5\n2\n42\n37\n6\n79 %\n", "Hugo Martin\n5\n2\n15\n9\n1\n67 %\n",
		// The event of thirty, a shared event, the register fields, the unmet need.
		"15/01/2026 14:00\nMatinée Place à l'Emploi\nLa Ruche\nEmploi / recherche d'emploi\n2,00\n30\n30\n5\n0\noui\n",
		"26/02/2026 14:00\nAtelier 21\nFab Lab\nAtelier numérique\nLe Moulin\n",
		"Demandeur·se d'emploi\noui\n10\n", "Demandeur·se d'emploi\nnon\n3\n", "Demandeur·se d'emploi\nsans réponse\n2\n",
		"Tranche d'âge\nmoins de 26 ans\n5\n", "Tranche d'âge\n55 ans et plus\n5\n", "Tranche d'âge\nsans réponse\n5\n",
		"Comptabilité\n3\n",
		"page 1 / ",
	} {
		if !strings.Contains(pdfText, want) {
			t.Errorf("the PDF does not show %q", want)
		}
	}
	for _, never := range []string{"Atelier annulé", "Atelier à venir", "Fatima Zahra"} { // nobody is named in a report
		if strings.Contains(pdfText, never) {
			t.Errorf("the PDF shows %q", never)
		}
	}

	wb, err := excelize.OpenReader(bytes.NewReader(fileNamed(t, res, ".xlsx").Data))
	if err != nil {
		t.Fatal(err)
	}
	if got := wb.GetSheetList(); strings.Join(got, "|") != "Synthèse|Par lieu|Par mois|Par type d'événement|Par animation|Événements tenus|Champs du registre|Besoins sans réponse|Projets par lieu|Projets accompagnés" {
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
	// Synthèse: title lines, a blank line, the header on row 5, figures from row 6
	// (46023 = 2026-01-01 and 46112 = 2026-03-31 as Excel serials).
	if got := cells("Synthèse", "A1", "A2", "A3", "A5", "B6", "B7", "B8", "B9", "B10", "B11", "B13", "B14", "B16", "B17", "B18", "B19", "B20", "B21", "B22", "B23", "B25"); got !=
		"Réseau des tiers-lieux de la Drôme|Rapport d'activité|Cofinancé par l'Union européenne — FSE+ et Département de la Drôme|Indicateur|"+
			"46023|46112|75|75|15|60|150|435|40|10|10|147|98|15|0|0.71|2" {
		t.Errorf("Synthèse cells %s", got)
	}
	// Per space: header on row 1, spaces by name (La Ruche on row 6), totals on row 12 (real numbers).
	if got := cells("Par lieu", "A1", "A6", "C6", "D6", "E6", "H6", "K6", "L6", "A12", "C12", "D12", "E12", "H12", "J12", "K12", "L12", "M12"); got !=
		"Lieu|La Ruche|37|6|12|33|42|37|Total|75|15|150|435|40|147|98|10" {
		t.Errorf("Par lieu cells %s", got)
	}
	// 46082 = 2026-03-01.
	if got := cells("Par mois", "A2", "B2", "C2", "A4", "D4", "H4", "J4", "K4", "D5"); got != "46023|74|14|46082|15|10|0|10|150" {
		t.Errorf("Par mois cells %s", got)
	}
	if style, _ := wb.GetCellStyle("Par mois", "A2"); style == 0 {
		t.Error("months are not formatted as dates")
	}
	if got := cells("Événements tenus", "B2", "D2", "G2", "H2", "I2", "K2", "A42", "B42", "E42", "G42", "H42", "I42"); got !=
		"Matinée Place à l'Emploi|Emploi / recherche d'emploi|30|30|5|oui|Total|40|10|147|98|15" {
		t.Errorf("Événements cells %s", got)
	}

	// CSV in French: BOM, semicolons, decimal comma.
	csvSpaces := string(fileNamed(t, res, "-spaces.csv").Data)
	mustContain(t, csvSpaces, "\ufeffLieu;Commune;Personnes touchées", "La Ruche;Crest;37;6;12;6;6;33,00;1;5;42;37;1", "Total;;75;15;150;60;60;435,00;5;40;147;98;10")
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
	if len(res.Files) != 3 {
		t.Errorf("%d files for an empty month", len(res.Files))
	}
	mustContain(t, pdftext.Text(fileNamed(t, res, ".pdf").Data), "Réseau de tiers-lieux", "Rapport d'activité", "\n0\npassages")
}

// The network's name comes from /setup network_name.
func TestReportNetworkNameFromSetup(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	mustContain(t, text(h.do(coord, "c", "setup", "network_name", "Tiers-lieux du Diois")), "saved")
	mustContain(t, text(h.do(coord, "c", "setup", "network_name", strings.Repeat("x", 101))), "at most 100")
	res := h.do(coord, "c", "digest report", "from", "2026-01-01", "to", "2026-01-31")
	mustContain(t, pdftext.Text(fileNamed(t, res, ".pdf").Data), "Tiers-lieux du Diois\nRapport d'activité")
}

// A title typed by a member cannot become a formula in the CSV or the workbook.
func TestReportFilesInert(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	ctx := context.Background()
	const evil = "=HYPERLINK(\"http://x.example\",\"clic\")"
	err := h.db.Write(ctx, func(tx *storage.Tx) error {
		s, err := tx.SpaceByChannel(ctx, testGuild, "c-ruche")
		if err != nil {
			return err
		}
		series, err := tx.AddSeries(ctx, testGuild, s.ID, "", "", at("2026-01-02 09:00"))
		if err != nil {
			return err
		}
		_, err = tx.AddEvent(ctx, storage.Event{GuildID: testGuild, SeriesID: series, SpaceID: s.ID, Title: evil, TitleKey: "x",
			Start: at("2026-01-15 14:00"), End: at("2026-01-15 16:00")})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	res := reportFor(t, h, at("2026-02-01 09:00"), "2026-01-01", "2026-01-31")
	mustContain(t, string(fileNamed(t, res, "-events.csv").Data), "'=HYPERLINK(")
	wb, err := excelize.OpenReader(bytes.NewReader(fileNamed(t, res, ".xlsx").Data))
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := wb.GetCellFormula("Événements tenus", "B2"); f != "" {
		t.Errorf("a formula in the workbook: %q", f)
	}
	if v, _ := wb.GetCellValue("Événements tenus", "B2"); v != evil {
		t.Errorf("title cell %q", v)
	}
}

// People reached per space in one pass agree with the register's own query
// asked space by space (and with the hand-worked La Ruche: 37, 6 not on Discord).
func TestPeopleReachedBySpaceAgrees(t *testing.T) {
	h := newHarness(t)
	spaces, _ := buildScenario(t, h.db)
	ctx := context.Background()
	from, to := day("2026-01-01"), day("2026-04-01")
	err := h.db.Read(ctx, func(tx *storage.Tx) error {
		all, err := tx.PeopleReachedBySpace(ctx, testGuild, from, to)
		if err != nil {
			return err
		}
		if all[spaces[0].ID].People != 37 || all[spaces[0].ID].NotOnDiscord != 6 {
			t.Errorf("La Ruche %+v", all[spaces[0].ID])
		}
		for _, s := range spaces {
			one, err := tx.PeopleReached(ctx, testGuild, []int64{s.ID}, from, to)
			if err != nil {
				return err
			}
			if got := all[s.ID]; got.People != one.People || got.NotOnDiscord != one.NotOnDiscord {
				t.Errorf("%s: %+v in one pass, %+v alone", s.Name, got, one)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
