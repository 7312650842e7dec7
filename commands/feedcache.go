package commands

import (
	"crypto/sha256"
	"encoding/base64"
	"sync"
	"time"
)

// Feed is a rendered public calendar and its entity tag.
type Feed struct {
	Data []byte
	ETag string // quoted, as the ETag header wants it
}

const (
	// feedFreshFor bounds how long a feed is served unchanged while its
	// network's data does not change: the feed's window (last 30 days,
	// coming year) slides with the clock, so it is rebuilt this often anyway.
	feedFreshFor = 5 * time.Minute
	// feedCacheBytes bounds the memory the cache holds (a 2,000-event
	// network feed is about 1 MB); past it, other feeds are dropped.
	feedCacheBytes = 32 << 20
)

// feedCache keeps rendered feeds by token, each with the network's feed
// version it was rendered at (storage.FeedVersion, bumped by triggers on any
// change). The zero value is ready to use.
type feedCache struct {
	mu    sync.Mutex
	m     map[string]*feedEntry
	bytes int
}

type feedEntry struct {
	// mu is held while the entry is checked and (re)built, so a burst of
	// requests after a change builds the feed once, not once per request.
	mu      sync.Mutex
	built   time.Time
	version int64
	feed    Feed
	ok      bool // built at least once
	size    int  // bytes counted in feedCache.bytes
}

func (e *feedEntry) fresh(version int64, now time.Time) bool {
	age := now.Sub(e.built)
	return e.ok && e.version == version && age >= 0 && age < feedFreshFor
}

// entry returns the token's entry, creating it (the caller has checked the
// token exists, so unknown tokens never take room).
func (c *feedCache) entry(token string) *feedEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*feedEntry{}
	}
	e, ok := c.m[token]
	if !ok {
		e = &feedEntry{}
		c.m[token] = e
	}
	return e
}

// store records a (re)built feed in e and drops other entries while the
// cache holds more than feedCacheBytes.
func (c *feedCache) store(token string, e *feedEntry, f Feed, version int64, at time.Time) {
	e.feed, e.version, e.built, e.ok = f, version, at, true
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m[token] != e { // dropped meanwhile (revoked, or evicted)
		return
	}
	c.bytes += len(f.Data) - e.size
	e.size = len(f.Data)
	for tok, other := range c.m {
		if c.bytes <= feedCacheBytes {
			break
		}
		if other != e {
			c.bytes -= other.size
			delete(c.m, tok)
		}
	}
}

// drop forgets a token (revoked or unknown).
func (c *feedCache) drop(token string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[token]; ok {
		c.bytes -= e.size
		delete(c.m, token)
	}
}

// etagOf names a feed's content: the same events give the same tag after a
// rebuild, so a calendar app revalidating gets 304.
func etagOf(data []byte) string {
	sum := sha256.Sum256(data)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:16]) + `"`
}
