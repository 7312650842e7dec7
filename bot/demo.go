package bot

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// The demo network: ten spaces strung from Valence to Rémuzat, modelled on
// the Drôme's tiers-lieux, and a fortnight of their life — check-ins, events
// (a series, one full with a waitlist, attendance recorded), skills and an
// introduction. It is a console script: every row comes from the commands a
// coordinator, an animator or a member would type, never from SQL, so the
// demo only shows what the bot really does.

// demoSpace is one space of the demo network.
type demoSpace struct {
	name, town, channel, role, closes string
	capacity                          int
	animator                          string
}

var demoSpaces = []demoSpace{
	{"La Fabrique", "Valence", "la-fabrique", "animation-fabrique", "19h, 17h le samedi, fermé le dimanche", 20, "Yannick"},
	{"Le Cube", "Livron-sur-Drôme", "le-cube", "animation-cube", "18h30", 12, "Inès"},
	{"La Ruche", "Crest", "la-ruche", "animation-ruche", "18h30 le mardi, 17h sinon, fermé le dimanche", 15, "Nadia"},
	{"Les Ateliers", "Saillans", "les-ateliers", "animation-ateliers", "18h, fermé le dimanche", 10, "Mathis"},
	{"Le Tiers-Lieu du Diois", "Die", "diois", "animation-diois", "18h", 14, "Sophie"},
	{"L'Usine", "Bourdeaux", "l-usine", "animation-usine", "lun-ven 18h, sam 12h, fermé le dimanche", 8, "Karim"},
	{"L'Escale", "Dieulefit", "l-escale", "animation-escale", "18h", 10, "Léa"},
	{"Le Moulin", "Nyons", "le-moulin", "animation-moulin", "19h", 16, "Hugo"},
	{"La Cabane numérique", "Buis-les-Baronnies", "la-cabane", "animation-cabane", "17h", 6, "Manon"},
	{"Le Relais", "Rémuzat", "le-relais", "animation-relais", "midi le samedi, 18h sinon, fermé le dimanche", 6, "Rémi"},
}

// demoMembers are the coworkers; member i lives near space i % 10.
var demoMembers = []string{
	"Alice", "Bruno", "Chloé", "David", "Emma", "Farid", "Gaëlle", "Hélène", "Ismaël", "Julie",
	"Kévin", "Laure", "Malik", "Noémie", "Olivier", "Pauline", "Quentin", "Rose", "Samir", "Théo",
	"Ursula", "Victor", "Wafa", "Xavier", "Yasmine", "Zoé", "Anaïs", "Baptiste", "Céline", "Damien",
}

// demoOffers: who offers what (member index, skill, level).
var demoOffers = []struct {
	member       int
	skill, level string
}{
	{0, "Développement web", "expert"}, {1, "Soudure", "expert"}, {2, "Comptabilité", "intermediate"},
	{3, "Impression 3D", "expert"}, {4, "Graphisme", "intermediate"}, {5, "Financement participatif", "expert"},
	{6, "Couture", "expert"}, {7, "Photographie", "intermediate"}, {8, "Électronique", "intermediate"},
	{9, "Menuiserie", "expert"}, {10, "Découpe laser", "intermediate"}, {11, "Rédaction", "expert"},
	{12, "Traduction anglais", "expert"}, {13, "Montage vidéo", "beginner"}, {14, "Réseaux sociaux", "intermediate"},
	{15, "Comptabilité", "expert"}, {16, "Développement web", "beginner"}, {21, "Soudure", "intermediate"},
}

// demoSeeks: who looks for what (member index, skill).
var demoSeeks = []struct {
	member int
	skill  string
}{
	{17, "Financement participatif"}, {18, "Soudure"}, {19, "Comptabilité"}, {20, "Graphisme"},
	{22, "Développement web"}, {23, "Impression 3D"}, {24, "Jardinage"}, {25, "Plomberie"},
}

// demoEvent is one event of the fortnight: created by the space's animator
// on day created (0 = the first Monday), at start (a French phrasing, as an
// animator types it).
type demoEvent struct {
	space            int
	created          int
	title, start     string
	capacity, repeat string
	going            []int // members answering "going", in this order
}

var demoEvents = []demoEvent{
	{1, 0, "Permanence numérique", "mardi 14h-17h", "", "weekly", []int{11, 21}},
	{0, 0, "Initiation impression 3D", "mercredi 14h-17h", "6", "", []int{0, 10, 20, 3, 13, 23, 5, 15}},
	{2, 0, "Matinée Place à l'Emploi", "jeudi 9h-12h", "", "", []int{2, 12, 22}},
	{3, 1, "Café des tiers-lieux", "vendredi 17h-19h", "", "", []int{3, 13, 23, 9}},
	{4, 3, "Atelier couture zéro déchet", "lundi 14h-16h30", "10", "", []int{4, 14, 24, 6}},
	{7, 4, "Hackathon des Baronnies", "samedi 9h-18h", "30", "", []int{7, 17, 27, 8, 18, 28, 0}},
	{9, 7, "Tiers-lieux hors les murs : marché de Rémuzat", "jeudi 10h-12h", "", "", []int{9, 19, 29}},
	// Announced on the demo's last day, for the days to come.
	{0, lastDay, "Atelier découpe laser", "mardi prochain 14h-17h", "8", "", []int{10, 3}},
	{2, lastDay, "Matinée Place à l'Emploi", "jeudi prochain 9h-12h", "", "", []int{2}},
}

// lastDay stands for the demo's last day, whatever its length.
const lastDay = -1

// demoLabels are the console words that depend on the language.
type demoLabels struct{ going, accept, introAsk string }

func demoLabelsFor(lang string) demoLabels {
	if lang == "en" {
		return demoLabels{going: "Going", accept: "Accept", introAsk: "Ask"}
	}
	return demoLabels{going: "Je viens", accept: "Accepter", introAsk: "Demander"}
}

// DemoStart is when the demo begins for a console started at now: the
// Monday 08:00 (Paris) at least thirteen days before, so that two weeks of
// activity (up to three when today is late in the week) end today.
func DemoStart(now time.Time, loc *time.Location) time.Time {
	d := now.In(loc)
	d = time.Date(d.Year(), d.Month(), d.Day(), 8, 0, 0, 0, loc).AddDate(0, 0, -13)
	for d.Weekday() != time.Monday {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// DemoScript returns the console lines that build the demo network from
// start (a Monday 08:00) over fourteen days, then move the clock on to end,
// with the coordinator as the console's first user. The check-ins follow a fixed seed: the same demo
// every time.
func DemoScript(start, end time.Time, lang, coordinator string) []string {
	lb := demoLabelsFor(lang)
	rng := rand.New(rand.NewPCG(2026, 26))
	var s []string
	add := func(format string, args ...any) { s = append(s, fmt.Sprintf(format, args...)) }
	var last time.Time
	clock := func(t time.Time) { // the console's clock only moves forward
		if t.After(last) {
			add(":clock %s", t.Format("2006-01-02 15:04"))
			last = t
		}
	}
	as := func(name string) { add(":as %s", name) }

	add("# Réseau de démonstration : dix tiers-lieux de Valence à Rémuzat")
	as(coordinator + " coordinator")
	add("/setup language:%s announce_channel:#annonces digest_channel:#bilan coordinator_role:@coordination funding_mention:%q", lang,
		"Cofinancé par l'Union européenne (FSE+) et le Département de la Drôme")
	for _, sp := range demoSpaces {
		add("/space add name:%q town:%q channel:#%s animator_role:@%s capacity:%d closes_at:%q", sp.name, sp.town, sp.channel, sp.role, sp.capacity, sp.closes)
	}
	for i, m := range demoMembers {
		as(m)
		add(":channel #%s", demoSpaces[i%len(demoSpaces)].channel)
		add("/profile edit home_space:%q", demoSpaces[i%len(demoSpaces)].name)
	}
	for _, o := range demoOffers {
		as(demoMembers[o.member])
		add("/skill offer skill:%q level:%s", o.skill, o.level)
	}
	for _, k := range demoSeeks {
		as(demoMembers[k.member])
		add("/skill seek skill:%q", k.skill)
	}
	// An introduction: Rose looks for crowdfunding help and asks Farid, who accepts.
	as(demoMembers[17])
	add("/skill find skill:%q", "Financement participatif")
	add(":click %s", lb.introAsk)
	as(demoMembers[5])
	add(":click %s", lb.accept)

	days := 14
	for start.AddDate(0, 0, days).Before(end) && days < 21 {
		days++ // up to the console's day: the demo ends today
	}
	for day := 0; day < days; day++ {
		date := start.AddDate(0, 0, day)
		for _, ev := range demoEvents {
			if ev.created != day && !(ev.created == lastDay && day == days-1) {
				continue
			}
			clock(date.Add(30 * time.Minute)) // 08:30: animators prepare the week
			sp := demoSpaces[ev.space]
			as(fmt.Sprintf("%s animator:%q", sp.animator, sp.name))
			add(":channel #%s", sp.channel)
			cmd := fmt.Sprintf("/event create space:%q", sp.name)
			if ev.repeat != "" {
				cmd += " repeat:" + ev.repeat + " count:2"
			}
			add("%s", cmd)
			form := fmt.Sprintf(":form title=%q start=%q", ev.title, ev.start)
			if ev.capacity != "" {
				form += " capacity=" + ev.capacity
			}
			add("%s", form)
			for _, m := range ev.going {
				as(demoMembers[m])
				add(":click %s", lb.going)
			}
		}
		if day == 3 {
			// The full workshop was yesterday: its animator records who came.
			clock(date.Add(45 * time.Minute))
			sp := demoSpaces[demoEvents[1].space]
			as(fmt.Sprintf("%s animator:%q", sp.animator, sp.name))
			add(":channel #%s", sp.channel)
			add("/event attendance event:%q", demoEvents[1].title)
			var came []string
			for _, m := range demoEvents[1].going[:5] {
				came = append(came, demoMembers[m])
			}
			add(":select %s", strings.Join(came, ", "))
		}
		if date.Weekday() == time.Sunday {
			continue
		}
		// Check-ins: a third of the members come to their home space,
		// most check out, some forget and are checked out at closing.
		arrive := date.Add(time.Hour + time.Duration(rng.IntN(60))*time.Minute)
		if !arrive.Before(end) && day >= 14 {
			break // today, before anyone has come
		}
		clock(arrive)
		var present []int
		for i, m := range demoMembers {
			if rng.IntN(3) != 0 || (date.Weekday() == time.Saturday && rng.IntN(2) == 0) {
				continue
			}
			as(m)
			where := i % len(demoSpaces)
			if rng.IntN(6) == 0 { // now and then, the neighbouring space
				where = (where + 1) % len(demoSpaces)
			}
			add(":channel #%s", demoSpaces[where].channel)
			add("/checkin")
			present = append(present, i)
		}
		leave := date.Add(7*time.Hour + 30*time.Minute) // from 15:30, before any closing time
		if date.Weekday() == time.Saturday {
			leave = date.Add(3 * time.Hour) // from 11:00: some close at noon
		}
		leave = leave.Add(time.Duration(rng.IntN(45)) * time.Minute)
		if !leave.Before(end) && day >= 14 {
			continue // today: those who came are still there
		}
		clock(leave)
		for _, i := range present {
			if rng.IntN(4) == 0 {
				continue // forgets: the closing-time check-out takes over
			}
			as(demoMembers[i])
			add("/checkout")
		}
	}
	clock(end) // up to the console's own time
	as(coordinator + " coordinator")
	return s
}
