// Package retention decides how long the network keeps what names its
// members: the periods (policy as data), which slice of time a run still
// has to anonymise, and one bounded batch of it. storage.Retention says what
// happens to each table. It knows nothing of languages, messages or Discord.
package retention

import (
	"context"
	"fmt"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Policy is how long personal data is kept.
type Policy struct {
	// Months: visits, answers, introductions, organisers and delivered posts
	// name the member this long (the network's setting).
	Months int
	// DMDays: a private message is deleted this many days after delivery.
	DMDays int
	// Batch bounds the rows of each kind one transaction changes, so
	// check-ins are never held back long.
	Batch int
}

// Defaults.
const (
	DMDays = 30
	Batch  = 2000
)

// Default is the policy of a network that set nothing; its DM period is
// every network's (private messages are pruned all at once).
func Default() Policy { return For(storage.Guild{}) }

// For is network g's policy (storage.DefaultRetentionMonths when unset).
func For(g storage.Guild) Policy {
	m := g.RetentionMonths
	if m <= 0 {
		m = storage.DefaultRetentionMonths
	}
	return Policy{Months: m, DMDays: DMDays, Batch: Batch}
}

// Cutoff: records dated before it no longer name anyone.
func (p Policy) Cutoff(now time.Time) time.Time { return now.AddDate(0, -p.Months, 0) }

// DMCutoff: private messages delivered before it are deleted.
func (p Policy) DMCutoff(now time.Time) time.Time { return now.AddDate(0, 0, -p.DMDays) }

// MarkerKey is where a network's progress is kept: records before the
// instant it holds are done.
func MarkerKey(guildID string) string { return "retention_done:" + guildID }

// Pass is the slice of time a run still has to anonymise: [From, Before).
type Pass struct {
	From, Before time.Time
}

// Next is the pass due now given the marker of the last one ("" or
// unreadable: from the beginning); false when there is nothing to do.
func Next(p Policy, now time.Time, marker string) (Pass, bool) {
	pass := Pass{Before: p.Cutoff(now)}
	if t, err := time.Parse(time.RFC3339, marker); err == nil {
		pass.From = t
	}
	return pass, pass.From.Before(pass.Before)
}

// Marker records that everything before `before` is done.
func Marker(before time.Time) string { return before.UTC().Format(time.RFC3339) }

// Step is what one batch did.
type Step struct {
	Changed int64    // rows anonymised or scrubbed: 0 when the pass is done
	Delete  []string // posted messages that named someone, to delete
}

// Anonymise anonymises and scrubs at most p.Batch rows of each kind of pass
// in network guildID, and records the pass done when nothing was left.
func (p Policy) Anonymise(ctx context.Context, tx *storage.Tx, guildID string, pass Pass) (Step, error) {
	var s Step
	n, err := tx.AnonymizeBatch(ctx, guildID, pass.From, pass.Before, p.Batch)
	if err != nil {
		return s, fmt.Errorf("retention %s: %w", guildID, err)
	}
	del, scrubbed, err := tx.ScrubOutboxBatch(ctx, guildID, pass.From, pass.Before, p.Batch)
	if err != nil {
		return s, fmt.Errorf("retention %s: %w", guildID, err)
	}
	s.Changed, s.Delete = n+scrubbed, del
	if s.Changed == 0 {
		if err := tx.Set(ctx, MarkerKey(guildID), Marker(pass.Before)); err != nil {
			return s, fmt.Errorf("retention %s: %w", guildID, err)
		}
	}
	return s, nil
}
