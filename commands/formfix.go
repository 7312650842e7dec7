package commands

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tierslieux/tiersbot/commands/register"
	"github.com/tierslieux/tiersbot/storage"
)

// A refused form keeps what was typed: the refusal carries a "Correct it"
// button that reopens the form prefilled, with the field to correct marked.
// What was typed waits in the settings table under a random token, for the
// member who typed it only, at most formFixTTL (forms are corrected within
// minutes; the hourly clean-up deletes older ones: it is personal text).

const (
	formFixTTL    = time.Hour
	formFixPrefix = "formfix:"
)

// refiller rebuilds a kept form for the request of the member reopening it
// (f.Bad: the field the refusal is about, "" if none in particular).
type refiller func(ctx context.Context, r *Request, f formFix) (*Modal, error)

// plainRefill is a refiller for a form built from what was typed alone.
func plainRefill(build func(l Lang, customID string, fields map[string]string, bad string) *Modal) refiller {
	return func(_ context.Context, r *Request, f formFix) (*Modal, error) {
		return build(r.Lang(), f.CustomID, f.Fields, f.Bad), nil
	}
}

// formFix is what a "Correct it" button brings back.
type formFix struct {
	User     string            `json:"user"`
	CustomID string            `json:"custom_id"`
	Fields   map[string]string `json:"fields"`
	Bad      string            `json:"bad,omitempty"`
	At       int64             `json:"at"`
}

func (a *App) formFixRoutes() {
	// In DMs too: the check-out correction form is refused there. The kept
	// form is checked against the clicker, and each refill its own record.
	a.button("fix:{token:word}", Anyone, a.formFixOpen, opensForm, inDMs)
	a.refills["evnew"] = plainRefill(eventRefill)
	a.refills["evedit"] = plainRefill(eventRefill)
	a.refills["prjnew"] = plainRefill(projectRefill)
	a.refills["prjedit"] = plainRefill(projectRefill)
	a.refills["attw"] = plainRefill(func(l Lang, customID string, fields map[string]string, bad string) *Modal {
		return markField(l, walkinsModal(l, customID, Truncate(fields["names"], register.MaxText), Truncate(fields["walkins"], 4)), bad)
	})
	a.refills["regans"] = a.registerAnswerRefill
	a.refills[fixVerb] = plainRefill(func(l Lang, customID string, fields map[string]string, bad string) *Modal {
		return markField(l, refilled(fixModal(l, customID), fields), bad)
	})
}

// keepForm saves a refused form's values and returns the button row that
// reopens it, or nil when the form cannot be rebuilt.
func (a *App) keepForm(ctx context.Context, r *Request, ue *UserError) []Row {
	verb, _, _ := strings.Cut(r.CustomID, ":")
	if r.Kind != KindModal || a.refills[verb] == nil || len(r.Fields) == 0 {
		return nil
	}
	token := a.token()
	bad := ue.Field
	if bad == "" {
		bad = badField(ue.Key)
	}
	data, err := json.Marshal(formFix{User: r.User.ID, CustomID: r.CustomID, Fields: r.Fields, Bad: bad, At: r.Now.Unix()})
	if err == nil {
		err = a.db.Write(ctx, func(tx *storage.Tx) error { return tx.Set(ctx, formFixPrefix+token, string(data)) })
	}
	if err != nil {
		a.log.Warn("could not keep a refused form", "custom_id", r.CustomID, "err", err)
		return nil
	}
	return []Row{{Button(Primary, r.Lang().T("btn.correct"), CustomID("fix", token))}}
}

// token is a fresh random token from the App's injected randomness, which
// requests share: a math/rand source is not safe for concurrent use.
func (a *App) token() string {
	b := make([]byte, 9)
	a.randMu.Lock()
	for i := range b {
		b[i] = byte(a.rand.IntN(256))
	}
	a.randMu.Unlock()
	return hex.EncodeToString(b)
}

// badField maps a refusal to the field it is about, by the key's name
// ("event.bad_start" -> "start").
func badField(key string) string {
	if strings.Contains(key, "lines") || strings.Contains(key, "walkin_name") {
		return "names"
	}
	for _, f := range []string{"title", "description", "start", "duration", "capacity", "walkins", "names", "pitch"} {
		if strings.Contains(key, f) {
			return f
		}
	}
	if strings.Contains(key, "need") { // project.bad_need, project.too_many_needs
		return "needs"
	}
	return ""
}

// formFixOpen reopens a refused form, prefilled, for whoever typed it.
func (a *App) formFixOpen(ctx context.Context, r *Request) (*Response, error) {
	key := formFixPrefix + r.Params.Str("token")
	var f formFix
	err := a.read(ctx, func(tx *storage.Tx) error {
		v, err := tx.Get(ctx, key)
		if err != nil || v == "" {
			return err
		}
		return json.Unmarshal([]byte(v), &f)
	})
	if err != nil {
		return nil, fmt.Errorf("form fix: %w", err)
	}
	if f.User == "" || f.User != r.User.ID {
		return nil, userErr("error.bad_button")
	}
	if r.Now.Sub(time.Unix(f.At, 0)) > formFixTTL {
		return nil, userErr("form.fix_expired")
	}
	verb, _, _ := strings.Cut(f.CustomID, ":")
	refill := a.refills[verb]
	if refill == nil {
		return nil, userErr("error.bad_button")
	}
	m, err := refill(ctx, r, f)
	if err != nil {
		return nil, err
	}
	return &Response{Type: OpenModal, Modal: m}, nil
}

// dropKeptForms deletes the kept forms of a custom id: what was typed about
// a register entry goes with the entry.
func dropKeptForms(ctx context.Context, tx *storage.Tx, customID string) error {
	kept, err := tx.GetPrefix(ctx, formFixPrefix)
	if err != nil {
		return fmt.Errorf("kept forms: %w", err)
	}
	for k, v := range kept {
		var f formFix
		if json.Unmarshal([]byte(v), &f) == nil && f.CustomID != customID {
			continue
		}
		if err := tx.Delete(ctx, k); err != nil {
			return fmt.Errorf("kept forms: %w", err)
		}
	}
	return nil
}

// PruneFormFixes deletes kept forms older than a day.
func (a *App) PruneFormFixes(ctx context.Context, now time.Time) error {
	return a.db.Write(ctx, func(tx *storage.Tx) error {
		kept, err := tx.GetPrefix(ctx, formFixPrefix)
		if err != nil {
			return err
		}
		for k, v := range kept {
			var f formFix
			if json.Unmarshal([]byte(v), &f) == nil && now.Sub(time.Unix(f.At, 0)) < 24*time.Hour {
				continue
			}
			if err := tx.Delete(ctx, k); err != nil {
				return err
			}
		}
		return nil
	})
}

// markField flags the field to correct in a rebuilt form.
func markField(l Lang, m *Modal, bad string) *Modal {
	for i := range m.Fields {
		if m.Fields[i].ID == bad {
			m.Fields[i].Label = Truncate("✏️ "+m.Fields[i].Label, 45)
		}
	}
	m.Title = Truncate(l.T("form.fix_title", m.Title), 45)
	return m
}

// projectRefill reopens the project forms (new and edit) with what was
// typed: a refused list of needs is the usual case.
func projectRefill(l Lang, customID string, fields map[string]string, bad string) *Modal {
	title := l.T("project.modal_edit")
	if strings.HasPrefix(customID, "prjnew:") {
		title = l.T("project.modal_again")
	}
	return markField(l, refilled(projectModal(l, customID, title, storage.Project{}), fields), bad)
}

// refilled puts the typed values back in a form's fields.
func refilled(m *Modal, fields map[string]string) *Modal {
	for i := range m.Fields {
		m.Fields[i].Value = Truncate(fields[m.Fields[i].ID], m.Fields[i].MaxLength)
	}
	return m
}

// eventRefill reopens the event forms (new and edit) with what was typed.
func eventRefill(l Lang, customID string, fields map[string]string, bad string) *Modal {
	title := l.T("event.modal_edit")
	if strings.HasPrefix(customID, "evnew:") {
		title = l.T("event.modal_again")
	}
	return markField(l, refilled(eventModal(l, customID, title, storage.Event{}, storage.Space{}), fields), bad)
}
