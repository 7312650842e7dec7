package project

import (
	"errors"
	"testing"

	"github.com/tierslieux/tiersbot/storage"
)

func TestCheckStage(t *testing.T) {
	for _, c := range []struct {
		from, to string
		want     error
	}{
		{"idea", "prototype", nil},
		{"idea", "launched", nil}, // a step may be skipped
		{"idea", "finished", nil},
		{"prototype", "launched", nil},
		{"launched", "finished", nil},
		{"prototype", "idea", ErrBackward},
		{"launched", "prototype", ErrBackward},
		{"idea", "paused", nil},
		{"launched", "dropped", nil},
		{"paused", "idea", nil}, // resumes at any open stage
		{"paused", "launched", nil},
		{"paused", "dropped", nil},
		{"paused", "paused", ErrSameStage},
		{"prototype", "prototype", ErrSameStage},
		{"finished", "launched", ErrClosed},
		{"finished", "paused", ErrClosed},
		{"dropped", "idea", ErrClosed},
		{"idea", "done", ErrUnknownStage},
		{"idea", "", ErrUnknownStage},
	} {
		if got := CheckStage(c.from, c.to); !errors.Is(got, c.want) || (got == nil) != (c.want == nil) {
			t.Errorf("%s -> %s: %v, want %v", c.from, c.to, got, c.want)
		}
	}
}

func TestParseNeeds(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string // display spellings
		err  error
	}{
		{"", nil, nil},
		{"soudure, Financement participatif", []string{"soudure", "Financement participatif"}, nil},
		{"Soudure;soudure\nSOUDURE", []string{"Soudure"}, nil}, // one skill, first spelling
		{"  découpe   laser ,, ", []string{"découpe laser"}, nil},
		{"Développement Web, developpement-web", []string{"Développement Web"}, nil}, // the exchange's matching
		{"a, b, c, d, e, f, g, h, i", nil, ErrBadNeed},                               // one letter is too short
		{"aa, bb, cc, dd, ee, ff, gg, hh", []string{"aa", "bb", "cc", "dd", "ee", "ff", "gg", "hh"}, nil},
		{"aa, bb, cc, dd, ee, ff, gg, hh, ii", nil, ErrTooManyNeeds},
		{"!!!", nil, ErrBadNeed},
	} {
		got, err := ParseNeeds(c.in)
		if !errors.Is(err, c.err) || (err == nil) != (c.err == nil) {
			t.Errorf("%q: error %v, want %v", c.in, err, c.err)
			continue
		}
		var names []string
		for _, n := range got {
			names = append(names, n.Display)
		}
		if len(names) != len(c.want) {
			t.Errorf("%q: %q, want %q", c.in, names, c.want)
			continue
		}
		for i := range names {
			if names[i] != c.want[i] {
				t.Errorf("%q: %q, want %q", c.in, names, c.want)
			}
		}
	}
}

func TestCanManage(t *testing.T) {
	p := storage.Project{HolderID: "bob"}
	archived := storage.Project{Archived: true}
	for _, c := range []struct {
		name string
		p    storage.Project
		a    Actor
		want error
	}{
		{"holder", p, Actor{UserID: "bob"}, nil},
		{"animator of any space", p, Actor{UserID: "nadia", Animator: true}, nil},
		{"a member", p, Actor{UserID: "alice"}, ErrNotManager},
		{"nobody holds an archived one", archived, Actor{UserID: ""}, ErrArchived},
		{"an animator takes an archived one up", archived, Actor{UserID: "nadia", Animator: true}, nil},
	} {
		if got := CanManage(c.p, c.a); !errors.Is(got, c.want) || (got == nil) != (c.want == nil) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
