package commands

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/project"
	"github.com/tierslieux/tiersbot/storage"
)

const (
	colorProject       = 0xEF6C00
	colorProjectClosed = 0x757575
)

// projectState is what a project's card and page show.
type projectState struct {
	Project    storage.Project
	Space      storage.Space
	Skills     []storage.Skill
	Members    []storage.ProjectPerson
	Animators  []storage.ProjectPerson
	Followers  int
	NotesCount int
}

func loadProjectState(ctx context.Context, tx *storage.Tx, p storage.Project) (projectState, error) {
	st := projectState{Project: p}
	var err error
	if st.Space, err = tx.Space(ctx, p.GuildID, p.SpaceID); err != nil {
		return st, err
	}
	if st.Skills, err = tx.ProjectSkills(ctx, p.ID); err != nil {
		return st, err
	}
	if st.Members, err = tx.ProjectPeople(ctx, p.ID, storage.RoleMember); err != nil {
		return st, err
	}
	if st.Animators, err = tx.ProjectPeople(ctx, p.ID, storage.RoleAnimator); err != nil {
		return st, err
	}
	followers, err := tx.ProjectPeople(ctx, p.ID, storage.RoleFollower)
	st.Followers = len(followers)
	return st, err
}

// projectEmbed is the project's card: no name but the holder's mention
// (the card is re-rendered when they are forgotten), counts for the rest.
func projectEmbed(l Lang, st projectState) *discordgo.MessageEmbed {
	p := st.Project
	em := &discordgo.MessageEmbed{
		Title:       Truncate(stageEmoji(p.Stage)+" "+Escape(p.Title), MaxEmbedTitle),
		Description: Truncate(Escape(p.Pitch), MaxEmbedDesc),
		Color:       colorProject,
	}
	if !project.Open(p) {
		em.Color = colorProjectClosed
	}
	add := func(name, value string, inline bool) {
		em.Fields = append(em.Fields, &discordgo.MessageEmbedField{Name: name, Value: Truncate(value, MaxFieldValue), Inline: inline})
	}
	stage := l.T("stage."+p.Stage) + " · " + l.T("project.since", tsDate(p.StageAt))
	if p.Archived {
		stage = l.T("project.archived_label")
	}
	add(l.T("project.f_stage"), stage, true)
	add(l.T("project.f_space"), Escape(st.Space.Name)+", "+Escape(st.Space.Town), true)
	holder := l.T("project.no_holder")
	if p.HolderID != "" {
		holder = mentionUser(p.HolderID)
	}
	add(l.T("project.f_holder"), holder, true)
	if len(st.Skills) > 0 {
		var names []string
		for _, s := range st.Skills {
			names = append(names, Escape(s.Display))
		}
		add(l.T("project.f_seeks"), strings.Join(names, " · "), false)
	}
	add(l.T("project.f_team"), l.N("project.members", len(st.Members))+" · "+l.T("project.team_rest", len(st.Animators), st.Followers), false)
	em.Footer = &discordgo.MessageEmbedFooter{Text: l.T("project.card_footer")}
	return em
}

func stageEmoji(stage string) string {
	return map[string]string{storage.StageIdea: "💡", storage.StagePrototype: "🛠️", storage.StageLaunched: "🚀",
		storage.StageFinished: "🏁", storage.StagePaused: "⏸️", storage.StageDropped: "🪦"}[stage]
}

// projectCard is the public post, in the network's language, with its buttons while the project goes on.
func projectCard(l Lang, st projectState) Message {
	m := Message{Embeds: []*discordgo.MessageEmbed{projectEmbed(l, st)}}
	if project.Open(st.Project) {
		m.Components = []Row{{
			Button(Success, l.T("btn.project_help"), CustomID("prjhelp", st.Project.ID)),
			Button(Secondary, l.T("btn.project_follow"), CustomID("prjfol", st.Project.ID)),
		}}
	}
	return m
}

// postProjectCard posts the card in the space's channel and the
// announcements channel, and starts the project's thread on the first of
// them. It returns where it was posted (channel mentions).
func (a *App) postProjectCard(ctx context.Context, tx *storage.Tx, g storage.Guild, s storage.Space, p *storage.Project, now time.Time) ([]string, error) {
	st, err := loadProjectState(ctx, tx, *p)
	if err != nil {
		return nil, err
	}
	gl := Lang(g.Lang)
	m := projectCard(gl, st)
	var where []string
	if s.ChannelID != "" {
		if p.PostSpace, err = post(ctx, tx, now, g.ID, OutChannel, s.ChannelID, m, fmt.Sprintf("project-card:%d:space", p.ID)); err != nil {
			return nil, err
		}
		where = append(where, mentionChannel(s.ChannelID))
	}
	if g.AnnounceChannel != "" && g.AnnounceChannel != s.ChannelID {
		if p.PostNetwork, err = post(ctx, tx, now, g.ID, OutChannel, g.AnnounceChannel, m, fmt.Sprintf("project-card:%d:network", p.ID)); err != nil {
			return nil, err
		}
		where = append(where, mentionChannel(g.AnnounceChannel))
	}
	// The thread follows the card where the space's people are.
	card := p.PostSpace
	if card == 0 {
		card = p.PostNetwork
	}
	if card != 0 {
		th := Message{Thread: &Thread{Name: Truncate(p.Title, 100)}}
		if p.Thread, err = post(ctx, tx, now, g.ID, OutThread, "ref:"+strconv.FormatInt(card, 10), th, fmt.Sprintf("project-thread:%d", p.ID)); err != nil {
			return nil, err
		}
	}
	return where, tx.SetProjectPosts(ctx, p.ID, p.PostSpace, p.PostNetwork, p.Thread)
}

// refreshProjectCards queues edits of a project's cards to show its current state.
func (a *App) refreshProjectCards(ctx context.Context, tx *storage.Tx, now time.Time, p storage.Project) error {
	if p.PostSpace == 0 && p.PostNetwork == 0 {
		return nil
	}
	g, err := tx.Guild(ctx, p.GuildID)
	if err != nil {
		return err
	}
	st, err := loadProjectState(ctx, tx, p)
	if err != nil {
		return err
	}
	payload, err := json.Marshal(fitMessage(ctx, nil, "project card edit", projectCard(Lang(g.Lang), st)))
	if err != nil {
		return fmt.Errorf("encode project card: %w", err)
	}
	for _, ref := range []int64{p.PostSpace, p.PostNetwork} {
		if ref != 0 {
			target := "ref:" + strconv.FormatInt(ref, 10)
			it := storage.OutboxItem{GuildID: p.GuildID, Kind: OutEdit, Target: target, Payload: payload, DedupKey: "project-card-edit:" + target}
			if _, err := tx.EnqueueLatest(ctx, it, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// threadTarget is where posts in a project's thread go ("" when it has none).
func threadTarget(p storage.Project) string {
	if p.Thread == 0 {
		return ""
	}
	return "ref:" + strconv.FormatInt(p.Thread, 10)
}

// announceStage tells of a stage change: in the thread, on the cards, and
// by DM to those who follow the project. None of these names anyone.
func (a *App) announceStage(ctx context.Context, tx *storage.Tx, now time.Time, ch project.StageChanged) error {
	p := ch.Project
	g, err := tx.Guild(ctx, p.GuildID)
	if err != nil {
		return err
	}
	gl := Lang(g.Lang)
	if t := threadTarget(p); t != "" {
		m := Message{Content: gl.T("project.stage_post", stageEmoji(p.Stage), l10nStage(gl, ch.From), l10nStage(gl, p.Stage))}
		if _, err := post(ctx, tx, now, p.GuildID, OutChannel, t, m, fmt.Sprintf("project-stage:%d:%s:%d", p.ID, p.Stage, now.Unix())); err != nil {
			return err
		}
	}
	for _, f := range ch.Followers {
		fl := a.memberLang(ctx, tx, p.GuildID, f)
		m := Message{Content: fl.T("project.stage_dm", Escape(p.Title), l10nStage(fl, ch.From), l10nStage(fl, p.Stage))}
		if err := projectDM(ctx, tx, now, p.GuildID, f, m, fmt.Sprintf("project-stage-dm:%d:%s:%s:%d", p.ID, f, p.Stage, now.Unix())); err != nil {
			return err
		}
	}
	return a.refreshProjectCards(ctx, tx, now, p)
}

func l10nStage(l Lang, stage string) string { return l.T("stage." + stage) }

// refreshForgottenProjects re-renders the cards of projects whose holder
// was forgotten: they show the animator who took them on, or "archived".
func (a *App) refreshForgottenProjects(ctx context.Context, tx *storage.Tx, now time.Time, guildID string, ids []int64) error {
	for _, id := range ids {
		p, err := tx.Project(ctx, guildID, id)
		if err != nil {
			return err
		}
		if err := a.refreshProjectCards(ctx, tx, now, p); err != nil {
			return err
		}
	}
	return nil
}
