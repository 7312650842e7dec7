package discordtest

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// recTB records what the fake reports, so a test can check it was refused.
type recTB struct {
	mu   sync.Mutex
	errs []string
}

func (r *recTB) Helper() {}
func (r *recTB) Errorf(f string, a ...any) {
	r.mu.Lock()
	r.errs = append(r.errs, fmt.Sprintf(f, a...))
	r.mu.Unlock()
}

func strict(t *testing.T) (*Server, *recTB, *discordgo.Session) {
	t.Helper()
	tb := &recTB{}
	s, err := New(Config{T: tb})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s, tb, session(t, s)
}

// refusedWith checks the request failed with code and the test was failed naming want.
func refusedWith(t *testing.T, err error, tb *recTB, code int, want string) {
	t.Helper()
	rest, ok := err.(*discordgo.RESTError)
	if !ok || rest.Message == nil || rest.Message.Code != code {
		t.Fatalf("want Discord code %d, got %v", code, err)
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if len(tb.errs) != 1 || !strings.Contains(tb.errs[0], want) {
		t.Fatalf("test failures %q, want one naming %q", tb.errs, want)
	}
}

const ch = "600000000000000001"

func TestStrictAcceptsValidMessage(t *testing.T) {
	s, tb, dg := strict(t)
	_, err := dg.ChannelMessageSendComplex(ch, &discordgo.MessageSend{Content: "Bonjour", Embeds: []*discordgo.MessageEmbed{{Title: "t", Description: strings.Repeat("é", 4096)}},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Oui", Style: 1, CustomID: "a"}, discordgo.Button{Label: "Non", Style: 4, CustomID: "b"}}}}})
	if err != nil || len(tb.errs) != 0 || len(s.Messages(ch)) != 1 {
		t.Fatalf("err %v, failures %q", err, tb.errs)
	}
}

func TestStrictRefusesEmbedsOver6000(t *testing.T) {
	_, tb, dg := strict(t)
	// 4096 + 1000 + 256 + 649 = 6001 characters across two embeds.
	_, err := dg.ChannelMessageSendEmbeds(ch, []*discordgo.MessageEmbed{
		{Description: strings.Repeat("é", 4096), Fields: []*discordgo.MessageEmbedField{{Name: "n", Value: strings.Repeat("v", 999)}}},
		{Title: strings.Repeat("t", 256), Footer: &discordgo.MessageEmbedFooter{Text: strings.Repeat("f", 649)}},
	})
	refusedWith(t, err, tb, 50035, "got 6001")
}

func TestStrictRefusesDuplicateCustomID(t *testing.T) {
	_, tb, dg := strict(t)
	_, err := dg.ChannelMessageSendComplex(ch, &discordgo.MessageSend{Content: "x", Components: []discordgo.MessageComponent{
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.Button{Label: "a", Style: 1, CustomID: "same"}}},
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.Button{Label: "b", Style: 1, CustomID: "same"}}}}})
	refusedWith(t, err, tb, 50035, "components.1.components.0.custom_id")
}

func TestStrictRefusesSchemaViolations(t *testing.T) {
	_, tb, dg := strict(t)
	_, err := dg.ChannelMessageSendComplex(ch, &discordgo.MessageSend{Content: "x", Components: []discordgo.MessageComponent{
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.Button{Label: "a", Style: 99, CustomID: "a"}}}}})
	refusedWith(t, err, tb, 50035, "components.0.components.0")
	tb.errs = nil
	_, err = dg.RequestWithBucketID(http.MethodPost, discordgo.EndpointChannelMessages(ch), map[string]any{"content": 5}, "x")
	refusedWith(t, err, tb, 50035, "content")
}

func TestStrictRefusesForumAndClosedDMs(t *testing.T) {
	s, tb, dg := strict(t)
	s.SetChannel(ch, ChannelForum)
	_, err := dg.ChannelMessageSend(ch, "hello")
	refusedWith(t, err, tb, 50008, "non-text channel")
	tb.errs = nil
	s.CloseDMs("700000000000000009")
	dm, err := dg.UserChannelCreate("700000000000000009")
	if err != nil {
		t.Fatal(err)
	}
	_, err = dg.ChannelMessageSend(dm.ID, "psst")
	if rest, ok := err.(*discordgo.RESTError); !ok || rest.Response.StatusCode != 403 || rest.Message.Code != 50007 || len(tb.errs) != 0 {
		t.Fatalf("closed DMs: %v, failures %q", err, tb.errs) // declared by the test: not a failure
	}
}

func TestStrictRefusesSecondCallbackAndModalAfterDeferral(t *testing.T) {
	s, tb, dg := strict(t)
	i := Command("800000000000000001", ch, User{ID: "700000000000000001", Name: "A"}, "setup")
	id := s.SendInteraction(i)
	ic := &discordgo.Interaction{ID: id, Token: i["token"].(string), AppID: s.AppID()}
	if err := dg.InteractionRespond(ic, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
		t.Fatal(err)
	}
	err := dg.InteractionRespond(ic, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: &discordgo.InteractionResponseData{
		CustomID: "m", Title: "Form", Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.TextInput{CustomID: "f", Label: "F", Style: 1}}}}}})
	refusedWith(t, err, tb, 40060, "a modal can only be the first response")
	tb.errs = nil
	err = dg.InteractionRespond(ic, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: &discordgo.InteractionResponseData{Content: "x"}})
	refusedWith(t, err, tb, 40060, "second callback")
}

func TestStrictRefusesLateCallback(t *testing.T) {
	tb := &recTB{}
	s, err := New(Config{T: tb, CallbackDeadline: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dg := session(t, s)
	i := Command("800000000000000001", ch, User{ID: "700000000000000001", Name: "A"}, "setup")
	id := s.SendInteraction(i)
	err = dg.InteractionRespond(&discordgo.Interaction{ID: id, Token: i["token"].(string)}, &discordgo.InteractionResponse{Type: 5})
	refusedWith(t, err, tb, 10062, "Discord allows")
}

func TestStrictRefuses101stScheduledEvent(t *testing.T) {
	s, tb, dg := strict(t)
	const g = "800000000000000001"
	start := time.Now().Add(time.Hour)
	end := start.Add(time.Hour)
	p := &discordgo.GuildScheduledEventParams{Name: "Atelier", ScheduledStartTime: &start, ScheduledEndTime: &end,
		EntityType: discordgo.GuildScheduledEventEntityTypeExternal, PrivacyLevel: discordgo.GuildScheduledEventPrivacyLevelGuildOnly,
		EntityMetadata: &discordgo.GuildScheduledEventEntityMetadata{Location: "La Ruche"}}
	var first string
	for n := 0; n < 100; n++ {
		ev, err := dg.GuildScheduledEventCreate(g, p)
		if err != nil {
			t.Fatalf("event %d: %v", n+1, err)
		}
		if first == "" {
			first = ev.ID
		}
	}
	_, err := dg.GuildScheduledEventCreate(g, p)
	refusedWith(t, err, tb, 30038, "(100)")
	tb.errs = nil
	s.SetScheduledEventStatus(g, first, 3) // one ended: room again
	if _, err := dg.GuildScheduledEventCreate(g, p); err != nil {
		t.Fatal(err)
	}
}

// Posts: a category holds none, an announcement channel takes them as a text
// channel does. Interactions carry each chosen channel's type in resolved
// data, as Discord sends it.
func TestStrictChannelKinds(t *testing.T) {
	s, tb, dg := strict(t)
	const category, news = "620000000000000002", "620000000000000004"
	s.SetChannel(category, ChannelCategory)
	s.SetChannel(news, ChannelAnnouncement)
	_, err := dg.ChannelMessageSend(category, "hello")
	refusedWith(t, err, tb, 50008, "a category holds no messages")
	tb.errs = nil
	if _, err := dg.ChannelMessageSend(news, "hello"); err != nil || len(tb.errs) != 0 {
		t.Fatalf("announcement channel: %v, failures %q", err, tb.errs)
	}
	i := Command("800000000000000001", ch, User{ID: "700000000000000001", Name: "A"}, "space",
		Sub("add", Str("name", "La Ruche"), Channel("channel", news)))
	s.Prepare(i)
	res, _ := i["data"].(map[string]any)["resolved"].(map[string]any)
	got, _ := res["channels"].(map[string]any)[news].(map[string]any)
	if got["type"] != ChannelAnnouncement || got["id"] != news {
		t.Errorf("resolved channels %v, want %s with type %d", res, news, ChannelAnnouncement)
	}
}

// A load test's fake checks one body in SchemaEvery: of four messages over
// the embed limit, the second and the fourth are refused.
func TestSchemaEverySamples(t *testing.T) {
	tb := &recTB{}
	s, err := New(Config{T: tb, SchemaEvery: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	dg := session(t, s)
	var refused []int
	for i := range 4 {
		_, err := dg.ChannelMessageSendComplex(ch, &discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Title: "t", Description: strings.Repeat("é", 4097)}}})
		if err != nil {
			refused = append(refused, i)
		}
	}
	if fmt.Sprint(refused) != "[1 3]" {
		t.Errorf("refused %v, want [1 3]", refused)
	}
}
