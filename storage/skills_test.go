package storage

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// The in-memory skill lists follow every change, including counts changed
// by a member's offer and a merge, and a rolled-back change leaves no trace.
func TestSkillListsFollowChanges(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Unix(1_776_000_000, 0)
	list := func() string {
		t.Helper()
		var out []string
		err := db.Read(ctx, func(tx *Tx) error {
			skills, err := tx.Skills(ctx, "g", 0)
			for _, s := range skills {
				out = append(out, fmt.Sprintf("%s:%d/%d", s.Key, s.Offers, s.Seeks))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(out)
		return strings.Join(out, " ")
	}
	offer := func(user, key, kind string) func(*Tx) error {
		return func(tx *Tx) error {
			s, err := tx.EnsureSkill(ctx, "g", key, key, now)
			if err != nil {
				return err
			}
			_, err = tx.SetMemberSkill(ctx, MemberSkill{GuildID: "g", UserID: user, Skill: s, Kind: kind}, now)
			return err
		}
	}
	if got := list(); got != "" {
		t.Fatalf("empty network lists %q", got)
	}
	steps := []struct {
		fn   func(*Tx) error
		want string
	}{
		{offer("a", "soudure", Offer), "soudure:1/0"},
		{offer("b", "soudure", Seek), "soudure:1/1"},
		{offer("b", "python", Offer), "python:1/0 soudure:1/1"},
		{func(tx *Tx) error { offer("c", "go", Offer)(tx); return errors.New("changed my mind") }, "python:1/0 soudure:1/1"},
		{func(tx *Tx) error {
			p, err := tx.SkillByKey(ctx, "g", "python")
			if err != nil {
				return err
			}
			s, err := tx.SkillByKey(ctx, "g", "soudure")
			if err != nil {
				return err
			}
			return tx.MergeSkills(ctx, p.ID, s.ID)
		}, "soudure:2/1"},
	}
	for i, st := range steps {
		list() // cached before the change
		db.Write(ctx, st.fn)
		if got := list(); got != st.want {
			t.Errorf("step %d: %q, want %q", i, got, st.want)
		}
	}
}
