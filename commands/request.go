// Package commands is what tiersbot does, independent of how it is reached:
// a Request comes in (from the Discord gateway, the console or a test), a
// handler checks permissions, validates input, runs one storage transaction
// and returns a Response. Nothing here knows about a Discord session.
package commands

import (
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Kind is what a request is: a slash command, a click, a modal, or typing.
type Kind int

const (
	KindCommand Kind = iota + 1
	KindComponent
	KindModal
	KindAutocomplete
)

// Discord permission bits that make someone a coordinator.
const (
	PermAdministrator = 1 << 3
	PermManageGuild   = 1 << 5
)

// User is who sent the request, with what Discord says of them in the guild.
type User struct {
	ID          string
	Name        string
	Roles       []string
	Permissions int64
}

// HasRole reports whether the user holds role id.
func (u User) HasRole(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range u.Roles {
		if r == id {
			return true
		}
	}
	return false
}

// Request is one interaction, transport-agnostic.
type Request struct {
	ID        string // interaction id: a replay with the same id is applied once
	Kind      Kind
	GuildID   string
	ChannelID string
	User      User
	Locale    string // the user's Discord locale, e.g. "fr", "en-US"

	Command string            // "checkin", "space add"
	Options map[string]string // option values as text; ids for channels, roles, users
	Focused string            // autocomplete: the option being typed
	// ChannelTypes is the Discord type of each channel option's chosen
	// channel, from the interaction's resolved data (absent when the
	// transport does not know it: the console).
	ChannelTypes map[string]int

	CustomID  string   // component or modal
	Params    Params   // the custom id's parameters, set by the router
	Values    []string // select menu choices
	MessageID string   // the message a clicked component is on

	Fields map[string]string // modal text inputs

	// Attachments are the files given to attachment options, by option name.
	Attachments map[string]Attachment

	Now time.Time // set by the App when zero
}

// Opt returns an option's value, trimmed.
func (r *Request) Opt(name string) string {
	return strings.TrimSpace(r.Options[name])
}

// Has reports whether an option was given.
func (r *Request) Has(name string) bool {
	_, ok := r.Options[name]
	return ok
}

// Name labels the request for logs and metrics with low cardinality: the
// command path, the custom id's verb, or "autocomplete <option>".
func (r *Request) Name() string {
	switch r.Kind {
	case KindComponent, KindModal:
		verb, _, _ := strings.Cut(r.CustomID, ":")
		if len(verb) > 20 {
			verb = verb[:20]
		}
		return "click " + verb
	case KindAutocomplete:
		return "autocomplete " + r.Focused
	}
	return r.Command
}

// Lang is the language of replies to this user.
func (r *Request) Lang() Lang {
	return LangOf(r.Locale)
}

// ResponseType says how the reply is shown.
type ResponseType int

const (
	Reply     ResponseType = iota // a new message answering the interaction
	Update                        // replace the message the clicked component is on
	OpenModal                     // show a form
	Suggest                       // autocomplete choices
)

// Response is what a handler answers.
type Response struct {
	Type      ResponseType
	Ephemeral bool // only the user sees it
	Message
	Modal   *Modal
	Choices []Choice
}

// Message is a message's content, used for replies and for posts in the outbox.
type Message struct {
	Content    string                    `json:"content,omitempty"`
	Embeds     []*discordgo.MessageEmbed `json:"embeds,omitempty"`
	Components []Row                     `json:"components,omitempty"`
	Files      []File                    `json:"files,omitempty"`
	// PingUsers are the only users this message may notify; roles and
	// @everyone never are, whatever the text says.
	PingUsers []string `json:"ping_users,omitempty"`
	// Event is the Discord scheduled event of OutEventCreate/Update/Delete items.
	Event *ScheduledEvent `json:"event,omitempty"`
	// Thread is the thread of an OutThread item.
	Thread *Thread `json:"thread,omitempty"`
	// FailNotice, if set, is sent by DM to a member when Discord definitely
	// refuses this item (say, the bot lacks a permission), so they can act.
	FailNotice *FailNotice `json:"fail_notice,omitempty"`
}

// Attachment is a file a member gave to a command's attachment option.
type Attachment struct {
	URL, Filename, ContentType string
	Size                       int
	// Data is the file itself for images the transport read (small PNG or
	// JPEG from Discord's file servers); nil otherwise.
	Data []byte `json:"-"`
}

// Thread names the thread an OutThread item starts on a posted message.
type Thread struct {
	Name string `json:"name"`
}

// ScheduledEvent is a Discord guild scheduled event (an external one, with a place).
type ScheduledEvent struct {
	Name        string    `json:"name"`
	Description string    `json:"description,omitempty"`
	Location    string    `json:"location"`
	Start       time.Time `json:"start"`
	End         time.Time `json:"end"`
}

// FailNotice tells a member that a post could not be made, and what to do.
type FailNotice struct {
	UserID  string `json:"user_id"`
	Content string `json:"content"`
}

// Row is a row of components (at most 5 buttons, or one select).
type Row []Component

// Component is a button or a select menu.
type Component struct {
	Select      bool           `json:"select,omitempty"`
	CustomID    string         `json:"custom_id,omitempty"`
	Label       string         `json:"label,omitempty"`
	Style       ButtonStyle    `json:"style,omitempty"`
	Emoji       string         `json:"emoji,omitempty"`
	URL         string         `json:"url,omitempty"`
	Disabled    bool           `json:"disabled,omitempty"`
	Placeholder string         `json:"placeholder,omitempty"`
	Options     []SelectOption `json:"options,omitempty"`
	MinValues   int            `json:"min_values,omitempty"`
	MaxValues   int            `json:"max_values,omitempty"`
}

// ButtonStyle mirrors Discord's button styles.
type ButtonStyle int

const (
	Primary   ButtonStyle = 1
	Secondary ButtonStyle = 2
	Success   ButtonStyle = 3
	Danger    ButtonStyle = 4
	LinkStyle ButtonStyle = 5
)

// SelectOption is one choice of a select menu.
type SelectOption struct {
	Label       string `json:"label"`
	Value       string `json:"value"`
	Description string `json:"description,omitempty"`
	Default     bool   `json:"default,omitempty"`
}

// File is an attachment.
type File struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Data        []byte `json:"data"`
}

// Modal is a form of text inputs.
type Modal struct {
	CustomID string
	Title    string
	Fields   []TextField
}

// TextField is one input of a modal.
type TextField struct {
	ID          string
	Label       string
	Paragraph   bool
	Value       string
	Placeholder string
	Required    bool
	MinLength   int
	MaxLength   int
}

// Choice is one autocomplete suggestion: Name is shown, Value is sent back.
type Choice struct {
	Name  string
	Value string
}

// Button builds a button.
func Button(style ButtonStyle, label, customID string) Component {
	return Component{Style: style, Label: label, CustomID: customID}
}

// CustomID joins a verb and arguments: "desk:in:12".
func CustomID(verb string, args ...any) string {
	parts := []string{verb}
	for _, a := range args {
		switch v := a.(type) {
		case string:
			parts = append(parts, v)
		case int64:
			parts = append(parts, strconv.FormatInt(v, 10))
		case int:
			parts = append(parts, strconv.Itoa(v))
		}
	}
	return strings.Join(parts, ":")
}
