package commands

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"

	"github.com/tierslieux/tiersbot/storage"
)

// Linking a register entry to the Discord member it turns out to be (see
// registerRoutes for the two ways).

// registerLink links an entry to a Discord member: one named by an animator,
// or one who claimed it with a code.
func (a *App) registerLink(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	member, code := r.Opt("member"), strings.ToUpper(r.Opt("code"))
	if (member == "") == (code == "") {
		return nil, userErr("register.link_how")
	}
	var entry storage.RegisterEntry
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if entry, err = participantFor(ctx, tx, r, requireRegisterKeeper); err != nil {
			return err
		}
		if code != "" {
			if member, err = tx.TakeRegisterClaim(ctx, r.GuildID, code, r.Now); errors.Is(err, storage.ErrNotFound) {
				return userErr("register.bad_code")
			} else if err != nil {
				return err
			}
		}
		return tx.LinkRegisterEntry(ctx, r.GuildID, entry.ID, member)
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.T("register.linked", Escape(entry.Name), mentionUser(member))), nil
}

// claimAlphabet has no 0/O or 1/I: the code is read aloud or copied from paper.
const claimAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// registerClaim gives the member a code an animator confirms their register
// entry with. The member sees no entry and no name.
func (a *App) registerClaim(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("claim code: %w", err)
	}
	for i := range b {
		b[i] = claimAlphabet[int(b[i])%len(claimAlphabet)]
	}
	code := string(b)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		return tx.SetRegisterClaim(ctx, r.GuildID, r.User.ID, code, r.Now.Add(claimValidity))
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.T("register.claim_code", code)), nil
}
