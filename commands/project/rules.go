// Package project holds the rules of the network's projects, from an idea
// to a prototype: which stage may follow which, who may change a project,
// what a holder's list of needs means, and the services that apply them in
// one storage transaction. It knows nothing of Discord or of languages:
// refusals are the typed errors below, which the handlers word.
package project

import (
	"errors"
	"strings"

	"github.com/tierslieux/tiersbot/commands/skillname"
	"github.com/tierslieux/tiersbot/storage"
)

// Limits of a project.
const (
	MaxTitle = 100
	MaxPitch = 1000
	MaxNeeds = 400
	MaxNote  = 200
	MaxNews  = 1500
	// MaxSkills is how many skills one project may seek.
	MaxSkills = 8
)

// Stages in their order of progress; Paused and Dropped are off that road.
var Stages = []string{storage.StageIdea, storage.StagePrototype, storage.StageLaunched, storage.StageFinished, storage.StagePaused, storage.StageDropped}

// Refusals.
var (
	ErrUnknownStage = errors.New("unknown stage")
	ErrSameStage    = errors.New("already at that stage")
	ErrClosed       = errors.New("finished or dropped: closed")
	ErrBackward     = errors.New("a stage already passed")
	ErrNotManager   = errors.New("only the holder or an animator")
	ErrTooManyNeeds = errors.New("too many skills")
	ErrBadNeed      = errors.New("a skill name is not valid")
	ErrArchived     = errors.New("archived")
)

var progress = map[string]int{storage.StageIdea: 0, storage.StagePrototype: 1, storage.StageLaunched: 2, storage.StageFinished: 3}

// CheckStage says whether a project at stage from may move to stage to.
// Forward only along idea -> prototype -> launched -> finished; paused or
// dropped from anywhere open; a paused project resumes at any open stage;
// finished and dropped are the end.
func CheckStage(from, to string) error {
	_, known := progress[to]
	if !known && to != storage.StagePaused && to != storage.StageDropped {
		return ErrUnknownStage
	}
	switch {
	case from == to:
		return ErrSameStage
	case from == storage.StageFinished || from == storage.StageDropped:
		return ErrClosed
	case from == storage.StagePaused || !known:
		return nil
	case progress[to] < progress[from]:
		return ErrBackward
	}
	return nil
}

// Actor is who asks for a change, as the handler established it.
type Actor struct {
	UserID string
	// Animator: an animator of some space of the network, or the coordination.
	Animator bool
}

// CanManage: the holder, or any animator (they accompany projects across
// the network), may edit, pause, finish or drop a project.
func CanManage(p storage.Project, a Actor) error {
	if p.Archived && !a.Animator {
		return ErrArchived
	}
	if a.Animator || (p.HolderID != "" && p.HolderID == a.UserID) {
		return nil
	}
	return ErrNotManager
}

// Need is one skill a project seeks, as the skill exchange spells it.
type Need struct{ Display, Key string }

// ParseNeeds reads "what is needed": skill names separated by commas,
// semicolons or new lines ("soudure, financement participatif"); the same
// skill twice counts once.
func ParseNeeds(text string) ([]Need, error) {
	var out []Need
	seen := map[string]bool{}
	for _, part := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if strings.TrimSpace(part) == "" {
			continue
		}
		if err := skillname.Validate(part); err != nil {
			return nil, ErrBadNeed
		}
		d := skillname.Clean(part)
		k := skillname.Key(d)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, Need{Display: d, Key: k})
	}
	if len(out) > MaxSkills {
		return nil, ErrTooManyNeeds
	}
	return out, nil
}

// Open reports whether a project still goes on (not finished, dropped or archived).
func Open(p storage.Project) bool {
	return !p.Archived && p.Stage != storage.StageFinished && p.Stage != storage.StageDropped
}
