package commands

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/tierslieux/tiersbot/storage"
)

// A register entry's rights (RGPD), exercised through the coordination on
// the person's request: a copy, erasure.

// registerExport gives the coordination one entry's data, for the person
// who asked for it (RGPD right of access).
func (a *App) registerExport(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		entry storage.RegisterEntry
		d     storage.RegisterData
	)
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if entry, err = participantFor(ctx, tx, r, requireCoordinator); err != nil {
			return err
		}
		d, err = tx.ExportRegisterEntry(ctx, r.GuildID, entry.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	data, err := json.MarshalIndent(struct {
		Network  string `json:"network"`
		Exported int64  `json:"exported_at"`
		storage.RegisterData
	}{r.GuildID, r.Now.Unix(), d}, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("register export: %w", err)
	}
	return &Response{Ephemeral: true, Message: Message{Content: l.T("register.exported", Escape(entry.Name)),
		Files: []File{{Name: "registre-" + slug(entry.Name) + ".json", ContentType: "application/json", Data: data}}}}, nil
}

// registerErase asks the coordination to confirm erasing an entry.
func (a *App) registerErase(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var entry storage.RegisterEntry
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		entry, err = participantFor(ctx, tx, r, requireCoordinator)
		return err
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.T("register.erase_confirm", Escape(walkinLineOf(entry))), Row{
		Button(Danger, l.T("btn.register_erase"), CustomID("regerase", entry.ID)),
	}), nil
}

func (a *App) registerEraseConfirm(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	id := r.Params.ID("entry")
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		if _, err := requireCoordinator(ctx, tx, r); err != nil {
			return err
		}
		ok, err := tx.EraseRegisterEntry(ctx, r.GuildID, id, r.Now)
		if err == nil && !ok {
			err = userErr("register.unknown")
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &Response{Type: Update, Message: Message{Content: l.T("register.erased")}}, nil
}
