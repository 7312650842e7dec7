package rsvp

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// One seat: alice going, zoé waiting, yann maybe, xavier not coming.
func TestWhoIsTold(t *testing.T) {
	f := newFixture(t)
	e := f.event(t0.Add(24*time.Hour), 1)
	f.write(func(ctx context.Context, tx *storage.Tx) error {
		for _, a := range []struct {
			who    string
			choice Status
		}{{"alice", Going}, {"zoe", Going}, {"yann", Maybe}, {"xavier", NotGoing}} {
			if _, err := Answer(ctx, tx, AnswerInput{Event: e, Member: Member{ID: a.who}, Choice: a.choice, Now: t0}); err != nil {
				return err
			}
		}
		return nil
	})
	for _, c := range []struct {
		name string
		list func(context.Context, *storage.Tx, int64) ([]Member, error)
		want string
	}{
		{"cancelled: everyone who meant to come, waiting included", ToTellOfCancellation, "alice zoe yann"},
		{"moved: going and maybe", ToTellOfMove, "alice yann"},
	} {
		var got []Member
		f.db.Read(context.Background(), func(tx *storage.Tx) error {
			var err error
			got, err = c.list(context.Background(), tx, e.ID)
			return err
		})
		if s := strings.Join(names(got), " "); s != c.want {
			t.Errorf("%s: %q, want %q", c.name, s, c.want)
		}
	}
}
