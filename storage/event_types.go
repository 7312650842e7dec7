package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// EventType is one kind of event of a network's list ("digital workshop").
type EventType struct {
	Key    string // stable: events keep it when names change
	NameEN string
	NameFR string
}

// DefaultEventTypes are the network's types until the coordination edits
// the list: drawn from what the Drôme network runs.
var DefaultEventTypes = []EventType{
	{"digital", "Digital workshop", "Atelier numérique"},
	{"employment", "Employment / job seekers", "Emploi / recherche d'emploi"},
	{"fablab", "Fab-lab course", "Formation fab-lab"},
	{"hackathon", "Hackathon", "Hackathon"},
	{"conviviality", "Conviviality", "Convivialité"},
	{"outside", "Outside the walls", "Hors les murs"},
	{"other", "Other", "Autre"},
}

// EventTypes lists a network's types in use, in order; the defaults when it
// never changed them.
func (tx *Tx) EventTypes(ctx context.Context, guildID string) ([]EventType, error) {
	all, stored, err := tx.eventTypes(ctx, guildID, false)
	if err != nil || stored {
		return all, err
	}
	return append([]EventType(nil), DefaultEventTypes...), nil
}

// eventTypes reads the stored list (removed ones too if withRemoved);
// stored says whether the network has one.
func (tx *Tx) eventTypes(ctx context.Context, guildID string, withRemoved bool) ([]EventType, bool, error) {
	rows, err := tx.query(ctx, `SELECT key, name_en, name_fr, removed FROM event_types WHERE guild_id = ? ORDER BY position, key`, guildID)
	if err != nil {
		return nil, false, fmt.Errorf("event types: %w", err)
	}
	defer rows.Close()
	var out []EventType
	stored := false
	for rows.Next() {
		var t EventType
		var removed bool
		if err := rows.Scan(&t.Key, &t.NameEN, &t.NameFR, &removed); err != nil {
			return nil, false, fmt.Errorf("event types: %w", err)
		}
		stored = true
		if !removed || withRemoved {
			out = append(out, t)
		}
	}
	return out, stored, rows.Err()
}

// EventTypeNamed returns a network's type by key, removed ones included (an
// old event keeps its type), or ErrNotFound.
func (tx *Tx) EventTypeNamed(ctx context.Context, guildID, key string) (EventType, error) {
	all, stored, err := tx.eventTypes(ctx, guildID, true)
	if err != nil {
		return EventType{}, err
	}
	if !stored {
		all = DefaultEventTypes
	}
	for _, t := range all {
		if t.Key == key {
			return t, nil
		}
	}
	return EventType{}, ErrNotFound
}

// materializeEventTypes writes the defaults for a network editing its list
// for the first time.
func (tx *Tx) materializeEventTypes(ctx context.Context, guildID string) error {
	if _, stored, err := tx.eventTypes(ctx, guildID, true); err != nil || stored {
		return err
	}
	for i, t := range DefaultEventTypes {
		if _, err := tx.exec(ctx, `INSERT INTO event_types(guild_id, key, name_en, name_fr, position) VALUES (?, ?, ?, ?, ?)`,
			guildID, t.Key, t.NameEN, t.NameFR, i); err != nil {
			return fmt.Errorf("event types: %w", err)
		}
	}
	return nil
}

// AddEventType adds a type at the end of the list (or brings a removed one
// back under its new names); ErrDuplicate if the key is in use.
func (tx *Tx) AddEventType(ctx context.Context, guildID string, t EventType) error {
	if err := tx.materializeEventTypes(ctx, guildID); err != nil {
		return err
	}
	var removed bool
	err := tx.queryRow(ctx, `SELECT removed FROM event_types WHERE guild_id = ? AND key = ?`, guildID, t.Key).Scan(&removed)
	switch {
	case err == nil && !removed:
		return ErrDuplicate
	case err == nil:
		_, err = tx.exec(ctx, `UPDATE event_types SET removed = 0, name_en = ?, name_fr = ? WHERE guild_id = ? AND key = ?`, t.NameEN, t.NameFR, guildID, t.Key)
	case errors.Is(err, sql.ErrNoRows):
		_, err = tx.exec(ctx, `INSERT INTO event_types(guild_id, key, name_en, name_fr, position)
			VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM event_types WHERE guild_id = ?1))`, guildID, t.Key, t.NameEN, t.NameFR)
	}
	if err != nil {
		return fmt.Errorf("add event type %s: %w", t.Key, err)
	}
	return nil
}

// RemoveEventType takes a type off the list for new events; events that
// have it keep it. False if it was not in use.
func (tx *Tx) RemoveEventType(ctx context.Context, guildID, key string) (bool, error) {
	if err := tx.materializeEventTypes(ctx, guildID); err != nil {
		return false, err
	}
	res, err := tx.exec(ctx, `UPDATE event_types SET removed = 1 WHERE guild_id = ? AND key = ? AND removed = 0`, guildID, key)
	if err != nil {
		return false, fmt.Errorf("remove event type %s: %w", key, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// SetEventType gives occurrences a type ("" clears it).
func (tx *Tx) SetEventType(ctx context.Context, key string, eventIDs ...int64) error {
	for _, id := range eventIDs {
		q := `INSERT INTO event_type_of(event_id, type_key) VALUES (?1, ?2) ON CONFLICT DO UPDATE SET type_key = excluded.type_key`
		if key == "" {
			q = `DELETE FROM event_type_of WHERE event_id = ?1`
		}
		if _, err := tx.exec(ctx, q, id, key); err != nil {
			return fmt.Errorf("event %d type: %w", id, err)
		}
	}
	return nil
}

// EventTypeOf returns an occurrence's type key ("" if none).
func (tx *Tx) EventTypeOf(ctx context.Context, eventID int64) (string, error) {
	var k string
	err := tx.queryRow(ctx, `SELECT type_key FROM event_type_of WHERE event_id = ?`, eventID).Scan(&k)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("event %d type: %w", eventID, err)
	}
	return k, nil
}

// EventHosts are the co-organisers of a shared event besides its own space
// and organiser.
type EventHosts struct {
	Spaces    []int64
	Animators []string
}

// EventHostsOf lists an occurrence's co-organisers, in the order added.
func (tx *Tx) EventHostsOf(ctx context.Context, eventID int64) (EventHosts, error) {
	all, err := tx.eventHostsOfAll(ctx, []int64{eventID})
	if err != nil {
		return EventHosts{}, fmt.Errorf("event %d: %w", eventID, err)
	}
	return all[eventID], nil
}

// eventHostsOfAll is EventHostsOf for many events at once.
func (tx *Tx) eventHostsOfAll(ctx context.Context, eventIDs []int64) (map[int64]EventHosts, error) {
	out := map[int64]EventHosts{}
	if len(eventIDs) == 0 {
		return out, nil
	}
	rows, err := tx.query(ctx, `SELECT event_id, space_id, user_id FROM event_hosts WHERE event_id IN (SELECT value FROM json_each(?1))
		ORDER BY event_id, space_id = 0, space_id, user_id`, jsonIDs(eventIDs))
	if err != nil {
		return nil, fmt.Errorf("event hosts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, sp int64
		var u string
		if err := rows.Scan(&id, &sp, &u); err != nil {
			return nil, fmt.Errorf("event hosts: %w", err)
		}
		h := out[id]
		if sp != 0 {
			h.Spaces = append(h.Spaces, sp)
		} else if u != "" {
			h.Animators = append(h.Animators, u)
		}
		out[id] = h
	}
	return out, rows.Err()
}

// AddEventHost adds a co-organising space (spaceID != 0) or animator
// (userID != "") to occurrences; false if all had it already.
func (tx *Tx) AddEventHost(ctx context.Context, guildID string, spaceID int64, userID string, eventIDs ...int64) (bool, error) {
	added := false
	for _, id := range eventIDs {
		res, err := tx.exec(ctx, `INSERT INTO event_hosts(event_id, guild_id, space_id, user_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			id, guildID, spaceID, userID)
		if err != nil {
			return false, fmt.Errorf("event %d host: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			added = true
		}
	}
	return added, nil
}

// RemoveEventHost removes a co-organiser from occurrences; false if none had it.
func (tx *Tx) RemoveEventHost(ctx context.Context, spaceID int64, userID string, eventIDs ...int64) (bool, error) {
	removed := false
	for _, id := range eventIDs {
		res, err := tx.exec(ctx, `DELETE FROM event_hosts WHERE event_id = ? AND space_id = ? AND user_id = ?`, id, spaceID, userID)
		if err != nil {
			return false, fmt.Errorf("event %d host: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			removed = true
		}
	}
	return removed, nil
}
