package commands

import (
	"github.com/tierslieux/tiersbot/commands/rsvp"
	"github.com/tierslieux/tiersbot/storage"
)

// Rendering of the event rules' results (commands/rsvp): what a member is
// told after answering, the DM of a seat freed up, the attendance pages and
// the organiser's "who came?" DM. Each is built from a typed result alone.

// answerReply is the private reply to an answer.
func answerReply(l Lang, e storage.Event, res rsvp.Result, quiet bool) *Response {
	switch res.Status {
	case rsvp.Going:
		if quiet {
			return ephemeral(l.T("event.you_going_quiet", Escape(e.Title), tsFull(e.Start)))
		}
		return ephemeral(l.T("event.you_going", Escape(e.Title), tsFull(e.Start)))
	case rsvp.Waitlist:
		return ephemeral(l.T("event.you_waitlist", Escape(e.Title), res.Position))
	case rsvp.Maybe:
		return ephemeral(l.T("event.you_maybe", Escape(e.Title)))
	}
	return ephemeral(l.T("event.you_no", Escape(e.Title)))
}

// promotedDM tells a member moved up from the waitlist that they have a seat.
func promotedDM(l Lang, e storage.Event, s storage.Space) Message {
	return Message{Content: l.T("event.promoted", Escape(e.Title), tsFull(e.Start), Escape(s.Name))}
}

// movedDM tells a member an event they answered has a new time.
func movedDM(l Lang, e storage.Event, s storage.Space) Message {
	return Message{Content: l.T("event.moved_dm", Escape(e.Title), tsFull(e.Start), place(Escape(s.Name)))}
}

// cancelledDM tells a member an event they answered is cancelled, and why if said.
func cancelledDM(l Lang, e storage.Event, s storage.Space, reason string) Message {
	text := l.T("event.cancelled_dm", Escape(e.Title), tsFull(e.Start), Escape(s.Name))
	if reason != "" {
		text += "\n" + l.T("event.reason_line", Escape(reason))
	}
	return Message{Content: text}
}

// answerLabel names an answer: before the event, going / maybe / waitlist /
// not going; once it ended, came / absent / attendance not recorded for
// those who meant to come.
func answerLabel(l Lang, status rsvp.Status, att rsvp.Attendance, ended bool) string {
	if !ended || status == rsvp.NotGoing {
		return l.T("event.status_" + string(status))
	}
	switch att {
	case rsvp.Came:
		return l.T("event.status_came")
	case rsvp.Absent:
		return l.T("event.status_absent")
	}
	return l.T("event.status_not_recorded")
}

// attendanceView is one attendance page to show.
type attendanceView struct {
	Event   storage.Event
	Page    rsvp.Page
	Summary rsvp.Summary
	// InDM: shown in the organiser's DMs, where buttons carry no server:
	// its buttons are the DM routes, and walk-ins (a form) are not offered.
	InDM bool
	// Saved: this page was just saved. Changed: the list moved since it was
	// shown, nothing was saved, here it is again.
	Saved, Changed bool
}

// attendanceMessage renders an attendance page: a select of the people of
// the page (ticked: came, or not recorded and checked in), previous/next
// when there are several pages, and the walk-ins button.
func attendanceMessage(l Lang, v attendanceView) Message {
	e, p := v.Event, v.Page
	present := v.Summary.Came + v.Summary.Detected
	var text string
	switch {
	case v.Saved:
		text = l.T("event.attendance_saved", Escape(e.Title), present, e.Walkins)
	case v.Changed:
		text = l.T("event.attendance_changed") + "\n" + l.T("event.attendance_intro", Escape(e.Title), present, e.Walkins)
	default:
		text = l.T("event.attendance_intro", Escape(e.Title), present, e.Walkins)
	}
	if p.Pages > 1 {
		text += "\n" + l.T("event.attendance_page", p.Number+1, p.Pages)
	}
	selectVerb, pageVerb := "att", "attp"
	if v.InDM {
		selectVerb, pageVerb = "attds", "attd"
	}
	var rows []Row
	if len(p.People) > 0 {
		opts := make([]SelectOption, 0, len(p.People))
		for _, a := range p.People {
			desc := answerLabel(l, a.Status, a.Attendance, true)
			if a.CheckedIn {
				desc += " · " + l.T("event.checked_in")
			}
			opts = append(opts, SelectOption{Label: Truncate(a.Name, maxOptionText), Value: a.ID, Default: a.Present(),
				Description: Truncate(desc, maxOptionText)})
		}
		rows = append(rows, Row{{Select: true, CustomID: CustomID(selectVerb, e.ID, p.Number, p.Key), Placeholder: l.T("event.who_came"),
			Options: opts, MinValues: 0, MaxValues: len(opts)}})
	} else {
		text += "\n" + l.T("event.attendance_nobody")
	}
	var buttons Row
	if p.Number > 0 {
		buttons = append(buttons, Button(Secondary, l.T("btn.previous"), CustomID(pageVerb, e.ID, p.Number-1)))
	}
	if p.Number+1 < p.Pages {
		buttons = append(buttons, Button(Secondary, l.T("btn.next"), CustomID(pageVerb, e.ID, p.Number+1)))
	}
	if v.InDM {
		text += "\n" + l.T("event.walkins_on_server")
	} else {
		buttons = append(buttons, Button(Secondary, l.T("btn.walkins"), CustomID("attw", e.ID)))
	}
	if len(buttons) > 0 {
		rows = append(rows, buttons)
	}
	return Message{Content: text, Components: rows}
}

// nudgeDM asks an event's organiser who came, with one button opening the
// attendance list in the DM.
func nudgeDM(l Lang, e storage.Event, s storage.Space, second bool) Message {
	key := "event.nudge_first"
	if second {
		key = "event.nudge_second"
	}
	return Message{Content: l.T(key, Escape(e.Title), tsFull(e.Start), Escape(s.Name)),
		Components: []Row{{Button(Primary, l.T("btn.who_came"), CustomID("attd", e.ID))}}}
}

// maxOptionText is Discord's limit on a select option's label and description.
const maxOptionText = 100
