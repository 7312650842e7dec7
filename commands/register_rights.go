package commands

import (
	"context"

	"github.com/tierslieux/tiersbot/commands/register"
	"github.com/tierslieux/tiersbot/storage"
)

// A register entry's rights (RGPD), exercised through the coordination on
// the person's request: a copy, erasure.

// registerExport gives the coordination one entry's data, for the person
// who asked for it (RGPD right of access).
func (a *App) registerExport(ctx context.Context, r *Request) (*Response, error) {
	var (
		entry register.Entry
		d     storage.RegisterData
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if entry, err = participantFor(ctx, tx, r, requireCoordinator); err != nil {
			return err
		}
		d, err = register.Export(ctx, tx, entry)
		return err
	})
	if err != nil {
		return nil, err
	}
	return registerExportReply(r.Lang(), r.GuildID, r.Now, entry, d)
}

// registerErase asks the coordination to confirm erasing an entry.
func (a *App) registerErase(ctx context.Context, r *Request) (*Response, error) {
	var entry register.Entry
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		entry, err = participantFor(ctx, tx, r, requireCoordinator)
		return err
	})
	if err != nil {
		return nil, err
	}
	return registerEraseAsk(r.Lang(), entry), nil
}

func (a *App) registerEraseConfirm(ctx context.Context, r *Request) (*Response, error) {
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		if _, err := requireCoordinator(ctx, tx, r); err != nil {
			return err
		}
		if err := registerRefusal(register.Erase(ctx, tx, r.GuildID, r.Params.ID("entry"), r.Now)); err != nil {
			return err
		}
		return dropKeptForms(ctx, tx, CustomID("regans", r.Params.ID("entry")))
	})
	if err != nil {
		return nil, err
	}
	return &Response{Type: Update, Message: Message{Content: r.Lang().T("register.erased")}}, nil
}
