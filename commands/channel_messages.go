package commands

// channelMessages: refusals of a channel the bot cannot post in.
var channelMessages = map[string]msg{
	"channel.not_postable":  {"Je ne peux pas publier dans %s : c'est %s. Choisis plutôt un salon textuel ou un salon d'annonces.", "I can't post in %s: it is %s. Pick a text or announcement channel instead."},
	"channel.kind_forum":    {"un forum, où chaque message ouvre un nouveau fil", "a forum, where each post opens a new thread"},
	"channel.kind_media":    {"un salon multimédia, où chaque message ouvre un nouveau fil", "a media channel, where each post opens a new thread"},
	"channel.kind_category": {"une catégorie, qui regroupe des salons sans contenir de messages", "a category, which groups channels and holds no messages"},
	"channel.kind_voice":    {"un salon vocal", "a voice channel"},
	"channel.kind_stage":    {"un salon de conférence", "a stage channel"},
	"channel.kind_thread":   {"un fil, qui peut être archivé à tout moment", "a thread, which may be archived at any time"},
	"channel.kind_other":    {"un type de salon où je ne publie pas", "a kind of channel I don't post in"},
}
