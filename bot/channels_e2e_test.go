package bot

import (
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/bot/discordtest"
	"github.com/tierslieux/tiersbot/commands"
)

// Channels: a forum, a category or a voice channel is refused when it is
// chosen, in the chooser's language, saying what to pick instead; an
// announcement (news) channel is accepted and the bot's posts land in it.
func TestE2EChannelKinds(t *testing.T) {
	fake := startFake(t)
	e := startBot(t, fake, testDB(t))
	g := e2eGuild
	const forum, category, voice, news, ruche = "620000000000000001", "620000000000000002", "620000000000000003", "620000000000000004", "620000000000000005"
	fake.SetChannel(forum, discordtest.ChannelForum)
	fake.SetChannel(category, discordtest.ChannelCategory)
	fake.SetChannel(voice, 2)
	fake.SetChannel(news, discordtest.ChannelAnnouncement)
	en := e2eCoord
	en.Locale = "en-GB"

	refused := []struct {
		name    string
		who     discordtest.User
		command discordtest.Interaction
		want    []string
	}{
		{"setup announcements in a forum, French", e2eCoord, discordtest.Command(g, "c", e2eCoord, "setup", discordtest.Channel("announce_channel", forum)),
			[]string{"Je ne peux pas publier dans <#" + forum + ">\u00a0: c'est un forum, où chaque message ouvre un nouveau fil", "salon textuel ou un salon d'annonces"}},
		{"setup digest in a category, English", en, discordtest.Command(g, "c", en, "setup", discordtest.Channel("digest_channel", category)),
			[]string{"I can't post in <#" + category + ">: it is a category", "Pick a text or announcement channel instead"}},
		{"space add in a forum", en, discordtest.Command(g, "c", en, "space", discordtest.Sub("add", discordtest.Str("name", "La Ruche"), discordtest.Str("town", "Crest"),
			discordtest.Channel("channel", forum))), []string{"it is a forum, where each post opens a new thread"}},
		{"space add in a voice channel", en, discordtest.Command(g, "c", en, "space", discordtest.Sub("add", discordtest.Str("name", "La Ruche"), discordtest.Str("town", "Crest"),
			discordtest.Channel("channel", voice))), []string{"it is a voice channel"}},
	}
	for _, c := range refused {
		cb := e.send(c.command)
		has(t, cbText(cb), append([]string{"⚠️"}, c.want...)...)
		if !cb.Ephemeral() {
			t.Errorf("%s: the refusal is not private", c.name)
		}
	}
	// Nothing was saved: the network has no announcements channel, no space.
	has(t, cbText(e.send(discordtest.Command(g, "c", en, "setup"))), "Announcements channel: —")
	has(t, cbText(e.send(discordtest.Command(g, "c", en, "space", discordtest.Sub("list")))), "No space is set up yet")

	// A news channel is accepted for announcements; a space's own channel stays text.
	has(t, cbText(e.send(discordtest.Command(g, "c", en, "setup", discordtest.Channel("announce_channel", news)))), "Settings saved", "<#"+news+">")
	has(t, cbText(e.send(discordtest.Command(g, "c", en, "space", discordtest.Sub("add", discordtest.Str("name", "La Ruche"), discordtest.Str("town", "Crest"),
		discordtest.Channel("channel", ruche), discordtest.Role("animator_role", "500000000000000001"))))), "added to the network")
	// /space edit moves the space to a forum: refused, it keeps its channel.
	has(t, cbText(e.send(discordtest.Command(g, "c", en, "space", discordtest.Sub("edit", discordtest.Str("space", "La Ruche"), discordtest.Channel("channel", forum))))),
		"it is a forum")
	anim := discordtest.User{ID: "700000000000000009", Name: "Nadia", Roles: []string{"500000000000000001"}, Locale: "fr"}
	cb := e.send(discordtest.Command(g, ruche, anim, "event", discordtest.Sub("create", discordtest.Str("space", "La Ruche"))))
	cb = e.send(discordtest.ModalSubmit(g, ruche, anim, cb.Data.CustomID, map[string]string{"title": "Café des parents", "start": "demain 10h", "duration": "1h"}))
	has(t, cbText(cb), "<#"+ruche+">", "<#"+news+">")
	for _, ch := range []string{ruche, news} {
		if _, err := fake.WaitMessage(ctxT(t), func(m *discordgo.Message) bool { return m.ChannelID == ch && len(m.Embeds) == 1 }); err != nil {
			t.Fatalf("no announcement in %s: %v", ch, err)
		}
	}
	if r := fake.Refusals(); len(r) != 0 {
		t.Errorf("Discord refused %v", r)
	}
}

// The catalog's channel options offer exactly what the bot can post in.
func TestCatalogChannelTypes(t *testing.T) {
	want := []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews}
	n := 0
	var walk func(path string, opts []*discordgo.ApplicationCommandOption)
	walk = func(path string, opts []*discordgo.ApplicationCommandOption) {
		for _, o := range opts {
			if o.Type == discordgo.ApplicationCommandOptionChannel {
				n++
				if !slices.Equal(o.ChannelTypes, want) {
					t.Errorf("%s %s: channel_types %v, want text and announcement (%v)", path, o.Name, o.ChannelTypes, want)
				}
			}
			walk(strings.TrimSpace(path+" "+o.Name), o.Options)
		}
	}
	for _, c := range commands.Catalog() {
		walk(c.Name, c.Options)
	}
	if n != 4 {
		t.Errorf("%d channel options, want 4 (space add and edit, setup's digest and announcements): update this test", n)
	}
}
