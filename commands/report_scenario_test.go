package commands

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// The network of issue 14's "done when": ten spaces, sixty members, forty
// events held in the first quarter of 2026 (one of thirty), fifteen people
// not on Discord named in the register. Every figure the tests expect is
// worked out by hand in the comments below, never by the code under test.
//
// Spaces k = 0..9 (scenarioSpaces, in that order).
//
// Members i = 0..59, home space i%10, make (i%4)+1 visits: visit w (w = 0..3)
// on the Tuesday of week 3w after Monday 5 January (6 Jan, 27 Jan, 17 Feb,
// 10 Mar), 09:00–12:00, checked out by themselves; except members 0..4,
// whose first visit the bot closed at 18:30 (a guess: not in the hours).
//
//	check-ins: 15·(1+2+3+4) = 150; people 60, all new.
//	per month: Jan w=0,1 → 60+45 = 105, Feb w=2 → 30, Mar w=3 → 15;
//	           people Jan 60, Feb 30, Mar 15; new Jan 60.
//	per space: members k, k+10, …, k+50; (k+10j)%4 = (k+2j)%4, so
//	           k even → 1,3,1,3,1,3 = 12 check-ins, k odd → 2,4,2,4,2,4 = 18.
//	hours:     (150−5)·3 = 435 h; Jan (105−5)·3 = 300, Feb 90, Mar 45;
//	           spaces 0..4 lose 3 h each: 33, 51, 33, 51, 33, then 54, 36, 54, 36, 54.
//
// Events e = 0..39 at space e%10, organised by that space's animator
// (anim-k), Thursday 14:00–16:00 of week (e/10)·3+1 (15 Jan, 5 Feb, 26 Feb,
// 19 Mar). e ≥ 1 has going members (3e+30)%60 and the next two; the first
// two came when attendance is recorded.
//
//	e0 "Matinée Place à l'Emploi": 30 going (members 0..29), 25 came
//	   (0..24), 5 named walk-ins (register R0..R4) → came 30.
//	e1..e10: 3 going, 2 came, 1 named walk-in (R5..R14) → came 3 each.
//	e11..e29: 3 going, 2 came → 2 each.
//	e30..e39: 3 going, attendance not recorded, nobody checked in → 0.
//	held 40; going 30 + 39·3 = 147; came 30 + 10·3 + 19·2 = 98;
//	named walk-ins 5 + 10 = 15, counted ones 0; not recorded 10;
//	rate over recorded events: members came 25 + 29·2 = 83 of going
//	30 + 29·3 = 117 → 70.9 % → 71 %.
//
// Shared: e20+k (k = 0..9) is co-organised by space k+1 (mod 10) and its
// animator: 10 shared events, each counted once for the network and once for
// each space. Space 0 has e0, e10, e20, e30 and co-organises e29: held 5,
// going 30+3+3+3+3 = 42, came 30+3+2+0+2 = 37; space k ≥ 1 has ek, ek+10,
// ek+20, ek+30 and e20+k−1: going 15, came 3+2+2+0+2 = 9. Each has 1 not
// recorded. Animators alike: anim-0 5 events, 42 going, 37 came, 2 shared,
// rate (25+2+2+2)/(30+3+3+3) = 31/39 → 79 %; anim-k: 15 going, 9 came,
// 8/12 → 67 %.
//
// Months: Jan e0..e9: 10 held, going 57, came 57; Feb e10..e29: 20 held,
// going 60, came 3+18+20 = 41; Mar e30..e39: 10 held, going 30, came 0, 10
// not recorded.
//
// Types: e0 employment; then e%3 = 0 digital, 1 fab-lab, 2 conviviality:
// 13 events each (3..39, 1..37, 2..38).
//
// People reached: 60 members + 15 register entries = 75, all new, 15 not on
// Discord. Per month: Jan all 60 members checked in, plus R0..R13 at
// e0..e9 → 74 (14 not on Discord); Feb: members checked in (i%4 ≥ 2: 30)
// or present at e10..e29 (members (3e+30)%60 and +1: those with i%3 ≠ 2,
// 40), together 40 + the 10 with i%3 = 2 and i%12 ∈ {2, 11} = 50, plus R14
// at e10 → 51 (1); Mar: the 15 members checked in (i%4 = 3) → 15.
// La Ruche: members 0..24 (e0), 0, 1 (e10), 30, 31 (e20), 57, 58 (e29),
// home members 0, 10, …, 50 → 25 + 30, 31, 40, 50, 57, 58 = 31, plus R0..R5
// → 37, 6 not on Discord.
//
// Register fields: "Demandeur·se d'emploi" oui for R0..R9, non for
// R10..R12, no answer for R13, R14; "Tranche d'âge" "moins de 26 ans" for
// R0..R4, "55 ans et plus" for R5..R9, no answer for R10..R14.
//
// Not counted: an event cancelled on 12 Feb (3 going), and one on 30 March,
// after the report is made on 27 March (2 going).
//
// Introductions: 4 accepted in the period (2 led to a meeting), 1 declined.
// Skills: "Comptabilité" sought by 3, offered by none (unmet); "Impression
// 3D" offered by 2, sought by 1: 2 new offers, 4 new needs.
var scenarioSpaces = [10][2]string{
	{"La Ruche", "Crest"}, {"Fab Lab", "Valence"}, {"Le Moulin", "Die"}, {"L'Atelier", "Dieulefit"}, {"La Gare", "Saillans"},
	{"Le Quai", "Livron"}, {"La Grange", "Nyons"}, {"Le Local", "Bourdeaux"}, {"La Serre", "Rémuzat"}, {"Le Fournil", "Buis-les-Baronnies"},
}

// scenarioNames: a few members in other scripts, one with an emoji.
var scenarioNames = map[int]string{0: "王小明", 1: "Łukasz Nowak", 2: "Дмитрий Петров", 3: "Zoé 🎉 Dupré"}

// scenarioAnimators animate the spaces in order; scenarioRegister are the
// people not on Discord.
var (
	scenarioAnimators = [10]string{"Nadia Benali", "Hugo Martin", "Inès Roux", "Théo Garnier", "Léa Faure", "Sami Haddad", "Maëlle Blanc", "Yanis Morel", "Chloé Vidal", "Paul Arnaud"}
	scenarioRegister  = [15]string{"Fatima Zahra", "Jean Dupont", "Marie Curie-Lopez", "Ahmed Ben Ali", "Josiane Perrin", "Gérard Moulin", "Aïcha Diallo",
		"Bernard Roche", "Monique Fabre", "René Charpin", "Sylvie Dumas", "Karim Saïdi", "Odette Brun", "Lucien Vigne", "Nathalie Rey"}
)

func scenarioMember(i int) (id, name string) {
	name = scenarioNames[i]
	if name == "" {
		name = fmt.Sprintf("Membre %02d", i)
	}
	return fmt.Sprintf("m%02d", i), name
}

func day(s string) time.Time { return at(s + " 00:00") }

// buildScenario writes the network straight into storage (through the
// commands it would take minutes); returns the spaces in order and the events.
func buildScenario(t testing.TB, db *storage.DB) ([]storage.Space, []storage.Event) {
	t.Helper()
	ctx := context.Background()
	setupAt := at("2026-01-02 09:00")
	monday := day("2026-01-05")
	var spaces []storage.Space
	var events []storage.Event
	err := db.Write(ctx, func(tx *storage.Tx) error {
		g, err := tx.Guild(ctx, testGuild)
		if err != nil {
			return err
		}
		g.Lang, g.FundingMention = "fr", "Cofinancé par l'Union européenne — FSE+ et Département de la Drôme"
		if err := tx.SaveGuild(ctx, g, setupAt); err != nil {
			return err
		}
		if err := tx.Set(ctx, networkNameKey(testGuild), "Réseau des tiers-lieux de la Drôme"); err != nil {
			return err
		}
		for k, st := range scenarioSpaces {
			s, err := tx.AddSpace(ctx, storage.Space{GuildID: testGuild, Name: st[0], Key: Fold(st[0]), Town: st[1], ChannelID: fmt.Sprintf("c-s%d", k),
				AnimatorRole: fmt.Sprintf("role-s%d", k), Timezone: "Europe/Paris"}, setupAt)
			if err != nil {
				return err
			}
			spaces = append(spaces, s)
		}
		for i := range 60 {
			id, name := scenarioMember(i)
			if _, err := tx.TouchMember(ctx, testGuild, id, name, "fr", setupAt); err != nil {
				return err
			}
			for w := range i%4 + 1 {
				in := monday.AddDate(0, 0, 21*w+1).Add(9 * time.Hour)
				c, err := tx.CheckIn(ctx, storage.Checkin{GuildID: testGuild, SpaceID: spaces[i%10].ID, UserID: id, At: in})
				if err != nil {
					return err
				}
				out, reason := in.Add(3*time.Hour), storage.OutManual
				if w == 0 && i < 5 {
					out, reason = in.Add(9*time.Hour+30*time.Minute), storage.OutClosing
				}
				if err := tx.CheckOut(ctx, c.ID, out, reason); err != nil {
					return err
				}
			}
		}
		for k, name := range scenarioAnimators {
			if _, err := tx.TouchMember(ctx, testGuild, fmt.Sprintf("anim-%d", k), name, "fr", setupAt); err != nil {
				return err
			}
		}
		jobSeeker, err := tx.AddRegisterField(ctx, storage.RegisterField{GuildID: testGuild, Name: "Demandeur·se d'emploi", NameKey: "demandeur-se-d-emploi",
			Purpose: "Le FSE+ compte les personnes en recherche d'emploi", Choices: []string{"oui", "non"}}, setupAt)
		if err != nil {
			return err
		}
		ageBand, err := tx.AddRegisterField(ctx, storage.RegisterField{GuildID: testGuild, Name: "Tranche d'âge", NameKey: "tranche-d-age",
			Purpose: "Le Département suit les publics par âge", Choices: []string{"moins de 26 ans", "26-54 ans", "55 ans et plus"}}, setupAt)
		if err != nil {
			return err
		}
		var register []storage.RegisterEntry
		for n, name := range scenarioRegister {
			entry, err := tx.AddRegisterEntry(ctx, storage.RegisterEntry{GuildID: testGuild, Name: name, NameKey: Fold(name), CreatedBy: "anim-0", Created: setupAt})
			if err != nil {
				return err
			}
			register = append(register, entry)
			job, age := "", ""
			switch {
			case n < 10:
				job = "oui"
			case n < 13:
				job = "non"
			}
			switch {
			case n < 5:
				age = "moins de 26 ans"
			case n < 10:
				age = "55 ans et plus"
			}
			if err := tx.SetRegisterValue(ctx, entry.ID, jobSeeker.ID, job); err != nil {
				return err
			}
			if err := tx.SetRegisterValue(ctx, entry.ID, ageBand.ID, age); err != nil {
				return err
			}
		}
		addEvent := func(k int, title string, start time.Time, going ...int) (storage.Event, error) {
			series, err := tx.AddSeries(ctx, testGuild, spaces[k].ID, "", fmt.Sprintf("anim-%d", k), setupAt)
			if err != nil {
				return storage.Event{}, err
			}
			e, err := tx.AddEvent(ctx, storage.Event{GuildID: testGuild, SeriesID: series, SpaceID: spaces[k].ID, Title: title, TitleKey: Fold(title),
				OrganizerID: fmt.Sprintf("anim-%d", k), OrganizerName: scenarioAnimators[k], Start: start, End: start.Add(2 * time.Hour), Capacity: 40})
			if err != nil {
				return e, err
			}
			for n, i := range going {
				id, name := scenarioMember(i)
				if err := tx.SetRSVP(ctx, storage.RSVP{EventID: e.ID, GuildID: testGuild, UserID: id, UserName: name, Status: storage.Going,
					Since: setupAt.Add(time.Duration(n) * time.Second)}); err != nil {
					return e, err
				}
			}
			return e, nil
		}
		for e := range 40 {
			start := monday.AddDate(0, 0, 7*((e/10)*3+1)+3).Add(14 * time.Hour)
			title := fmt.Sprintf("Atelier %02d", e)
			var going []int
			switch {
			case e == 0:
				title = "Matinée Place à l'Emploi"
				for i := range 30 {
					going = append(going, i)
				}
			default:
				going = []int{(3*e + 30) % 60, (3*e + 31) % 60, (3*e + 32) % 60}
			}
			ev, err := addEvent(e%10, title, start, going...)
			if err != nil {
				return err
			}
			events = append(events, ev)
			typ := [3]string{"digital", "fablab", "conviviality"}[e%3]
			if e == 0 {
				typ = "employment"
			}
			if err := tx.SetEventType(ctx, typ, ev.ID); err != nil {
				return err
			}
			if e >= 20 && e < 30 { // shared with the next space and its animator
				next := (e%10 + 1) % 10
				if _, err := tx.AddEventHost(ctx, testGuild, spaces[next].ID, "", ev.ID); err != nil {
					return err
				}
				if _, err := tx.AddEventHost(ctx, testGuild, 0, fmt.Sprintf("anim-%d", next), ev.ID); err != nil {
					return err
				}
			}
			if e >= 30 {
				continue // attendance never recorded
			}
			came := 2
			var named []storage.RegisterEntry
			if e == 0 {
				came, named = 25, register[:5]
			} else if e <= 10 {
				named = register[4+e : 5+e]
			}
			for _, entry := range named {
				if _, err := tx.AddRegisterAttendance(ctx, storage.RegisterAttendance{EntryID: entry.ID, GuildID: testGuild, EventID: ev.ID, SpaceID: ev.SpaceID,
					Day: start.Format(time.DateOnly), At: start, AddedBy: "anim-0", Added: start.Add(3 * time.Hour)}); err != nil {
					return err
				}
			}
			for n, i := range going {
				id, _ := scenarioMember(i)
				v := n < came
				if err := tx.SetAttended(ctx, ev.ID, id, &v); err != nil {
					return err
				}
			}
			// As the walk-ins form does: the count holds the named walk-ins.
			if err := tx.SetWalkins(ctx, ev.ID, len(named), start.Add(3*time.Hour)); err != nil {
				return err
			}
		}
		cancelled, err := addEvent(1, "Atelier annulé", day("2026-02-12").Add(14*time.Hour), 40, 41, 42)
		if err != nil {
			return err
		}
		if err := tx.CancelEvent(ctx, cancelled.ID, day("2026-02-10"), "neige"); err != nil {
			return err
		}
		if _, err := addEvent(2, "Atelier à venir", day("2026-03-30").Add(14*time.Hour), 43, 44); err != nil {
			return err
		}
		// Skills and introductions, all in February.
		feb := day("2026-02-02").Add(10 * time.Hour)
		compta, err := tx.EnsureSkill(ctx, testGuild, "comptabilite", "Comptabilité", feb)
		if err != nil {
			return err
		}
		print3d, err := tx.EnsureSkill(ctx, testGuild, "impression-3d", "Impression 3D", feb)
		if err != nil {
			return err
		}
		for _, ms := range []storage.MemberSkill{
			{UserID: "m10", Skill: compta, Kind: "seek"}, {UserID: "m11", Skill: compta, Kind: "seek"}, {UserID: "m12", Skill: compta, Kind: "seek"},
			{UserID: "m13", Skill: print3d, Kind: "offer"}, {UserID: "m14", Skill: print3d, Kind: "offer"}, {UserID: "m15", Skill: print3d, Kind: "seek"},
		} {
			ms.GuildID = testGuild
			if _, err := tx.SetMemberSkill(ctx, ms, feb); err != nil {
				return err
			}
		}
		for n, in := range []struct {
			asker, offerer string
			status         string
			met            bool
		}{{"m15", "m13", "accepted", true}, {"m16", "m13", "accepted", true}, {"m17", "m14", "accepted", false}, {"m18", "m14", "accepted", false}, {"m19", "m13", "declined", false}} {
			when := feb.AddDate(0, 0, 7*n)
			id, err := tx.AddIntro(ctx, storage.Intro{GuildID: testGuild, AskerID: in.asker, OffererID: in.offerer, SkillID: print3d.ID, Created: when})
			if err != nil {
				return err
			}
			if err := tx.AnswerIntro(ctx, id, in.status, when.Add(time.Hour)); err != nil {
				return err
			}
			if in.met {
				if err := tx.SetMet(ctx, id, true, true); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return spaces, events
}
