package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// dayRow is one visit_days row, its people sorted (a multiset).
type dayRow struct {
	Checkins, New, Cross, Stays, AutoOuts int
	StaySecs                              int64
	People                                string
}

// visitDays reads visit_days, or (rebuilt) sums the visits as migration
// 0023 does: the triggers must keep the first equal to the second.
func visitDays(t *testing.T, tx *Tx, rebuilt bool) map[string]dayRow {
	t.Helper()
	ctx := context.Background()
	q := `SELECT space_id, day, checkins, first_ever, cross_visits, stay_secs, stays, auto_outs,
		coalesce((SELECT group_concat(people, '') FROM visit_people p WHERE p.space_id = d.space_id AND p.day = d.day), '')
		FROM visit_days d
		UNION ALL SELECT space_id, day, -1, 0, 0, 0, 0, 0, '' FROM visit_people p -- people without a day: a defect
		WHERE NOT EXISTS (SELECT 1 FROM visit_days d WHERE d.space_id = p.space_id AND d.day = p.day)`
	if rebuilt {
		q = `SELECT c.space_id, tiersbot_local_day(c.at, s.timezone) AS d, count(*), sum(c.first_ever),
			sum(c.home_space <> 0 AND c.home_space <> c.space_id), coalesce(sum(CASE WHEN c.out_reason <> 'closing' THEN c.out_at - c.at END), 0),
			count(CASE WHEN c.out_reason <> 'closing' THEN c.out_at END), count(CASE WHEN c.out_reason = 'closing' THEN 1 END),
			group_concat(char(31) || c.user_id, '')
			FROM checkins c JOIN spaces s ON s.id = c.space_id GROUP BY c.space_id, d`
	}
	rows, err := tx.query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]dayRow{}
	for rows.Next() {
		var space, day int64
		var r dayRow
		if err := rows.Scan(&space, &day, &r.Checkins, &r.New, &r.Cross, &r.StaySecs, &r.Stays, &r.AutoOuts, &r.People); err != nil {
			t.Fatal(err)
		}
		ids := strings.Split(r.People, "\x1f")
		slices.Sort(ids)
		r.People = strings.Join(ids, ",")
		out[fmt.Sprintf("space %d, %s", space, time.Unix(day, 0).UTC().Format(time.DateTime))] = r
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// visitMonths reads visit_months with their people (sorted, a multiset:
// a person twice would show), or (rebuilt) each space's distinct visitors
// per local month, from the visits themselves.
func visitMonths(t *testing.T, tx *Tx, rebuilt bool) map[string]string {
	t.Helper()
	q := `SELECT space_id, month, people, coalesce((SELECT group_concat(people, '') FROM visit_month_people p
			WHERE p.space_id = m.space_id AND p.month = m.month), '') FROM visit_months m
		UNION ALL SELECT space_id, month, -1, '' FROM visit_month_people p -- people without a month: a defect
		WHERE NOT EXISTS (SELECT 1 FROM visit_months m WHERE m.space_id = p.space_id AND m.month = p.month)`
	if rebuilt {
		q = `SELECT space_id, m, count(*), group_concat(char(31) || user_id, '') FROM (SELECT DISTINCT c.space_id,
			tiersbot_local_month(c.at, s.timezone) AS m, c.user_id FROM checkins c JOIN spaces s ON s.id = c.space_id) GROUP BY space_id, m`
	}
	rows, err := tx.query(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var space, month int64
		var n int
		var people string
		if err := rows.Scan(&space, &month, &n, &people); err != nil {
			t.Fatal(err)
		}
		ids := strings.Split(people, "\x1f")
		slices.Sort(ids)
		out[fmt.Sprintf("space %d, %s", space, time.Unix(month, 0).UTC().Format(time.DateTime))] = fmt.Sprintf("%d: %s", n, strings.Join(ids, ","))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkDays fails unless visit_days holds exactly the sums of the visits,
// and the week's figures from it are those read from the visits.
func checkDays(t *testing.T, db *DB, step string, spaces []int64, from, to time.Time, bounds *[10]time.Time) {
	t.Helper()
	ctx := context.Background()
	err := db.Read(ctx, func(tx *Tx) error {
		kept, rebuilt := visitDays(t, tx, false), visitDays(t, tx, true)
		for k, r := range rebuilt {
			if kept[k] != r {
				t.Errorf("%s: visit_days %s = %+v, the visits sum to %+v", step, k, kept[k], r)
			}
		}
		for k, r := range kept {
			if _, ok := rebuilt[k]; !ok {
				t.Errorf("%s: visit_days %s = %+v, no visit that day", step, k, r)
			}
		}
		if kept, rebuilt := visitMonths(t, tx, false), visitMonths(t, tx, true); fmt.Sprint(kept) != fmt.Sprint(rebuilt) {
			t.Errorf("%s: visit_months\n%v\nthe visits give\n%v", step, kept, rebuilt)
		}
		got, err := tx.VisitStats(ctx, spaces, from, to, bounds)
		if err != nil {
			return err
		}
		want := map[int64]SpaceVisits{}
		if err := tx.visitStats(ctx, want, spaces, from, to, bounds); err != nil {
			return err
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: figures %v, from the visits %v", step, got, want)
		}
		n, err := tx.DistinctVisitors(ctx, spaces, from, to)
		if err != nil {
			return err
		}
		var m int
		if err := tx.queryRow(ctx, `SELECT count(DISTINCT user_id) FROM checkins WHERE space_id IN (SELECT value FROM json_each(?1)) AND at >= ?2 AND at < ?3`,
			jsonIDs(spaces), from.Unix(), to.Unix()).Scan(&m); err != nil {
			return err
		}
		if n != m {
			t.Errorf("%s: %d distinct visitors, from the visits %d", step, n, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Every path that changes a visit keeps the daily sums exact: check-in,
// check-out, closing time and its correction, a move, /privacy forget,
// retention's anonymisation, a space moved to another zone, a space deleted.
func TestVisitDaysFollowEveryChange(t *testing.T) {
	ctx := context.Background()
	paris, _ := time.LoadLocation("Europe/Paris")
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, paris)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// The week of Monday 13 April 2026 in Paris, days as the digest takes them.
	from, to := at("2026-04-13 00:00"), at("2026-04-20 00:00")
	var bounds [10]time.Time
	for k := range bounds {
		bounds[k] = time.Date(2026, 4, 12+k, 0, 0, 0, 0, paris)
	}
	db := rawDB(t, 0,
		`INSERT INTO spaces(id, guild_id, name, name_key, town, timezone, created_at) VALUES
			(1, 'g', 'A', 'a', 'T', 'Europe/Paris', 0), (2, 'g', 'B', 'b', 'T', 'Europe/Paris', 0), (3, 'g', 'C', 'c', 'T', 'America/Guadeloupe', 0)`)
	spaces := []int64{1, 2, 3}
	check := func(step string) { checkDays(t, db, step, spaces, from, to, &bounds) }
	write := func(step string, fn func(tx *Tx) error) {
		t.Helper()
		if err := db.Write(ctx, fn); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		check(step)
	}
	checkIn := func(tx *Tx, user string, space int64, when time.Time) (Checkin, error) {
		if _, err := tx.TouchMember(ctx, "g", user, user, "fr", when); err != nil {
			return Checkin{}, err
		}
		return tx.CheckIn(ctx, Checkin{GuildID: "g", SpaceID: space, UserID: user, At: when})
	}
	var aliceTue, bobTue Checkin
	write("check-ins and check-outs", func(tx *Tx) error {
		c, err := checkIn(tx, "alice", 1, at("2026-04-13 09:00"))
		if err != nil {
			return err
		}
		if err := tx.CheckOut(ctx, c.ID, at("2026-04-13 12:00"), OutManual); err != nil {
			return err
		}
		if aliceTue, err = checkIn(tx, "alice", 1, at("2026-04-14 10:00")); err != nil {
			return err
		}
		if err := tx.CheckOut(ctx, aliceTue.ID, at("2026-04-14 19:00"), OutClosing); err != nil {
			return err
		}
		if bobTue, err = checkIn(tx, "bob", 1, at("2026-04-14 11:00")); err != nil {
			return err
		}
		return nil
	})
	write("a move", func(tx *Tx) error {
		if err := tx.CheckOut(ctx, bobTue.ID, at("2026-04-14 12:00"), OutMoved); err != nil {
			return err
		}
		c, err := checkIn(tx, "bob", 2, at("2026-04-14 12:00"))
		if err != nil {
			return err
		}
		return tx.CheckOut(ctx, c.ID, at("2026-04-14 19:00"), OutClosing)
	})
	write("a correction", func(tx *Tx) error {
		ok, err := tx.CorrectCheckout(ctx, aliceTue.ID, "alice", at("2026-04-14 13:00"))
		if err == nil && !ok {
			err = fmt.Errorf("not corrected")
		}
		return err
	})
	write("another zone, the last hour of the week, the week after", func(tx *Tx) error {
		if _, err := checkIn(tx, "carol", 3, at("2026-04-15 16:00")); err != nil {
			return err
		}
		open, err := tx.OpenCheckin(ctx, "g", "carol")
		if err != nil {
			return err
		}
		if err := tx.CheckOut(ctx, open.ID, at("2026-04-15 18:00"), OutManual); err != nil {
			return err
		}
		if _, err := checkIn(tx, "carol", 1, at("2026-04-19 23:30")); err != nil {
			return err
		}
		c, err := checkIn(tx, "alice", 2, at("2026-04-20 09:00"))
		if err != nil {
			return err
		}
		return tx.CheckOut(ctx, c.ID, at("2026-04-20 10:00"), OutManual)
	})
	// By hand: A had alice Monday (3 h) and Tuesday (closing time corrected
	// to 3 h), bob Tuesday (1 h, moved on to B), carol Sunday 23:30 (still
	// in, first visit at C, so from elsewhere): 4 visits, 3 people, 2 new, 1
	// from another space, 3 stays of 7 h.
	err := db.Read(ctx, func(tx *Tx) error {
		var v Visitors
		stats, err := tx.VisitStatsWith(ctx, &v, []int64{1, 2}, from, to, &bounds)
		if err != nil {
			return err
		}
		a := stats[1]
		want := SpaceVisits{Checkins: 4, People: 3, New: 2, Cross: 1, StaySecs: 7 * 3600, Stays: 3, ByDay: [9]int{0, 1, 2, 0, 0, 0, 0, 1, 0}}
		if a != want {
			t.Errorf("A's week %+v, want %+v", a, want)
		}
		if b := stats[2]; b.Checkins != 1 || b.People != 1 || b.AutoOuts != 1 || b.Stays != 0 || b.Cross != 1 {
			t.Errorf("B's week %+v, want bob's one visit, checked out at closing time", b)
		}
		if !v.Complete() || v.Count() != 3 {
			t.Errorf("A and B: %d people (complete %v), want alice, bob, carol", v.Count(), v.Complete())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	write("a busy day", func(tx *Tx) error {
		for i := range 300 {
			user := fmt.Sprintf("u%d", i%150)
			c, err := checkIn(tx, user, 1, at("2026-04-16 08:00").Add(time.Duration(i)*time.Minute))
			if err != nil {
				return err
			}
			if err := tx.CheckOut(ctx, c.ID, c.At.Add(30*time.Second), OutManual); err != nil {
				return err
			}
		}
		return nil
	})
	err = db.Read(ctx, func(tx *Tx) error {
		var chunks, most int
		err := tx.queryRow(ctx, `SELECT count(*), max(length(people) - length(replace(people, char(31), ''))) FROM visit_people
			WHERE space_id = 1 AND day = ?`, at("2026-04-16 00:00").Unix()).Scan(&chunks, &most)
		if err == nil && (chunks != 3 || most != 128) {
			t.Errorf("300 visits in %d chunks of at most %d, want 3 of at most 128", chunks, most)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// The months' people (visit_months): each once, whatever the visits do.
	write("one of two visits the same month deleted", func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM checkins WHERE id = (SELECT min(id) FROM checkins WHERE user_id = 'u3')`)
		return err
	})
	write("the last one deleted", func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM checkins WHERE user_id = 'u3'`)
		return err
	})
	write("a visit moved to the month before", func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE checkins SET at = ?, out_at = ? WHERE id = ?`, at("2026-03-31 23:30").Unix(), at("2026-03-31 23:45").Unix(), aliceTue.ID)
		return err
	})
	write("the last evening of April, then moved past midnight into May", func(tx *Tx) error {
		c, err := checkIn(tx, "erin", 1, at("2026-04-30 23:30"))
		if err != nil {
			return err
		}
		if err := tx.CheckOut(ctx, c.ID, at("2026-04-30 23:50"), OutManual); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE checkins SET at = ?, out_at = ? WHERE id = ?`, at("2026-05-01 00:30").Unix(), at("2026-05-01 00:50").Unix(), c.ID)
		return err
	})
	write("a visit given to someone who came that month already, and one to someone new", func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE checkins SET user_id = 'u5' WHERE id = (SELECT min(id) FROM checkins WHERE user_id = 'u6')`); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `UPDATE checkins SET user_id = 'zoe' WHERE id = (SELECT max(id) FROM checkins WHERE user_id = 'u8')`)
		return err
	})
	write("a visit moved to another space", func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE checkins SET space_id = 2 WHERE id = (SELECT min(id) FROM checkins WHERE user_id = 'u9')`)
		return err
	})
	err = db.Read(ctx, func(tx *Tx) error {
		var n int
		err := tx.queryRow(ctx, `SELECT people FROM visit_months WHERE space_id = 1 AND month = ?`, at("2026-04-01 00:00").Unix()).Scan(&n)
		// By hand: alice (Monday; her Tuesday moved to March), carol
		// (Sunday), u0-u149 but u3 (deleted), zoe: bob moved on to B the
		// same day he came to A, so he counts at A too: 1 + 1 + 149 + 1 + 1.
		if err == nil && n != 153 {
			t.Errorf("A's April: %d people, want 153", n)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	write("forget on a busy day", func(tx *Tx) error {
		_, err := tx.ForgetMember(ctx, "g", "u7", ForgottenPrefix+"u7", at("2026-04-20 12:00"))
		return err
	})
	write("forget", func(tx *Tx) error {
		_, err := tx.ForgetMember(ctx, "g", "carol", ForgottenPrefix+"c", at("2026-04-20 12:00"))
		return err
	})
	write("old visits", func(tx *Tx) error {
		for _, h := range []string{"09:00", "14:00"} {
			c, err := checkIn(tx, "dave", 1, at("2024-01-10 "+h))
			if err != nil {
				return err
			}
			if err := tx.CheckOut(ctx, c.ID, c.At.Add(time.Hour), OutManual); err != nil {
				return err
			}
		}
		return nil
	})
	write("retention", func(tx *Tx) error {
		_, err := tx.AnonymizeBatch(ctx, "g", time.Time{}, at("2025-01-01 00:00"), 100)
		return err
	})
	// dave's two old visits are two people now, as two anonymised visits.
	err = db.Read(ctx, func(tx *Tx) error {
		jan := at("2024-01-10 00:00")
		stats, err := tx.VisitStats(ctx, []int64{1}, jan, jan.AddDate(0, 0, 1), nil)
		if err != nil {
			return err
		}
		if s := stats[1]; s.Checkins != 2 || s.People != 2 {
			t.Errorf("anonymised day %+v, want 2 visits by 2 people", s)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	write("a space moved to another zone", func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE spaces SET timezone = 'America/Guadeloupe' WHERE id = 2`)
		return err
	})
	write("and back", func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE spaces SET timezone = 'Europe/Paris' WHERE id = 2`)
		return err
	})
	write("a space deleted", func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM spaces WHERE id = 2`)
		return err
	})
}

// Migration 0023 sums the visits already there, in each space's zone.
func TestVisitDaysBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := open(ctx, path, 22, DefaultTuning())
	if err != nil {
		t.Fatal(err)
	}
	// 2026-04-14 21:30 UTC is Tuesday 23:30 in Paris and 17:30 in Guadeloupe;
	// 22:30 UTC is already Wednesday in Paris.
	tue := time.Date(2026, 4, 14, 21, 30, 0, 0, time.UTC).Unix()
	err = old.Write(ctx, func(tx *Tx) error {
		for _, q := range []string{
			`INSERT INTO spaces(id, guild_id, name, name_key, town, timezone, created_at) VALUES (1, 'g', 'A', 'a', 'T', 'Europe/Paris', 0), (2, 'g', 'B', 'b', 'T', 'America/Guadeloupe', 0)`,
			`INSERT INTO checkins(guild_id, space_id, user_id, at, out_at, out_reason, first_ever, home_space) VALUES
				('g', 1, 'alice', ?1, ?1 + 600, 'manual', 1, 1), ('g', 1, 'alice', ?1 + 3600, ?1 + 7200, 'closing', 0, 1),
				('g', 1, 'bob', ?1 + 3600, NULL, '', 1, 2), ('g', 2, 'bob', ?1, ?1 + 60, 'moved', 0, 2)`,
		} {
			if _, err := tx.tx.ExecContext(ctx, q, tue); err != nil {
				return err
			}
		}
		return nil
	})
	old.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Read(ctx, func(tx *Tx) error {
		got := visitDays(t, tx, false)
		want := map[string]dayRow{
			"space 1, 2026-04-13 22:00:00": {Checkins: 1, New: 1, StaySecs: 600, Stays: 1, People: ",alice"},
			"space 1, 2026-04-14 22:00:00": {Checkins: 2, New: 1, Cross: 1, AutoOuts: 1, People: ",alice,bob"},
			"space 2, 2026-04-14 04:00:00": {Checkins: 1, StaySecs: 60, Stays: 1, People: ",bob"},
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("visit_days after the migration:\n%v\nwant\n%v", got, want)
		}
		// Migration 0028: alice twice and bob at A, bob at B, all in April.
		months := visitMonths(t, tx, false)
		wantMonths := map[string]string{"space 1, 2026-03-31 22:00:00": "2: ,alice,bob", "space 2, 2026-04-01 04:00:00": "1: ,bob"}
		if fmt.Sprint(months) != fmt.Sprint(wantMonths) {
			t.Errorf("visit_months after the migration:\n%v\nwant\n%v", months, wantMonths)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestLocalDay(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	for _, c := range []struct {
		at, want time.Time
	}{
		{time.Date(2026, 10, 25, 23, 15, 0, 0, paris), time.Date(2026, 10, 25, 0, 0, 0, 0, paris)}, // the 25-hour day
		{time.Date(2026, 10, 26, 0, 0, 0, 0, paris), time.Date(2026, 10, 26, 0, 0, 0, 0, paris)},
		{time.Date(2026, 3, 29, 3, 30, 0, 0, paris), time.Date(2026, 3, 29, 0, 0, 0, 0, paris)}, // the 23-hour day
		{time.Date(2026, 3, 28, 23, 59, 59, 0, paris), time.Date(2026, 3, 28, 0, 0, 0, 0, paris)},
	} {
		if got := localDay(c.at.Unix(), paris); got != c.want.Unix() {
			t.Errorf("localDay(%s) = %s, want %s", c.at, time.Unix(got, 0).In(paris), c.want)
		}
	}
}

// A month is its 1st's midnight to the next 1st's, in the space's zone.
func TestLocalMonth(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	for _, c := range []struct {
		at, month, next time.Time
	}{
		// 00:30 on 1 April in Paris is still 31 March in UTC.
		{time.Date(2026, 4, 1, 0, 30, 0, 0, paris), time.Date(2026, 4, 1, 0, 0, 0, 0, paris), time.Date(2026, 5, 1, 0, 0, 0, 0, paris)},
		{time.Date(2026, 3, 31, 23, 59, 0, 0, paris), time.Date(2026, 3, 1, 0, 0, 0, 0, paris), time.Date(2026, 4, 1, 0, 0, 0, 0, paris)},
		{time.Date(2026, 12, 31, 12, 0, 0, 0, paris), time.Date(2026, 12, 1, 0, 0, 0, 0, paris), time.Date(2027, 1, 1, 0, 0, 0, 0, paris)},
	} {
		if got := localMonth(c.at.Unix(), paris); got != c.month.Unix() {
			t.Errorf("localMonth(%v) = %v, want %v", c.at, time.Unix(got, 0).In(paris), c.month)
		}
		if got := nextMonth(c.at.Unix(), paris); got != c.next.Unix() {
			t.Errorf("nextMonth(%v) = %v, want %v", c.at, time.Unix(got, 0).In(paris), c.next)
		}
	}
}
