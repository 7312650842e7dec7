package register

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/ruletest"
	"github.com/tierslieux/tiersbot/storage"
)

const g = ruletest.Guild

var (
	ctx   = context.Background()
	paris = mustZone("Europe/Paris")
	// now is Tuesday 14 April 2026, 15:00 in Paris.
	now = time.Date(2026, 4, 14, 15, 0, 0, 0, paris)
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// net is a small network: La Ruche (animators "role-ruche") and its
// register.
type net struct {
	t     *testing.T
	db    *storage.DB
	ruche storage.Space
}

func newNet(t *testing.T) *net {
	db := ruletest.DB(t, false)
	return &net{t: t, db: db, ruche: ruletest.Animators(t, db, ruletest.Space(t, db, "La Ruche", "", ""), "role-ruche")}
}

// entry adds an entry to the register as storage would, linked to user
// ("" none).
func (n *net) entry(name, town, user string) Entry {
	n.t.Helper()
	var e Entry
	ruletest.Write(n.t, n.db, func(tx *storage.Tx) error {
		var err error
		if e, err = tx.AddRegisterEntry(ctx, Entry{GuildID: g, Name: name, NameKey: foldForTest(name), Town: town, CreatedBy: "u-anim", Created: now}); err != nil {
			return err
		}
		if user != "" {
			e.UserID = user
			return tx.LinkRegisterEntry(ctx, g, e.ID, user)
		}
		return nil
	})
	return e
}

// foldForTest is the key of the names used here, written by hand.
func foldForTest(name string) string {
	keys := map[string]string{"Marie Dupont": "marie dupont", "Jean Martin": "jean martin", "Alice Martin": "alice martin",
		"Bob Roux": "bob roux", "Léa Petit": "lea petit", "Zoé Roux": "zoe roux"}
	k, ok := keys[name]
	if !ok {
		panic("no key written for " + name)
	}
	return k
}

// do runs fn in a write transaction and returns its error (a refusal rolls
// back, as in the bot).
func (n *net) do(fn func(tx *storage.Tx) error) error {
	return n.db.Write(ctx, fn)
}

func (n *net) read(fn func(tx *storage.Tx) error) {
	n.t.Helper()
	ruletest.Read(n.t, n.db, fn)
}

// entries are the register's entries: "id name, town [user]" each.
func (n *net) entries() []Entry {
	n.t.Helper()
	var list []Entry
	n.read(func(tx *storage.Tx) error {
		var err error
		list, err = tx.SearchRegister(ctx, g, "", 100)
		return err
	})
	return list
}

// refusal is the refusal's reason and details, or its error when not one.
func refusal(err error) Refusal {
	var r *Refusal
	if errors.As(err, &r) {
		return *r
	}
	if err != nil {
		return Refusal{Name: "error: " + err.Error()}
	}
	return Refusal{}
}

// export is the entry's copy, as the coordination gets it.
func (n *net) export(e Entry) storage.RegisterData {
	n.t.Helper()
	var d storage.RegisterData
	n.read(func(tx *storage.Tx) error {
		var err error
		d, err = Export(ctx, tx, e)
		return err
	})
	return d
}
