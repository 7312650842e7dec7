package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// CheckInMember (the check-in's two statements) leaves the member and the
// visit as TouchMember then CheckIn (four) did: a new member, one seen but
// never checked in, one checked in before, a locale left empty.
func TestCheckInMemberAsTouchThenCheckIn(t *testing.T) {
	ctx := context.Background()
	now := time.Unix(1_776_000_000, 0)
	type step struct {
		user, name, locale string
		space              int64
		at                 time.Time
	}
	steps := []step{
		{"alice", "Alice", "fr", 1, now},                       // new
		{"alice", "Alice B.", "", 2, now.Add(time.Hour)},       // known, locale kept, moved on
		{"bob", "Bob", "en", 2, now.Add(2 * time.Hour)},        // seen before, never checked in
		{"carol", "Carol", "fr", 1, now.Add(3 * time.Hour)},    // a profile's home space
		{"alice", "Alice", "en", 1, now.Add(26 * time.Hour)},   // the next day
		{"bob", "Bobby", "", 1, now.Add(27 * time.Hour)},       // from another home space, locale kept
		{"dave", "Dave", "", 2, now.Add(28 * time.Hour)},       // new, no locale
		{"carol", "Carol", "fr", 2, now.Add(29 * time.Hour)},   // away from home
		{"carol", "Caro", "de", 1, now.Add(29*time.Hour + 60)}, // back home
	}
	run := func(fused bool) string {
		db := rawDB(t, 0,
			`INSERT INTO spaces(id, guild_id, name, name_key, town, created_at) VALUES (1, 'g', 'A', 'a', 'T', 0), (2, 'g', 'B', 'b', 'T', 0)`,
			`INSERT INTO members(guild_id, user_id, display_name, locale, first_seen, last_seen) VALUES ('g', 'bob', 'B', 'fr', 5, 5), ('g', 'carol', 'C', 'fr', 5, 5)`,
			`INSERT INTO member_profiles(guild_id, user_id, home_space_id) VALUES ('g', 'carol', 2)`)
		err := db.Write(ctx, func(tx *Tx) error {
			for _, s := range steps {
				if open, err := tx.OpenCheckin(ctx, "g", s.user); err == nil {
					if err := tx.CheckOut(ctx, open.ID, s.at, OutMoved); err != nil {
						return err
					}
				}
				c := Checkin{GuildID: "g", SpaceID: s.space, UserID: s.user, At: s.at}
				var err error
				if fused {
					_, err = tx.CheckInMember(ctx, c, s.name, s.locale)
				} else if _, err = tx.TouchMember(ctx, "g", s.user, s.name, s.locale, s.at); err == nil {
					_, err = tx.CheckIn(ctx, c)
				}
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var out string
		err = db.Read(ctx, func(tx *Tx) error {
			for _, q := range []string{
				`SELECT user_id, display_name, locale, last_space_id, first_seen, last_seen, first_checkin_at, first_checkin_space FROM members ORDER BY user_id`,
				`SELECT id, space_id, user_id, at, out_at, out_reason, first_ever, home_space FROM checkins ORDER BY id`,
				`SELECT group_concat(first_ever || '/' || home_space, ' ') FROM (SELECT * FROM checkins ORDER BY id)`,
			} {
				rows, err := tx.query(ctx, q)
				if err != nil {
					return err
				}
				cols, _ := rows.Columns()
				for rows.Next() {
					vals := make([]any, len(cols))
					ptrs := make([]any, len(cols))
					for i := range vals {
						ptrs[i] = &vals[i]
					}
					if err := rows.Scan(ptrs...); err != nil {
						rows.Close()
						return err
					}
					out += fmt.Sprintln(vals...)
				}
				rows.Close()
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	want, got := run(false), run(true)
	if got != want {
		t.Errorf("CheckInMember left\n%s\nTouchMember and CheckIn left\n%s", got, want)
	}
	// And by hand: each visit's first in the network and home space (a
	// profile's, else the first space checked in at, else this one).
	if want := "1/1 0/1 1/2 1/2 0/1 0/2 1/2 0/2 0/2\n"; !strings.HasSuffix(got, want) {
		t.Errorf("first visits and home spaces: %s, want %s", got[strings.LastIndex(got[:len(got)-1], "\n")+1:], want)
	}
}
