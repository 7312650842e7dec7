package commands

import (
	"context"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tierslieux/tiersbot/commands/render"
)

// The endings of a more line.
const (
	notAttached    = ""
	listAttached   = "more.attached"        // the whole list is attached (see attachFull)
	digestAttached = "more.attached_digest" // the whole digest is attached
)

// more is the last line of a list of what ("spaces", "events", "people",
// "members", "skills", "items") that did not fit, ending with attached.
func more(l Lang, what, attached string) render.More {
	return func(left int) string {
		s := l.N("more."+what, left)
		if attached != "" {
			s += l.T(attached)
		}
		return s
	}
}

// attachFull attaches b's whole text to m when b left something out, so the
// "full list attached" its more lines promise is true.
func attachFull(m *Message, b *render.Builder, name string, loc *time.Location) {
	if b.Omitted() == 0 {
		return
	}
	m.Files = append(m.Files, File{Name: name, ContentType: "text/plain; charset=utf-8", Data: []byte(b.Full(plainText(loc)))})
}

var (
	timestampRe = regexp.MustCompile(`<t:(-?\d+)(?::([tTdDfFR]))?>`)
	mentionRe   = regexp.MustCompile(`<(@[!&]?|#)(\d+)>`)
	unescapeRe  = regexp.MustCompile(`\\([\\*_~` + "`" + `|>#\[\]])`)
)

// plainText turns message markdown into what a text file should show:
// escapes undone, Discord timestamps written out in loc, mentions as ids.
func plainText(loc *time.Location) func(string) string {
	return func(s string) string {
		s = strings.ReplaceAll(s, "\u200b", "")
		s = timestampRe.ReplaceAllStringFunc(s, func(m string) string {
			p := timestampRe.FindStringSubmatch(m)
			sec, err := strconv.ParseInt(p[1], 10, 64)
			if err != nil {
				return m
			}
			t := time.Unix(sec, 0).In(loc)
			switch p[2] {
			case "t", "T":
				return t.Format("15:04")
			case "d", "D":
				return t.Format("2006-01-02")
			}
			return t.Format("2006-01-02 15:04")
		})
		s = mentionRe.ReplaceAllString(s, "$1$2")
		return unescapeRe.ReplaceAllString(s, "$1")
	}
}

type logKey struct{}

// withLog lets code that has no App at hand (post) log through the App's
// logger: Handle and the scheduled jobs put it in their context.
func withLog(ctx context.Context, log *slog.Logger) context.Context {
	return context.WithValue(ctx, logKey{}, log)
}

func logOf(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(logKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}

// fitMessage is the last safety net before a message leaves: anything still
// over one of Discord's limits is cut, so Discord does not refuse the whole
// message. Builders should have made it unnecessary: a fix is logged as a bug.
func fitMessage(ctx context.Context, log *slog.Logger, what string, m Message) Message {
	content, embeds, fixes := render.Clamp(m.Content, m.Embeds)
	if len(fixes) == 0 && componentsFit(m.Components) {
		return m
	}
	m.Content = content
	if m.Embeds != nil {
		m.Embeds = embeds
	}
	if !componentsFit(m.Components) {
		fixes = append(fixes, "components")
		m.Components = fitComponents(m.Components)
	}
	if log == nil {
		log = logOf(ctx)
	}
	log.WarnContext(ctx, "message over Discord's limits, cut before sending (a bug)", "message", what, "fixes", strings.Join(fixes, "; "))
	return m
}

func componentsFit(rows []Row) bool {
	if len(rows) > render.MaxRows {
		return false
	}
	for _, row := range rows {
		if len(row) > render.MaxButtons || len(row) == 0 {
			return false
		}
		for _, c := range row {
			if c.Select && (len(row) > 1 || len(c.Options) > render.MaxOptions) {
				return false
			}
			if render.Len(c.Label) > render.MaxLabel || render.Len(c.Placeholder) > render.MaxPlaceholder {
				return false
			}
			for _, o := range c.Options {
				if render.Len(o.Label) > render.MaxOptionText || render.Len(o.Description) > render.MaxOptionText {
					return false
				}
			}
		}
	}
	return true
}

// fitComponents keeps what Discord accepts: 5 rows of 5 buttons, a select
// alone in its row with 25 options, labels cut.
func fitComponents(rows []Row) []Row {
	var out []Row
	for _, row := range rows {
		if len(out) == render.MaxRows {
			break
		}
		if len(row) == 0 {
			continue
		}
		var r Row
		for i, c := range row {
			if i == render.MaxButtons || (c.Select && i > 0) {
				break
			}
			c.Label = render.Cut(c.Label, render.MaxLabel)
			c.Placeholder = render.Cut(c.Placeholder, render.MaxPlaceholder)
			if len(c.Options) > render.MaxOptions {
				c.Options = c.Options[:render.MaxOptions]
			}
			opts := make([]SelectOption, len(c.Options))
			for j, o := range c.Options {
				o.Label = render.Cut(o.Label, render.MaxOptionText)
				o.Description = render.Cut(o.Description, render.MaxOptionText)
				opts[j] = o
			}
			if c.Options != nil {
				c.Options = opts
			}
			if c.MaxValues > len(c.Options) && c.Select {
				c.MaxValues = len(c.Options)
			}
			r = append(r, c)
			if c.Select {
				break
			}
		}
		out = append(out, r)
	}
	return out
}

// nameList is a refusal's list of suggestions (spaces, events), written
// out in the user's language when the refusal is (see App.Handle): at most
// 15 names, and as many as leave room for the rest of the message.
type nameList struct {
	names []string
	what  string // "spaces", "events"
}

func (n nameList) in(l Lang) string {
	s, _ := render.JoinAtMost(n.names, 15, ", ", 1200, more(l, n.what, notAttached))
	return s
}

// String is for a refusal formatted without a language (logs): English.
func (n nameList) String() string { return n.in(EN) }

// localArgs writes out a refusal's arguments that depend on the language.
func localArgs(l Lang, args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if n, ok := a.(interface{ in(Lang) string }); ok { // nameList, localKey
			a = n.in(l)
		}
		out[i] = a
	}
	return out
}
