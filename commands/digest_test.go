package commands

import (
	"bytes"
	"context"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, paris)
	if err != nil {
		panic(err)
	}
	return t
}

// digestOf computes a network's figures for the week starting at from.
func digestOf(tb testing.TB, db *storage.DB, guildID string, from time.Time) Digest {
	tb.Helper()
	var d Digest
	err := db.Read(context.Background(), func(tx *storage.Tx) error {
		g, err := tx.Guild(context.Background(), guildID)
		if err == nil {
			d, err = computeDigest(context.Background(), tx, g, from)
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// visit checks u in at space (by channel) at in, and out at out.
func (h *harness) visit(u User, channel, in, out string) {
	h.t.Helper()
	h.clock.Set(at(in))
	mustContain(h.t, text(h.do(u, channel, "checkin")), "Welcome")
	h.clock.Set(at(out))
	mustContain(h.t, text(h.do(u, channel, "checkout")), "Checked out")
}

func TestDigestFigures(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(at("2026-04-01 09:00"))
	h.setupNetwork() // La Ruche (c-ruche), Fab Lab (c-fab)
	h.do(coord, "c", "setup", "digest_channel", "c-digest", "language", "en")
	// The week before (6–12 April): Alice twice at La Ruche.
	h.visit(alice, "c-ruche", "2026-04-07 09:00", "2026-04-07 12:00")
	h.visit(alice, "c-ruche", "2026-04-08 09:00", "2026-04-08 10:00")
	// The week (13–19 April).
	h.visit(alice, "c-ruche", "2026-04-14 09:00", "2026-04-14 11:00") // home: La Ruche
	h.visit(alice, "c-fab", "2026-04-15 09:00", "2026-04-15 13:00")   // a cross-space visit
	h.visit(bob, "c-ruche", "2026-04-15 10:00", "2026-04-15 12:00")   // new
	h.visit(carol, "c-ruche", "2026-04-15 14:00", "2026-04-15 15:00") // new
	h.do(bob, "c", "skill seek", "skill", "Comptabilité")
	h.do(carol, "c", "skill seek", "skill", "comptabilite")

	d := digestOf(t, h.db, testGuild, at("2026-04-13 00:00"))
	ruche, fab := d.Spaces[0], d.Spaces[1]
	if ruche.Space.Name != "La Ruche" || ruche.Checkins != 3 || ruche.People != 3 || ruche.New != 2 || ruche.PrevCheck != 2 || ruche.AvgStay != 100*time.Minute {
		t.Errorf("La Ruche %+v", ruche)
	}
	if fab.Checkins != 1 || fab.People != 1 || fab.New != 0 || fab.AvgStay != 4*time.Hour {
		t.Errorf("Fab Lab %+v", fab)
	}
	if d.Total.Checkins != 4 || d.Total.People != 3 || d.Total.New != 2 || d.CrossVisits != 1 || d.BusiestDay != 2 {
		t.Errorf("totals %+v cross %d busiest %d", d.Total, d.CrossVisits, d.BusiestDay)
	}
	if ruche.PerDay != [7]int{0, 1, 2, 0, 0, 0, 0} {
		t.Errorf("per day %v", ruche.PerDay)
	}
	m, err := renderDigest(d, EN)
	if err != nil {
		t.Fatal(err)
	}
	all := ""
	for _, e := range m.Embeds {
		all += e.Title + "\n" + e.Description + "\n"
		for _, f := range e.Fields {
			all += f.Name + ": " + f.Value + "\n"
		}
		if e.Footer != nil {
			all += e.Footer.Text
		}
	}
	mustContain(t, all, "3 check-ins (+50 %)", "3 people, 2 new", "average stay 1h40", "4 check-ins (+100 %)", "1 visit to a space other than one's home space",
		"busiest day: Wednesday 15 April 2026", "Unmet needs", "Comptabilité (2)", "2 members seek “Comptabilité” and nobody offers it: a workshop?")
	if len(m.Files) != 1 || m.Embeds[0].Image == nil || m.Embeds[0].Image.URL != "attachment://"+m.Files[0].Name {
		t.Fatalf("chart %+v", m.Files)
	}
	if _, err := png.Decode(bytes.NewReader(m.Files[0].Data)); err != nil {
		t.Errorf("chart is not a PNG: %v", err)
	}
}

// A space in another zone counts its days in its own zone, like a weekday
// there: Monday 02:00 in Paris is still Sunday in Guadeloupe.
func TestDigestDaysInTheSpaceZone(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(at("2026-04-01 09:00"))
	h.setupNetwork()
	mustContain(t, text(h.do(coord, "c-admin", "space edit", "space", "fab", "timezone", "America/Guadeloupe")), "Guadeloupe")
	h.visit(alice, "c-fab", "2026-04-13 02:00", "2026-04-13 03:00")   // Sunday 12th, 20:00 there: the week before
	h.visit(bob, "c-fab", "2026-04-14 05:00", "2026-04-14 06:00")     // Monday 13th, 23:00 there
	h.visit(carol, "c-fab", "2026-04-19 23:00", "2026-04-19 23:30")   // Sunday 19th, 17:00 there
	h.visit(alice, "c-ruche", "2026-04-13 02:00", "2026-04-13 03:00") // Monday in Paris
	d := digestOf(t, h.db, testGuild, at("2026-04-13 00:00"))
	for _, sw := range d.Spaces {
		want := map[string][7]int{"La Ruche": {1, 0, 0, 0, 0, 0, 0}, "Fab Lab": {1, 0, 0, 0, 0, 0, 2}}[sw.Space.Name]
		if sw.PerDay != want {
			t.Errorf("%s per day %v, want %v", sw.Space.Name, sw.PerDay, want)
		}
	}
	if d.Total.PerDay != [7]int{2, 0, 0, 0, 0, 0, 2} || d.Total.Checkins != 4 {
		t.Errorf("network per day %v, %d check-ins", d.Total.PerDay, d.Total.Checkins)
	}
}

func TestDigestScheduleOnceAcrossDSTAndLate(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	h.do(coord, "c", "setup", "digest_channel", "c-digest")
	posts := func() int { return len(h.outbox(OutChannel)) }
	run := func(s string) {
		if err := h.app.PostDueDigests(context.Background(), at(s)); err != nil {
			t.Fatal(err)
		}
	}
	base := posts()
	// Monday 26 October 2026 is the first Monday of winter time.
	run("2026-10-26 07:59")
	if posts() != base+1 {
		// 07:59 still sees the previous Monday's digest (never posted): late, once.
		t.Fatalf("catch-up of the previous week: %d posts", posts()-base)
	}
	late := h.outbox(OutChannel)[base]
	mustContain(t, string(late.Payload), "en retard")
	run("2026-10-26 08:00")
	run("2026-10-26 08:05")
	if posts() != base+2 {
		t.Fatalf("%d digests after Monday 08:00, want 2", posts()-base)
	}
	last := h.outbox(OutChannel)[base+1]
	if strings.Contains(string(last.Payload), "en retard") {
		t.Error("the on-time digest says it is late")
	}
	mustContain(t, string(last.Payload), "Du lundi 19 au dimanche 25 octobre 2026")
	// Down all Monday: Tuesday noon posts it once, marked late.
	run("2026-11-03 12:00")
	run("2026-11-03 12:05")
	if posts() != base+3 {
		t.Fatalf("%d digests after the missed Monday", posts()-base)
	}
	mustContain(t, string(h.outbox(OutChannel)[base+2].Payload), "en retard")

	// Another schedule: Fridays 17:00.
	mustContain(t, text(h.do(coord, "c", "setup", "digest_schedule", "61 8 * * 1")), "can't read")
	mustContain(t, text(h.do(coord, "c", "setup", "digest_schedule", "CRON_TZ=Europe/Paris")), "can't read")
	mustContain(t, text(h.do(coord, "c", "setup", "digest_schedule", "0 17 * * 5")), "Settings saved", "`0 17 * * 5`")
	run("2026-11-13 16:59") // its last due time (6 November) covered a week already posted
	if posts() != base+3 {
		t.Error("posted before Friday 17:00")
	}
	run("2026-11-13 17:00")
	if posts() != base+4 {
		t.Error("not posted at Friday 17:00")
	}
}

func TestDigestPreviewAndExport(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(at("2026-04-01 09:00"))
	h.setupNetwork()
	h.visit(alice, "c-ruche", "2026-04-14 09:00", "2026-04-14 11:00")
	h.visit(bob, "c-fab", "2026-05-04 09:00", "2026-05-04 11:00")
	h.clock.Set(at("2026-05-20 10:00"))
	mustContain(t, text(h.do(alice, "c", "digest preview")), "Only the network's coordination")
	res := h.do(coord, "c", "digest preview", "week", "2026-04-15")
	mustContain(t, text(res), "Preview", "From Monday 13 to Sunday 19 April 2026", "1 check-in (new)")
	if len(res.Files) != 1 {
		t.Error("preview without chart")
	}
	mustContain(t, text(h.do(coord, "c", "digest preview", "week", "someday")), "Give a day of the week")

	res = h.do(coord, "c", "digest export", "from", "2026-04-01", "to", "2026-05-31")
	mustContain(t, text(res), "4 rows")
	csv := string(res.Files[0].Data)
	if !strings.HasPrefix(csv, "\ufeffLieu;Ville;Mois;Passages") {
		t.Errorf("French CSV needs a BOM and semicolons:\n%s", csv)
	}
	mustContain(t, csv, "La Ruche;Crest;2026-04;1;1;1;0;0;0", "Fab Lab;Valence;2026-05;1;1;1;0;0;0")
	h.do(coord, "c", "setup", "language", "en")
	res = h.do(coord, "c", "digest export", "from", "01/04/2026", "to", "30/04/2026")
	csv = string(res.Files[0].Data)
	if !strings.HasPrefix(csv, "Space,Town,Month,Check-ins") || strings.HasPrefix(csv, "\ufeff") {
		t.Errorf("English CSV:\n%s", csv)
	}
	mustContain(t, text(h.do(coord, "c", "digest export", "from", "2026-05-01", "to", "2026-04-01")), "Give two dates")
}

func TestDigestByDMAndSpaceSummary(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(at("2026-04-01 09:00"))
	h.setupNetwork()
	h.do(coord, "c", "setup", "digest_channel", "c-digest", "digest_dm", coord.ID)
	h.do(coord, "c", "space edit", "space", "ruche", "weekly_summary", "true")
	h.visit(alice, "c-ruche", "2026-04-14 09:00", "2026-04-14 11:00")
	if err := h.app.PostDueDigests(context.Background(), at("2026-04-20 08:00")); err != nil {
		t.Fatal(err)
	}
	var toCoord, summary int
	for _, it := range h.outbox("") {
		if it.Kind == OutDM && it.Target == coord.ID && strings.Contains(string(it.Payload), "Bilan de la semaine") {
			toCoord++
		}
		if it.Kind == OutChannel && it.Target == "c-ruche" {
			summary++
			mustContain(t, string(it.Payload), "La semaine à la **Ruche**\u00a0: 1 passage (nouveau) · 1 personne, dont 1 nouvelle · 0 événement cette semaine.")
		}
	}
	if toCoord != 1 || summary != 1 {
		t.Errorf("DM to the coordinator %d, space summaries %d", toCoord, summary)
	}
}
