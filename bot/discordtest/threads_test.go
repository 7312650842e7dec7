package discordtest

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// Starting a thread from a message: accepted once on a message of a text
// channel; refused, as Discord does, for a name over 100 characters (the
// OpenAPI schema), an unknown message, a second thread, or a DM.
func TestStrictThreadFromMessage(t *testing.T) {
	for _, c := range []struct {
		name string
		do   func(s *Server, dg *discordgo.Session, msg *discordgo.Message) error
		code int
		want string
	}{
		{"accepted", func(s *Server, dg *discordgo.Session, m *discordgo.Message) error {
			th, err := dg.MessageThreadStartComplex(ch, m.ID, &discordgo.ThreadStart{Name: "Imprimante 3D", AutoArchiveDuration: 10080})
			if err == nil && (th.ID != m.ID || th.Type != discordgo.ChannelTypeGuildPublicThread || s.Threads()[m.ID].ParentID != ch) {
				t.Errorf("thread %+v, recorded %+v", th, s.Threads())
			}
			if err == nil {
				_, err = dg.ChannelMessageSend(th.ID, "dans le fil")
			}
			return err
		}, 0, ""},
		{"name too long", func(s *Server, dg *discordgo.Session, m *discordgo.Message) error {
			_, err := dg.MessageThreadStartComplex(ch, m.ID, &discordgo.ThreadStart{Name: strings.Repeat("a", 101)})
			return err
		}, CodeInvalidFormBody, "name"},
		{"unknown message", func(s *Server, dg *discordgo.Session, m *discordgo.Message) error {
			_, err := dg.MessageThreadStartComplex(ch, "123456", &discordgo.ThreadStart{Name: "x"})
			return err
		}, CodeUnknownMessage, "Unknown Message"},
		{"second thread", func(s *Server, dg *discordgo.Session, m *discordgo.Message) error {
			if _, err := dg.MessageThreadStartComplex(ch, m.ID, &discordgo.ThreadStart{Name: "x"}); err != nil {
				t.Fatal(err)
			}
			_, err := dg.MessageThreadStartComplex(ch, m.ID, &discordgo.ThreadStart{Name: "y"})
			return err
		}, CodeThreadAlreadyCreated, "already been created"},
		{"in a DM", func(s *Server, dg *discordgo.Session, m *discordgo.Message) error {
			dm, err := dg.UserChannelCreate("700000000000000002")
			if err != nil {
				t.Fatal(err)
			}
			sent, err := dg.ChannelMessageSend(dm.ID, "coucou")
			if err != nil {
				t.Fatal(err)
			}
			_, err = dg.MessageThreadStartComplex(dm.ID, sent.ID, &discordgo.ThreadStart{Name: "x"})
			return err
		}, CodeWrongChannelType, "channel type"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, tb, dg := strict(t)
			m, err := dg.ChannelMessageSend(ch, "la fiche")
			if err != nil {
				t.Fatal(err)
			}
			err = c.do(s, dg, m)
			if c.code == 0 {
				if err != nil || len(tb.errs) != 0 {
					t.Fatalf("err %v, failures %q", err, tb.errs)
				}
				return
			}
			refusedWith(t, err, tb, c.code, c.want)
		})
	}
}
