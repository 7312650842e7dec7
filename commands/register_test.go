package commands

import (
	"context"
	"fmt"

	"github.com/tierslieux/tiersbot/storage"
)

// registerFingerprint is the register's and event types' part of the
// permission matrix's fingerprint: a refused action changes none of it.
func registerFingerprint(ctx context.Context, tx *storage.Tx, events []storage.Event) string {
	entries, err := tx.SearchRegister(ctx, testGuild, "", 1000)
	out := fmt.Sprintf("\nregister %d %v", len(entries), err)
	for _, e := range entries {
		out += fmt.Sprintf(" [%d %s %s %s %s]", e.ID, e.Name, e.Town, e.Contact, e.UserID)
		values, _ := tx.RegisterValues(ctx, e.ID)
		out += fmt.Sprint(values)
	}
	fields, _ := tx.RegisterFields(ctx, testGuild)
	types, _ := tx.EventTypes(ctx, testGuild)
	out += fmt.Sprintf("\nfields %d types %d", len(fields), len(types))
	for _, e := range events {
		n, _ := tx.EventRegisterCount(ctx, e.ID)
		hosts, _ := tx.EventHostsOf(ctx, e.ID)
		key, _ := tx.EventTypeOf(ctx, e.ID)
		out += fmt.Sprintf("\nevent %d walkins %d named %d hosts %v type %q", e.ID, e.Walkins, n, hosts, key)
	}
	return out
}
