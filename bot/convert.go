// Package bot connects the commands to the world: the Discord gateway, the
// local console, the clock (scheduled jobs) and the outbox worker.
package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands"
)

// errMalformed marks an interaction the bot cannot read: it is logged and
// refused, never handled.
var errMalformed = errors.New("malformed interaction")

// toRequest turns a Discord interaction into a transport-agnostic request. It
// refuses what Discord should never send but a bug, a replay or a new API
// version might: no id, no user, no data, an unknown type or component.
// Every request it returns has a Kind and a user id.
func toRequest(i *discordgo.Interaction) (*commands.Request, error) {
	bad := func(why string) (*commands.Request, error) {
		return nil, fmt.Errorf("%w: %s", errMalformed, why)
	}
	if i == nil {
		return bad("empty")
	}
	if i.ID == "" {
		return bad("no id")
	}
	r := &commands.Request{
		ID:        i.ID,
		GuildID:   i.GuildID,
		ChannelID: i.ChannelID,
		Locale:    string(i.Locale),
		Options:   map[string]string{},
	}
	switch {
	case i.Member != nil && i.Member.User != nil && i.Member.User.ID != "":
		r.User = commands.User{ID: i.Member.User.ID, Name: displayName(i.Member.Nick, i.Member.User), Roles: i.Member.Roles, Permissions: i.Member.Permissions}
	case i.User != nil && i.User.ID != "":
		r.User = commands.User{ID: i.User.ID, Name: displayName("", i.User)}
	default:
		return bad("no member and no user")
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		r.Kind = commands.KindCommand
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			r.Kind = commands.KindAutocomplete
		}
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			return bad("command without data")
		}
		if data.Name == "" {
			return bad("command without a name")
		}
		path := []string{data.Name}
		opts := data.Options
		// Subcommand groups and subcommands become words of the command path.
		for len(opts) == 1 && opts[0] != nil && (opts[0].Type == discordgo.ApplicationCommandOptionSubCommand || opts[0].Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
			path = append(path, opts[0].Name)
			opts = opts[0].Options
		}
		r.Command = strings.Join(path, " ")
		for _, o := range opts {
			if o == nil {
				continue
			}
			r.Options[o.Name] = optionText(o)
			if o.Type == discordgo.ApplicationCommandOptionAttachment && data.Resolved != nil {
				// The option carries the attachment's id; its file is in resolved data.
				if at := data.Resolved.Attachments[r.Options[o.Name]]; at != nil {
					if r.Attachments == nil {
						r.Attachments = map[string]commands.Attachment{}
					}
					r.Attachments[o.Name] = commands.Attachment{URL: at.URL, Filename: at.Filename, ContentType: at.ContentType, Size: at.Size}
				}
			}
			if o.Focused {
				r.Focused = o.Name
			}
			// The chosen channel's type, so the handler checks it can post
			// there (Discord's picker is only a first filter).
			if o.Type == discordgo.ApplicationCommandOptionChannel && data.Resolved != nil {
				if ch, ok := data.Resolved.Channels[r.Options[o.Name]]; ok && ch != nil {
					if r.ChannelTypes == nil {
						r.ChannelTypes = map[string]int{}
					}
					r.ChannelTypes[o.Name] = int(ch.Type)
				}
			}
		}
	case discordgo.InteractionMessageComponent:
		r.Kind = commands.KindComponent
		data, ok := i.Data.(discordgo.MessageComponentInteractionData)
		if !ok {
			return bad("component without data")
		}
		switch data.ComponentType {
		case discordgo.ButtonComponent, discordgo.SelectMenuComponent, discordgo.UserSelectMenuComponent,
			discordgo.RoleSelectMenuComponent, discordgo.MentionableSelectMenuComponent, discordgo.ChannelSelectMenuComponent:
		default:
			return bad(fmt.Sprintf("unknown component type %d", data.ComponentType))
		}
		r.CustomID, r.Values = data.CustomID, data.Values
		if i.Message != nil {
			r.MessageID = i.Message.ID
		}
	case discordgo.InteractionModalSubmit:
		r.Kind = commands.KindModal
		data, ok := i.Data.(discordgo.ModalSubmitInteractionData)
		if !ok {
			return bad("form without data")
		}
		r.CustomID = data.CustomID
		r.Fields = map[string]string{}
		for _, row := range data.Components {
			ar, ok := row.(*discordgo.ActionsRow)
			if !ok {
				continue
			}
			for _, c := range ar.Components {
				if ti, ok := c.(*discordgo.TextInput); ok {
					r.Fields[ti.CustomID] = ti.Value
				}
			}
		}
	default:
		return bad(fmt.Sprintf("unknown interaction type %d", i.Type))
	}
	return r, nil
}

func displayName(nick string, u *discordgo.User) string {
	switch {
	case nick != "":
		return nick
	case u.GlobalName != "":
		return u.GlobalName
	}
	return u.Username
}

// optionText renders any option value as text. Autocomplete sends the typed
// value as a string even for numeric options, so no typed accessor is safe.
func optionText(o *discordgo.ApplicationCommandInteractionDataOption) string {
	switch v := o.Value.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return ""
	}
	return ""
}

// noPings allows notifying only the given users: never roles, never @everyone.
func noPings(users []string) *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}, Users: users}
}

func toComponents(rows []commands.Row) []discordgo.MessageComponent {
	out := make([]discordgo.MessageComponent, 0, len(rows))
	for _, row := range rows {
		ar := discordgo.ActionsRow{}
		for _, c := range row {
			if c.Select {
				min := c.MinValues
				sm := discordgo.SelectMenu{MenuType: discordgo.StringSelectMenu, CustomID: c.CustomID, Placeholder: c.Placeholder, MinValues: &min, MaxValues: c.MaxValues, Disabled: c.Disabled}
				for _, o := range c.Options {
					sm.Options = append(sm.Options, discordgo.SelectMenuOption{Label: o.Label, Value: o.Value, Description: o.Description, Default: o.Default})
				}
				ar.Components = append(ar.Components, sm)
				continue
			}
			b := discordgo.Button{Label: c.Label, Style: discordgo.ButtonStyle(c.Style), CustomID: c.CustomID, URL: c.URL, Disabled: c.Disabled}
			if c.Emoji != "" {
				b.Emoji = &discordgo.ComponentEmoji{Name: c.Emoji}
			}
			ar.Components = append(ar.Components, b)
		}
		out = append(out, ar)
	}
	return out
}

func toFiles(files []commands.File) []*discordgo.File {
	out := make([]*discordgo.File, 0, len(files))
	for _, f := range files {
		out = append(out, &discordgo.File{Name: f.Name, ContentType: f.ContentType, Reader: strings.NewReader(string(f.Data))})
	}
	return out
}

// toInteractionResponse renders a handler's response for Discord.
func toInteractionResponse(res *commands.Response) *discordgo.InteractionResponse {
	switch res.Type {
	case commands.Suggest:
		choices := make([]*discordgo.ApplicationCommandOptionChoice, 0, len(res.Choices))
		for _, c := range res.Choices {
			choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: c.Name, Value: c.Value})
		}
		return &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: choices}}
	case commands.OpenModal:
		m := res.Modal
		rows := make([]discordgo.MessageComponent, 0, len(m.Fields))
		for _, f := range m.Fields {
			style := discordgo.TextInputShort
			if f.Paragraph {
				style = discordgo.TextInputParagraph
			}
			rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
				CustomID: f.ID, Label: f.Label, Style: style, Value: f.Value, Placeholder: f.Placeholder,
				Required: f.Required, MinLength: f.MinLength, MaxLength: f.MaxLength,
			}}})
		}
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal,
			Data: &discordgo.InteractionResponseData{CustomID: m.CustomID, Title: m.Title, Components: rows}}
	}
	t := discordgo.InteractionResponseChannelMessageWithSource
	if res.Type == commands.Update {
		t = discordgo.InteractionResponseUpdateMessage
	}
	data := &discordgo.InteractionResponseData{
		Content: res.Content, Embeds: res.Embeds, Components: toComponents(res.Components),
		AllowedMentions: noPings(res.PingUsers), Files: toFiles(res.Files),
	}
	if res.Ephemeral {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: t, Data: data}
}
