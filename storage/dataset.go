package storage

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// Scale sizes a generated network, for benchmarks and load tests.
type Scale struct {
	Name     string
	Spaces   int
	Members  int
	Checkins int // over the Days before Now
	Events   int // spread over Days before and 60 days after Now
	Skills   int // member skill entries (offers and needs)
	RSVPs    int // answers per event, on average
	Days     int
	Register int // participant register entries (people not on Discord)
	Walkins  int // their presences at events, in the register
	Projects int // projects, with their stages, people, offers and news
}

// Profiles: a whole country's network, and the Drôme's for quick runs.
var (
	National = Scale{Name: "national", Spaces: 3500, Members: 150_000, Checkins: 20_000_000, Events: 40_000, Skills: 300_000, RSVPs: 12, Days: 365,
		Register: 120_000, Walkins: 400_000, Projects: 12_000}
	Small = Scale{Name: "small", Spaces: 10, Members: 300, Checkins: 20_000, Events: 170, Skills: 600, RSVPs: 8, Days: 365,
		Register: 300, Walkins: 1_500, Projects: 30}
)

// DatasetSpec says what to generate: the same Seed gives the same data.
type DatasetSpec struct {
	Scale
	GuildID  string
	Seed     uint64
	Now      time.Time
	Fold     func(string) string // the commands' name folding (space and event keys)
	SkillKey func(string) string // the commands' skill name key
	Progress func(stage string, done, total int)
}

// GenMember is the user id of generated member i.
func GenMember(i int) string { return strconv.Itoa(300_000_000_000_000_000 + i) }

var (
	genTowns  = []string{"Crest", "Die", "Valence", "Dieulefit", "Nyons", "Rémuzat", "Saillans", "Montélimar", "Romans", "Buis-les-Baronnies", "Lyon", "Grenoble", "Tulle", "Guéret", "Aurillac", "Mende", "Foix", "Auch", "Lannion", "Redon"}
	genKinds  = []string{"La Ruche", "Le Fab Lab", "La Fabrique", "L'Atelier", "Le Hub", "La Cordée", "Le Tiers-Lieu", "La Grange", "L'Usine", "Le Local"}
	genSkills = []string{"Soudure", "Couture", "Python", "Comptabilité", "Impression 3D", "Découpe laser", "Menuiserie", "Photographie", "Montage vidéo", "Graphisme",
		"WordPress", "Réseaux sociaux", "Électronique", "Arduino", "Raspberry Pi", "Jardinage", "Permaculture", "Apiculture", "Cuisine", "Mécanique vélo",
		"Recherche d'emploi", "CV", "Anglais", "Espagnol", "Allemand", "Traduction", "Rédaction", "Droit du travail", "Gestion de projet", "Facilitation",
		"Animation d'atelier", "Linux", "Excel", "Canva", "Figma", "JavaScript", "Go", "C++", "C#", "SQL", "Modélisation 3D", "Broderie", "Tricot",
		"Céramique", "Sérigraphie", "Illustration", "Musique", "Son", "Podcast", "Théâtre"}
	genLevels = []string{"", "débutant", "à l'aise", "expert"}
	genEvents = []string{"Repair café", "Atelier CV", "Matinée emploi", "Initiation impression 3D", "Hackathon", "Formation découpe laser", "Café numérique", "Atelier couture", "Soirée jeux", "Permanence administrative"}
)

// Generate fills an empty database with a deterministic network of the
// spec's size, in large transactions (it bypasses the per-action code: that
// is what the benchmarks then measure).
func (db *DB) Generate(ctx context.Context, spec DatasetSpec) error {
	rng := rand.New(rand.NewPCG(spec.Seed, spec.Seed^0x9e3779b97f4a7c15))
	p := spec.Scale
	progress := spec.Progress
	if progress == nil {
		progress = func(string, int, int) {}
	}
	// A big page cache while loading: index inserts in user-id order are
	// random, and the default 2 MB cache makes them read from disk.
	if _, err := db.write.ExecContext(ctx, `PRAGMA cache_size = -400000`); err != nil {
		return err
	}
	defer db.write.ExecContext(ctx, `PRAGMA cache_size = -2000`)
	g := spec.GuildID
	now := spec.Now.Unix()
	start := spec.Now.AddDate(0, 0, -p.Days).Unix()
	err := db.Write(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO guilds(guild_id, coordinator_role, digest_channel, announce_channel, lang, timezone, created_at)
			VALUES (?, 'role-coord', '', 'chan-events', 'fr', 'Europe/Paris', ?)`, g, start) // no digest channel: the weekly job stays out of measurements
		return err
	})
	if err != nil {
		return fmt.Errorf("generate guild: %w", err)
	}
	// Spaces.
	spaceIDs := make([]int64, p.Spaces)
	err = db.bulk(ctx, p.Spaces, 5000, []string{`INSERT INTO spaces(guild_id, name, name_key, town, channel_id, animator_role, timezone, capacity, hours, created_at)
		VALUES (?, ?, ?, ?, ?, ?, 'Europe/Paris', ?, '-1,1110,1110,1110,1110,1110,720', ?)`}, func(st []*sql.Stmt, i int) error {
		town := genTowns[i%len(genTowns)]
		name := genKinds[(i/len(genTowns))%len(genKinds)] + " " + town
		if p.Spaces > len(genKinds)*len(genTowns) {
			name += " " + strconv.Itoa(i+1)
		}
		res, err := st[0].ExecContext(ctx, g, name, spec.Fold(name), town, "chan-"+strconv.Itoa(i), "role-anim-"+strconv.Itoa(i), 10+rng.IntN(40), start)
		if err == nil {
			spaceIDs[i], err = res.LastInsertId()
		}
		progress("spaces", i+1, p.Spaces)
		return err
	})
	if err != nil {
		return fmt.Errorf("generate spaces: %w", err)
	}
	// Members, each with a home space.
	home := make([]int64, p.Members)
	err = db.bulk(ctx, p.Members, 20000, []string{`INSERT INTO members(guild_id, user_id, display_name, locale, first_seen, last_seen, last_space_id) VALUES (?, ?, ?, 'fr', ?, ?, ?)`,
		`INSERT INTO member_profiles(guild_id, user_id, home_space_id) VALUES (?, ?, ?)`}, func(st []*sql.Stmt, i int) error {
		home[i] = spaceIDs[rng.IntN(len(spaceIDs))]
		seen := start + rng.Int64N(now-start)
		_, err := st[0].ExecContext(ctx, g, GenMember(i), "Membre "+strconv.Itoa(i), seen, now, home[i])
		if err == nil {
			_, err = st[1].ExecContext(ctx, g, GenMember(i), home[i])
		}
		progress("members", i+1, p.Members)
		return err
	})
	if err != nil {
		return fmt.Errorf("generate members: %w", err)
	}
	// Check-ins, in time order like real ones: mostly at the member's home
	// space, weekdays busier, all checked out. (Their daily sums, visit_days,
	// are filled by the triggers of migration 0023 as they go in.)
	perDay := p.Checkins / p.Days
	seen := make([]bool, p.Members)
	err = db.bulk(ctx, perDay*p.Days, 50000, []string{`INSERT INTO checkins(guild_id, space_id, user_id, at, out_at, out_reason, first_ever, home_space) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`}, func(st []*sql.Stmt, i int) error {
		day := start + int64(i/perDay)*86400
		m := rng.IntN(p.Members)
		space := home[m]
		if rng.IntN(100) < 15 {
			space = spaceIDs[rng.IntN(len(spaceIDs))]
		}
		// Arrivals spread from 7:00 to 12:00 in insertion order, so the first
		// inserted visit of a member is also their first in time.
		at := day + 7*3600 + int64(i%perDay)*5*3600/int64(perDay)
		out, reason := at+3600+rng.Int64N(7*3600), "manual"
		if rng.IntN(4) == 0 {
			reason = "closing"
		}
		first := !seen[m]
		seen[m] = true
		_, err := st[0].ExecContext(ctx, g, space, GenMember(m), at, out, reason, first, home[m])
		if i%1_000_000 == 0 {
			progress("check-ins", i, perDay*p.Days)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("generate check-ins: %w", err)
	}
	err = db.Write(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `UPDATE members SET
			first_checkin_at = (SELECT c.at FROM checkins c WHERE c.guild_id = members.guild_id AND c.user_id = members.user_id ORDER BY c.at, c.id LIMIT 1),
			first_checkin_space = (SELECT c.space_id FROM checkins c WHERE c.guild_id = members.guild_id AND c.user_id = members.user_id ORDER BY c.at, c.id LIMIT 1)`)
		return err
	})
	if err != nil {
		return fmt.Errorf("generate first check-ins: %w", err)
	}
	// Events (one series each) and their answers.
	end := spec.Now.AddDate(0, 0, 60).Unix()
	err = db.bulk(ctx, p.Events, 10000, []string{`INSERT INTO event_series(guild_id, space_id, organizer_id, created_at) VALUES (?, ?, ?, ?)`,
		`INSERT INTO events(guild_id, series_id, space_id, title, title_key, organizer_id, organizer_name, start_at, end_at, capacity)
			VALUES (?, ?, ?, ?, ?, ?, 'Animation', ?, ?, ?)`}, func(st []*sql.Stmt, i int) error {
		title := genEvents[rng.IntN(len(genEvents))]
		at := start + rng.Int64N(end-start)
		at -= at % 1800
		space, organizer := spaceIDs[rng.IntN(len(spaceIDs))], GenMember(rng.IntN(p.Members))
		res, err := st[0].ExecContext(ctx, g, space, organizer, at-14*86400)
		if err != nil {
			return err
		}
		series, _ := res.LastInsertId()
		_, err = st[1].ExecContext(ctx, g, series, space, title, spec.Fold(title), organizer, at, at+7200, rng.IntN(3)*10)
		progress("events", i+1, p.Events)
		return err
	})
	if err != nil {
		return fmt.Errorf("generate events: %w", err)
	}
	statuses := []string{"going", "going", "going", "maybe", "no"}
	err = db.bulk(ctx, p.Events*p.RSVPs, 50000, []string{`INSERT INTO rsvps(event_id, guild_id, user_id, user_name, status, since, attended)
		SELECT ?1, ?2, ?3, ?4, ?5, start_at - 86400, CASE WHEN end_at < ?6 AND ?5 = 'going' THEN ?7 END FROM events WHERE id = ?1
		ON CONFLICT DO NOTHING`}, func(st []*sql.Stmt, i int) error {
		m := rng.IntN(p.Members)
		_, err := st[0].ExecContext(ctx, int64(i/p.RSVPs+1), g, GenMember(m), "Membre "+strconv.Itoa(m), statuses[rng.IntN(len(statuses))], now, rng.IntN(5) > 0)
		if i%10000 == 0 {
			progress("answers", i, p.Events*p.RSVPs)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("generate answers: %w", err)
	}
	// Skills: a vocabulary of base skills and variants, used with a skew
	// (a few very common, a long tail), offered 60%, sought 40%.
	vocab := make([]string, 0, len(genSkills)*20)
	for _, s := range genSkills {
		vocab = append(vocab, s)
	}
	for v := 2; len(vocab) < max(len(genSkills), p.Skills/60); v++ {
		for _, s := range genSkills {
			vocab = append(vocab, s+" "+strconv.Itoa(v))
		}
	}
	skillIDs := make([]int64, len(vocab))
	err = db.bulk(ctx, len(vocab), 10000, []string{`INSERT INTO skills(guild_id, key, display, created_at) VALUES (?, ?, ?, ?)`}, func(st []*sql.Stmt, i int) error {
		res, err := st[0].ExecContext(ctx, g, spec.SkillKey(vocab[i]), vocab[i], start)
		if err == nil {
			skillIDs[i], err = res.LastInsertId()
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("generate skills: %w", err)
	}
	err = db.bulk(ctx, p.Skills, 50000, []string{`INSERT INTO member_skills(guild_id, user_id, skill_id, kind, level, note, created_at) VALUES (?, ?, ?, ?, ?, '', ?)
		ON CONFLICT DO NOTHING`}, func(st []*sql.Stmt, i int) error {
		// Squaring a uniform draw favours the first skills of the vocabulary.
		f := rng.Float64()
		k := int(f * f * float64(len(vocab)))
		kind := "offer"
		if rng.IntN(10) < 4 {
			kind = "seek"
		}
		_, err := st[0].ExecContext(ctx, g, GenMember(rng.IntN(p.Members)), skillIDs[k], kind, genLevels[rng.IntN(len(genLevels))], start+rng.Int64N(now-start))
		if i%10000 == 0 {
			progress("skills", i, p.Skills)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("generate member skills: %w", err)
	}
	if err := db.generatePeople(ctx, spec, rng, spaceIDs); err != nil {
		return err
	}
	// Table statistics for the planner, but not the per-value samples of
	// sqlite_stat4: with them SQLite re-prepares a statement each time a
	// bound value changes, which cost a check-in a third of its write time.
	_, err = db.write.ExecContext(ctx, `ANALYZE; DELETE FROM sqlite_stat4; ANALYZE sqlite_schema`)
	return err
}

// bulk calls row n times with the statements prepared, batch rows per transaction.
func (db *DB) bulk(ctx context.Context, n, batch int, stmts []string, row func([]*sql.Stmt, int) error) error {
	for lo := 0; lo < n; lo += batch {
		err := db.Write(ctx, func(tx *Tx) error {
			sts := make([]*sql.Stmt, len(stmts))
			for i, q := range stmts {
				st, err := tx.tx.PrepareContext(ctx, q)
				if err != nil {
					return err
				}
				defer st.Close()
				sts[i] = st
			}
			for i := lo; i < min(n, lo+batch); i++ {
				if err := row(sts, i); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// BaselineInserts commits n single-row INSERT transactions on the writer
// connection (same settings as the bot's) into a scratch table, and returns
// the rate: the ceiling for anything that writes one row per transaction.
func (db *DB) BaselineInserts(ctx context.Context, n int) (perSecond float64, err error) {
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS bench_baseline (id INTEGER PRIMARY KEY, guild_id TEXT NOT NULL, user_id TEXT NOT NULL, at INTEGER NOT NULL)`); err != nil {
		return 0, err
	}
	defer db.write.ExecContext(ctx, `DROP TABLE bench_baseline`)
	start := time.Now()
	for i := range n {
		err := db.Write(ctx, func(tx *Tx) error {
			_, err := tx.tx.ExecContext(ctx, `INSERT INTO bench_baseline(guild_id, user_id, at) VALUES (?, ?, ?)`, "g", GenMember(i), i)
			return err
		})
		if err != nil {
			return 0, err
		}
	}
	return float64(n) / time.Since(start).Seconds(), nil
}
