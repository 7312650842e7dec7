package commands

import "github.com/bwmarrin/discordgo"

// postableChannels are the channel types the bot posts messages in: text and
// announcement (news) channels. Forums and media channels take only threads
// (a post there would be a new thread), categories hold no messages, and
// voice and stage channels' chats are not where a network reads its news.
var postableChannels = []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews}

// channelKinds names the kinds of channel refused, for the refusal message.
var channelKinds = map[discordgo.ChannelType]string{
	discordgo.ChannelTypeGuildForum:         "channel.kind_forum",
	discordgo.ChannelTypeGuildMedia:         "channel.kind_media",
	discordgo.ChannelTypeGuildCategory:      "channel.kind_category",
	discordgo.ChannelTypeGuildVoice:         "channel.kind_voice",
	discordgo.ChannelTypeGuildStageVoice:    "channel.kind_stage",
	discordgo.ChannelTypeGuildNewsThread:    "channel.kind_thread",
	discordgo.ChannelTypeGuildPublicThread:  "channel.kind_thread",
	discordgo.ChannelTypeGuildPrivateThread: "channel.kind_thread",
}

// checkPostable refuses a channel option whose chosen channel the bot could
// not post in. Discord's picker already offers only postableChannels; this
// holds when it does not (an older registration of the commands, a forged
// request). A transport that does not know the type (the console) passes.
func checkPostable(r *Request, option string) error {
	typ, known := r.ChannelTypes[option]
	if !known {
		return nil
	}
	for _, t := range postableChannels {
		if discordgo.ChannelType(typ) == t {
			return nil
		}
	}
	kind, ok := channelKinds[discordgo.ChannelType(typ)]
	if !ok {
		kind = "channel.kind_other"
	}
	return userErr("channel.not_postable", mentionChannel(r.Opt(option)), localKey(kind))
}

// localKey is a refusal argument that is itself a message, shown in the
// language of the reply.
type localKey string

func (k localKey) in(l Lang) string { return l.T(string(k)) }
