package discordtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// valid checks a request body as Discord would: the operation's schema in
// Discord's OpenAPI description, then the documented limits the schema does
// not express. On a refusal it answers and returns false.
func (s *Server) valid(w http.ResponseWriter, method, path string, body []byte) bool {
	if len(bytes.TrimSpace(body)) == 0 {
		return true
	}
	if n := int64(s.cfg.SchemaEvery); n > 1 && s.checked.Add(1)%n != 0 {
		return true
	}
	sp, err := theSpec()
	if err != nil {
		s.refuse(w, method, path, 500, 0, "fake discord: "+err.Error(), nil, false)
		return false
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		s.refuse(w, method, path, 400, 50109, "The request body contains invalid JSON.", nil, false)
		return false
	}
	coercePermissions(doc)
	var probs []problem
	if op := sp.find(method, path); op != nil {
		probs = op.schemaProblems(doc)
	}
	if len(probs) == 0 {
		probs = limitProblems(method, path, obj(doc))
	}
	if len(probs) > 0 {
		s.refuse(w, method, path, 400, CodeInvalidFormBody, "Invalid Form Body", probs, false)
		return false
	}
	return true
}

// limitProblems applies the documented limits by route.
func limitProblems(method, path string, body map[string]any) []problem {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	at := func(i int) string {
		if i < len(segs) {
			return segs[i]
		}
		return ""
	}
	var c checker
	switch {
	case at(0) == "channels" && at(2) == "messages" && (method == "POST" && len(segs) == 3 || method == "PATCH" && len(segs) == 4),
		at(0) == "webhooks" && (method == "POST" && len(segs) == 3 || method == "PATCH" && len(segs) == 5 && at(3) == "messages"):
		c.message(nil, body)
	case at(0) == "interactions" && at(3) == "callback" && method == "POST":
		typ, _ := num(body["type"])
		data := obj(body["data"])
		switch typ {
		case 4, 7:
			c.message([]string{"data"}, data)
		case 8:
			c.choices([]string{"data"}, data)
		case 9:
			c.modal([]string{"data"}, data)
		}
	case at(0) == "guilds" && at(2) == "scheduled-events" && len(segs) == 3 && method == "POST":
		c.scheduledEvent(body, true)
	}
	return c.probs
}

// coercePermissions turns permission bit sets sent as strings of digits into
// numbers before validation: Discord documents them as strings (discordgo
// sends them so) while its OpenAPI description types them as integers.
func coercePermissions(v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok && (k == "default_member_permissions" || k == "permissions") && isDigits(s) {
				x[k] = json.Number(s)
				continue
			}
			coercePermissions(val)
		}
	case []any:
		for _, e := range x {
			coercePermissions(e)
		}
	}
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
