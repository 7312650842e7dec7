package commands

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/register"
	"github.com/tierslieux/tiersbot/commands/render"
	"github.com/tierslieux/tiersbot/storage"
)

// The participant register's replies, rendered from the typed results of
// package register.

// registerRefusal words the register's refusals; other errors pass through.
func registerRefusal(err error) error {
	var ref *register.Refusal
	if !errors.As(err, &ref) {
		return err
	}
	worded := registerWording(ref)
	if ue, ok := worded.(*UserError); ok && ref.Field != 0 {
		ue.Field = "f" + strconv.FormatInt(ref.Field, 10) // the answers form's field
	}
	return worded
}

// registerWording is a refusal's message.
func registerWording(ref *register.Refusal) error {
	switch ref.Reason {
	case register.NotKeeper:
		return userErr("register.perm")
	case register.Unknown:
		return userErr("register.unknown")
	case register.NameNeeded:
		return userErr("register.name_needed")
	case register.LineNoName:
		return userErr("register.line_no_name", ref.Line)
	case register.NameTooLong:
		return userErr("register.name_too_long", ref.Line, register.MaxName)
	case register.TownTooLong:
		return userErr("register.town_too_long", ref.Line, register.MaxTown)
	case register.ContactTooLong:
		return userErr("register.contact_too_long", register.MaxContact)
	case register.TooManyLines:
		return userErr("register.too_many_lines", register.MaxLines)
	case register.BadAnonymous:
		return userErr("event.bad_walkins")
	case register.EventAndSpace:
		return userErr("register.event_and_space")
	case register.DayWithoutSpace:
		return userErr("register.day_without_space")
	case register.FutureDay:
		return userErr("register.future_day")
	case register.Homonyms:
		return userErr("register.homonyms", Escape(ref.Name), ref.Count)
	case register.AnswerHow:
		return userErr("register.answer_how")
	case register.ValueTooLong:
		return userErr("register.value_too_long", register.MaxChoiceLength)
	case register.NotAChoice:
		return userErr("register.value_not_choice", Escape(strings.Join(ref.Choices, ", ")))
	case register.FieldUnknown:
		return userErr("register.field_unknown")
	case register.FieldBadName:
		return userErr("register.field_bad_name", register.MaxFieldName)
	case register.PurposeNeeded:
		return userErr("register.purpose_needed")
	case register.PurposeTooLong:
		return userErr("register.purpose_too_long", register.MaxFieldPurpose)
	case register.BadChoices:
		return userErr("register.bad_choices", register.MaxFieldChoices, register.MaxChoiceLength)
	case register.TooManyFields:
		return userErr("register.too_many_fields", register.MaxFields)
	case register.FieldExists:
		return userErr("register.field_exists", Escape(ref.Name))
	case register.NoFields:
		return userErr("register.fields_none")
	case register.LinkHow:
		return userErr("register.link_how")
	case register.BadCode:
		return userErr("register.bad_code")
	}
	return ref
}

// registerAddedReply: who was added or found, where they were present, and
// the optional questions to ask them.
func registerAddedReply(l Lang, got register.Added) *Response {
	key := "register.known"
	if got.Created {
		key = "register.added"
	}
	text := l.T(key, Escape(register.LineOf(got.Entry)))
	where := ""
	switch {
	case got.Event != nil:
		where = l.T("register.present_event", Escape(got.Event.Title))
	case got.Space != nil:
		where = l.T("register.present_day", place(Escape(got.Space.Name)), l.Date(got.Noon))
	}
	if where != "" {
		text += "\n" + where
		if got.Again {
			text += " " + l.T("register.already_present")
		}
	}
	if len(got.Fields) > 0 {
		names := make([]string, len(got.Fields))
		for i, f := range got.Fields {
			names[i] = quoted(l, Escape(f.Name))
		}
		text += "\n" + l.T("register.fields_hint", strings.Join(names, ", "))
	}
	return ephemeral(text)
}

// registerAnsweredReply repeats why the question is asked, to say it to
// the person.
func registerAnsweredReply(l Lang, entry register.Entry, got register.Answered) *Response {
	if got.Value == "" {
		return ephemeral(l.T("register.answer_cleared", Escape(entry.Name), Escape(got.Field.Name)))
	}
	return ephemeral(l.T("register.answered", Escape(entry.Name), Escape(got.Field.Name), Escape(got.Field.Purpose)))
}

// registerFieldsReply lists the questions with why each is asked, after
// the one added or removed (nil: none).
func registerFieldsReply(l Lang, fields []register.Field, added, removed *register.Field) *Response {
	done := ""
	switch {
	case removed != nil:
		done = l.T("register.field_removed", Escape(removed.Name))
	case added != nil:
		done = l.T("register.field_added", Escape(added.Name))
	}
	em := &discordgo.MessageEmbed{Title: l.T("register.fields_title"), Color: colorEvent,
		Footer: &discordgo.MessageEmbedFooter{Text: l.T("register.fields_footer")}}
	if len(fields) == 0 {
		em.Description = l.T("register.fields_none")
	}
	lines := make([]string, 0, len(fields))
	for _, f := range fields {
		answers := l.T("register.field_free")
		if len(f.Choices) > 0 {
			answers = l.T("register.field_choices", Escape(strings.Join(f.Choices, ", ")))
		}
		lines = append(lines, "• "+l.T("register.field_line", Escape(f.Name), Escape(f.Purpose))+" ("+answers+")")
	}
	var b render.Builder
	e := b.Embed(em)
	if len(lines) > 0 {
		e.Desc(lines, more(l, "fields", notAttached))
	}
	return &Response{Ephemeral: true, Message: Message{Content: done, Embeds: b.Embeds()}}
}

// registerAnswerModal is the answers form: the first five questions (a
// form's limit), blank, each showing why it is asked.
func registerAnswerModal(l Lang, entry register.Entry, fields []register.Field) *Response {
	m := &Modal{CustomID: CustomID("regans", entry.ID), Title: Truncate(l.T("register.answer_form", entry.Name), 45)}
	for _, f := range fields[:min(len(fields), 5)] {
		hint := l.T("register.answer_hint", f.Purpose)
		if len(f.Choices) > 0 {
			hint = l.T("register.answer_hint_choices", strings.Join(f.Choices, " / "), f.Purpose)
		}
		m.Fields = append(m.Fields, TextField{ID: "f" + strconv.FormatInt(f.ID, 10), Label: Truncate(f.Name, 45),
			Placeholder: Truncate(hint, 100), MaxLength: register.MaxChoiceLength})
	}
	return &Response{Type: OpenModal, Modal: m}
}

// registerExportReply is the entry's data as a JSON file.
func registerExportReply(l Lang, guildID string, now time.Time, entry register.Entry, d storage.RegisterData) (*Response, error) {
	data, err := json.MarshalIndent(struct {
		Network  string `json:"network"`
		Exported int64  `json:"exported_at"`
		storage.RegisterData
	}{guildID, now.Unix(), d}, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("register export: %w", err)
	}
	return &Response{Ephemeral: true, Message: Message{Content: l.T("register.exported", Escape(entry.Name)),
		Files: []File{{Name: "registre-" + slug(entry.Name) + ".json", ContentType: "application/json", Data: data}}}}, nil
}

// registerEraseAsk asks to confirm erasing the entry.
func registerEraseAsk(l Lang, entry register.Entry) *Response {
	return ephemeral(l.T("register.erase_confirm", Escape(register.LineOf(entry))), Row{
		Button(Danger, l.T("btn.register_erase"), CustomID("regerase", entry.ID)),
	})
}

// participantChoices are entries as autocomplete suggests them.
func participantChoices(list []register.Entry) []Choice {
	out := make([]Choice, 0, len(list)+1)
	for _, e := range list {
		out = append(out, Choice{Name: register.LineOf(e), Value: register.Ref(e.ID)})
	}
	return out
}

// walkinsSavedText tells the animator what the walk-ins form recorded.
func walkinsSavedText(l Lang, e storage.Event, got register.WalkinsResult) string {
	if got.Named == 0 && got.Removed == 0 && len(got.Answered) == 0 { // a count only, as before the register
		return l.N("event.walkins_saved", got.Anonymous, Escape(e.Title))
	}
	text := l.T("register.walkins_saved", Escape(e.Title), got.Named, got.Anonymous)
	if len(got.Created) > 0 {
		list := boldNames(l, got.Created, 1200)
		text += "\n" + l.N("register.walkins_created", len(got.Created), list)
	}
	if len(got.Answered) > 0 {
		text += "\n" + l.T("register.walkins_answered", boldNames(l, got.Answered, 800))
	}
	if got.Removed > 0 {
		text += "\n" + l.N("register.walkins_removed", got.Removed)
	}
	return text
}

// boldNames lists entries' names in bold: 15 at most, within max characters.
func boldNames(l Lang, entries []register.Entry, max int) string {
	names := make([]string, len(entries))
	for i, x := range entries {
		names[i] = "**" + Escape(x.Name) + "**"
	}
	list, _ := render.JoinAtMost(names, 15, ", ", max, more(l, "people", notAttached))
	return list
}
