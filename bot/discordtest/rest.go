package discordtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Callback is the bot's answer to an interaction, decoded.
type Callback struct {
	Type  discordgo.InteractionResponseType
	Data  CallbackData
	Files []File
	Raw   []byte
}

// CallbackData is an interaction response's data. Components decode as
// action rows (discordgo's interface types do not decode on their own).
type CallbackData struct {
	Content         string                            `json:"content"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds"`
	Components      []discordgo.ActionsRow            `json:"components"`
	Flags           discordgo.MessageFlags            `json:"flags"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	Choices         []struct {
		Name  string `json:"name"`
		Value any    `json:"value"`
	} `json:"choices"`
	CustomID string `json:"custom_id"`
	Title    string `json:"title"`
}

// Ephemeral reports whether only the user sees the answer.
func (c Callback) Ephemeral() bool { return c.Data.Flags&discordgo.MessageFlagsEphemeral != 0 }

// WaitCallback returns the bot's answer to interaction id.
func (s *Server) WaitCallback(ctx context.Context, id string) (Callback, error) {
	var cb Callback
	err := s.wait(ctx, func() bool {
		var ok bool
		cb, ok = s.callbacks[id]
		return ok
	})
	return cb, err
}

// Callbacks counts the answers received for interaction id (Discord accepts one).
func (s *Server) Callbacks(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.calls {
		if c.Method == http.MethodPost && strings.HasPrefix(c.Path, "/interactions/"+id+"/") && c.Status < 300 {
			n++
		}
	}
	return n
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func discordError(w http.ResponseWriter, status, code int, msg string) {
	writeJSON(w, status, map[string]any{"code": code, "message": msg})
}

// readBody returns the JSON part and the files of a request.
func readBody(r *http.Request) ([]byte, []File, error) {
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		b, err := io.ReadAll(r.Body)
		return b, nil, err
	}
	mr := multipart.NewReader(r.Body, params["boundary"])
	var body []byte
	var files []File
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return body, files, nil
		}
		if err != nil {
			return nil, nil, err
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return nil, nil, err
		}
		if p.FormName() == "payload_json" {
			body = data
			continue
		}
		files = append(files, File{Name: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: data})
	}
}

func (s *Server) serveREST(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, "/api/v9")
	body, files, err := readBody(r)
	if err != nil {
		discordError(w, http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
		return
	}
	call := Call{Method: r.Method, Path: path, Query: r.URL.Query(), Body: body, Files: files, At: time.Now()}
	s.mu.Lock()
	var fault *Fault
	if s.fault != nil {
		fault = s.fault(r.Method, path)
	}
	s.mu.Unlock()
	rec := &statusWriter{ResponseWriter: w}
	if fault != nil {
		switch {
		case fault.Status == http.StatusTooManyRequests && fault.Global:
			w.Header().Set("Retry-After", strconv.FormatFloat(fault.RetryAfter, 'f', -1, 64))
			w.Header().Set("X-RateLimit-Global", "true")
			w.Header().Set("X-RateLimit-Scope", "global")
			writeJSON(rec, 429, map[string]any{"message": "You are being rate limited.", "retry_after": fault.RetryAfter, "global": true})
		case fault.Status == http.StatusTooManyRequests:
			w.Header().Set("Retry-After", "0")
			writeJSON(rec, 429, map[string]any{"message": "You are being rate limited.", "retry_after": fault.RetryAfter, "global": false})
		case fault.Code != 0 || fault.Message != "":
			discordError(rec, fault.Status, fault.Code, fault.Message)
		default:
			rec.WriteHeader(fault.Status)
			rec.Write([]byte("upstream trouble"))
		}
	} else if s.valid(rec, r.Method, path, body) {
		s.route(rec, r.Method, path, body, files)
	}
	call.Status = rec.status
	if s.cfg.Lean {
		return
	}
	s.mu.Lock()
	call.Seq = len(s.calls) + 1
	s.calls = append(s.calls, call)
	s.notify()
	s.mu.Unlock()
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (s *Server) route(w http.ResponseWriter, method, path string, body []byte, files []File) {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	at := func(i int) string {
		if i < len(parts) {
			return parts[i]
		}
		return ""
	}
	switch {
	case method == "GET" && (path == "/gateway" || path == "/gateway/bot"):
		writeJSON(w, 200, map[string]any{"url": "ws://" + s.ln.Addr().String() + "/gateway", "shards": 1,
			"session_start_limit": map[string]int{"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}})
	case method == "GET" && path == "/users/@me":
		writeJSON(w, 200, s.botUser())
	case at(0) == "applications" && at(2) == "commands" && len(parts) == 3:
		s.commandsREST(w, method, "", body)
	case at(0) == "applications" && at(2) == "guilds" && at(4) == "commands" && len(parts) == 5:
		s.commandsREST(w, method, at(3), body)
	case method == "POST" && at(0) == "interactions" && at(3) == "callback":
		s.callback(w, path, at(1), at(2), body, files)
	case at(0) == "webhooks" && len(parts) >= 3:
		s.webhook(w, method, at(2), parts[3:], body)
	case method == "POST" && at(0) == "channels" && at(2) == "messages" && at(4) == "threads" && len(parts) == 5:
		s.startThread(w, at(1), at(3), body)
	case at(0) == "channels" && at(2) == "messages":
		s.channelMessages(w, method, at(1), at(3), body)
	case method == "POST" && path == "/users/@me/channels":
		var req struct {
			RecipientID string `json:"recipient_id"`
		}
		json.Unmarshal(body, &req)
		s.mu.Lock()
		ch, ok := s.dmChannel[req.RecipientID]
		if !ok {
			ch = s.nextID()
			s.dmChannel[req.RecipientID], s.dmUser[ch] = ch, req.RecipientID
		}
		s.mu.Unlock()
		writeJSON(w, 200, map[string]any{"id": ch, "type": 1, "recipients": []map[string]string{{"id": req.RecipientID}}})
	case at(0) == "guilds" && at(2) == "scheduled-events":
		s.scheduledEvents(w, method, at(1), at(3), body)
	default:
		discordError(w, 404, 0, "404: Not Found")
	}
}

func (s *Server) botUser() map[string]any {
	return map[string]any{"id": s.cfg.AppID, "username": s.cfg.BotName, "bot": true, "discriminator": "0"}
}

func (s *Server) commandsREST(w http.ResponseWriter, method, guild string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch method {
	case "GET":
		out := s.commands[guild]
		if out == nil {
			out = []json.RawMessage{}
		}
		writeJSON(w, 200, out)
	case "PUT":
		var cmds []map[string]any
		if err := json.Unmarshal(body, &cmds); err != nil {
			discordError(w, 400, 50035, "Invalid Form Body")
			return
		}
		s.puts++
		var stored []json.RawMessage
		for _, c := range cmds {
			c["id"], c["application_id"], c["version"] = s.nextID(), s.cfg.AppID, s.nextID()
			if guild != "" {
				c["guild_id"] = guild
			}
			raw, _ := json.Marshal(c)
			stored = append(stored, raw)
		}
		s.commands[guild] = stored
		if stored == nil {
			stored = []json.RawMessage{}
		}
		writeJSON(w, 200, stored)
	default:
		discordError(w, 405, 0, "405: Method Not Allowed")
	}
}

func (s *Server) callback(w http.ResponseWriter, path, id, token string, body []byte, files []File) {
	var cb Callback
	if err := json.Unmarshal(body, &struct {
		Type *discordgo.InteractionResponseType `json:"type"`
		Data *CallbackData                      `json:"data"`
	}{&cb.Type, &cb.Data}); err != nil {
		s.refuse(w, "POST", path, 400, CodeInvalidFormBody, "Invalid Form Body", nil, false)
		return
	}
	cb.Files, cb.Raw = files, body
	if s.cfg.Lean {
		cb = Callback{Type: cb.Type}
	}
	s.mu.Lock()
	if known, ok := s.tokens[token]; !ok || known != id {
		s.mu.Unlock()
		s.refuse(w, "POST", path, 404, CodeUnknownInteraction, "Unknown interaction", nil, false)
		return
	}
	sent := s.sent[id]
	prev, done := s.callbacks[id]
	late := !done && !sent.at.IsZero() && time.Since(sent.at) > s.cfg.CallbackDeadline
	misfit := !done && !late && !callbackFits(sent.typ, int(cb.Type))
	if !done && !late && !misfit {
		s.callbacks[id] = cb
		if s.cfg.Lean {
			delete(s.sent, id)
		}
	}
	s.mu.Unlock()
	switch {
	case done && cb.Type == discordgo.InteractionResponseModal:
		s.refuse(w, "POST", path, 400, CodeAlreadyAcknowledged, fmt.Sprintf(
			"Interaction has already been acknowledged (a modal can only be the first response, and this interaction was answered with type %d)", prev.Type), nil, false)
	case done:
		s.refuse(w, "POST", path, 400, CodeAlreadyAcknowledged, fmt.Sprintf(
			"Interaction has already been acknowledged (second callback, type %d after type %d)", cb.Type, prev.Type), nil, false)
	case late:
		s.refuse(w, "POST", path, 404, CodeUnknownInteraction, fmt.Sprintf(
			"Unknown interaction (first callback %s after the interaction; Discord allows %s)", time.Since(sent.at).Round(time.Millisecond), s.cfg.CallbackDeadline), nil, false)
	case misfit:
		s.refuse(w, "POST", path, 400, CodeInvalidFormBody, "Invalid Form Body",
			[]problem{{at: []string{"type"}, code: "INTERACTION_RESPONSE_TYPE_INVALID", msg: fmt.Sprintf("Callback type %d does not answer an interaction of type %d.", cb.Type, sent.typ)}}, false)
	default:
		w.WriteHeader(http.StatusNoContent)
		if s.cfg.OnCallback != nil {
			s.cfg.OnCallback(id, cb.Type)
		}
	}
}

// callbackFits reports whether a callback type answers an interaction type
// (0: not known to the fake, anything goes).
func callbackFits(interaction, callback int) bool {
	switch interaction {
	case 2: // command: message, deferred message, modal
		return callback == 4 || callback == 5 || callback == 9
	case 3: // component: also update and deferred update
		return callback >= 4 && callback <= 7 || callback == 9
	case 4: // autocomplete: only choices
		return callback == 8
	case 5: // modal submit: no modal in answer to a modal
		return callback >= 4 && callback <= 7
	}
	return true
}

// webhook serves follow-ups and edits of an interaction's original answer.
func (s *Server) webhook(w http.ResponseWriter, method, token string, rest []string, body []byte) {
	s.mu.Lock()
	_, known := s.tokens[token]
	s.mu.Unlock()
	if !known {
		discordError(w, 404, 10015, "Unknown Webhook")
		return
	}
	ch := "webhook:" + token
	switch {
	case method == "POST" && len(rest) == 0:
		s.channelMessages(w, "POST", ch, "", body)
	case len(rest) == 2 && rest[0] == "messages":
		mid := rest[1]
		if mid == "@original" {
			s.mu.Lock()
			if _, ok := s.messages["original:"+token]; !ok {
				s.messages["original:"+token] = &discordgo.Message{ID: "original:" + token, ChannelID: ch}
				s.channels[ch] = append(s.channels[ch], "original:"+token)
			}
			s.mu.Unlock()
			mid = "original:" + token
		}
		s.channelMessages(w, method, ch, mid, body)
	default:
		discordError(w, 404, 0, "404: Not Found")
	}
}

// messageBody is what the bot sends for a message, nonce included.
type messageBody struct {
	Nonce        string `json:"nonce"`
	EnforceNonce bool   `json:"enforce_nonce"`
}

func (s *Server) channelMessages(w http.ResponseWriter, method, channel, id string, body []byte) {
	if method == "POST" && id == "" && !strings.HasPrefix(channel, "webhook:") {
		path := "/channels/" + channel + "/messages"
		s.mu.Lock()
		typ, user := s.chanTypes[channel], s.dmUser[channel]
		closed := user != "" && s.closedDMs[user]
		s.mu.Unlock()
		switch {
		case closed:
			s.refuse(w, method, path, 403, CodeCannotDMUser, "Cannot send messages to this user", nil, true)
			return
		case typ == ChannelCategory || typ == ChannelForum || typ == ChannelMedia:
			s.refuse(w, method, path, 400, CodeCannotSendNonText, fmt.Sprintf(
				"Cannot send messages in a non-text channel (type %d: a forum or media post is a new thread, a category holds no messages)", typ), nil, false)
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case method == "POST" && id == "":
		var m discordgo.Message
		if err := json.Unmarshal(body, &m); err != nil {
			discordError(w, 400, 50035, "Invalid Form Body")
			return
		}
		var nb messageBody
		json.Unmarshal(body, &nb)
		if nb.EnforceNonce && nb.Nonce != "" {
			if prev, ok := s.nonces[channel+"|"+nb.Nonce]; ok {
				writeJSON(w, 200, prev) // Discord answers with the first message: no duplicate
				return
			}
		}
		m.ID, m.ChannelID, m.Timestamp = s.nextID(), channel, time.Now()
		m.Author = &discordgo.User{ID: s.cfg.AppID, Username: s.cfg.BotName, Bot: true}
		s.messages[m.ID] = &m
		s.channels[channel] = append(s.channels[channel], m.ID)
		if nb.EnforceNonce && nb.Nonce != "" {
			s.nonces[channel+"|"+nb.Nonce] = &m
		}
		s.notify()
		writeJSON(w, 200, &m)
	case id == "":
		discordError(w, 405, 0, "405: Method Not Allowed")
	default:
		m, ok := s.messages[id]
		if !ok || m.ChannelID != channel {
			discordError(w, 404, 10008, "Unknown Message")
			return
		}
		switch method {
		case "GET":
			writeJSON(w, 200, m)
		case "DELETE":
			delete(s.messages, id)
			s.notify()
			w.WriteHeader(http.StatusNoContent)
		case "PATCH":
			var edit discordgo.Message
			if err := json.Unmarshal(body, &edit); err != nil {
				discordError(w, 400, 50035, "Invalid Form Body")
				return
			}
			var fields map[string]json.RawMessage
			json.Unmarshal(body, &fields)
			upd := *m
			if _, ok := fields["content"]; ok {
				upd.Content = edit.Content
			}
			if _, ok := fields["embeds"]; ok {
				upd.Embeds = edit.Embeds
			}
			if _, ok := fields["components"]; ok {
				upd.Components = edit.Components
			}
			now := time.Now()
			upd.EditedTimestamp = &now
			s.messages[id] = &upd
			s.notify()
			writeJSON(w, 200, &upd)
		default:
			discordError(w, 405, 0, "405: Method Not Allowed")
		}
	}
}

func (s *Server) scheduledEvents(w http.ResponseWriter, method, guild, id string, body []byte) {
	if method == "POST" && id == "" {
		s.mu.Lock()
		n := s.uncompletedEvents(guild)
		s.mu.Unlock()
		if n >= MaxScheduledEvents {
			s.refuse(w, method, "/guilds/"+guild+"/scheduled-events", 400, CodeMaxScheduledEvents, fmt.Sprintf(
				"Maximum number of uncompleted guild scheduled events reached (%d)", MaxScheduledEvents), nil, false)
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.events[guild] == nil {
		s.events[guild] = map[string]json.RawMessage{}
	}
	switch {
	case method == "GET" && id == "":
		out := []json.RawMessage{}
		for _, e := range s.events[guild] {
			out = append(out, e)
		}
		writeJSON(w, 200, out)
	case method == "POST" && id == "":
		var e map[string]any
		if err := json.Unmarshal(body, &e); err != nil || e["name"] == nil || e["scheduled_start_time"] == nil {
			discordError(w, 400, 50035, "Invalid Form Body")
			return
		}
		e["id"], e["guild_id"], e["status"] = s.nextID(), guild, 1
		raw, _ := json.Marshal(e)
		s.events[guild][e["id"].(string)] = raw
		s.notify()
		w.Header().Set("Content-Type", "application/json")
		w.Write(raw)
	case id != "":
		old, ok := s.events[guild][id]
		if !ok {
			discordError(w, 404, 10070, "Unknown Guild Scheduled Event")
			return
		}
		switch method {
		case "GET":
			w.Header().Set("Content-Type", "application/json")
			w.Write(old)
		case "DELETE":
			delete(s.events[guild], id)
			s.notify()
			w.WriteHeader(http.StatusNoContent)
		case "PATCH":
			var e, patch map[string]any
			json.Unmarshal(old, &e)
			json.Unmarshal(body, &patch)
			for k, v := range patch {
				e[k] = v
			}
			raw, _ := json.Marshal(e)
			s.events[guild][id] = raw
			s.notify()
			w.Header().Set("Content-Type", "application/json")
			w.Write(raw)
		}
	default:
		discordError(w, 405, 0, "405: Method Not Allowed")
	}
}

// MaxScheduledEvents is how many scheduled or active events Discord allows a server.
const MaxScheduledEvents = 100

// uncompletedEvents counts a guild's scheduled (1) and active (2) events; the caller holds s.mu.
func (s *Server) uncompletedEvents(guild string) int {
	n := 0
	for _, raw := range s.events[guild] {
		var e struct {
			Status int `json:"status"`
		}
		if json.Unmarshal(raw, &e) == nil && (e.Status == 1 || e.Status == 2) {
			n++
		}
	}
	return n
}

// AddScheduledEvent adds an event to a guild as one its members made by
// hand, with a status (1 scheduled, 2 active), and returns its id.
func (s *Server) AddScheduledEvent(guild, name string, status int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.events[guild] == nil {
		s.events[guild] = map[string]json.RawMessage{}
	}
	id := s.nextID()
	start := time.Now().Add(24 * time.Hour).UTC()
	raw, _ := json.Marshal(map[string]any{"id": id, "guild_id": guild, "name": name, "status": status, "entity_type": 3, "privacy_level": 2,
		"scheduled_start_time": start.Format(time.RFC3339), "scheduled_end_time": start.Add(time.Hour).Format(time.RFC3339),
		"entity_metadata": map[string]any{"location": "Ailleurs"}})
	s.events[guild][id] = raw
	s.notify()
	return id
}

// SetScheduledEventStatus changes an event's status as Discord does when it
// starts (2), ends (3) or is canceled (4): completed ones leave room.
func (s *Server) SetScheduledEventStatus(guild, id string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var e map[string]any
	if json.Unmarshal(s.events[guild][id], &e) != nil {
		return
	}
	e["status"] = status
	raw, _ := json.Marshal(e)
	s.events[guild][id] = raw
	s.notify()
}
