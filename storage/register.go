package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// RegisterEntry is a person in the participant register: someone who came
// to an event or a space without (or before) being on Discord. One entry per
// person, reused across events; UserID links it to a Discord member.
type RegisterEntry struct {
	ID        int64
	GuildID   string
	Name      string
	NameKey   string // folded name, for reuse and search
	Town      string // town or postcode
	Contact   string
	UserID    string // the Discord member it is ('' if none known)
	CreatedBy string
	Created   time.Time
}

const registerCols = `id, guild_id, name, name_key, town, contact, user_id, created_by, created_at`

func scanRegister(sc interface{ Scan(...any) error }) (RegisterEntry, error) {
	var e RegisterEntry
	var at int64
	err := sc.Scan(&e.ID, &e.GuildID, &e.Name, &e.NameKey, &e.Town, &e.Contact, &e.UserID, &e.CreatedBy, &at)
	e.Created = time.Unix(at, 0)
	return e, err
}

func (tx *Tx) queryRegister(ctx context.Context, where string, args ...any) ([]RegisterEntry, error) {
	rows, err := tx.query(ctx, `SELECT `+registerCols+` FROM register_entries `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("register: %w", err)
	}
	defer rows.Close()
	var out []RegisterEntry
	for rows.Next() {
		e, err := scanRegister(rows)
		if err != nil {
			return nil, fmt.Errorf("register: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// AddRegisterEntry creates an entry and returns it with its id.
func (tx *Tx) AddRegisterEntry(ctx context.Context, e RegisterEntry) (RegisterEntry, error) {
	res, err := tx.exec(ctx, `INSERT INTO register_entries(guild_id, name, name_key, town, contact, user_id, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, e.GuildID, e.Name, e.NameKey, e.Town, e.Contact, e.UserID, e.CreatedBy, e.Created.Unix())
	if err != nil {
		return e, fmt.Errorf("add register entry: %w", err)
	}
	e.ID, _ = res.LastInsertId()
	return e, nil
}

// RegisterEntry returns an entry of the guild not erased, or ErrNotFound.
func (tx *Tx) RegisterEntry(ctx context.Context, guildID string, id int64) (RegisterEntry, error) {
	list, err := tx.queryRegister(ctx, `WHERE guild_id = ? AND id = ? AND erased_at IS NULL`, guildID, id)
	if err != nil {
		return RegisterEntry{}, err
	}
	if len(list) == 0 {
		return RegisterEntry{}, ErrNotFound
	}
	return list[0], nil
}

// RegisterByName lists the entries whose folded name is key exactly (homonyms
// included), oldest first.
func (tx *Tx) RegisterByName(ctx context.Context, guildID, key string) ([]RegisterEntry, error) {
	return tx.queryRegister(ctx, `WHERE guild_id = ? AND name_key = ? AND erased_at IS NULL ORDER BY id`, guildID, key)
}

// SearchRegister finds entries whose folded name contains key: names
// starting with it first, then by name.
func (tx *Tx) SearchRegister(ctx context.Context, guildID, key string, limit int) ([]RegisterEntry, error) {
	like := escapeLike(key)
	return tx.queryRegister(ctx, `WHERE guild_id = ? AND erased_at IS NULL AND name_key LIKE ? ESCAPE '\'
		ORDER BY name_key NOT LIKE ? ESCAPE '\', name_key, id LIMIT ?`, guildID, "%"+like+"%", like+"%", limit)
}

// RegisterEntryOf returns the entry linked to a member, or ErrNotFound.
func (tx *Tx) RegisterEntryOf(ctx context.Context, guildID, userID string) (RegisterEntry, error) {
	if userID == "" {
		return RegisterEntry{}, ErrNotFound
	}
	list, err := tx.queryRegister(ctx, `WHERE guild_id = ? AND user_id = ? AND erased_at IS NULL ORDER BY id LIMIT 1`, guildID, userID)
	if err != nil {
		return RegisterEntry{}, err
	}
	if len(list) == 0 {
		return RegisterEntry{}, ErrNotFound
	}
	return list[0], nil
}

// UpdateRegisterEntry saves an entry's name, town and contact.
func (tx *Tx) UpdateRegisterEntry(ctx context.Context, e RegisterEntry) error {
	_, err := tx.exec(ctx, `UPDATE register_entries SET name = ?, name_key = ?, town = ?, contact = ? WHERE guild_id = ? AND id = ? AND erased_at IS NULL`,
		e.Name, e.NameKey, e.Town, e.Contact, e.GuildID, e.ID)
	if err != nil {
		return fmt.Errorf("update register entry %d: %w", e.ID, err)
	}
	return nil
}

// LinkRegisterEntry records that an entry is a Discord member; a member is
// linked to at most one entry, so any other link of theirs is undone.
func (tx *Tx) LinkRegisterEntry(ctx context.Context, guildID string, id int64, userID string) error {
	if _, err := tx.exec(ctx, `UPDATE register_entries SET user_id = '' WHERE guild_id = ? AND user_id = ? AND id <> ?`, guildID, userID, id); err != nil {
		return fmt.Errorf("link register entry %d: %w", id, err)
	}
	if _, err := tx.exec(ctx, `UPDATE register_entries SET user_id = ? WHERE guild_id = ? AND id = ?`, userID, guildID, id); err != nil {
		return fmt.Errorf("link register entry %d: %w", id, err)
	}
	return nil
}

// RegisterNames maps members to the full name of their linked entry, for
// sign-in sheets (full names where known, Discord names otherwise). The
// test that user_id is not empty lets SQLite use the partial index of linked entries: a
// national period report asked this for each of 35,000 events, each a scan
// of 120,000 entries without it.
func (tx *Tx) RegisterNames(ctx context.Context, guildID string, userIDs []string) (map[string]string, error) {
	out := map[string]string{}
	if len(userIDs) == 0 {
		return out, nil
	}
	rows, err := tx.query(ctx, `SELECT user_id, name FROM register_entries WHERE guild_id = ?1 AND erased_at IS NULL
		AND user_id <> '' AND user_id IN (SELECT value FROM json_each(?2)) ORDER BY id DESC`, guildID, jsonStrings(userIDs))
	if err != nil {
		return nil, fmt.Errorf("register names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u, n string
		if err := rows.Scan(&u, &n); err != nil {
			return nil, fmt.Errorf("register names: %w", err)
		}
		out[u] = n
	}
	return out, rows.Err()
}

// DisplayNames gives members' display names by id (those known).
func (tx *Tx) DisplayNames(ctx context.Context, guildID string, userIDs []string) (map[string]string, error) {
	out := map[string]string{}
	if len(userIDs) == 0 {
		return out, nil
	}
	rows, err := tx.query(ctx, `SELECT user_id, display_name FROM members WHERE guild_id = ?1 AND user_id IN (SELECT value FROM json_each(?2))`,
		guildID, jsonStrings(userIDs))
	if err != nil {
		return nil, fmt.Errorf("display names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u, n string
		if err := rows.Scan(&u, &n); err != nil {
			return nil, fmt.Errorf("display names: %w", err)
		}
		out[u] = n
	}
	return out, rows.Err()
}

// jsonStrings writes strings as a JSON array for json_each.
func jsonStrings(list []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, s := range list {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q", s) // ids are ASCII: Go's quoting is JSON's
	}
	b.WriteByte(']')
	return b.String()
}

// RegisterAttendance is an entry's presence at an event (EventID != 0) or
// at a space on a day (EventID 0). Day is the local date, YYYY-MM-DD; At is
// the instant figures count it at.
type RegisterAttendance struct {
	EntryID int64
	GuildID string
	EventID int64
	SpaceID int64
	Day     string
	At      time.Time
	AddedBy string
	Added   time.Time
}

// AddRegisterAttendance records a presence; false if it was already recorded.
func (tx *Tx) AddRegisterAttendance(ctx context.Context, a RegisterAttendance) (bool, error) {
	res, err := tx.exec(ctx, `INSERT INTO register_attendance(guild_id, entry_id, event_id, space_id, day, at, added_by, added_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, a.GuildID, a.EntryID, a.EventID, a.SpaceID, a.Day, a.At.Unix(), a.AddedBy, a.Added.Unix())
	if err != nil {
		return false, fmt.Errorf("register attendance %d: %w", a.EntryID, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// RemoveRegisterAttendance removes an entry's presence at an event.
func (tx *Tx) RemoveRegisterAttendance(ctx context.Context, eventID, entryID int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM register_attendance WHERE event_id = ? AND entry_id = ?`, eventID, entryID); err != nil {
		return fmt.Errorf("register attendance %d: %w", entryID, err)
	}
	return nil
}

// EventRegisterAttendees lists the register entries recorded at an event,
// in the order they were added (named walk-ins, for the form and the sheet).
func (tx *Tx) EventRegisterAttendees(ctx context.Context, eventID int64) ([]RegisterEntry, error) {
	return tx.queryRegister(ctx, `WHERE id IN (SELECT entry_id FROM register_attendance WHERE event_id = ?) AND erased_at IS NULL
		ORDER BY (SELECT min(a.id) FROM register_attendance a WHERE a.event_id = ? AND a.entry_id = register_entries.id)`, eventID, eventID)
}

// EventRegisterCount counts the presences recorded at an event through the
// register, erased and detached ones included (they still came).
func (tx *Tx) EventRegisterCount(ctx context.Context, eventID int64) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT count(*) FROM register_attendance WHERE event_id = ?`, eventID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("register count %d: %w", eventID, err)
	}
	return n, nil
}

// RegisterField is an optional question the coordination asks for a funded
// action. Choices lists the allowed answers (none: a short free text).
type RegisterField struct {
	ID      int64
	GuildID string
	Name    string
	NameKey string
	Purpose string
	Choices []string
}

// AddRegisterField creates a field; ErrDuplicate if one of that name exists.
func (tx *Tx) AddRegisterField(ctx context.Context, f RegisterField, now time.Time) (RegisterField, error) {
	res, err := tx.exec(ctx, `INSERT INTO register_fields(guild_id, name, name_key, purpose, choices, created_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, f.GuildID, f.Name, f.NameKey, f.Purpose, strings.Join(f.Choices, "|"), now.Unix())
	if err != nil {
		return f, fmt.Errorf("add register field: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return f, ErrDuplicate
	}
	f.ID, _ = res.LastInsertId()
	return f, nil
}

// RegisterFields lists a guild's fields in use, in the order they were made.
func (tx *Tx) RegisterFields(ctx context.Context, guildID string) ([]RegisterField, error) {
	rows, err := tx.query(ctx, `SELECT id, guild_id, name, name_key, purpose, choices FROM register_fields
		WHERE guild_id = ? AND removed_at IS NULL ORDER BY id`, guildID)
	if err != nil {
		return nil, fmt.Errorf("register fields: %w", err)
	}
	defer rows.Close()
	var out []RegisterField
	for rows.Next() {
		var f RegisterField
		var choices string
		if err := rows.Scan(&f.ID, &f.GuildID, &f.Name, &f.NameKey, &f.Purpose, &choices); err != nil {
			return nil, fmt.Errorf("register fields: %w", err)
		}
		if choices != "" {
			f.Choices = strings.Split(choices, "|")
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// RemoveRegisterField stops using a field; its answers are deleted (they
// were asked for a purpose that is over).
func (tx *Tx) RemoveRegisterField(ctx context.Context, guildID string, id int64, now time.Time) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE register_fields SET removed_at = ? WHERE guild_id = ? AND id = ? AND removed_at IS NULL`, now.Unix(), guildID, id)
	if err != nil {
		return false, fmt.Errorf("remove register field %d: %w", id, err)
	}
	if _, err := tx.exec(ctx, `DELETE FROM register_values WHERE field_id = ?`, id); err != nil {
		return false, fmt.Errorf("remove register field %d: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// SetRegisterValue saves an entry's answer to a field; "" deletes it.
func (tx *Tx) SetRegisterValue(ctx context.Context, entryID, fieldID int64, value string) error {
	q := `INSERT INTO register_values(entry_id, field_id, value) VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET value = excluded.value`
	if value == "" {
		q = `DELETE FROM register_values WHERE entry_id = ?1 AND field_id = ?2`
	}
	if _, err := tx.exec(ctx, q, entryID, fieldID, value); err != nil {
		return fmt.Errorf("register value %d/%d: %w", entryID, fieldID, err)
	}
	return nil
}

// RegisterValues returns an entry's answers by field id. Only the
// entry's own export and its owner's screens show them: figures use
// RegisterFieldCounts.
func (tx *Tx) RegisterValues(ctx context.Context, entryID int64) (map[int64]string, error) {
	rows, err := tx.query(ctx, `SELECT v.field_id, v.value FROM register_values v JOIN register_fields f ON f.id = v.field_id
		WHERE v.entry_id = ? AND f.removed_at IS NULL`, entryID)
	if err != nil {
		return nil, fmt.Errorf("register values %d: %w", entryID, err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var v string
		if err := rows.Scan(&id, &v); err != nil {
			return nil, fmt.Errorf("register values %d: %w", entryID, err)
		}
		out[id] = v
	}
	return out, rows.Err()
}

// SetRegisterClaim records a member's claim code (one per member).
func (tx *Tx) SetRegisterClaim(ctx context.Context, guildID, userID, code string, expires time.Time) error {
	_, err := tx.exec(ctx, `INSERT INTO register_claims(guild_id, user_id, code, expires_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(guild_id, user_id) DO UPDATE SET code = excluded.code, expires_at = excluded.expires_at`, guildID, userID, code, expires.Unix())
	if err != nil {
		return fmt.Errorf("register claim: %w", err)
	}
	return nil
}

// TakeRegisterClaim returns the member whose unexpired claim has this code
// and deletes the claim (a code is used once), or ErrNotFound.
func (tx *Tx) TakeRegisterClaim(ctx context.Context, guildID, code string, now time.Time) (string, error) {
	var u string
	err := tx.queryRow(ctx, `SELECT user_id FROM register_claims WHERE guild_id = ? AND code = ? AND expires_at > ?`, guildID, code, now.Unix()).Scan(&u)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("register claim: %w", err)
	}
	if _, err := tx.exec(ctx, `DELETE FROM register_claims WHERE guild_id = ? AND user_id = ?`, guildID, u); err != nil {
		return "", fmt.Errorf("register claim: %w", err)
	}
	return u, nil
}
