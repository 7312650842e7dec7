package bot

import (
	"encoding/json"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// FuzzToRequest: whatever Discord (or anyone) sends, toRequest never panics,
// and a request it accepts has a kind and a user.
func FuzzToRequest(f *testing.F) {
	for _, seed := range []string{
		`{"type":2,"id":"1","token":"t","member":{"user":{"id":"u"},"permissions":"0"},"data":{"name":"space","type":1,"options":[{"name":"add","type":1,"options":[{"name":"name","type":3,"value":"La Ruche"}]}]}}`,
		`{"type":4,"id":"1","token":"t","user":{"id":"u"},"data":{"name":"checkin","options":[{"name":"space","type":3,"value":"ru","focused":true}]}}`,
		`{"type":4,"id":"1","token":"t","user":{"id":"u"}}`,
		`{"type":3,"id":"1","token":"t","user":{"id":"u"},"message":{"id":"m"},"data":{"custom_id":"desk:in:1","component_type":2}}`,
		`{"type":3,"id":"1","token":"t","user":{"id":"u"},"data":{"custom_id":"x","component_type":3,"values":["a"]}}`,
		`{"type":5,"id":"1","token":"t","user":{"id":"u"},"data":{"custom_id":"evnew:1","components":[{"type":1,"components":[{"type":4,"custom_id":"title","value":"Atelier"}]}]}}`,
		`{"type":5,"id":"1","token":"t","user":{"id":"u"},"data":{"custom_id":"x","components":[{"type":18}]}}`,
		`{"type":1}`, `{"type":9,"id":"1"}`, `{"type":2,"id":"1","member":{"permissions":"0"},"data":{"name":"x"}}`, `null`, `{}`,
		`{"type":2,"id":"1","user":{"id":"u"},"data":{"name":"a","options":[null,{"name":"b","type":2,"options":[null]}]}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var i discordgo.Interaction
		_ = json.Unmarshal(raw, &i) // discordgo passes on what it could decode, as the gateway does
		req, err := toRequest(&i)
		if err != nil {
			if req != nil {
				t.Fatal("a request returned with an error")
			}
			return
		}
		if req.Kind == 0 || req.User.ID == "" || req.ID == "" {
			t.Fatalf("accepted without kind, user or id: %+v from %s", req, raw)
		}
		if refusal(&i) == nil {
			t.Fatalf("an accepted interaction has no possible answer: %s", raw)
		}
	})
}

func TestToRequestRefusesNil(t *testing.T) {
	if req, err := toRequest(nil); err == nil || req != nil {
		t.Fatal("nil interaction accepted")
	}
}

// A channel option carries the chosen channel's type from the resolved data;
// without resolved data, the type is unknown (not guessed as text).
func TestToRequestChannelTypes(t *testing.T) {
	cases := []struct {
		raw  string
		want map[string]int
	}{
		{`{"type":2,"id":"1","user":{"id":"u"},"data":{"name":"setup","options":[{"name":"announce_channel","type":7,"value":"c5"},{"name":"digest_channel","type":7,"value":"c15"}],
			"resolved":{"channels":{"c5":{"id":"c5","type":5},"c15":{"id":"c15","type":15}}}}}`, map[string]int{"announce_channel": 5, "digest_channel": 15}},
		{`{"type":2,"id":"1","user":{"id":"u"},"data":{"name":"space","options":[{"name":"add","type":1,"options":[{"name":"channel","type":7,"value":"c4"}]}],
			"resolved":{"channels":{"c4":{"id":"c4","type":4}}}}}`, map[string]int{"channel": 4}},
		{`{"type":2,"id":"1","user":{"id":"u"},"data":{"name":"setup","options":[{"name":"announce_channel","type":7,"value":"c5"}]}}`, nil},
	}
	for _, c := range cases {
		var i discordgo.Interaction
		if err := json.Unmarshal([]byte(c.raw), &i); err != nil {
			t.Fatal(err)
		}
		req, err := toRequest(&i)
		if err != nil {
			t.Fatal(err)
		}
		if len(req.ChannelTypes) != len(c.want) {
			t.Errorf("%s: channel types %v, want %v", req.Command, req.ChannelTypes, c.want)
		}
		for k, v := range c.want {
			if got, ok := req.ChannelTypes[k]; !ok || got != v {
				t.Errorf("%s: %s has type %d (%v), want %d", req.Command, k, got, ok, v)
			}
		}
	}
}
