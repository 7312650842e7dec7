package bot

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tierslieux/tiersbot/commands"
)

// Images members give to a command (the coordinator's logo for sign-in
// sheets) are read by the bot before the handler runs, so commands stays
// free of network calls. Only small PNG or JPEG files, and only from
// Discord's own file servers: a URL in an interaction is never fetched from
// anywhere else (no request to an address a member chose).
const (
	maxImageBytes  = 1 << 20
	imageFetchTime = 10 * time.Second
)

var discordFileHosts = []string{"cdn.discordapp.com", "media.discordapp.net"}

// fetcher reads attachments; extraHost is the API base's host when the bot
// talks to something other than Discord (the fake in tests).
type fetcher struct {
	client    *http.Client
	extraHost string
}

func newFetcher(apiBase string) fetcher {
	f := fetcher{client: &http.Client{Timeout: imageFetchTime}}
	if u, err := url.Parse(apiBase); err == nil && apiBase != "" {
		f.extraHost = u.Host
	}
	return f
}

func (f fetcher) allowed(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	if u.Host != "" && u.Host == f.extraHost && (u.Scheme == "http" || u.Scheme == "https") {
		return true
	}
	if u.Scheme != "https" {
		return false
	}
	for _, h := range discordFileHosts {
		if u.Host == h {
			return true
		}
	}
	return false
}

// images fills in the data of the request's image attachments; one that
// cannot be read is left empty and the command says so.
func (f fetcher) images(ctx context.Context, req *commands.Request) {
	for name, at := range req.Attachments {
		if at.Size > maxImageBytes || (at.ContentType != "image/png" && at.ContentType != "image/jpeg") || !f.allowed(at.URL) {
			continue
		}
		data, err := f.get(ctx, at.URL)
		if err != nil {
			continue
		}
		at.Data = data
		req.Attachments[name] = at
	}
}

func (f fetcher) get(ctx context.Context, raw string) ([]byte, error) {
	r, err := http.NewRequestWithContext(ctx, http.MethodGet, raw, nil)
	if err != nil {
		return nil, err
	}
	res, err := f.client.Do(r)
	if err != nil {
		return nil, fmt.Errorf("fetch attachment: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch attachment: %s", res.Status)
	}
	if ct := res.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "image/") {
		return nil, fmt.Errorf("fetch attachment: %s", ct)
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, maxImageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fetch attachment: %w", err)
	}
	if len(data) > maxImageBytes {
		return nil, fmt.Errorf("fetch attachment: over %d bytes", maxImageBytes)
	}
	return data, nil
}
