package commands

import (
	"context"
	"errors"
	"strconv"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/storage"
)

// An event can belong to a project: /event create and /event edit take a
// project option, carried by the form's custom id as a last part (its own
// routes, registered with the projects') so the event's parts stay as they are.

// eventProjectOption is the optional project option of /event create and edit.
func eventProjectOption() *discordgo.ApplicationCommandOption {
	return opt(discordgo.ApplicationCommandOptionString, "project", "projet", "The project it belongs to (optional)", "Le projet dont il fait partie (facultatif)", false).length(1, 100).auto()
}

// eventProject resolves the project option of an event command (0 without one).
func (a *App) eventProject(ctx context.Context, r *Request) (int64, error) {
	if r.Opt("project") == "" {
		return 0, nil
	}
	var p storage.Project
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		p, err = loadProject(ctx, tx, r.GuildID, r.Opt("project"), false)
		return err
	})
	var ue *UserError
	if errors.As(err, &ue) && ue.Key == "project.unknown" {
		return 0, userErr("project.event_unknown")
	}
	return p.ID, err
}

// withProject appends a project to a form's custom id (none: unchanged);
// the routes with a last {project:id} part read it.
func withProject(customID string, projectID int64) string {
	if projectID == 0 {
		return customID
	}
	return customID + ":" + strconv.FormatInt(projectID, 10)
}

// linkEventProject makes an event belong to a project of its network.
func linkEventProject(ctx context.Context, tx *storage.Tx, e storage.Event, projectID int64) error {
	if projectID == 0 {
		return nil
	}
	if _, err := tx.Project(ctx, e.GuildID, projectID); errors.Is(err, storage.ErrNotFound) {
		return userErr("error.bad_button")
	} else if err != nil {
		return err
	}
	return tx.SetEventProject(ctx, e.ID, projectID)
}
