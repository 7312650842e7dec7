package report

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// addEvents spreads the events held over the network's totals (each once),
// the spaces and animators that organised them (a shared event once for
// each), their month and their type.
func (r *Report) addEvents(ctx context.Context, tx *storage.Tx, p Period, held []storage.EventStats, names map[int64]string) error {
	r.bySpace, r.byMonth = map[int64]Events{}, map[time.Time]Events{}
	breakdown, err := tx.EventsHeldBreakdown(ctx, p.GuildID, p.From, p.To, p.Now)
	if err != nil {
		return fmt.Errorf("report events: %w", err)
	}
	hosts := map[int64]storage.HeldEventHosts{}
	for _, h := range breakdown.Events {
		hosts[h.EventID] = h
	}
	ids := make([]int64, len(held))
	for i, st := range held {
		ids[i] = st.ID
	}
	named, err := tx.NamedWalkins(ctx, ids)
	if err != nil {
		return err
	}
	types, err := eventTypes(ctx, tx, p.GuildID, breakdown)
	if err != nil {
		return err
	}
	byType := map[string]*TypeRow{}
	for _, t := range types {
		byType[t.Key] = &TypeRow{Type: t}
	}
	animators := map[string]*AnimatorRow{}
	var animatorOrder []string
	var who []string
	for _, h := range breakdown.Events {
		who = append(who, h.Animators...)
	}
	animatorNames, err := animatorNamesOf(ctx, tx, p.GuildID, who)
	if err != nil {
		return err
	}
	animator := func(key, name string, team bool) *AnimatorRow {
		if a := animators[key]; a != nil {
			return a
		}
		animators[key] = &AnimatorRow{Name: name, Team: team}
		animatorOrder = append(animatorOrder, key)
		return animators[key]
	}
	loc := p.From.Location()
	for _, st := range held {
		h, ok := hosts[st.ID]
		if !ok { // not in the breakdown: its own space only
			h = storage.HeldEventHosts{EventID: st.ID, Spaces: []int64{st.SpaceID}}
		}
		shared := len(h.Spaces) > 1 || len(h.Animators) > 1
		n := named[st.ID]
		r.Total.Events.add(st, n, shared)
		for _, s := range h.Spaces {
			e := r.bySpace[s]
			e.add(st, n, shared)
			r.bySpace[s] = e
		}
		start := st.Start.In(loc)
		month := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, loc)
		e := r.byMonth[month]
		e.add(st, n, shared)
		r.byMonth[month] = e
		if byType[h.Type] == nil {
			byType[h.Type] = &TypeRow{Type: storage.EventType{Key: h.Type}}
			types = append(types, byType[h.Type].Type)
		}
		byType[h.Type].add(st, n, shared)
		if len(h.Animators) == 0 {
			animator("space:"+names[st.SpaceID], names[st.SpaceID], true).add(st, n, shared)
		}
		for _, u := range h.Animators {
			animator("member:"+u, animatorNames[u], false).add(st, n, shared)
		}
		row := EventRow{Start: start, Title: st.Title, Space: names[st.SpaceID], Type: byType[h.Type].Type, Going: st.Going, Came: st.Attended,
			Walkins: st.Walkins - n, Named: n, Recorded: st.Recorded, DurationHours: st.End.Sub(st.Start).Hours()}
		for _, s := range h.Spaces[1:] {
			row.CoSpaces = append(row.CoSpaces, names[s])
		}
		r.Events = append(r.Events, row)
	}
	for _, t := range types {
		if row := byType[t.Key]; row.Held > 0 {
			r.Types = append(r.Types, *row)
		}
	}
	for _, k := range animatorOrder {
		r.Animators = append(r.Animators, *animators[k])
	}
	sort.SliceStable(r.Animators, func(i, j int) bool { return r.Animators[i].Held > r.Animators[j].Held })
	return nil
}

// eventTypes is the network's list, then any type an event still has that
// was taken off it, in the order met.
func eventTypes(ctx context.Context, tx *storage.Tx, guildID string, b storage.HeldEvents) ([]storage.EventType, error) {
	types, err := tx.EventTypes(ctx, guildID)
	if err != nil {
		return nil, fmt.Errorf("report types: %w", err)
	}
	known := map[string]bool{}
	for _, t := range types {
		known[t.Key] = true
	}
	for _, e := range b.Events {
		if e.Type == "" || known[e.Type] {
			continue
		}
		known[e.Type] = true
		t, err := tx.EventTypeNamed(ctx, guildID, e.Type)
		if errors.Is(err, storage.ErrNotFound) {
			t = storage.EventType{Key: e.Type, NameEN: e.Type, NameFR: e.Type}
		} else if err != nil {
			return nil, fmt.Errorf("report types: %w", err)
		}
		types = append(types, t)
	}
	return types, nil
}

// animatorNamesOf names animators: the full name from the register where
// known, else the member's display name, else the id. Read at once: a
// national year's events have thousands of animators.
func animatorNamesOf(ctx context.Context, tx *storage.Tx, guildID string, ids []string) (map[string]string, error) {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	full, err := tx.RegisterNames(ctx, guildID, ids)
	if err != nil {
		return nil, fmt.Errorf("report animators: %w", err)
	}
	shown, err := tx.DisplayNames(ctx, guildID, ids)
	if err != nil {
		return nil, fmt.Errorf("report animators: %w", err)
	}
	out := make(map[string]string, len(ids))
	for _, u := range ids {
		switch {
		case full[u] != "":
			out[u] = full[u]
		case shown[u] != "":
			out[u] = shown[u]
		default:
			out[u] = u
		}
	}
	return out, nil
}
