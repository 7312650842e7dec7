package commands

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/tierslieux/tiersbot/commands/project"
	"github.com/tierslieux/tiersbot/commands/skillname"
	"github.com/tierslieux/tiersbot/storage"
)

func (a *App) projectRoutes() {
	// Anyone may reach them: each handler checks the holder, an animator
	// (of any space) or the coordination against the project it loads.
	a.command("project create", Anyone, a.projectCreate, opensForm)
	a.command("project show", Anyone, a.projectShow)
	a.command("project list", Anyone, a.projectList)
	a.command("project edit", Anyone, a.projectEdit, opensForm)
	a.command("project stage", Anyone, a.projectStage)
	a.command("project update", Anyone, a.projectUpdate)
	a.command("project accompany", Anyone, a.projectAccompany)
	a.command("project note", Anyone, a.projectNote)
	a.command("project follow", Anyone, a.projectFollow)
	a.form("prjnew:{space:id}", Anyone, a.projectCreateSubmit)
	a.form("prjedit:{project:id}", Anyone, a.projectEditSubmit)
	a.button("prjhelp:{project:id}", Anyone, a.projectHelpClick)
	a.button("prjfol:{project:id}", Anyone, a.projectFollowClick)
	a.button("prjok:{offer:id}", Owner, func(ctx context.Context, r *Request) (*Response, error) { return a.projectOfferAnswer(ctx, r, true) }, inDMs)
	a.button("prjno:{offer:id}", Owner, func(ctx context.Context, r *Request) (*Response, error) { return a.projectOfferAnswer(ctx, r, false) }, inDMs)
	a.auto["project"] = a.completeProject
	a.auto["project list skill"] = a.completeSkill
	// Events of a project: the event forms with a last project part.
}

// projectRefusal words the rules' refusals; other errors pass through.
func projectRefusal(err error) error {
	keys := map[error]string{
		project.ErrUnknownStage:  "project.bad_stage",
		project.ErrSameStage:     "project.same_stage",
		project.ErrClosed:        "project.closed",
		project.ErrBackward:      "project.backward",
		project.ErrNotManager:    "project.not_manager",
		project.ErrTooManyNeeds:  "project.too_many_needs",
		project.ErrBadNeed:       "project.bad_need",
		project.ErrArchived:      "project.archived",
		project.ErrOwnProject:    "project.own_project",
		project.ErrAlreadyMember: "project.already_member",
		project.ErrOfferPending:  "project.offer_pending",
		project.ErrOfferPaused:   "project.offer_paused",
		project.ErrAnswered:      "project.offer_answered",
		project.ErrNotHolder:     "error.bad_button",
		project.ErrHolderClosed:  "project.holder_closed",
		project.ErrOfferLimit:    "project.offer_limit",
	}
	for e, key := range keys {
		if errors.Is(err, e) {
			switch key {
			case "project.too_many_needs":
				return userErr(key, project.MaxSkills)
			case "project.bad_need":
				return userErr(key, skillname.MinLen, skillname.MaxLen)
			case "project.offer_limit":
				return userErr(key, project.MaxOffersPerDay)
			}
			return userErr(key)
		}
	}
	return err
}

// projectActor is who acts, with whether they animate anywhere in the
// network (animators accompany projects across spaces) or coordinate.
func projectActor(ctx context.Context, tx *storage.Tx, r *Request) (project.Actor, error) {
	act := project.Actor{UserID: r.User.ID}
	g, err := tx.Guild(ctx, r.GuildID)
	if err != nil {
		return act, err
	}
	if isCoordinator(r, g) {
		act.Animator = true
		return act, nil
	}
	act.Animator, err = tx.AnimatesAny(ctx, r.GuildID, r.User.Roles)
	return act, err
}

// animatorActing is the actor of an animator-only project action, recorded as a member.
func (a *App) animatorActing(ctx context.Context, tx *storage.Tx, r *Request) (project.Actor, error) {
	act, err := projectActor(ctx, tx, r)
	if err != nil {
		return act, err
	}
	if !act.Animator {
		return act, userErr("project.animators_only")
	}
	_, err = tx.TouchMember(ctx, r.GuildID, r.User.ID, r.User.Name, r.Locale, r.Now)
	return act, err
}

// loadProject finds the project an option or a custom id names: an id (from
// autocomplete or a button), or for an option a title typed freely.
func loadProject(ctx context.Context, tx *storage.Tx, guildID, v string, fromButton bool) (storage.Project, error) {
	bad := "project.unknown"
	if fromButton {
		bad = "error.bad_button"
	}
	v = strings.TrimSpace(v)
	if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
		p, err := tx.Project(ctx, guildID, id)
		if errors.Is(err, storage.ErrNotFound) {
			return p, userErr(bad)
		}
		return p, err
	}
	if fromButton || Fold(v) == "" {
		return storage.Project{}, userErr(bad)
	}
	found, err := tx.SearchProjects(ctx, guildID, Fold(v), 10)
	if err != nil {
		return storage.Project{}, err
	}
	for _, p := range found {
		if p.TitleKey == Fold(v) {
			return p, nil
		}
	}
	switch len(found) {
	case 0:
		return storage.Project{}, userErr(bad)
	case 1:
		return found[0], nil
	}
	var names []string
	for _, p := range found {
		names = append(names, "**"+Escape(p.Title)+"**")
	}
	return storage.Project{}, userErr("project.ambiguous", Escape(Truncate(v, 40)), nameList{names: names, what: "projects"})
}

func (a *App) completeProject(ctx context.Context, r *Request, typed string) ([]Choice, error) {
	var found []storage.Project
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		found, err = tx.SearchProjects(ctx, r.GuildID, Fold(typed), MaxChoices)
		return err
	})
	out := make([]Choice, 0, len(found))
	for _, p := range found {
		out = append(out, Choice{Name: p.Title, Value: strconv.FormatInt(p.ID, 10)})
	}
	return out, err
}

// projectText validates the form: title, pitch, what is needed.
func projectText(r *Request) (title, pitch, needs string, err error) {
	title, n := CleanText(r.Fields["title"], false)
	if n == 0 {
		return "", "", "", userErr("project.need_title")
	}
	if n > project.MaxTitle {
		return "", "", "", userErr("project.title_too_long", project.MaxTitle)
	}
	pitch, n = CleanText(r.Fields["pitch"], true)
	if n > project.MaxPitch {
		return "", "", "", userErr("project.pitch_too_long", project.MaxPitch)
	}
	needs, n = CleanText(r.Fields["needs"], true)
	if n > project.MaxNeeds {
		return "", "", "", userErr("project.needs_too_long", project.MaxNeeds)
	}
	return title, pitch, needs, nil
}

func projectModal(l Lang, customID, title string, p storage.Project) *Modal {
	return &Modal{CustomID: customID, Title: Truncate(title, 45), Fields: []TextField{
		{ID: "title", Label: l.T("project.f_title"), Value: p.Title, Required: true, MinLength: 1, MaxLength: project.MaxTitle},
		{ID: "pitch", Label: l.T("project.f_pitch"), Paragraph: true, Value: p.Pitch, MaxLength: project.MaxPitch},
		{ID: "needs", Label: l.T("project.f_needs"), Paragraph: true, Value: p.Needs, Placeholder: l.T("project.needs_hint"), MaxLength: project.MaxNeeds},
	}}
}

func (a *App) projectCreate(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var s storage.Space
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		s, err = spaceFor(ctx, tx, r)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &Response{Type: OpenModal, Modal: projectModal(l, CustomID("prjnew", s.ID), l.T("project.modal_new", Truncate(s.Name, 25)), storage.Project{})}, nil
}

func (a *App) projectCreateSubmit(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	spaceID := r.Params.ID("space")
	title, pitch, needs, err := projectText(r)
	if err != nil {
		return nil, err
	}
	var (
		p     storage.Project
		s     storage.Space
		g     storage.Guild
		sugg  []project.Suggestion
		where []string
	)
	err = a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if s, err = tx.Space(ctx, r.GuildID, spaceID); errors.Is(err, storage.ErrNotFound) {
			return userErr("error.bad_button")
		} else if err != nil {
			return err
		}
		if g, err = tx.Guild(ctx, r.GuildID); err != nil {
			return err
		}
		if _, err := tx.TouchMember(ctx, r.GuildID, r.User.ID, r.User.Name, r.Locale, r.Now); err != nil {
			return err
		}
		p, err = project.Create(ctx, tx, project.CreateInput{GuildID: r.GuildID, SpaceID: s.ID, HolderID: r.User.ID,
			Title: title, TitleKey: Fold(title), Pitch: pitch, Needs: needs, Now: r.Now})
		if err != nil {
			return projectRefusal(err)
		}
		if where, err = a.postProjectCard(ctx, tx, g, s, &p, r.Now); err != nil {
			return err
		}
		sugg, err = project.Suggestions(ctx, tx, p)
		return err
	})
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(l.T("project.created", Escape(p.Title), Escape(s.Name)))
	if len(where) > 0 {
		b.WriteString("\n" + l.T("project.posted_in", strings.Join(where, ", ")))
	} else {
		b.WriteString("\n" + l.T("project.no_channel"))
	}
	text, rows := suggestionText(l, sugg)
	if text != "" {
		b.WriteString("\n\n" + text)
	}
	return ephemeral(b.String(), rows...), nil
}

// suggestionText tells the holder who offers the skills the project seeks,
// with buttons asking for an introduction (the offerer's consent first).
func suggestionText(l Lang, sugg []project.Suggestion) (string, []Row) {
	var lines []string
	var rows []Row
	for _, sg := range sugg {
		switch {
		case len(sg.Offerers) == 0 && sg.InTeam:
			lines = append(lines, l.T("project.sugg_team", Escape(sg.Skill.Display)))
			continue
		case len(sg.Offerers) == 0:
			lines = append(lines, l.T("project.sugg_nobody", Escape(sg.Skill.Display)))
			continue
		}
		var names []string
		for i, o := range sg.Offerers {
			if i == 3 {
				names = append(names, l.N("more.items", len(sg.Offerers)-3))
				break
			}
			names = append(names, Escape(o.Name))
			if len(rows) < 5 {
				rows = append(rows, Row{Button(Primary, Truncate(l.T("btn.intro", o.Name), MaxButtonLabel), CustomID("intro", sg.Skill.ID, o.UserID))})
			}
		}
		lines = append(lines, l.T("project.sugg_line", Escape(sg.Skill.Display), strings.Join(names, ", ")))
	}
	if len(lines) == 0 {
		return "", nil
	}
	return l.T("project.sugg_head") + "\n" + strings.Join(lines, "\n"), rows
}

func (a *App) projectEdit(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var p storage.Project
	err := a.read(ctx, func(tx *storage.Tx) error {
		var err error
		if p, err = loadProject(ctx, tx, r.GuildID, r.Opt("project"), false); err != nil {
			return err
		}
		act, err := projectActor(ctx, tx, r)
		if err != nil {
			return err
		}
		return projectRefusal(project.CanManage(p, act))
	})
	if err != nil {
		return nil, err
	}
	return &Response{Type: OpenModal, Modal: projectModal(l, CustomID("prjedit", p.ID), l.T("project.modal_edit"), p)}, nil
}

func (a *App) projectEditSubmit(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	id := r.Params.Str("project")
	title, pitch, needs, err := projectText(r)
	if err != nil {
		return nil, err
	}
	var p storage.Project
	err = a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if p, err = loadProject(ctx, tx, r.GuildID, id, true); err != nil {
			return err
		}
		act, err := projectActor(ctx, tx, r)
		if err != nil {
			return err
		}
		if p, err = project.Edit(ctx, tx, project.EditInput{Project: p, Actor: act, Title: title, TitleKey: Fold(title), Pitch: pitch, Needs: needs, Now: r.Now}); err != nil {
			return projectRefusal(err)
		}
		return a.refreshProjectCards(ctx, tx, r.Now, p)
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.T("project.edited", Escape(p.Title))), nil
}

func (a *App) projectStage(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var ch project.StageChanged
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		p, err := loadProject(ctx, tx, r.GuildID, r.Opt("project"), false)
		if err != nil {
			return err
		}
		act, err := projectActor(ctx, tx, r)
		if err != nil {
			return err
		}
		if ch, err = project.ChangeStage(ctx, tx, p, r.Opt("stage"), act, r.Now); err != nil {
			return projectRefusal(err)
		}
		return a.announceStage(ctx, tx, r.Now, ch)
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.N("project.stage_changed", len(ch.Followers), Escape(ch.Project.Title), l10nStage(l, ch.From), l10nStage(l, ch.Project.Stage))), nil
}

func (a *App) projectAccompany(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	var (
		p     storage.Project
		fresh bool
	)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if p, err = loadProject(ctx, tx, r.GuildID, r.Opt("project"), false); err != nil {
			return err
		}
		if _, err := a.animatorActing(ctx, tx, r); err != nil {
			return err
		}
		if fresh, err = tx.AddProjectPerson(ctx, p, r.User.ID, storage.RoleAnimator, r.Now); err != nil || !fresh {
			return err
		}
		return a.refreshProjectCards(ctx, tx, r.Now, p)
	})
	if err != nil {
		return nil, err
	}
	if !fresh {
		return ephemeral(l.T("project.already_accompany", Escape(p.Title))), nil
	}
	return ephemeral(l.T("project.accompany", Escape(p.Title))), nil
}

// parseDay reads the day of a note in loc: 2026-04-14, 14/04/2026 or 14/04
// (this year); empty is today. It returns noon of that day: the day stays
// the same in any zone of the network.
func parseDay(v string, now time.Time, loc *time.Location) (time.Time, error) {
	v = strings.TrimSpace(v)
	local := now.In(loc)
	if v == "" {
		return time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, loc), nil
	}
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006", "02/01", "2/1"} {
		t, err := time.ParseInLocation(layout, v, loc)
		if err != nil {
			continue
		}
		if !strings.Contains(layout, "2006") {
			t = time.Date(local.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
		}
		return time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, loc), nil
	}
	return time.Time{}, errors.New("bad day")
}

func (a *App) projectNote(ctx context.Context, r *Request) (*Response, error) {
	l := r.Lang()
	note, n := CleanText(r.Opt("text"), false)
	if n == 0 || n > project.MaxNote {
		return nil, userErr("project.note_length", project.MaxNote)
	}
	var (
		p   storage.Project
		day time.Time
	)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if p, err = loadProject(ctx, tx, r.GuildID, r.Opt("project"), false); err != nil {
			return err
		}
		s, err := tx.Space(ctx, r.GuildID, p.SpaceID)
		if err != nil {
			return err
		}
		if day, err = parseDay(r.Opt("date"), r.Now, location(s.Timezone)); err != nil {
			return userErr("project.bad_day")
		}
		if day.After(r.Now.Add(24 * time.Hour)) {
			return userErr("project.future_day")
		}
		act, err := a.animatorActing(ctx, tx, r)
		if err != nil {
			return err
		}
		if err := project.AddNote(ctx, tx, p, act, note, day, r.Now); err != nil {
			return projectRefusal(err)
		}
		return a.refreshProjectCards(ctx, tx, r.Now, p)
	})
	if err != nil {
		return nil, err
	}
	return ephemeral(l.T("project.noted", Escape(p.Title), tsDate(day))), nil
}

func (a *App) projectFollow(ctx context.Context, r *Request) (*Response, error) {
	return a.toggleFollow(ctx, r, r.Opt("project"), false)
}

func (a *App) projectFollowClick(ctx context.Context, r *Request) (*Response, error) {
	return a.toggleFollow(ctx, r, r.Params.Str("project"), true)
}

// toggleFollow follows a project, or stops following it.
func (a *App) toggleFollow(ctx context.Context, r *Request, v string, fromButton bool) (*Response, error) {
	l := r.Lang()
	var (
		p       storage.Project
		started bool
	)
	err := a.write(ctx, r, func(tx *storage.Tx) error {
		var err error
		if p, err = loadProject(ctx, tx, r.GuildID, v, fromButton); err != nil {
			return err
		}
		if _, err := tx.TouchMember(ctx, r.GuildID, r.User.ID, r.User.Name, r.Locale, r.Now); err != nil {
			return err
		}
		if started, err = tx.AddProjectPerson(ctx, p, r.User.ID, storage.RoleFollower, r.Now); err != nil {
			return err
		}
		if !started {
			if _, err = tx.RemoveProjectPerson(ctx, p.ID, r.User.ID, storage.RoleFollower); err != nil {
				return err
			}
		}
		return a.refreshProjectCards(ctx, tx, r.Now, p)
	})
	if err != nil {
		return nil, err
	}
	if started {
		return ephemeral(l.T("project.following", Escape(p.Title))), nil
	}
	return ephemeral(l.T("project.unfollowed", Escape(p.Title))), nil
}

// projectDM posts a DM about a project; names are the members it names.
func projectDM(ctx context.Context, tx *storage.Tx, now time.Time, guildID, to string, m Message, dedup string, names ...string) error {
	_, err := postNaming(ctx, tx, now, guildID, OutDM, to, m, dedup, names...)
	return err
}
