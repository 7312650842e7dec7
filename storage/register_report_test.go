package storage

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// reportScenario: a week from ?1 (Monday 2 March 2026) in three spaces, with
// members, shared events and register entries. Every expected figure in the
// tests below is counted by hand from these rows.
func reportScenario(t *testing.T) (*DB, time.Time) {
	base := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	db := rawDB(t, base.Unix(),
		`INSERT INTO spaces(id, guild_id, name, name_key, town, timezone, created_at) VALUES
			(1, 'g', 'La Ruche', 'la ruche', 'Crest', 'UTC', 0), (2, 'g', 'Fab Lab', 'fab lab', 'Valence', 'UTC', 0), (3, 'g', 'Le Quai', 'le quai', 'Die', 'UTC', 0)`,
		`INSERT INTO checkins(guild_id, space_id, user_id, at, out_at) VALUES
			('g', 1, 'alice', ?1 + 3600, ?1 + 7200),              -- in the week
			('g', 1, 'alice', ?1 - 10 * 86400, ?1 - 10 * 86400 + 60), -- before: alice is not new
			('g', 2, 'bob', ?1 + 2 * 86400, ?1 + 2 * 86400 + 60),  -- bob's first ever: new
			('g', 1, 'carol', ?1 - 3 * 86400, ?1 - 3 * 86400 + 60), -- before only: not counted
			('h', 1, 'zed', ?1 + 3600, ?1 + 7200)`, // another network
		`INSERT INTO event_series(id, guild_id, space_id, repeat, organizer_id, created_at) VALUES (1, 'g', 1, '', 'anim1', 0)`,
		`INSERT INTO events(id, guild_id, series_id, space_id, title, title_key, organizer_id, organizer_name, start_at, end_at, cancelled_at) VALUES
			(1, 'g', 1, 1, 'Matinée emploi', 'matinee emploi', 'anim1', '', ?1 + 86400, ?1 + 86400 + 7200, NULL),
			(2, 'g', 1, 2, 'Atelier CV', 'atelier cv', 'anim2', '', ?1 + 3 * 86400, ?1 + 3 * 86400 + 3600, NULL),
			(3, 'g', 1, 3, 'Annulé', 'annule', 'anim1', '', ?1 + 4 * 86400, ?1 + 4 * 86400 + 3600, ?1),
			(4, 'g', 1, 1, 'Plus tard', 'plus tard', 'anim1', '', ?1 + 10 * 86400, ?1 + 10 * 86400 + 3600, NULL),
			(5, 'g', 1, 3, 'Sans type', 'sans type', '', '', ?1 + 5 * 86400, ?1 + 5 * 86400 + 3600, NULL),
			(6, 'g', 1, 1, 'Après maintenant', 'apres', 'anim1', '', ?1 + 6 * 86400 + 43200, ?1 + 6 * 86400 + 46800, NULL)`,
		`INSERT INTO event_type_of(event_id, type_key) VALUES (1, 'employment'), (2, 'digital'), (3, 'digital'), (4, 'digital'), (6, 'digital')`,
		// Event 1 is shared with the Fab Lab and co-animated by anim2.
		`INSERT INTO event_hosts(event_id, guild_id, space_id, user_id) VALUES (1, 'g', 2, ''), (1, 'g', 0, 'anim2'), (1, 'g', 1, '')`,
		`INSERT INTO rsvps(event_id, guild_id, user_id, user_name, status, since, attended) VALUES
			(1, 'g', 'dave', 'Dave', 'going', ?1, 1),  -- dave's only activity: new
			(2, 'g', 'alice', 'Alice', 'going', ?1, 1),
			(2, 'g', 'erin', 'Erin', 'going', ?1, 0)`, // did not come
		`INSERT INTO register_entries(id, guild_id, name, name_key, user_id, created_at, erased_at) VALUES
			(1, 'g', 'Marie Dupont', 'marie dupont', '', 0, NULL),
			(2, 'g', 'Jean Martin', 'jean martin', 'bob', 0, NULL), -- turned out to be bob
			(3, 'g', 'Zoé Roux', 'zoe roux', '', 0, NULL),
			(5, 'g', 'Paul Blanc', 'paul blanc', '', 0, NULL),
			(6, 'g', '', '', '', 0, ?1)`, // erased on request: still came
		`INSERT INTO register_attendance(guild_id, entry_id, event_id, space_id, day, at, added_at) VALUES
			('g', 1, 1, 1, '2026-03-03', ?1 + 86400, 0),
			('g', 2, 0, 3, '2026-03-04', ?1 + 2 * 86400 + 43200, 0),
			('g', 3, 0, 2, '2026-02-10', ?1 - 20 * 86400, 0),    -- Zoé came before: not new
			('g', 3, 2, 2, '2026-03-05', ?1 + 3 * 86400, 0),
			('g', NULL, 0, 1, '2026-03-04', ?1 + 2 * 86400, 0),  -- link cut by retention: its own person
			('g', 5, 0, 3, '2026-03-10', ?1 + 8 * 86400, 0),     -- after the week
			('g', 6, 5, 3, '2026-03-07', ?1 + 5 * 86400, 0)`,
		`INSERT INTO register_fields(id, guild_id, name, name_key, purpose, choices, created_at, removed_at) VALUES
			(1, 'g', 'Demandeur d''emploi', 'demandeur d''emploi', 'Rapport FSE+', 'oui|non', 0, NULL),
			(2, 'g', 'Tranche d''âge', 'tranche d''age', 'Rapport FSE+', '<26|26-54|55+', 0, NULL),
			(3, 'g', 'Ancien', 'ancien', 'fini', '', 0, ?1)`,
		`INSERT INTO register_values(entry_id, field_id, value) VALUES
			(1, 1, 'oui'), (1, 2, '55+'), (1, 3, 'x'), (2, 1, 'non'), (3, 1, 'oui'), (5, 1, 'oui')`,
	)
	return db, base
}

func TestPeopleReached(t *testing.T) {
	db, base := reportScenario(t)
	week := base.AddDate(0, 0, 7)
	for _, c := range []struct {
		name   string
		spaces []int64
		want   PeopleCounts
	}{
		// alice, bob (and his register entry), dave, Marie, Zoé, the cut
		// link, the erased entry; new: bob, dave, Marie, the cut link, the erased.
		{"network", nil, PeopleCounts{People: 7, New: 5, NotOnDiscord: 4}},
		// bob's check-in; dave and Marie at event 1 (co-organised); alice and Zoé at event 2.
		{"Fab Lab", []int64{2}, PeopleCounts{People: 5, New: 3, NotOnDiscord: 2}},
		// bob through his register entry; the erased entry at event 5.
		{"Le Quai", []int64{3}, PeopleCounts{People: 2, New: 2, NotOnDiscord: 1}},
		// alice, dave and Marie at event 1, the cut link.
		{"La Ruche", []int64{1}, PeopleCounts{People: 4, New: 3, NotOnDiscord: 2}},
		{"no space", []int64{}, PeopleCounts{}},
	} {
		var got PeopleCounts
		err := db.Read(context.Background(), func(tx *Tx) error {
			var err error
			got, err = tx.PeopleReached(context.Background(), "g", c.spaces, base, week)
			return err
		})
		if err != nil || got != c.want {
			t.Errorf("%s: %+v (%v), want %+v", c.name, got, err, c.want)
		}
	}
}

func TestRegisterFieldCountsInAggregate(t *testing.T) {
	db, base := reportScenario(t)
	var got []FieldCount
	err := db.Read(context.Background(), func(tx *Tx) error {
		var err error
		got, err = tx.RegisterFieldCounts(context.Background(), "g", nil, base, base.AddDate(0, 0, 7))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Entries of the week: Marie, Jean (bob), Zoé; Paul came later, the
	// erased entry has no answers left, field 3 is removed.
	want := []string{"Demandeur d'emploi=oui:2", "Demandeur d'emploi=non:1", "Tranche d'âge=55+:1", "Tranche d'âge=:2"}
	var have []string
	for _, c := range got {
		have = append(have, fmt.Sprintf("%s=%s:%d", c.Field, c.Value, c.People))
	}
	if !reflect.DeepEqual(have, want) {
		t.Errorf("field counts\n got %v\nwant %v", have, want)
	}
}

func TestEventsHeldBreakdown(t *testing.T) {
	db, base := reportScenario(t)
	now := base.AddDate(0, 0, 6) // event 6 starts after now; event 4 after the week
	var got HeldEvents
	err := db.Read(context.Background(), func(tx *Tx) error {
		var err error
		got, err = tx.EventsHeldBreakdown(context.Background(), "g", base, base.AddDate(0, 0, 7), now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Held: 1 (shared), 2, 5 (organiser forgotten, no type); 3 is cancelled.
	if got.Total != 3 || got.Shared != 1 {
		t.Errorf("total %d shared %d, want 3 and 1", got.Total, got.Shared)
	}
	if want := map[string]int{"employment": 1, "digital": 1, "": 1}; !reflect.DeepEqual(got.ByType, want) {
		t.Errorf("by type %v, want %v", got.ByType, want)
	}
	// Event 1 counts for La Ruche and the Fab Lab (its own space listed again
	// as a host counts once).
	if want := map[int64]int{1: 1, 2: 2, 3: 1}; !reflect.DeepEqual(got.BySpace, want) {
		t.Errorf("by space %v, want %v", got.BySpace, want)
	}
	if want := map[string]int{"anim1": 1, "anim2": 2}; !reflect.DeepEqual(got.ByAnimator, want) {
		t.Errorf("by animator %v, want %v", got.ByAnimator, want)
	}
	if len(got.Events) != 3 || !reflect.DeepEqual(got.Events[0].Spaces, []int64{1, 2}) || !reflect.DeepEqual(got.Events[0].Animators, []string{"anim1", "anim2"}) {
		t.Errorf("events %+v", got.Events)
	}
}

// The register under the members' privacy rules: a linked entry is in the
// member's export and erased with them; retention cuts old presences from
// the person and deletes entries nothing counts any more; figures stay.
func TestRegisterExportForgetRetention(t *testing.T) {
	ctx := context.Background()
	db, base := reportScenario(t)
	err := db.Write(ctx, func(tx *Tx) error {
		d, err := tx.ExportMember(ctx, "g", "bob")
		if err != nil {
			return err
		}
		if len(d.Register) != 1 || d.Register[0]["name"] != "Jean Martin" || len(d.RegisterDays) != 1 ||
			len(d.RegisterAnswers) != 1 || d.RegisterAnswers[0]["value"] != "non" || d.RegisterAnswers[0]["purpose"] != "Rapport FSE+" {
			t.Errorf("bob's export: %+v %+v %+v", d.Register, d.RegisterDays, d.RegisterAnswers)
		}
		if _, err := tx.ForgetMember(ctx, "g", "bob", ForgottenPrefix+"x", base.AddDate(0, 0, 9)); err != nil {
			return err
		}
		if _, err := tx.RegisterEntry(ctx, "g", 2); err != ErrNotFound {
			t.Errorf("bob's entry after forgetting him: %v", err)
		}
		// Retention at base + 1 day cuts Zoé's February presence from her
		// (she keeps the March one) and the Ruche's first event's ones.
		var n int64
		for _, r := range Retention { // the register's rules only, in the policy's order
			if r.Anonymize == "" || (!strings.HasPrefix(r.Table, "register_") && r.Table != "event_hosts") {
				continue
			}
			res, err := tx.exec(ctx, r.Anonymize, "g", int64(0), base.Add(86400*time.Second+time.Second).Unix(), 100)
			if err != nil {
				return err
			}
			k, _ := res.RowsAffected()
			n += k
		}
		if n != 3 { // Zoé's February presence, Marie's at event 1, then Marie's entry (no presence left)
			t.Errorf("rows changed %d, want 3", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	_ = db.Read(ctx, func(tx *Tx) error {
		rows, err := tx.rowsAsMaps(ctx, `SELECT id, name, user_id FROM register_entries ORDER BY id`)
		for _, r := range rows {
			left = append(left, fmt.Sprint(r["id"], ":", r["name"], ":", r["user_id"]))
		}
		return err
	})
	// Marie (1) had only the cut presence: gone. Jean (2) erased, nameless.
	want := []string{"2::" + ForgottenPrefix + "x", "3:Zoé Roux:", "5:Paul Blanc:", "6::"}
	if !reflect.DeepEqual(left, want) {
		t.Errorf("entries left %v, want %v", left, want)
	}
	// Every presence still counts.
	var got PeopleCounts
	_ = db.Read(ctx, func(tx *Tx) error {
		got, err = tx.PeopleReached(ctx, "g", nil, base, base.AddDate(0, 0, 7))
		return err
	})
	// Bob's check-in and Jean's presence are still one person (his stand-in),
	// Marie's presence is its own person; Zoé, cut from her February
	// presence, now looks new, as an anonymised member's later visits do.
	if want := (PeopleCounts{People: 7, New: 6, NotOnDiscord: 4}); got != want {
		t.Errorf("after: %+v, want %+v", got, want)
	}
}
