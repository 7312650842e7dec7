package commands

import "github.com/bwmarrin/discordgo"

// digestRoutes registers the digest commands, buttons, forms and autocompletes.
func (a *App) digestRoutes() {}

// digestJobs are the digest feature's scheduled jobs.
func (a *App) digestJobs() []Job { return nil }

// digestCommands are the digest feature's slash command definitions.
func digestCommands() []*discordgo.ApplicationCommand { return nil }

// digestMessages are the digest feature's replies, in French and English.
var digestMessages = map[string]msg{}
