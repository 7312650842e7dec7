package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// listCache keeps each network's list of T as of a version row that
// triggers bump on every change to the list's table (skill_versions,
// space_versions): reading the version is one indexed row, reading the list
// is thousands at national scale, on every keystroke of an autocomplete.
type listCache[T any] struct {
	mu sync.Mutex
	m  map[string]versioned[T]
}

type versioned[T any] struct {
	version int64
	items   []T
}

func newListCache[T any]() *listCache[T] { return &listCache[T]{m: map[string]versioned[T]{}} }

// caches are the lists read transactions share; write transactions get
// none, since a write could fill them with a version its rollback takes back.
type caches struct {
	skills *listCache[Skill]
	spaces *listCache[Space]
}

// cachedList is sharedList's list as a copy: callers may sort theirs.
func cachedList[T any](ctx context.Context, tx *Tx, c *listCache[T], versionTable, guildID string, load func() ([]T, error)) ([]T, error) {
	items, err := sharedList(ctx, tx, c, versionTable, guildID, load)
	if c == nil {
		return items, err // loaded for this caller alone
	}
	return slices.Clone(items), err
}

// sharedList returns guildID's list from c when it is at the version stored
// in versionTable, else reads it with load and keeps it. With c nil (a write
// transaction) it only loads. The items are shared with other readers:
// read them, never change them.
func sharedList[T any](ctx context.Context, tx *Tx, c *listCache[T], versionTable, guildID string, load func() ([]T, error)) ([]T, error) {
	if c == nil {
		return load()
	}
	var version int64
	err := tx.queryRow(ctx, `SELECT version FROM `+versionTable+` WHERE guild_id = ?`, guildID).Scan(&version)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s: %w", versionTable, err)
	}
	c.mu.Lock()
	got, ok := c.m[guildID]
	c.mu.Unlock()
	if ok && got.version == version {
		return got.items, nil
	}
	items, err := load()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	// A reader on an older snapshot must not replace a newer list.
	if got, ok := c.m[guildID]; !ok || got.version < version {
		c.m[guildID] = versioned[T]{version, items}
	}
	c.mu.Unlock()
	return items, nil
}
