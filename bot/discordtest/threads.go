package discordtest

import (
	"encoding/json"
	"net/http"
)

// Discord's codes for refused threads.
const (
	CodeUnknownMessage       = 10008
	CodeWrongChannelType     = 50024
	CodeThreadAlreadyCreated = 160004
)

// Thread is a thread started from a message; its id is the message's.
type Thread struct {
	ID, ParentID, Name  string
	AutoArchiveDuration int
}

// startThread serves POST /channels/{channel}/messages/{message}/threads as
// Discord does: the message must exist in that channel, be in a guild text
// channel (not a DM, not already in a thread) and have no thread yet. The
// body was validated against CreateTextThreadWithMessageRequest before.
func (s *Server) startThread(w http.ResponseWriter, channel, msgID string, body []byte) {
	path := "/channels/" + channel + "/messages/" + msgID + "/threads"
	s.mu.Lock()
	m, ok := s.messages[msgID]
	_, isDM := s.dmUser[channel]
	_, inThread := s.threads[channel]
	_, taken := s.threads[msgID]
	s.mu.Unlock()
	switch {
	case !ok || m.ChannelID != channel:
		s.refuse(w, "POST", path, 404, CodeUnknownMessage, "Unknown Message", nil, false)
		return
	case isDM || inThread:
		s.refuse(w, "POST", path, 400, CodeWrongChannelType, "Cannot execute action on this channel type (a thread starts from a message in a guild text channel)", nil, false)
		return
	case taken:
		s.refuse(w, "POST", path, 400, CodeThreadAlreadyCreated, "A thread has already been created for this message", nil, false)
		return
	}
	var req struct {
		Name                string `json:"name"`
		AutoArchiveDuration int    `json:"auto_archive_duration"`
	}
	json.Unmarshal(body, &req)
	if req.AutoArchiveDuration == 0 {
		req.AutoArchiveDuration = 4320 // the channel's default, three days
	}
	t := Thread{ID: msgID, ParentID: channel, Name: req.Name, AutoArchiveDuration: req.AutoArchiveDuration}
	s.mu.Lock()
	s.threads[msgID] = t
	s.chanTypes[msgID] = ChannelPublicThread
	s.notify()
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, map[string]any{
		"id": t.ID, "type": ChannelPublicThread, "parent_id": channel, "name": t.Name, "owner_id": s.cfg.AppID,
		"message_count": 0, "member_count": 1, "rate_limit_per_user": 0, "flags": 0,
		"thread_metadata": map[string]any{"archived": false, "auto_archive_duration": t.AutoArchiveDuration, "locked": false,
			"archive_timestamp": "2026-01-01T00:00:00Z"},
	})
}

// Threads returns the threads started so far, by id.
func (s *Server) Threads() map[string]Thread {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]Thread, len(s.threads))
	for k, v := range s.threads {
		out[k] = v
	}
	return out
}
