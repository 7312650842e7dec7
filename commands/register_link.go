package commands

import (
	"context"
	"crypto/rand"

	"github.com/tierslieux/tiersbot/commands/register"
	"github.com/tierslieux/tiersbot/storage"
)

// Linking a register entry to the Discord member it turns out to be (see
// registerRoutes for the two ways).

// registerLink links an entry to a Discord member: one named by an animator,
// or one who claimed it with a code.
func (a *App) registerLink(ctx context.Context, r *Request) (*Response, error) {
	member, code := r.Opt("member"), r.Opt("code")
	if err := register.CheckLink(member, code); err != nil {
		return nil, registerRefusal(err)
	}
	var entry register.Entry
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if entry, err = participantFor(ctx, tx, r, requireRegisterKeeper); err != nil {
			return err
		}
		member, err = register.Link(ctx, tx, entry, member, code, r.Now)
		return registerRefusal(err)
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(r.Lang().T("register.linked", Escape(entry.Name), mentionUser(member))), nil
}

// registerClaim gives the member a code an animator confirms their register
// entry with. The member sees no entry and no name.
func (a *App) registerClaim(ctx context.Context, r *Request) (*Response, error) {
	code, err := register.NewCode(rand.Reader)
	if err != nil {
		return nil, err
	}
	err = a.write(ctx, r, func(tx *storage.Tx) error {
		return register.Claim(ctx, tx, r.GuildID, r.User.ID, code, r.Now)
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(r.Lang().T("register.claim_code", code)), nil
}
