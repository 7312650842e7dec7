package discordtest

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func session(t *testing.T, s *Server) *discordgo.Session {
	t.Helper()
	dg, err := discordgo.New("Bot x")
	if err != nil {
		t.Fatal(err)
	}
	dg.Client = &http.Client{Transport: s.Transport(), Timeout: 5 * time.Second}
	return dg
}

func TestRESTFaultsAndFiles(t *testing.T) {
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dg := session(t, s)

	// 429 with a short retry_after: discordgo waits and retries by itself.
	s.FailNext(1, "POST", "/channels/", Fault{Status: 429, RetryAfter: 0.01})
	m, err := dg.ChannelMessageSendComplex("c1", &discordgo.MessageSend{Content: "hello",
		Files: []*discordgo.File{{Name: "chart.png", ContentType: "image/png", Reader: strings.NewReader("PNGDATA")}}})
	if err != nil {
		t.Fatal(err)
	}
	got := s.Messages("c1")
	if len(got) != 1 || got[0].ID != m.ID || got[0].Content != "hello" {
		t.Fatalf("messages %+v", got)
	}
	calls := s.Calls()
	last := calls[len(calls)-1]
	if calls[0].Status != 429 || len(last.Files) != 1 || string(last.Files[0].Data) != "PNGDATA" || last.Files[0].Name != "chart.png" {
		t.Fatalf("calls %+v", calls)
	}

	// A definite refusal comes back as a REST error with Discord's code.
	s.FailNext(1, "", "/channels/", Fault{Status: 403, Code: 50007, Message: "Cannot send messages to this user"})
	_, err = dg.ChannelMessageSend("c1", "again")
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) || rest.Response.StatusCode != 403 || rest.Message == nil || rest.Message.Code != 50007 {
		t.Fatalf("err = %v", err)
	}

	// DMs, scheduled events and commands.
	ch, err := dg.UserChannelCreate("700000000000000009")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dg.ChannelMessageSend(ch.ID, "psst"); err != nil {
		t.Fatal(err)
	}
	if dms := s.DMs("700000000000000009"); len(dms) != 1 || dms[0].Content != "psst" {
		t.Fatalf("dms %+v", dms)
	}
	start, end := time.Now().Add(time.Hour), time.Now().Add(2*time.Hour)
	ev, err := dg.GuildScheduledEventCreate("g", &discordgo.GuildScheduledEventParams{Name: "Atelier", ScheduledStartTime: &start, ScheduledEndTime: &end,
		EntityType: discordgo.GuildScheduledEventEntityTypeExternal, PrivacyLevel: discordgo.GuildScheduledEventPrivacyLevelGuildOnly,
		EntityMetadata: &discordgo.GuildScheduledEventEntityMetadata{Location: "La Ruche, Crest"}})
	if err != nil || ev.ID == "" || len(s.ScheduledEvents("g")) != 1 {
		t.Fatalf("scheduled event: %v %+v", err, ev)
	}
	cmds, err := dg.ApplicationCommandBulkOverwrite(s.AppID(), "", []*discordgo.ApplicationCommand{{Name: "ping", Description: "p"}})
	if err != nil || len(cmds) != 1 || cmds[0].ID == "" || cmds[0].Version == "" || s.CommandPuts() != 1 {
		t.Fatalf("commands: %v %+v", err, cmds)
	}
}

func TestGatewayResumeReplaysMissedEvents(t *testing.T) {
	s, err := New(Config{Guilds: []string{"g"}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dg := session(t, s)
	got := make(chan string, 10)
	dg.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
		got <- ic.ApplicationCommandData().Name + "/" + ic.Member.User.ID + "/" + ic.Member.Roles[0]
	})
	if err := dg.Open(); err != nil {
		t.Fatal(err)
	}
	defer dg.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	u := User{ID: "u1", Name: "Alice", Roles: []string{"r1"}, Permissions: 32}
	s.SendInteraction(Command("g", "c", u, "first"))
	if v := <-got; v != "first/u1/r1" {
		t.Fatalf("got %q", v)
	}
	s.DropConnection()
	s.SendInteraction(Command("g", "c", u, "while-down"))
	select {
	case v := <-got:
		if v != "while-down/u1/r1" {
			t.Fatalf("got %q", v)
		}
	case <-ctx.Done():
		t.Fatal("the event sent while down was lost")
	}
	if s.Resumes() != 1 || s.Identifies() != 1 {
		t.Errorf("identifies %d, resumes %d", s.Identifies(), s.Resumes())
	}
	select {
	case v := <-got:
		t.Fatalf("delivered twice: %q", v)
	default:
	}
}
