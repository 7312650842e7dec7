package bot

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tierslieux/tiersbot/commands"
)

func tinyPNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 4, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestImagesOnlyFromDiscord: the bot reads a small PNG or JPEG from
// Discord's file servers (or the fake's, in tests) and nothing else: no
// other host, no other type, nothing over 1 MB.
func TestImagesOnlyFromDiscord(t *testing.T) {
	logo := tinyPNG(t)
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		switch r.URL.Path {
		case "/big.png":
			w.Header().Set("Content-Type", "image/png")
			w.Write(make([]byte, maxImageBytes+1))
		case "/page.png":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html>"))
		default:
			w.Header().Set("Content-Type", "image/png")
			w.Write(logo)
		}
	}))
	defer srv.Close()
	f := newFetcher(srv.URL + "/api/v10")
	other := newFetcher("") // the real Discord: the test server is another host
	for _, c := range []struct {
		name string
		f    fetcher
		at   commands.Attachment
		want bool
		hit  bool
	}{
		{"from the API's host", f, commands.Attachment{URL: srv.URL + "/logo.png", ContentType: "image/png", Size: len(logo)}, true, true},
		{"from any other host", other, commands.Attachment{URL: srv.URL + "/logo.png", ContentType: "image/png", Size: len(logo)}, false, false},
		{"declared too big", f, commands.Attachment{URL: srv.URL + "/logo.png", ContentType: "image/png", Size: maxImageBytes + 1}, false, false},
		{"too big in fact", f, commands.Attachment{URL: srv.URL + "/big.png", ContentType: "image/png", Size: 10}, false, true},
		{"not an image", f, commands.Attachment{URL: srv.URL + "/logo.png", ContentType: "application/pdf", Size: 10}, false, false},
		{"served as a page", f, commands.Attachment{URL: srv.URL + "/page.png", ContentType: "image/png", Size: 10}, false, true},
	} {
		hits = 0
		req := &commands.Request{Attachments: map[string]commands.Attachment{"logo": c.at}}
		c.f.images(context.Background(), req)
		got := req.Attachments["logo"].Data
		if (got != nil) != c.want || (c.want && !bytes.Equal(got, logo)) {
			t.Errorf("%s: read %d bytes, want read %v", c.name, len(got), c.want)
		}
		if (hits > 0) != c.hit {
			t.Errorf("%s: %d requests, want a request %v", c.name, hits, c.hit)
		}
	}
	for _, u := range []string{"https://cdn.discordapp.com/attachments/1/2/logo.png", "https://media.discordapp.net/attachments/1/2/logo.png"} {
		if !other.allowed(u) {
			t.Errorf("%s refused", u)
		}
	}
	for _, u := range []string{"http://cdn.discordapp.com/x.png", "https://cdn.discordapp.com.evil.example/x.png", "https://evil.example/cdn.discordapp.com/x.png", "file:///etc/passwd"} {
		if other.allowed(u) {
			t.Errorf("%s allowed", u)
		}
	}
}
