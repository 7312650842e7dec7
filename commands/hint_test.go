package commands

import "testing"

// The routes whose answer may be a form are declared, so that transports
// never defer them (a form cannot follow a deferral).
func TestFormRoutesDeclared(t *testing.T) {
	a := New(Config{})
	for _, c := range []struct {
		r    Request
		form bool
	}{
		{Request{Kind: KindCommand, Command: "event create"}, true},
		{Request{Kind: KindCommand, Command: "event edit"}, true},
		{Request{Kind: KindComponent, CustomID: "attw:12"}, true},
		{Request{Kind: KindCommand, Command: "checkin"}, false},
		{Request{Kind: KindComponent, CustomID: "att:12"}, false},
		{Request{Kind: KindModal, CustomID: "attw:12"}, false},
	} {
		if got := a.Hint(&c.r).Form; got != c.form {
			t.Errorf("%v %q %q: form %v, want %v", c.r.Kind, c.r.Command, c.r.CustomID, got, c.form)
		}
	}
}
