package bot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands"
)

func signed(t *testing.T, priv ed25519.PrivateKey, ts time.Time, body string) *http.Request {
	t.Helper()
	stamp := strconv.FormatInt(ts.Unix(), 10)
	sig := ed25519.Sign(priv, []byte(stamp+body))
	r := httptest.NewRequest(http.MethodPost, "/interactions", strings.NewReader(body))
	r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	r.Header.Set("X-Signature-Timestamp", stamp)
	return r
}

func TestHTTPInteractionsEndpoint(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	db := testDB(t)
	now := time.Date(2026, 4, 13, 9, 0, 0, 0, time.UTC)
	app := commands.New(commands.Config{DB: db, Clock: func() time.Time { return now }})
	s, err := NewSession("not-a-real-token", "")
	if err != nil {
		t.Fatal(err)
	}
	h := NewGateway(s, app, slog.New(slog.DiscardHandler), "").InteractionsHandler(pub, func() time.Time { return now })

	serve := func(r *http.Request) (int, string) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		b, _ := io.ReadAll(w.Result().Body)
		return w.Code, string(b)
	}
	if code, body := serve(signed(t, priv, now, `{"type":1,"id":"1","application_id":"2","token":"t"}`)); code != 200 || strings.TrimSpace(body) != `{"type":1}` {
		t.Errorf("PING: %d %s", code, body)
	}
	// A signature by another key, a tampered body, a stale or missing timestamp: 401.
	_, other, _ := ed25519.GenerateKey(nil)
	bad := []*http.Request{
		signed(t, other, now, `{"type":1}`),
		signed(t, priv, now.Add(-10*time.Minute), `{"type":1}`),
	}
	tampered := signed(t, priv, now, `{"type":1}`)
	tampered.Body = io.NopCloser(bytes.NewReader([]byte(`{"type":2}`)))
	noStamp := signed(t, priv, now, `{"type":1}`)
	noStamp.Header.Del("X-Signature-Timestamp")
	for i, r := range append(bad, tampered, noStamp) {
		if code, _ := serve(r); code != http.StatusUnauthorized {
			t.Errorf("bad request %d: got %d, want 401", i, code)
		}
	}
	// A real command goes through the same router.
	cmd := `{"type":2,"id":"10","application_id":"2","token":"t","guild_id":"g","channel_id":"c","locale":"en-US",
		"member":{"user":{"id":"u1","username":"alice"},"roles":[],"permissions":"0"},
		"data":{"id":"99","name":"checkin","type":1}}`
	code, body := serve(signed(t, priv, now, cmd))
	var resp struct {
		Type int `json:"type"`
		Data struct {
			Content         string          `json:"content"`
			Flags           int             `json:"flags"`
			AllowedMentions json.RawMessage `json:"allowed_mentions"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(body), &resp); err != nil || code != 200 {
		t.Fatalf("command: %d %s", code, body)
	}
	if resp.Type != 4 || !strings.Contains(resp.Data.Content, "No space is set up yet") || resp.Data.Flags&64 == 0 {
		t.Errorf("command answer: %s", body)
	}
	if !strings.Contains(string(resp.Data.AllowedMentions), `"parse":[]`) {
		t.Errorf("allowed mentions not locked down: %s", resp.Data.AllowedMentions)
	}
}

func TestCalendarFeedRoute(t *testing.T) {
	feeds := func(ctx context.Context, token string) (commands.Feed, bool, error) {
		switch token {
		case "good":
			return commands.Feed{Data: []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), ETag: `"v1"`}, true, nil
		case "broken":
			return commands.Feed{}, true, errors.New("database is locked: /secret/path")
		}
		return commands.Feed{}, false, nil
	}
	h := OpsHandler(NewHealth(nil, nil, time.Now), feeds)
	for _, c := range []struct {
		path string
		code int
		body string
	}{
		{"/calendar/good.ics", 200, "BEGIN:VCALENDAR"},
		{"/calendar/good", 404, ""},
		{"/calendar/revoked.ics", 404, ""},
		{"/calendar/.ics", 404, ""},
		{"/calendar/broken.ics", 503, "try again later"},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, c.path, nil))
		if rec.Code != c.code || !strings.Contains(rec.Body.String(), c.body) || strings.Contains(rec.Body.String(), "secret") {
			t.Errorf("%s: %d %q", c.path, rec.Code, rec.Body.String())
		}
		if c.code == 200 && rec.Header().Get("Content-Type") != "text/calendar; charset=utf-8" {
			t.Errorf("%s: content type %q", c.path, rec.Header().Get("Content-Type"))
		}
	}
}
