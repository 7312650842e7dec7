package discordtest

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// LimitErrors checks a message body the bot sent (a message create or edit,
// a webhook, or an interaction callback's data) against Discord's documented
// limits, counted in Unicode characters, and says what exceeds. It is written
// apart from the bot's own budget (commands/render) so that one checks the
// other. Nil when the body is within every limit or is not a message.
func LimitErrors(body []byte) []string {
	var m struct {
		Type *int            `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	if json.Unmarshal(body, &m) == nil && m.Type != nil && len(m.Data) > 0 {
		body = m.Data // an interaction callback
	}
	var msg struct {
		Content string `json:"content"`
		Embeds  []struct {
			Title       string `json:"title"`
			Description string `json:"description"`
			Fields      []struct {
				Name  string `json:"name"`
				Value string `json:"value"`
			} `json:"fields"`
			Footer *struct {
				Text string `json:"text"`
			} `json:"footer"`
			Author *struct {
				Name string `json:"name"`
			} `json:"author"`
		} `json:"embeds"`
		Components []struct {
			Components []struct {
				Type        int    `json:"type"`
				Label       string `json:"label"`
				Placeholder string `json:"placeholder"`
				Options     []struct {
					Label       string `json:"label"`
					Description string `json:"description"`
				} `json:"options"`
			} `json:"components"`
		} `json:"components"`
	}
	if err := json.Unmarshal(body, &msg); err != nil {
		return nil
	}
	var errs []string
	check := func(what, s string, max int) int {
		n := utf8.RuneCountInString(s)
		if n > max {
			errs = append(errs, fmt.Sprintf("%s: %d characters > %d", what, n, max))
		}
		return n
	}
	check("content", msg.Content, 2000)
	if len(msg.Embeds) > 10 {
		errs = append(errs, fmt.Sprintf("%d embeds > 10", len(msg.Embeds)))
	}
	total := 0
	for i, e := range msg.Embeds {
		at := fmt.Sprintf("embeds[%d]", i)
		total += check(at+".title", e.Title, 256)
		total += check(at+".description", e.Description, 4096)
		if len(e.Fields) > 25 {
			errs = append(errs, fmt.Sprintf("%s: %d fields > 25", at, len(e.Fields)))
		}
		for j, f := range e.Fields {
			if f.Name == "" || f.Value == "" {
				errs = append(errs, fmt.Sprintf("%s.fields[%d]: empty name or value", at, j))
			}
			total += check(fmt.Sprintf("%s.fields[%d].name", at, j), f.Name, 256)
			total += check(fmt.Sprintf("%s.fields[%d].value", at, j), f.Value, 1024)
		}
		if e.Footer != nil {
			total += check(at+".footer.text", e.Footer.Text, 2048)
		}
		if e.Author != nil {
			total += check(at+".author.name", e.Author.Name, 256)
		}
	}
	if total > 6000 {
		errs = append(errs, fmt.Sprintf("embeds: %d characters together > 6000", total))
	}
	if len(msg.Components) > 5 {
		errs = append(errs, fmt.Sprintf("%d component rows > 5", len(msg.Components)))
	}
	for i, row := range msg.Components {
		if len(row.Components) > 5 {
			errs = append(errs, fmt.Sprintf("components[%d]: %d items > 5", i, len(row.Components)))
		}
		for j, c := range row.Components {
			at := fmt.Sprintf("components[%d][%d]", i, j)
			check(at+".label", c.Label, 80)
			check(at+".placeholder", c.Placeholder, 150)
			if len(c.Options) > 25 {
				errs = append(errs, fmt.Sprintf("%s: %d options > 25", at, len(c.Options)))
			}
			for k, o := range c.Options {
				check(fmt.Sprintf("%s.options[%d].label", at, k), o.Label, 100)
				check(fmt.Sprintf("%s.options[%d].description", at, k), o.Description, 100)
			}
		}
	}
	return errs
}

// OverLimits lists the calls the bot made so far whose message Discord would
// refuse for its length, with the reasons.
func (s *Server) OverLimits() []string {
	var out []string
	for _, c := range s.Calls() {
		if (c.Method != "POST" && c.Method != "PATCH") || len(c.Body) == 0 || strings.Contains(c.Path, "/scheduled-events") {
			continue
		}
		for _, e := range LimitErrors(c.Body) {
			out = append(out, c.Method+" "+c.Path+": "+e)
		}
	}
	return out
}
