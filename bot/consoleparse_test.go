package bot

import (
	"reflect"
	"testing"
)

func TestParseSlash(t *testing.T) {
	cases := []struct {
		in   string
		path []string
		opts map[string]string
		err  bool
	}{
		{in: "/checkin", path: []string{"checkin"}},
		{in: `/checkin space:"La Ruche" note:"until 5pm"`, path: []string{"checkin"}, opts: map[string]string{"space": "La Ruche", "note": "until 5pm"}},
		{in: "/space add name:Fab town:Valence", path: []string{"space", "add"}, opts: map[string]string{"name": "Fab", "town": "Valence"}},
		{in: `/Space ADD name:"a \"quoted\" name" town:Die`, path: []string{"space", "add"}, opts: map[string]string{"name": `a "quoted" name`, "town": "Die"}},
		{in: "/space edit closes_at:18:30", path: []string{"space", "edit"}, opts: map[string]string{"closes_at": "18:30"}},
		{in: `/checkin note:""`, path: []string{"checkin"}, opts: map[string]string{"note": ""}},
		{in: `/lieu ajouter nom:"Café" ville:Crest`, path: []string{"lieu", "ajouter"}, opts: map[string]string{"nom": "Café", "ville": "Crest"}},
		{in: `/checkin note:"unclosed`, err: true},
		{in: `/checkin space:a space:b`, err: true},
		{in: `/checkin space:a stray`, err: true},
		{in: `/`, err: true},
		{in: `checkin`, err: true},
		{in: `/checkin note:"a"b`, err: true},
	}
	for _, tc := range cases {
		sl, err := parseSlash(tc.in)
		if tc.err {
			if err == nil {
				t.Errorf("%s: accepted as %+v", tc.in, sl)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		got := map[string]string{}
		for _, o := range sl.Opts {
			got[o.Key] = o.Value
		}
		if tc.opts == nil {
			tc.opts = map[string]string{}
		}
		if !reflect.DeepEqual(sl.Path, tc.path) || !reflect.DeepEqual(got, tc.opts) {
			t.Errorf("%s: got %v %v, want %v %v", tc.in, sl.Path, got, tc.path, tc.opts)
		}
	}
}

func FuzzParseSlash(f *testing.F) {
	for _, s := range []string{`/checkin space:"La Ruche" note:"until 5pm"`, "/space add name:Fab town:Valence", `/x a:"\"" b:\`, "/é:é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sl, err := parseSlash(s)
		if err != nil {
			return
		}
		if len(sl.Path) == 0 {
			t.Fatal("a parsed command has no path")
		}
		seen := map[string]bool{}
		for _, o := range sl.Opts {
			if seen[o.Key] || o.Key == "" {
				t.Fatalf("bad options %+v", sl.Opts)
			}
			seen[o.Key] = true
		}
	})
}
