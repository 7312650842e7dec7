package commands

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/storage"
)

// Public calendar feeds: a coordinator opens one per space or for the whole
// network; anyone with the link can subscribe from a calendar app. The token
// is the only secret, so revoking deletes it and a new link gets a new one.

func (a *App) calendarRoutes() {
	a.command("calendar link", Coordinator, a.calendarLink)
	a.command("calendar revoke", Coordinator, a.calendarRevoke)
}

// feedScope checks the caller coordinates the network and resolves the
// optional space option (zero Space: the whole network).
func feedScope(ctx context.Context, tx *storage.Tx, r *Request) (storage.Space, error) {
	if _, err := requireCoordinator(ctx, tx, r); err != nil {
		return storage.Space{}, err
	}
	if r.Opt("space") == "" {
		return storage.Space{}, nil
	}
	return resolveSpace(ctx, tx, r.GuildID, r.Opt("space"))
}

// FeedURL is the public address of a feed.
func (a *App) FeedURL(token string) string {
	return strings.TrimRight(a.publicURL, "/") + "/calendar/" + token + ".ics"
}

func (a *App) calendarLink(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		feed  storage.CalendarFeed
		scope storage.Space
		isNew bool
	)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if scope, err = feedScope(ctx, tx, r); err != nil {
			return err
		}
		var ok bool
		if feed, ok, err = tx.CalendarFeedFor(ctx, r.GuildID, scope.ID); err != nil || ok {
			return err
		}
		b := make([]byte, 24) // 192 bits: not guessable, short enough to paste
		if _, err := rand.Read(b); err != nil {
			return fmt.Errorf("feed token: %w", err)
		}
		feed = storage.CalendarFeed{Token: base64.RawURLEncoding.EncodeToString(b), GuildID: r.GuildID, SpaceID: scope.ID, CreatedBy: r.User.ID, Created: r.Now}
		isNew = true
		return tx.AddCalendarFeed(ctx, feed)
	})
	if err != nil {
		return nil, err
	}
	var what any = l.T("calendar.network")
	if scope.ID != 0 {
		what = place(Escape(scope.Name)) // « de la Ruche »
	}
	key := "calendar.existing"
	if isNew {
		key = "calendar.opened"
	}
	text := l.T(key, what, a.FeedURL(feed.Token))
	if a.publicURL == "" {
		text += "\n" + l.T("calendar.no_public_url")
	}
	return &Response{Ephemeral: true, Message: Message{Content: text}}, nil
}

func (a *App) calendarRevoke(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		scope   storage.Space
		revoked bool
	)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if scope, err = feedScope(ctx, tx, r); err != nil {
			return err
		}
		revoked, err = tx.RevokeCalendarFeed(ctx, r.GuildID, scope.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	var what any = l.T("calendar.network")
	if scope.ID != 0 {
		what = place(Escape(scope.Name)) // « de la Ruche »
	}
	if !revoked {
		return ephemeral(l.T("calendar.none", what)), nil
	}
	return ephemeral(l.T("calendar.revoked", what)), nil
}

// CalendarFeed serves the events behind a public feed token: the last 30
// days and the coming year. ok is false for an unknown or revoked token.
// Feeds are kept rendered (feedcache.go): a request costs the token's lookup
// and its network's feed version, and a rebuild only after a change.
func (a *App) CalendarFeed(ctx context.Context, token string) (feed Feed, ok bool, err error) {
	if len(token) > 64 {
		return Feed{}, false, nil
	}
	var version int64
	err = a.db.Read(ctx, func(tx *storage.Tx) error {
		f, found, err := tx.CalendarFeedByToken(ctx, token)
		if err != nil || !found {
			return err
		}
		ok = true
		version, err = tx.FeedVersion(ctx, f.GuildID)
		return err
	})
	if err != nil {
		a.log.Error("calendar feed", "err", err)
		return Feed{}, ok, fmt.Errorf("calendar feed: %w", err)
	}
	if !ok {
		a.feeds.drop(token)
		return Feed{}, false, nil
	}
	e := a.feeds.entry(token)
	e.mu.Lock()
	defer e.mu.Unlock()
	now := a.now()
	if e.fresh(version, now) {
		return e.feed, true, nil
	}
	data, version, ok, err := a.renderFeed(ctx, token, now)
	if err != nil || !ok {
		a.feeds.drop(token)
		return Feed{}, ok, err
	}
	feed = Feed{Data: data, ETag: etagOf(data)}
	a.feeds.store(token, e, feed, version, now)
	return feed, true, nil
}

// renderFeed builds a feed from one snapshot, with the feed version read in
// that same snapshot.
func (a *App) renderFeed(ctx context.Context, token string, now time.Time) (data []byte, version int64, ok bool, err error) {
	var (
		events  []storage.Event
		spaces  = map[int64]storage.Space{}
		name    string
		guildID string
	)
	err = a.db.Read(ctx, func(tx *storage.Tx) error {
		feed, found, err := tx.CalendarFeedByToken(ctx, token)
		if err != nil || !found {
			return err
		}
		ok, guildID = true, feed.GuildID
		if version, err = tx.FeedVersion(ctx, feed.GuildID); err != nil {
			return err
		}
		g, err := tx.Guild(ctx, feed.GuildID)
		if err != nil {
			return err
		}
		list, err := tx.Spaces(ctx, feed.GuildID)
		if err != nil {
			return err
		}
		for _, s := range list {
			spaces[s.ID] = s
		}
		name = LangOf(g.Lang).T("event.ics_network")
		if s, found := spaces[feed.SpaceID]; found {
			name = s.Name
		}
		events, err = tx.UpcomingEvents(ctx, feed.GuildID, feed.SpaceID, now.AddDate(0, 0, -30), now.AddDate(1, 0, 0), 2000)
		return err
	})
	if err == nil && ok {
		data, err = icsFor(name, events, spaces, guildID)
	}
	if err != nil {
		a.log.Error("calendar feed", "err", err)
		return nil, 0, ok, fmt.Errorf("calendar feed: %w", err)
	}
	return data, version, ok, nil
}

func calendarCommands() []*discordgo.ApplicationCommand {
	space := opt(discordgo.ApplicationCommandOptionString, "space", "lieu", "A space (default: the whole network)", "Un lieu (par défaut : tout le réseau)", false).auto()
	return []*discordgo.ApplicationCommand{
		withPerm(command("calendar", "agenda", "Public calendar links (coordination)", "Liens d'agenda publics (coordination)",
			sub("link", "lien", "Open or show the public calendar link", "Ouvrir ou afficher le lien d'agenda public", space),
			sub("revoke", "revoquer", "Close a public calendar link", "Fermer un lien d'agenda public", space),
		), PermManageGuild),
	}
}
