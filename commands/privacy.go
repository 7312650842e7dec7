package commands

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/forget"
	"github.com/tierslieux/tiersbot/commands/retention"
	"github.com/tierslieux/tiersbot/storage"
)

// privacyRoutes: members' data is theirs (RGPD): a copy, and erasure.
func (a *App) privacyRoutes() {
	a.command("privacy export", Anyone, a.privacyExport)
	a.command("privacy forget", Anyone, a.privacyForget)
	// The button names no one: it erases the clicker's own data.
	a.button("privacy:forget", Anyone, a.privacyConfirm)
}

func (a *App) privacyExport(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var d storage.MemberData
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		d, err = tx.ExportMember(ctx, r.GuildID, r.User.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	data, err := json.MarshalIndent(struct {
		Network  string `json:"network"`
		UserID   string `json:"user_id"`
		Exported int64  `json:"exported_at"`
		storage.MemberData
	}{r.GuildID, r.User.ID, r.Now.Unix(), d}, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return &Response{Ephemeral: true, Message: Message{Content: l.T("privacy.exported"),
		Files: []File{{Name: "tiersbot-mes-donnees.json", ContentType: "application/json", Data: data}}}}, nil
}

func (a *App) privacyForget(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	return ephemeral(l.T("privacy.confirm"), Row{
		Button(Danger, l.T("btn.forget"), "privacy:forget"),
	}), nil
}

// privacyConfirm erases the clicker's own data: the button names no one, so
// nobody can erase someone else.
func (a *App) privacyConfirm(ctx context.Context, r *Request) (*Response, error) {
	token, err := forget.Token(rand.Reader)
	if err != nil {
		return nil, err
	}
	err = a.write(ctx, r, func(tx *storage.Tx) error {
		f, err := forget.Member(ctx, tx, forget.Who{GuildID: r.GuildID, UserID: r.User.ID, Token: token, Now: r.Now})
		if err != nil {
			return err
		}
		return a.afterForget(ctx, tx, r.Now, r.GuildID, f)
	})
	if err != nil {
		return nil, err
	}
	return &Response{Type: Update, Message: Message{Content: r.Lang().T("privacy.forgotten")}}, nil
}

// afterForget carries out what forgetting planned: a seat freed at an event
// goes to the first of its waitlist (with the usual DM), the announcements
// show the new counts and the space's team as organiser, and the posts that
// named the member are deleted.
func (a *App) afterForget(ctx context.Context, tx *storage.Tx, now time.Time, guildID string, f forget.Forget) error {
	for _, e := range f.Promote {
		s, err := tx.Space(ctx, e.GuildID, e.SpaceID)
		if err != nil {
			return err
		}
		if _, err := a.fillSeats(ctx, tx, now, e, s); err != nil {
			return err
		}
	}
	for _, e := range f.Refresh {
		if err := a.refresh(ctx, tx, now, e); err != nil {
			return err
		}
	}
	if err := a.refreshForgottenProjects(ctx, tx, now, guildID, f.Projects); err != nil {
		return err
	}
	return deletePosts(ctx, tx, now, guildID, f.Delete)
}

// deletePosts queues the deletion of messages the bot posted ("channelID/messageID").
func deletePosts(ctx context.Context, tx *storage.Tx, now time.Time, guildID string, refs []string) error {
	for _, ref := range refs {
		if _, err := post(ctx, tx, now, guildID, OutDelete, ref, Message{}, "delete:"+ref); err != nil {
			return err
		}
	}
	return nil
}

// retentionJobs anonymize what is older than each network's retention period.
func (a *App) retentionJobs() []Job {
	return []Job{{Name: "retention", Spec: "40 3 * * *", Coalesce: true, Run: a.ApplyRetention}}
}

// ApplyRetention anonymizes, for each network, the check-ins, event answers,
// introductions and organisers older than its retention period, scrubs the
// outbox items as old (deleting the posts that named someone), and deletes
// private messages sent more than 30 days ago (package retention decides;
// storage.Retention says what becomes of each table). It resumes where the
// last run stopped.
func (a *App) ApplyRetention(ctx context.Context, now time.Time) error {
	var guilds []storage.Guild
	err := a.db.Read(ctx, func(tx *storage.Tx) error {
		ids, err := tx.Guilds(ctx)
		for _, id := range ids {
			g, err := tx.Guild(ctx, id)
			if err != nil {
				return err
			}
			guilds = append(guilds, g)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("retention: %w", err)
	}
	for _, g := range guilds {
		if err := a.retainGuild(ctx, g, now); err != nil {
			return err
		}
	}
	return a.db.Write(ctx, func(tx *storage.Tx) error {
		if _, err := tx.PruneClosedDMs(ctx, now); err != nil {
			return err
		}
		_, err := tx.PruneSentDMs(ctx, retention.Default().DMCutoff(now))
		return err
	})
}

func (a *App) retainGuild(ctx context.Context, g storage.Guild, now time.Time) error {
	p := retention.For(g)
	var marker string
	err := a.db.Read(ctx, func(tx *storage.Tx) error {
		var err error
		marker, err = tx.Get(ctx, retention.MarkerKey(g.ID))
		return err
	})
	if err != nil {
		return err
	}
	pass, due := retention.Next(p, now, marker)
	if !due {
		return nil
	}
	total := int64(0)
	for {
		var step retention.Step
		err := a.writeJob(ctx, func(tx *storage.Tx) error {
			var err error
			if step, err = p.Anonymise(ctx, tx, g.ID, pass); err != nil {
				return err
			}
			return deletePosts(ctx, tx, now, g.ID, step.Delete)
		})
		if err != nil {
			return fmt.Errorf("retention %s: %w", g.ID, err)
		}
		total += step.Changed
		if step.Changed == 0 {
			break
		}
	}
	if total > 0 {
		a.log.Info("old records anonymized", "guild", g.ID, "rows", total, "before", pass.Before.Format(time.DateOnly))
	}
	return nil
}

func privacyCommands() []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{
		command("privacy", "vie_privee", "Your data: a copy, or erase it", "Tes données : en obtenir une copie, ou les effacer",
			sub("export", "exporter", "Everything the bot holds about you (JSON)", "Tout ce que le bot sait de toi (JSON)"),
			sub("forget", "oublier", "Erase your personal data", "Effacer tes données personnelles"),
		),
	}
}
