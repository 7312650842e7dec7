package commands

import "github.com/bwmarrin/discordgo"

// skillRoutes registers the skill commands, buttons, forms and autocompletes.
func (a *App) skillRoutes() {}

// skillJobs are the skill feature's scheduled jobs.
func (a *App) skillJobs() []Job { return nil }

// skillCommands are the skill feature's slash command definitions.
func skillCommands() []*discordgo.ApplicationCommand { return nil }

// skillMessages are the skill feature's replies, in French and English.
var skillMessages = map[string]msg{}
