package commands

import (
	"context"

	"github.com/tierslieux/tiersbot/storage"
)

// Middleware: what every route shares, run in this order before its handler,
// whichever transport brought the request. Deferral is decided from the same
// route (Hint) by the transports' shared responder (bot/respond.go), and
// metrics by Handle, which also sees the requests no route matched.
func (a *App) guarded(route *Route) handler {
	h := route.handle
	h = a.authorize(route, h)
	h = a.replayGuard(h)
	h = guildOnly(route, h)
	return h
}

// guildOnly: outside a guild (a DM), only routes declared inDMs run; they load
// their own record and check the clicker against it.
func guildOnly(route *Route, next handler) handler {
	return func(ctx context.Context, r *Request) (*Response, error) {
		if r.GuildID == "" && !route.InDMs {
			return nil, userErr("error.guild_only")
		}
		return next(ctx, r)
	}
}

// replayGuard stops an interaction already applied before any work. The
// write that applied it recorded its id in the same transaction (App.write),
// which is what makes a replay harmless even when two copies race; this check
// only spares the work and the second answer.
func (a *App) replayGuard(next handler) handler {
	return func(ctx context.Context, r *Request) (*Response, error) {
		if r.ID != "" {
			var seen bool
			err := a.read(ctx, func(tx *storage.Tx) error {
				var err error
				seen, err = tx.SeenInteraction(ctx, r.ID)
				return err
			})
			if err != nil {
				return nil, err
			}
			if seen {
				return nil, errReplay
			}
		}
		return next(ctx, r)
	}
}

// authorize refuses a member without the route's role, server-side: Discord's
// default command permissions are only a hint admins can change.
func (a *App) authorize(route *Route, next handler) handler {
	if route.Role != Coordinator && route.Role != Animator {
		return next
	}
	return func(ctx context.Context, r *Request) (*Response, error) {
		allowed := false
		err := a.read(ctx, func(tx *storage.Tx) error {
			g, err := tx.Guild(ctx, r.GuildID)
			if err != nil {
				return err
			}
			if allowed = isCoordinator(r, g); allowed || route.Role == Coordinator {
				return nil
			}
			allowed, err = tx.AnimatesAny(ctx, r.GuildID, r.User.Roles)
			return err
		})
		if err != nil {
			return nil, err
		}
		if !allowed {
			if route.Role == Coordinator {
				return nil, userErr("perm.coordinator")
			}
			return nil, userErr("perm.animator_any")
		}
		return next(ctx, r)
	}
}
