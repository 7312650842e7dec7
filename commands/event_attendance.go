package commands

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tierslieux/tiersbot/commands/rsvp"
	"github.com/tierslieux/tiersbot/storage"
)

// Recording who came: /event attendance (or the organiser's "who came?"
// DM) shows the list in pages of 25 (a select's limit) with previous/next;
// saving a page changes only the people it showed. Custom ids:
//
//	att:{event}:{page}:{key}    the select of a page, on the server
//	attp:{event}:{page}         previous/next, on the server
//	attd:{event}[:{page}]       the DM's button (no page: a new message), previous/next in DMs
//	attds:{event}:{page}:{key}  the select of a page, in DMs
//
// key identifies the people the page showed (rsvp.PageOf): a page saved
// after the list moved saves nothing and is shown again.

func (a *App) attendanceRoutes() {
	a.command("event attendance", Animator, a.eventAttendance)
	a.button("att:{event:id}:{page:int}:{key:word}", Animator, a.attendanceSave)
	a.button("attp:{event:id}:{page:int}", Animator, a.attendancePage)
	// In DMs there is no server and no role: the organiser the DM went to
	// (attendanceEvent checks; forged on a server, they need an animator).
	a.button("attd:{event:id}", Owner, a.attendancePage, inDMs)
	a.button("attd:{event:id}:{page:int}", Owner, a.attendancePage, inDMs)
	a.button("attds:{event:id}:{page:int}:{key:word}", Owner, a.attendanceSave, inDMs)
	a.auto["event attendance event"] = a.completeAttendanceEvent
}

// eventAttendance: decode the typed event, authorize (its animators),
// decide (the list's first page), render.
func (a *App) eventAttendance(ctx context.Context, r *Request) (*Response, error) {
	v, err := a.attendanceView(ctx, r, r.Opt("event"), false, 0)
	if err != nil {
		return nil, err
	}
	return &Response{Ephemeral: true, Message: attendanceMessage(r.Lang(), v)}, nil
}

// attendancePage shows another page (previous/next), or, from the DM's
// button, the first page as a new message.
func (a *App) attendancePage(ctx context.Context, r *Request) (*Response, error) {
	v, err := a.attendanceView(ctx, r, r.Params.Str("event"), true, r.Params.Int("page"))
	if err != nil {
		return nil, err
	}
	typ := Update
	if _, paged := r.Params["page"]; !paged {
		typ = Reply // the DM's "who came?" stays; the list comes below it
	}
	return &Response{Type: typ, Ephemeral: true, Message: attendanceMessage(r.Lang(), v)}, nil
}

// attendanceView loads one page of an event's list, for someone allowed to record it.
func (a *App) attendanceView(ctx context.Context, r *Request, event string, fromButton bool, page int) (attendanceView, error) {
	var v attendanceView
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if v.Event, err = attendanceEvent(ctx, tx, r, event, fromButton); err != nil {
			return err
		}
		list, err := rsvp.List(ctx, tx, rsvp.EventOf(v.Event))
		v.Page, v.Summary = rsvp.PageOf(list, page), rsvp.Summarize(list)
		return err
	})
	v.InDM = r.GuildID == ""
	return v, err
}

// attendanceSave: decode the select, authorize, decide (rsvp.Record: the
// people of this page only), render the page as saved, or as it now is if
// it moved since it was shown.
func (a *App) attendanceSave(ctx context.Context, r *Request) (*Response, error) {
	page := r.Params.Int("page")
	v := attendanceView{InDM: r.GuildID == ""}
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if v.Event, err = attendanceEvent(ctx, tx, r, r.Params.Str("event"), true); err != nil {
			return err
		}
		rec, err := rsvp.Record(ctx, tx, rsvp.RecordInput{Event: rsvp.EventOf(v.Event), Page: page, Key: r.Params.Str("key"), Came: r.Values, Now: r.Now})
		switch {
		case errors.Is(err, rsvp.ErrListChanged):
			list, err := rsvp.List(ctx, tx, rsvp.EventOf(v.Event))
			v.Page, v.Summary, v.Changed = rsvp.PageOf(list, page), rsvp.Summarize(list), true
			return err
		case errors.Is(err, rsvp.ErrNotOffered):
			return userErr("error.bad_button") // a value that was never offered
		case err != nil:
			return err
		}
		v.Page, v.Summary, v.Saved = rec.Page, rec.Summary, true
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &Response{Type: Update, Ephemeral: true, Message: attendanceMessage(r.Lang(), v)}, nil
}

// completeAttendanceEvent suggests, for /event attendance, what took place
// first (latest first), then what is to come.
func (a *App) completeAttendanceEvent(ctx context.Context, r *Request, typed string) ([]Choice, error) {
	var events []storage.Event
	byID := map[int64]storage.Space{}
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if events, err = searchEvents(ctx, tx, r.GuildID, Fold(typed), r.Now, pickAttendance); err != nil {
			return err
		}
		byID, err = spacesOf(ctx, tx, r.GuildID, events)
		return err
	})
	return eventChoices(events, byID), err
}

// AttendanceNudges DMs each organiser "who came?" after their event, and
// once more the next day if attendance is still not recorded (rsvp.DueNudges).
// Each nudge has its own outbox key: a restart, or the job running twice,
// never sends one twice.
func (a *App) AttendanceNudges(ctx context.Context, now time.Time) error {
	return a.writeJob(ctx, func(tx *storage.Tx) error {
		nudges, err := rsvp.DueNudges(ctx, tx, now)
		if err != nil {
			return err
		}
		for _, n := range nudges {
			e, err := tx.Event(ctx, n.Event.GuildID, n.Event.ID)
			if err != nil {
				return err
			}
			s, err := tx.Space(ctx, e.GuildID, e.SpaceID)
			if err != nil {
				return err
			}
			which := 1
			if n.Second {
				which = 2
			}
			m := nudgeDM(a.memberLang(ctx, tx, e.GuildID, n.Organizer), e, s, n.Second)
			if _, err := post(ctx, tx, now, e.GuildID, OutDM, n.Organizer, m, fmt.Sprintf("attnudge:%d:%d", which, e.ID)); err != nil {
				return err
			}
		}
		return nil
	})
}
