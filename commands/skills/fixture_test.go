package skills

import (
	"context"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/ruletest"
	"github.com/tierslieux/tiersbot/commands/skillname"
	"github.com/tierslieux/tiersbot/storage"
)

const g = ruletest.Guild

var (
	ctx  = context.Background()
	day0 = time.Date(2026, 4, 14, 9, 0, 0, 0, time.UTC)
)

// net is a small network: Crest and Die, members who offer and seek.
type net struct {
	t          *testing.T
	db         *storage.DB
	crest, die storage.Space
}

func newNet(t *testing.T) *net {
	db := ruletest.DB(t, false)
	return &net{t: t, db: db, crest: ruletest.Space(t, db, "Crest", "", ""), die: ruletest.Space(t, db, "Die", "", "")}
}

// member adds user, last seen at seen, with home space home (0: none).
func (n *net) member(user string, home int64, seen time.Time) {
	ruletest.Write(n.t, n.db, func(tx *storage.Tx) error {
		if _, err := tx.TouchMember(ctx, g, user, "N-"+user, "fr", seen); err != nil {
			return err
		}
		return tx.SaveProfile(ctx, storage.Profile{GuildID: g, UserID: user, HomeSpaceID: home})
	})
}

// hold records that user offers or seeks the skill named display.
func (n *net) hold(user string, kind Kind, display, level, note string) Skill {
	var s storage.Skill
	ruletest.Write(n.t, n.db, func(tx *storage.Tx) error {
		var err error
		if s, err = tx.EnsureSkill(ctx, g, key(display), display, day0); err != nil {
			return err
		}
		_, err = tx.SetMemberSkill(ctx, storage.MemberSkill{GuildID: g, UserID: user, Skill: s, Kind: string(kind), Level: level, Note: note}, day0)
		return err
	})
	return SkillOf(s)
}

func (n *net) write(fn func(tx *storage.Tx) error) error {
	return n.db.Write(ctx, fn)
}

func (n *net) must(fn func(tx *storage.Tx) error) {
	n.t.Helper()
	ruletest.Write(n.t, n.db, fn)
}

func key(display string) string { return skillname.Key(display) }
