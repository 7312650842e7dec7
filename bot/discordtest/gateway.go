package discordtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// gateway is the fake's websocket side: one client session at a time.
type gateway struct {
	s                   *Server
	mu                  sync.Mutex
	conn                *websocket.Conn
	writeMu             sync.Mutex
	sessionID           string
	seq                 int64
	log                 []dispatch // every dispatch of the session, for RESUME
	identifies, resumes int
	token               string
	ready               chan struct{} // closed when a client is identified or resumed
}

type dispatch struct {
	seq  int64
	body []byte
}

type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d,omitempty"`
	S  int64           `json:"s,omitempty"`
	T  string          `json:"t,omitempty"`
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

func (g *gateway) init(s *Server) {
	g.s = s
	g.ready = make(chan struct{})
}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	g := &s.gw
	g.mu.Lock()
	if g.conn != nil {
		g.conn.Close() // one client: a new connection replaces the old
	}
	g.conn = conn
	g.mu.Unlock()
	g.write(conn, map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": s.cfg.HeartbeatInterval.Milliseconds()}})
	for {
		var f frame
		if err := conn.ReadJSON(&f); err != nil {
			g.mu.Lock()
			if g.conn == conn {
				g.conn = nil
				g.ready = make(chan struct{})
			}
			g.mu.Unlock()
			conn.Close()
			return
		}
		switch f.Op {
		case 1: // heartbeat
			g.write(conn, map[string]any{"op": 11})
		case 2: // identify
			var id struct {
				Token string `json:"token"`
			}
			json.Unmarshal(f.D, &id)
			g.mu.Lock()
			g.token = id.Token
			g.identifies++
			g.sessionID = randomHex(16)
			g.log = nil
			g.mu.Unlock()
			s.mu.Lock()
			s.notify()
			s.mu.Unlock()
			guilds := []map[string]any{}
			for _, gid := range s.cfg.Guilds {
				guilds = append(guilds, map[string]any{"id": gid, "unavailable": true})
			}
			g.dispatchTo(conn, "READY", map[string]any{"v": 9, "session_id": g.sessionID, "user": s.botUser(),
				"application": map[string]any{"id": s.cfg.AppID, "flags": 0}, "guilds": guilds,
				"resume_gateway_url": "ws://" + s.ln.Addr().String() + "/gateway"})
			g.markReady()
		case 6: // resume
			var res struct {
				SessionID string `json:"session_id"`
				Seq       int64  `json:"seq"`
			}
			json.Unmarshal(f.D, &res)
			g.mu.Lock()
			ok := res.SessionID != "" && res.SessionID == g.sessionID
			var replay []dispatch
			if ok {
				g.resumes++
				for _, d := range g.log {
					if d.seq > res.Seq {
						replay = append(replay, d)
					}
				}
			}
			g.mu.Unlock()
			if !ok {
				g.write(conn, map[string]any{"op": 9, "d": false})
				continue
			}
			for _, d := range replay {
				g.writeRaw(conn, d.body)
			}
			g.dispatchTo(conn, "RESUMED", map[string]any{})
			g.markReady()
		}
	}
}

func (g *gateway) markReady() {
	g.mu.Lock()
	select {
	case <-g.ready:
	default:
		close(g.ready)
	}
	g.mu.Unlock()
	g.s.mu.Lock()
	g.s.notify()
	g.s.mu.Unlock()
}

func (g *gateway) write(conn *websocket.Conn, v any) {
	b, _ := json.Marshal(v)
	g.writeRaw(conn, b)
}

func (g *gateway) writeRaw(conn *websocket.Conn, b []byte) {
	g.writeMu.Lock()
	defer g.writeMu.Unlock()
	conn.WriteMessage(websocket.TextMessage, b) // a failed write is replayed on RESUME
}

// dispatchTo numbers a dispatch, keeps it for RESUME and sends it if conn is set.
func (g *gateway) dispatchTo(conn *websocket.Conn, t string, d any) int64 {
	data, _ := json.Marshal(d)
	g.mu.Lock()
	g.seq++
	seq := g.seq
	body, _ := json.Marshal(frame{Op: 0, T: t, S: seq, D: data})
	g.log = append(g.log, dispatch{seq, body})
	g.mu.Unlock()
	if conn != nil {
		g.writeRaw(conn, body)
	}
	return seq
}

// Dispatch sends an event to the bot; while it is disconnected the event
// waits and is replayed when it resumes, as Discord does.
func (s *Server) Dispatch(eventType string, data any) int64 {
	s.gw.mu.Lock()
	conn := s.gw.conn
	s.gw.mu.Unlock()
	return s.gw.dispatchTo(conn, eventType, data)
}

// DropConnection cuts the socket without a close frame, like a network
// failure: discordgo reconnects (after its own 1 s) and resumes.
func (s *Server) DropConnection() {
	g := &s.gw
	g.mu.Lock()
	conn := g.conn
	g.conn = nil
	g.ready = make(chan struct{})
	g.mu.Unlock()
	if conn != nil {
		conn.UnderlyingConn().Close()
	}
}

// WaitReady waits until a client has identified or resumed since the last drop.
func (s *Server) WaitReady(ctx context.Context) error {
	s.gw.mu.Lock()
	ch := s.gw.ready
	s.gw.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return errors.New("gateway: no client ready: " + ctx.Err().Error())
	}
}

// Connected reports whether a client is connected.
func (s *Server) Connected() bool {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	return s.gw.conn != nil
}

// Identifies and Resumes count the client's session starts and resumes.
func (s *Server) Identifies() int { s.gw.mu.Lock(); defer s.gw.mu.Unlock(); return s.gw.identifies }
func (s *Server) Resumes() int    { s.gw.mu.Lock(); defer s.gw.mu.Unlock(); return s.gw.resumes }

// Token is what the client sent in IDENTIFY.
func (s *Server) Token() string { s.gw.mu.Lock(); defer s.gw.mu.Unlock(); return s.gw.token }

func (g *gateway) closeAll() {
	g.mu.Lock()
	conn := g.conn
	g.conn = nil
	g.mu.Unlock()
	if conn != nil {
		conn.Close()
	}
}

// SendInteraction fills in what Discord adds (id, token, application id,
// version) and dispatches INTERACTION_CREATE. It returns the interaction id.
func (s *Server) SendInteraction(i Interaction) string {
	id := s.Prepare(i)
	s.Dispatch("INTERACTION_CREATE", map[string]any(i))
	return id
}

// Prepare fills in what Discord adds to an interaction (id, token,
// application id, version) and makes its token valid for REST, without
// dispatching it: for the HTTP interactions endpoint. It returns the id.
func (s *Server) Prepare(i Interaction) string {
	s.mu.Lock()
	if i["id"] == nil {
		i["id"] = s.nextID()
	}
	if i["token"] == nil {
		i["token"] = "tok-" + randomHex(12)
	}
	id, _ := i["id"].(string)
	if tok, ok := i["token"].(string); ok {
		s.tokens[tok] = id
	}
	typ, _ := i["type"].(int)
	s.sent[id] = sentInteraction{at: time.Now(), typ: typ}
	s.resolveChannels(i)
	s.mu.Unlock()
	i["application_id"], i["version"] = s.cfg.AppID, 1
	return id
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// resolveChannels adds, as Discord does, the resolved channel of each channel
// option (type 7) with the type declared by SetChannel (text if undeclared).
// The caller holds s.mu.
func (s *Server) resolveChannels(i Interaction) {
	data, ok := i["data"].(map[string]any)
	if !ok {
		return
	}
	chans := map[string]any{}
	var walk func(opts any)
	walk = func(opts any) {
		list, _ := opts.([]any)
		for _, x := range list {
			o, _ := x.(map[string]any)
			if t, _ := o["type"].(int); t == 7 {
				if id, ok := o["value"].(string); ok {
					chans[id] = map[string]any{"id": id, "type": s.chanTypes[id], "name": "salon-" + id, "permissions": "2147483647"}
				}
			}
			walk(o["options"])
		}
	}
	walk(data["options"])
	if len(chans) == 0 {
		return
	}
	res, _ := data["resolved"].(map[string]any)
	if res == nil {
		res = map[string]any{}
		data["resolved"] = res
	}
	res["channels"] = chans
}
