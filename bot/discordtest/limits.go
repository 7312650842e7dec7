package discordtest

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Discord's documented limits that its OpenAPI schema does not express (or
// states more loosely): see /work/shared/discord-notes.md and Discord's API
// docs. Characters are Unicode characters (runes).
const (
	maxContent       = 2000
	maxEmbeds        = 10
	maxEmbedsTotal   = 6000
	maxEmbedTitle    = 256
	maxEmbedDesc     = 4096
	maxEmbedFields   = 25
	maxFieldName     = 256
	maxFieldValue    = 1024
	maxFooter        = 2048
	maxAuthor        = 256
	maxRows          = 5
	maxButtonsRow    = 5
	maxSelectOptions = 25
	maxLabel         = 80
	maxCustomID      = 100
	maxModalTitle    = 45
	maxModalRows     = 5
	maxInputLabel    = 45
	maxPlaceholder   = 100
	maxInputValue    = 4000
	maxChoices       = 25
	maxChoiceName    = 100
	maxEventLocation = 100
)

// problem is one refused field: where (Discord's errors tree path), a code, a message.
type problem struct {
	at   []string
	code string
	msg  string
}

func (p problem) String() string {
	if len(p.at) == 0 {
		return p.msg
	}
	return strings.Join(p.at, ".") + ": " + p.msg
}

// checker collects problems under a path prefix.
type checker struct {
	probs []problem
}

func (c *checker) add(at []string, code, format string, args ...any) {
	c.probs = append(c.probs, problem{at: append([]string(nil), at...), code: code, msg: fmt.Sprintf(format, args...)})
}

func (c *checker) maxLen(at []string, s string, n int) int {
	l := utf8.RuneCountInString(s)
	if l > n {
		c.add(at, "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d).", n, l)
	}
	return l
}

func join(at []string, more ...string) []string {
	return append(append([]string(nil), at...), more...)
}

func str(v any) string { s, _ := v.(string); return s }
func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
func list(v any) []any { l, _ := v.([]any); return l }
func num(v any) (int64, bool) {
	switch n := v.(type) {
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	case float64:
		return int64(n), true
	}
	return 0, false
}

// message checks a message body (create, edit, follow-up, callback data).
func (c *checker) message(at []string, m map[string]any) {
	if m == nil {
		return
	}
	c.maxLen(join(at, "content"), str(m["content"]), maxContent)
	embeds := list(m["embeds"])
	if len(embeds) > maxEmbeds {
		c.add(join(at, "embeds"), "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d).", maxEmbeds, len(embeds))
	}
	total := 0
	for i, e := range embeds {
		total += c.embed(join(at, "embeds", fmt.Sprint(i)), obj(e))
	}
	if total > maxEmbedsTotal {
		c.add(join(at, "embeds"), "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of %d (got %d).", maxEmbedsTotal, total)
	}
	c.components(join(at, "components"), list(m["components"]))
}

// embed checks one embed and returns the characters it counts toward the 6,000.
func (c *checker) embed(at []string, e map[string]any) int {
	if e == nil {
		return 0
	}
	n := c.maxLen(join(at, "title"), str(e["title"]), maxEmbedTitle)
	n += c.maxLen(join(at, "description"), str(e["description"]), maxEmbedDesc)
	fields := list(e["fields"])
	if len(fields) > maxEmbedFields {
		c.add(join(at, "fields"), "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d).", maxEmbedFields, len(fields))
	}
	for i, f := range fields {
		fo, fat := obj(f), join(at, "fields", fmt.Sprint(i))
		name, value := str(fo["name"]), str(fo["value"])
		if strings.TrimSpace(name) == "" {
			c.add(join(fat, "name"), "BASE_TYPE_REQUIRED", "This field is required")
		}
		if strings.TrimSpace(value) == "" {
			c.add(join(fat, "value"), "BASE_TYPE_REQUIRED", "This field is required")
		}
		n += c.maxLen(join(fat, "name"), name, maxFieldName)
		n += c.maxLen(join(fat, "value"), value, maxFieldValue)
	}
	if f := obj(e["footer"]); f != nil {
		n += c.maxLen(join(at, "footer", "text"), str(f["text"]), maxFooter)
	}
	if a := obj(e["author"]); a != nil {
		n += c.maxLen(join(at, "author", "name"), str(a["name"]), maxAuthor)
	}
	return n
}

// components checks a message's action rows (the classic, non-v2 layout).
func (c *checker) components(at []string, rows []any) {
	if len(rows) > maxRows {
		c.add(at, "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d).", maxRows, len(rows))
	}
	ids := map[string]bool{}
	for i, r := range rows {
		row, rat := obj(r), join(at, fmt.Sprint(i))
		if t, _ := num(row["type"]); t != 1 {
			continue // v2 layouts are the schema's business
		}
		comps := list(row["components"])
		if len(comps) == 0 {
			c.add(join(rat, "components"), "BASE_TYPE_MIN_LENGTH", "An action row needs at least one component.")
		}
		buttons, selects := 0, 0
		for j, x := range comps {
			comp, cat := obj(x), join(rat, "components", fmt.Sprint(j))
			t, _ := num(comp["type"])
			id := str(comp["custom_id"])
			if id != "" {
				c.maxLen(join(cat, "custom_id"), id, maxCustomID)
				if ids[id] {
					c.add(join(cat, "custom_id"), "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated (%q).", id)
				}
				ids[id] = true
			}
			switch t {
			case 2:
				buttons++
				c.maxLen(join(cat, "label"), str(comp["label"]), maxLabel)
				style, _ := num(comp["style"])
				switch {
				case style == 5 && (str(comp["url"]) == "" || id != ""):
					c.add(cat, "BUTTON_COMPONENT_INVALID", "A link button needs a url and no custom_id.")
				case style != 5 && style != 6 && id == "":
					c.add(join(cat, "custom_id"), "BASE_TYPE_REQUIRED", "A button needs a custom_id.")
				}
			case 3, 5, 6, 7, 8:
				selects++
				opts := list(comp["options"])
				if len(opts) > maxSelectOptions {
					c.add(join(cat, "options"), "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d).", maxSelectOptions, len(opts))
				}
				values := map[string]bool{}
				for k, o := range opts {
					oo := obj(o)
					c.maxLen(join(cat, "options", fmt.Sprint(k), "label"), str(oo["label"]), maxLabel)
					if v := str(oo["value"]); values[v] {
						c.add(join(cat, "options", fmt.Sprint(k), "value"), "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED", "Select option values must be unique (%q).", v)
					} else {
						values[v] = true
					}
				}
			}
		}
		if buttons > maxButtonsRow {
			c.add(join(rat, "components"), "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d buttons).", maxButtonsRow, buttons)
		}
		if selects > 0 && len(comps) > 1 {
			c.add(join(rat, "components"), "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "A select menu must be alone in its row.")
		}
	}
}

// modal checks a modal's data (callback type 9).
func (c *checker) modal(at []string, m map[string]any) {
	c.maxLen(join(at, "title"), str(m["title"]), maxModalTitle)
	c.maxLen(join(at, "custom_id"), str(m["custom_id"]), maxCustomID)
	rows := list(m["components"])
	if len(rows) < 1 || len(rows) > maxModalRows {
		c.add(join(at, "components"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and %d in length (got %d).", maxModalRows, len(rows))
	}
	ids := map[string]bool{}
	for i, r := range rows {
		for j, x := range list(obj(r)["components"]) {
			comp, cat := obj(x), join(at, "components", fmt.Sprint(i), "components", fmt.Sprint(j))
			id := str(comp["custom_id"])
			c.maxLen(join(cat, "custom_id"), id, maxCustomID)
			if ids[id] {
				c.add(join(cat, "custom_id"), "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated (%q).", id)
			}
			ids[id] = true
			c.maxLen(join(cat, "label"), str(comp["label"]), maxInputLabel)
			c.maxLen(join(cat, "placeholder"), str(comp["placeholder"]), maxPlaceholder)
			c.maxLen(join(cat, "value"), str(comp["value"]), maxInputValue)
		}
	}
}

// choices checks autocomplete results (callback type 8).
func (c *checker) choices(at []string, d map[string]any) {
	ch := list(d["choices"])
	if len(ch) > maxChoices {
		c.add(join(at, "choices"), "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d).", maxChoices, len(ch))
	}
	for i, x := range ch {
		name := str(obj(x)["name"])
		if l := utf8.RuneCountInString(name); l < 1 || l > maxChoiceName {
			c.add(join(at, "choices", fmt.Sprint(i), "name"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and %d in length (got %d).", maxChoiceName, l)
		}
		if v, ok := obj(x)["value"].(string); ok {
			c.maxLen(join(at, "choices", fmt.Sprint(i), "value"), v, maxChoiceName)
		}
	}
}

// scheduledEvent checks an external event's needs on creation.
func (c *checker) scheduledEvent(e map[string]any, creating bool) {
	typ, _ := num(e["entity_type"])
	if typ != 3 || !creating {
		return
	}
	loc := str(obj(e["entity_metadata"])["location"])
	if loc == "" {
		c.add([]string{"entity_metadata", "location"}, "BASE_TYPE_REQUIRED", "An external event needs a location.")
	}
	c.maxLen([]string{"entity_metadata", "location"}, loc, maxEventLocation)
	if e["scheduled_end_time"] == nil {
		c.add([]string{"scheduled_end_time"}, "BASE_TYPE_REQUIRED", "An external event needs an end time.")
	}
}
