package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// Forgetting a member, read from the tables themselves: nothing of them is
// left under their id, their visits and past answers stay under the stand-in,
// their answers to events to come are withdrawn (and returned, with the seat
// they held), pending introductions closed, the outbox forgets them. Another
// member and another network are untouched.
func TestForgetMemberEveryTable(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 4, 14, 12, 0, 0, 0, time.UTC)
	db := rawDB(t, now.Unix(),
		`INSERT INTO guilds(guild_id, digest_dm, created_at) VALUES ('g', 'alice', 0), ('h', 'alice', 0)`,
		`INSERT INTO spaces(id, guild_id, name, name_key, town, timezone, created_at) VALUES (1, 'g', 'A', 'a', 'T', 'UTC', 0)`,
		`INSERT INTO members(guild_id, user_id, display_name, first_seen, last_seen) VALUES ('g', 'alice', 'Alice', 0, 0), ('g', 'bob', 'Bob', 0, 0), ('h', 'alice', 'Alice', 0, 0)`,
		`INSERT INTO member_profiles(guild_id, user_id, bio) VALUES ('g', 'alice', 'vélo'), ('g', 'bob', 'bois')`,
		`INSERT INTO member_settings(guild_id, user_id, reminders_off) VALUES ('g', 'alice', 1)`,
		`INSERT INTO skills(id, guild_id, key, display, created_at) VALUES (1, 'g', 'velo', 'Vélo', 0)`,
		`INSERT INTO member_skills(guild_id, user_id, skill_id, kind, created_at) VALUES ('g', 'alice', 1, 'offer', 0), ('g', 'bob', 1, 'seek', 0)`,
		`INSERT INTO checkins(id, guild_id, space_id, user_id, note, at, out_at) VALUES
			(1, 'g', 1, 'alice', 'bureau', ?1 - 86400, ?1 - 80000),
			(2, 'g', 1, 'alice', 'encore là', ?1 - 3600, NULL),
			(3, 'g', 1, 'bob', 'bob', ?1 - 3600, NULL)`,
		`INSERT INTO event_series(id, guild_id, space_id, repeat, organizer_id, created_at) VALUES (1, 'g', 1, '', 'alice', 0), (2, 'g', 1, '', 'bob', 0)`,
		`INSERT INTO events(id, guild_id, series_id, space_id, title, title_key, description, organizer_id, organizer_name, start_at, end_at, capacity, post_space) VALUES
			(1, 'g', 2, 1, 'Past', 'past', '', 'bob', 'Bob', ?1 - 86400, ?1 - 80000, 0, 0),
			(2, 'g', 2, 1, 'Next', 'next', '', 'bob', 'Bob', ?1 + 86400, ?1 + 90000, 1, 0),
			(3, 'g', 2, 1, 'Later', 'later', '', 'bob', 'Bob', ?1 + 2 * 86400, ?1 + 2 * 86400 + 3600, 1, 0),
			(4, 'g', 1, 1, 'Hers', 'hers', '', 'alice', 'Alice', ?1 + 3 * 86400, ?1 + 3 * 86400 + 3600, 0, 5),
			(5, 'g', 1, 1, 'Hers, not posted', 'hers2', '', 'alice', 'Alice', ?1 + 3 * 86400, ?1 + 3 * 86400 + 3600, 0, 0)`,
		`INSERT INTO rsvps(event_id, guild_id, user_id, user_name, status, since) VALUES
			(1, 'g', 'alice', 'Alice', 'going', 0), (2, 'g', 'alice', 'Alice', 'going', 0), (2, 'g', 'bob', 'Bob', 'waitlist', 1),
			(3, 'g', 'alice', 'Alice', 'waitlist', 0)`,
		`INSERT INTO intros(id, guild_id, asker_id, offerer_id, skill_id, note, status, created_at) VALUES
			(1, 'g', 'alice', 'bob', 1, 'mon vélo', 'pending', 0),
			(2, 'g', 'bob', 'alice', 1, 'ta scie', 'accepted', 0),
			(3, 'g', 'bob', 'carol', 1, 'autre', 'pending', 0)`,
		`INSERT INTO calendar_feeds(token, guild_id, space_id, created_by, created_at) VALUES ('t1', 'g', 0, 'alice', 0)`,
		`INSERT INTO kv(key, value) VALUES ('console:name:alice', 'Alice'), ('console:name:bob', 'Bob')`,
		`INSERT INTO outbox(id, guild_id, kind, target, payload, created_at, next_attempt_at, sent_at, failed_at, result_id) VALUES
			(1, 'g', 'dm', 'alice', '{"content":"rappel"}', 0, 0, NULL, NULL, ''),                 -- to her, pending: gone
			(2, 'g', 'channel', 'c', '{"content":"Alice arrive"}', 0, 0, ?1, NULL, 'c/m2'),        -- names her, posted: scrubbed, deleted
			(3, 'g', 'channel', 'c', '{"content":"Alice arrive"}', 0, 0, NULL, NULL, ''),          -- names her, pending: gone
			(4, 'g', 'channel', 'c', '{"content":"Atelier","fail_notice":{"user_id":"alice"}}', 0, 0, NULL, NULL, ''), -- warns her: notice removed
			(5, 'g', 'dm', 'alice', '{"content":"ancien"}', 0, 0, NULL, NULL, ''),                 -- to her, queued before outbox_about: gone
			(6, 'g', 'dm', 'bob', '{"content":"pour Bob"}', 0, 0, NULL, NULL, '')`, // Bob's: kept
		`INSERT INTO outbox_about(guild_id, user_id, outbox_id, how) VALUES
			('g', 'alice', 1, 'to'), ('g', 'alice', 2, 'names'), ('g', 'alice', 3, 'names'), ('g', 'alice', 4, 'notice'), ('g', 'bob', 6, 'to')`,
	)
	var f Forgotten
	err := db.Write(ctx, func(tx *Tx) error {
		var err error
		f, err = tx.ForgetMember(ctx, "g", "alice", "forgotten-x", now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var withdrawn []string
	for i, e := range f.Withdrawn {
		withdrawn = append(withdrawn, fmt.Sprintf("%d:%v", e.ID, f.WasGoing[i]))
	}
	var organised []string
	for _, e := range f.Organised {
		organised = append(organised, fmt.Sprintf("%d:%s%s", e.ID, e.OrganizerID, e.OrganizerName))
	}
	if got := strings.Join(withdrawn, " "); got != "2:true 3:false" {
		t.Errorf("withdrawn %q, want \"2:true 3:false\" (the seat at Next, the waitlist at Later)", got)
	}
	if got := strings.Join(organised, " "); got != "4:" {
		t.Errorf("organised %q, want \"4:\" (the posted one, organiser cleared)", got)
	}
	if got := strings.Join(f.Delete, " "); got != "c/m2" {
		t.Errorf("delete %q, want c/m2", got)
	}
	dump := func(q string) string {
		var out []string
		err := db.Read(ctx, func(tx *Tx) error {
			r, err := tx.query(ctx, q)
			if err != nil {
				return err
			}
			defer r.Close()
			cols, _ := r.Columns()
			for r.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := r.Scan(ptrs...); err != nil {
					return err
				}
				var parts []string
				for _, v := range vals {
					switch x := v.(type) {
					case []byte:
						parts = append(parts, string(x))
					case nil:
						parts = append(parts, "NULL")
					default:
						parts = append(parts, fmt.Sprint(x))
					}
				}
				out = append(out, strings.Join(parts, "|"))
			}
			return r.Err()
		})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(out, " ")
	}
	n := now.Unix()
	for _, c := range []struct{ q, want string }{
		{`SELECT id, user_id, note, out_at IS NOT NULL, coalesce(out_reason, '') FROM checkins ORDER BY id`,
			"1|forgotten-x||1| 2|forgotten-x||1|manual 3|bob|bob|0|"},
		{`SELECT event_id, user_id, user_name, status FROM rsvps ORDER BY event_id, user_id`, "1|forgotten-x|—|going 2|bob|Bob|waitlist"},
		{`SELECT id, asker_id, offerer_id, note, status, coalesce(answered_at, 0) FROM intros ORDER BY id`,
			fmt.Sprintf("1|forgotten-x|bob||closed|%d 2|bob|forgotten-x|ta scie|accepted|0 3|bob|carol|autre|pending|0", n)},
		{`SELECT id, organizer_id, organizer_name FROM events ORDER BY id`, "1|bob|Bob 2|bob|Bob 3|bob|Bob 4|| 5||"},
		{`SELECT id, organizer_id FROM event_series ORDER BY id`, "1| 2|bob"},
		{`SELECT token, created_by FROM calendar_feeds`, "t1|"},
		{`SELECT guild_id, digest_dm FROM guilds ORDER BY guild_id`, "g| h|alice"},
		{`SELECT guild_id, user_id FROM members ORDER BY guild_id, user_id`, "g|bob h|alice"},
		{`SELECT user_id FROM member_profiles`, "bob"},
		{`SELECT count(*) FROM member_settings`, "0"},
		{`SELECT user_id FROM member_skills`, "bob"},
		{`SELECT key FROM kv WHERE key LIKE 'console:name:%'`, "console:name:bob"},
		{`SELECT id, payload FROM outbox ORDER BY id`, `2|{} 4|{"content":"Atelier"} 6|{"content":"pour Bob"}`},
		{`SELECT user_id, outbox_id FROM outbox_about ORDER BY outbox_id`, "bob|6"},
	} {
		if got := dump(c.q); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.q, got, c.want)
		}
	}
}

// Each queued item records whom it is about, which forgetting reads: the
// recipient of a DM ("to", which wins over "names"), whom a failure would
// warn ("notice"), the members it names ("names"); never a stand-in.
func TestEnqueueTagsWhomItIsAbout(t *testing.T) {
	ctx := context.Background()
	db := rawDB(t, 0)
	now := time.Unix(1_776_000_000, 0)
	for _, c := range []struct {
		it   OutboxItem
		want string
	}{
		{OutboxItem{Kind: "dm", Target: "bob"}, "bob:to"},
		{OutboxItem{Kind: "dm", Target: "bob", Names: []string{"alice", "bob"}}, "alice:names bob:to"},
		{OutboxItem{Kind: "channel", Target: "c", Names: []string{"alice"}, Notice: "carol"}, "alice:names carol:notice"},
		{OutboxItem{Kind: "channel", Target: "c", Names: []string{"alice", "bob", "carol"}}, "alice:names bob:names carol:names"},
		{OutboxItem{Kind: "channel", Target: "bob"}, ""}, // a channel's id is nobody
		{OutboxItem{Kind: "channel", Target: "c", Names: []string{AnonPrefix + "1", ForgottenPrefix + "2"}, Notice: AnonPrefix + "3"}, ""},
		{OutboxItem{Kind: "edit", Target: "c/m", Notice: "dave"}, "dave:notice"},
	} {
		var got []string
		err := db.Write(ctx, func(tx *Tx) error {
			c.it.GuildID, c.it.Payload = "g", []byte(`{}`)
			id, _, err := tx.Enqueue(ctx, c.it, now)
			if err != nil {
				return err
			}
			rows, err := tx.query(ctx, `SELECT user_id, how FROM outbox_about WHERE outbox_id = ? ORDER BY user_id`, id)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var u, how string
				if err := rows.Scan(&u, &how); err != nil {
					return err
				}
				got = append(got, u+":"+how)
			}
			return rows.Err()
		})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%+v: about %q, want %q", c.it, strings.Join(got, " "), c.want)
		}
	}
}

// TouchMember reports a member seen for the first time, once.
func TestTouchMemberIsNewOnce(t *testing.T) {
	ctx := context.Background()
	db := rawDB(t, 0)
	now := time.Unix(1_776_000_000, 0)
	var news []bool
	err := db.Write(ctx, func(tx *Tx) error {
		for _, u := range []string{"alice", "alice", "bob", "alice"} {
			isNew, err := tx.TouchMember(ctx, "g", u, u, "fr", now)
			if err != nil {
				return err
			}
			news = append(news, isNew)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(news) != "[true false true false]" {
		t.Errorf("new: %v, want [true false true false]", news)
	}
}
