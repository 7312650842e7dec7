package storage

import (
	"context"
	"fmt"
	"time"
)

// The register's share of export, forgetting and retention. Each function is
// called from one line of the members' own (privacy.go, forget.go,
// retention.go), so the register follows the same rules as members.

// EraseRegisterEntry erases a register entry at the person's request: name,
// town, contact and answers go; the row stays, nameless, so the events and
// days it was counted in keep their figures. False if there was none.
func (tx *Tx) EraseRegisterEntry(ctx context.Context, guildID string, id int64, now time.Time) (bool, error) {
	return tx.eraseRegisterEntry(ctx, guildID, id, "", now)
}

// eraseRegisterEntry erases an entry; standIn replaces its member link (a
// forgotten member's stand-in keeps their visits and presences one person).
func (tx *Tx) eraseRegisterEntry(ctx context.Context, guildID string, id int64, standIn string, now time.Time) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE register_entries SET name = '', name_key = '', town = '', contact = '', user_id = ?, created_by = '', erased_at = ?
		WHERE guild_id = ? AND id = ? AND erased_at IS NULL`, standIn, now.Unix(), guildID, id)
	if err != nil {
		return false, fmt.Errorf("erase register entry %d: %w", id, err)
	}
	if _, err := tx.exec(ctx, `DELETE FROM register_values WHERE entry_id = ?`, id); err != nil {
		return false, fmt.Errorf("erase register entry %d: %w", id, err)
	}
	if _, err := tx.exec(ctx, `UPDATE register_attendance SET added_by = '' WHERE entry_id = ?`, id); err != nil {
		return false, fmt.Errorf("erase register entry %d: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// forgetRegister is ForgetMember's part for the register: the entry linked
// to the member is erased like one erased on request (linked to their
// stand-in, so their visits and presences stay one person), their pending claim
// goes, and entries and presences they typed in as an animator no longer
// name them.
func (tx *Tx) forgetRegister(ctx context.Context, guildID, userID, token string, now time.Time) error {
	linked, err := tx.queryRegister(ctx, `WHERE guild_id = ? AND user_id = ? AND erased_at IS NULL`, guildID, userID)
	if err != nil {
		return fmt.Errorf("forget register: %w", err)
	}
	for _, e := range linked {
		if _, err := tx.eraseRegisterEntry(ctx, guildID, e.ID, token, now); err != nil {
			return fmt.Errorf("forget register: %w", err)
		}
	}
	for _, q := range []string{
		`DELETE FROM register_claims WHERE guild_id = ?1 AND user_id = ?2`,
		`UPDATE register_entries SET created_by = '' WHERE guild_id = ?1 AND created_by = ?2`,
		`UPDATE register_attendance SET added_by = '' WHERE guild_id = ?1 AND added_by = ?2`,
		`DELETE FROM event_hosts WHERE guild_id = ?1 AND user_id = ?2`,
	} {
		if _, err := tx.exec(ctx, q, guildID, userID); err != nil {
			return fmt.Errorf("forget register: %w", err)
		}
	}
	return nil
}

// RegisterData is a register entry and everything attached to it, for the
// person's copy (given by the coordination on request, or in the member's
// own export once linked). It is the only place answers appear per person.
type RegisterData struct {
	Entry      map[string]any   `json:"entry"`
	Attendance []map[string]any `json:"attendance"`
	Answers    []map[string]any `json:"answers"`
}

// ExportRegisterEntry gathers an entry's data. Times are Unix seconds.
func (tx *Tx) ExportRegisterEntry(ctx context.Context, guildID string, id int64) (RegisterData, error) {
	var d RegisterData
	entry, err := tx.rowsAsMaps(ctx, `SELECT name, town, contact, user_id AS discord_member, created_at FROM register_entries
		WHERE guild_id = ?1 AND id = ?2 AND erased_at IS NULL`, guildID, id)
	if err != nil {
		return d, fmt.Errorf("export register entry %d: %w", id, err)
	}
	if len(entry) == 0 {
		return d, ErrNotFound
	}
	d.Entry = entry[0]
	if d.Attendance, err = tx.rowsAsMaps(ctx, registerAttendanceExport, guildID, id); err != nil {
		return d, fmt.Errorf("export register entry %d: %w", id, err)
	}
	if d.Answers, err = tx.rowsAsMaps(ctx, registerAnswersExport, guildID, id); err != nil {
		return d, fmt.Errorf("export register entry %d: %w", id, err)
	}
	return d, nil
}

// The sections of an entry's export: ?1 is the network, ?2 the entry.
const (
	registerAttendanceExport = `SELECT coalesce(ev.title, '') AS event, sp.name AS space, a.day, a.at FROM register_attendance a
		JOIN spaces sp ON sp.id = a.space_id LEFT JOIN events ev ON ev.id = a.event_id
		WHERE a.guild_id = ?1 AND a.entry_id = ?2 ORDER BY a.at`
	registerAnswersExport = `SELECT f.name AS field, f.purpose, v.value FROM register_values v JOIN register_fields f ON f.id = v.field_id
		WHERE f.guild_id = ?1 AND v.entry_id = ?2 AND f.removed_at IS NULL ORDER BY f.id`
)

// registerSectionsOfMember are the member's export sections for the
// register entry linked to them: ?1 the network, ?2 the member.
const (
	memberRegisterEntry = `SELECT name, town, contact, created_at FROM register_entries WHERE guild_id = ?1 AND user_id = ?2 AND erased_at IS NULL`
	memberRegisterDays  = `SELECT coalesce(ev.title, '') AS event, sp.name AS space, a.day, a.at FROM register_attendance a
		JOIN register_entries e ON e.id = a.entry_id JOIN spaces sp ON sp.id = a.space_id LEFT JOIN events ev ON ev.id = a.event_id
		WHERE e.guild_id = ?1 AND e.user_id = ?2 AND e.erased_at IS NULL ORDER BY a.at`
	memberRegisterAnswers = `SELECT f.name AS field, f.purpose, v.value FROM register_values v JOIN register_fields f ON f.id = v.field_id
		JOIN register_entries e ON e.id = v.entry_id WHERE e.guild_id = ?1 AND e.user_id = ?2 AND e.erased_at IS NULL AND f.removed_at IS NULL ORDER BY f.id`
	memberCoOrganised = `SELECT e.title AS event, sp.name AS space, e.start_at FROM event_hosts h JOIN events e ON e.id = h.event_id
		JOIN spaces sp ON sp.id = e.space_id WHERE h.guild_id = ?1 AND h.user_id = ?2 ORDER BY e.start_at`
)
