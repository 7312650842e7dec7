package discordtest

import (
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// Interaction is an interaction as Discord sends it (JSON object).
type Interaction map[string]any

// Option is a command option as Discord sends it.
type Option map[string]any

// User is who acts: their guild roles and permissions travel with them.
type User struct {
	ID, Name    string
	Roles       []string
	Permissions int64
	Locale      string
}

func base(typ int, guild, channel string, u User) Interaction {
	roles := u.Roles
	if roles == nil {
		roles = []string{}
	}
	locale := u.Locale
	if locale == "" {
		locale = "fr"
	}
	return Interaction{
		"type": typ, "guild_id": guild, "channel_id": channel, "locale": locale, "guild_locale": "fr",
		// Discord sends permissions as strings; a number makes discordgo drop the member.
		"app_permissions": "2147483647",
		"member": map[string]any{
			"user":        map[string]any{"id": u.ID, "username": u.Name, "global_name": u.Name, "discriminator": "0"},
			"roles":       roles,
			"permissions": strconv.FormatInt(u.Permissions, 10),
			"joined_at":   "2026-01-01T00:00:00Z",
		},
	}
}

// Command builds a slash command (type 2).
func Command(guild, channel string, u User, name string, opts ...Option) Interaction {
	i := base(2, guild, channel, u)
	i["data"] = map[string]any{"id": "900" + strconv.Itoa(len(name)), "name": name, "type": 1, "options": optionList(opts)}
	return i
}

// Autocomplete builds an autocomplete request (type 4); mark one option Focused.
func Autocomplete(guild, channel string, u User, name string, opts ...Option) Interaction {
	i := Command(guild, channel, u, name, opts...)
	i["type"] = 4
	return i
}

// Click builds a button press (type 3) on message messageID.
func Click(guild, channel string, u User, messageID, customID string, values ...string) Interaction {
	i := base(3, guild, channel, u)
	data := map[string]any{"custom_id": customID, "component_type": 2}
	if len(values) > 0 {
		data["component_type"], data["values"] = 3, values
	}
	i["data"] = data
	i["message"] = map[string]any{"id": messageID, "channel_id": channel, "content": "", "flags": 0}
	return i
}

// ModalSubmit builds a form submission (type 5), with Discord's ActionsRow -> TextInput shape.
func ModalSubmit(guild, channel string, u User, customID string, fields map[string]string) Interaction {
	i := base(5, guild, channel, u)
	rows := []any{}
	for id, v := range fields {
		rows = append(rows, map[string]any{"type": 1, "components": []any{map[string]any{"type": 4, "custom_id": id, "value": v}}})
	}
	i["data"] = map[string]any{"custom_id": customID, "components": rows}
	return i
}

func optionList(opts []Option) []any {
	out := []any{}
	for _, o := range opts {
		out = append(out, map[string]any(o))
	}
	return out
}

// Sub is a subcommand with its options.
func Sub(name string, opts ...Option) Option {
	return Option{"name": name, "type": 1, "options": optionList(opts)}
}

// Str, Int, Bool, Channel, Role and Mention are typed options.
func Str(name, v string) Option          { return Option{"name": name, "type": 3, "value": v} }
func Int(name string, v int64) Option    { return Option{"name": name, "type": 4, "value": v} }
func Bool(name string, v bool) Option    { return Option{"name": name, "type": 5, "value": v} }
func Mention(name, userID string) Option { return Option{"name": name, "type": 6, "value": userID} }
func Channel(name, id string) Option     { return Option{"name": name, "type": 7, "value": id} }
func Role(name, id string) Option        { return Option{"name": name, "type": 8, "value": id} }

// Attachment is an attachment option: Discord sends the attachment's id.
func Attachment(name, id string) Option { return Option{"name": name, "type": 11, "value": id} }

// WithAttachment adds a file to a command's resolved data, as Discord sends
// the files given to attachment options.
func WithAttachment(i Interaction, id, filename, contentType string, size int) Interaction {
	data := i["data"].(map[string]any)
	resolved, _ := data["resolved"].(map[string]any)
	if resolved == nil {
		resolved = map[string]any{}
		data["resolved"] = resolved
	}
	atts, _ := resolved["attachments"].(map[string]any)
	if atts == nil {
		atts = map[string]any{}
		resolved["attachments"] = atts
	}
	atts[id] = map[string]any{"id": id, "filename": filename, "content_type": contentType, "size": size,
		"url": "https://cdn.discordapp.com/ephemeral-attachments/1/" + id + "/" + filename, "proxy_url": "https://media.discordapp.net/ephemeral-attachments/1/" + id + "/" + filename}
	return i
}

// Focused marks the option being typed in an autocomplete request (its value is a string, as Discord sends it).
func Focused(o Option) Option {
	o["focused"] = true
	if v, ok := o["value"]; ok {
		if _, isStr := v.(string); !isStr {
			o["value"] = strconv.FormatInt(v.(int64), 10)
		}
	}
	return o
}

// Buttons maps the labels of a message's buttons to their custom ids.
func Buttons(rows []discordgo.MessageComponent) map[string]string {
	out := map[string]string{}
	for _, r := range rows {
		row, ok := r.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range row.Components {
			if b, ok := c.(*discordgo.Button); ok {
				out[b.Label] = b.CustomID
			}
		}
	}
	return out
}

// RowButtons does the same for decoded callback rows.
func RowButtons(rows []discordgo.ActionsRow) map[string]string {
	out := map[string]string{}
	for _, r := range rows {
		for _, c := range r.Components {
			if b, ok := c.(*discordgo.Button); ok {
				out[b.Label] = b.CustomID
			}
		}
	}
	return out
}

// DMClick builds a button press in a direct message: no guild, a user instead of a member.
func DMClick(channel string, u User, messageID, customID string) Interaction {
	i := Click("", channel, u, messageID, customID)
	delete(i, "guild_id")
	delete(i, "member")
	i["user"] = map[string]any{"id": u.ID, "username": u.Name, "global_name": u.Name, "discriminator": "0"}
	return i
}
