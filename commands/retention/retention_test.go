package retention

import (
	"context"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/ruletest"
	"github.com/tierslieux/tiersbot/storage"
)

func TestFor(t *testing.T) {
	for _, c := range []struct {
		months int
		want   Policy
	}{
		{0, Policy{Months: 24, DMDays: 30, Batch: 2000}},
		{-3, Policy{Months: 24, DMDays: 30, Batch: 2000}},
		{1, Policy{Months: 1, DMDays: 30, Batch: 2000}},
		{36, Policy{Months: 36, DMDays: 30, Batch: 2000}},
	} {
		if got := For(storage.Guild{RetentionMonths: c.months}); got != c.want {
			t.Errorf("For(%d months) = %+v, want %+v", c.months, got, c.want)
		}
	}
	if got := Default(); got != (Policy{Months: 24, DMDays: 30, Batch: 2000}) {
		t.Errorf("Default() = %+v", got)
	}
}

func TestCutoffs(t *testing.T) {
	now := time.Date(2026, 3, 31, 3, 40, 0, 0, time.UTC)
	for _, c := range []struct {
		p          Policy
		cut, dmCut time.Time
	}{
		{Policy{Months: 24, DMDays: 30}, time.Date(2024, 3, 31, 3, 40, 0, 0, time.UTC), time.Date(2026, 3, 1, 3, 40, 0, 0, time.UTC)},
		// 31 March less one month: 3 March (February has no 31st), as AddDate does.
		{Policy{Months: 1, DMDays: 1}, time.Date(2026, 3, 3, 3, 40, 0, 0, time.UTC), time.Date(2026, 3, 30, 3, 40, 0, 0, time.UTC)},
		{Policy{Months: 12, DMDays: 3000}, time.Date(2025, 3, 31, 3, 40, 0, 0, time.UTC), time.Date(2018, 1, 12, 3, 40, 0, 0, time.UTC)}, // 8 years (2,922 days) and 78,
	} {
		if got := c.p.Cutoff(now); !got.Equal(c.cut) {
			t.Errorf("%+v: cutoff %s, want %s", c.p, got, c.cut)
		}
		if got := c.p.DMCutoff(now); !got.Equal(c.dmCut) {
			t.Errorf("%+v: DM cutoff %s, want %s", c.p, got, c.dmCut)
		}
	}
}

func TestNext(t *testing.T) {
	p := Policy{Months: 24}
	now := time.Date(2026, 4, 1, 3, 40, 0, 0, time.UTC)
	cut := time.Date(2024, 4, 1, 3, 40, 0, 0, time.UTC)
	for _, c := range []struct {
		name   string
		marker string
		from   time.Time
		due    bool
	}{
		{"never run: from the beginning", "", time.Time{}, true},
		{"unreadable marker: from the beginning", "yesterday", time.Time{}, true},
		{"done up to a day before", "2024-03-31T03:40:00Z", time.Date(2024, 3, 31, 3, 40, 0, 0, time.UTC), true},
		{"done up to the cutoff", "2024-04-01T03:40:00Z", cut, false},
		{"done past the cutoff (period lengthened)", "2025-01-01T00:00:00Z", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), false},
	} {
		pass, due := Next(p, now, c.marker)
		if due != c.due || !pass.From.Equal(c.from) || !pass.Before.Equal(cut) {
			t.Errorf("%s: %+v due %v, want from %s before %s due %v", c.name, pass, due, c.from, cut, c.due)
		}
	}
	if m := Marker(time.Date(2024, 4, 1, 5, 40, 0, 0, time.FixedZone("x", 2*3600))); m != "2024-04-01T03:40:00Z" {
		t.Errorf("marker %q", m)
	}
	if k := MarkerKey("g1"); k != "retention_done:g1" {
		t.Errorf("marker key %q", k)
	}
}

// Batches of at most Batch rows of each kind, until one changes nothing,
// which records the pass done.
func TestAnonymise(t *testing.T) {
	ctx := context.Background()
	db := ruletest.DB(t, false)
	s := ruletest.Space(t, db, "Ruche", "", "")
	cut := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, u := range []string{"alice", "bob", "carol"} {
		in := cut.Add(-time.Duration(48+i) * time.Hour)
		ruletest.Visit(t, db, u, s, in, in.Add(time.Hour), storage.OutManual)
	}
	ruletest.Visit(t, db, "dave", s, cut.Add(time.Hour), cut.Add(2*time.Hour), storage.OutManual) // after the cutoff
	// An arrival post that named Alice, delivered before the cutoff: scrubbed,
	// and the posted message handed back for deletion.
	ruletest.Write(t, db, func(tx *storage.Tx) error {
		id, _, err := tx.Enqueue(ctx, storage.OutboxItem{GuildID: ruletest.Guild, Kind: "channel", Target: "c-ruche", Payload: []byte(`{"content":"Alice"}`), Names: []string{"alice"}}, cut.Add(-72*time.Hour))
		if err != nil {
			return err
		}
		return tx.MarkSent(ctx, id, "c-ruche/m1", cut.Add(-72*time.Hour))
	})
	p := Policy{Months: 24, Batch: 2}
	pass := Pass{Before: cut}
	var changed []int64
	var deleted []string
	for range 4 {
		var st Step
		ruletest.Write(t, db, func(tx *storage.Tx) error {
			var err error
			st, err = p.Anonymise(ctx, tx, ruletest.Guild, pass)
			return err
		})
		changed = append(changed, st.Changed)
		deleted = append(deleted, st.Delete...)
		var marker string
		ruletest.Read(t, db, func(tx *storage.Tx) error {
			var err error
			marker, err = tx.Get(ctx, MarkerKey(ruletest.Guild))
			return err
		})
		if done := marker == "2026-01-01T00:00:00Z"; done != (st.Changed == 0) {
			t.Errorf("after a batch of %d: marker %q", st.Changed, marker)
		}
	}
	// Two visits and the post, then the third visit.
	if got := changed; got[0] != 3 || got[1] != 1 || got[2] != 0 || got[3] != 0 {
		t.Errorf("batches changed %v, want [3 1 0 0]", got)
	}
	if len(deleted) != 1 || deleted[0] != "c-ruche/m1" {
		t.Errorf("posts to delete %v, want [c-ruche/m1]", deleted)
	}
	ruletest.Read(t, db, func(tx *storage.Tx) error {
		for _, c := range []struct {
			user string
			kept bool
		}{{"alice", false}, {"bob", false}, {"carol", false}, {"dave", true}} {
			list, err := tx.MemberCheckins(ctx, ruletest.Guild, c.user, time.Time{}, cut.AddDate(1, 0, 0))
			if err != nil {
				return err
			}
			if (len(list) == 1) != c.kept {
				t.Errorf("%s: %d visits under their name, kept %v", c.user, len(list), c.kept)
			}
		}
		var n int
		list, err := tx.OpenCheckins(ctx)
		n = len(list)
		if n != 0 || err != nil {
			t.Errorf("open %d %v", n, err)
		}
		return nil
	})
}
