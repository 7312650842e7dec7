package bot

import (
	"errors"

	"github.com/bwmarrin/discordgo"
)

// Discord's JSON error codes the bot acts on.
const (
	codeCannotDM           = 50007 // the member's DMs refuse the bot
	codeMaxScheduledEvents = 30038 // 100 scheduled or active events in the server
	codeMissingPermissions = 50013
	codeMissingAccess      = 50001
)

// discordCode is the JSON error code of a Discord refusal (0 if none).
func discordCode(err error) int {
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Message != nil {
		return rest.Message.Code
	}
	return 0
}
