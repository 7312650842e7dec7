package commands

import "github.com/bwmarrin/discordgo"

// eventRoutes registers the event commands, buttons, forms and autocompletes.
func (a *App) eventRoutes() {}

// eventJobs are the event feature's scheduled jobs.
func (a *App) eventJobs() []Job { return nil }

// eventCommands are the event feature's slash command definitions.
func eventCommands() []*discordgo.ApplicationCommand { return nil }

// eventMessages are the event feature's replies, in French and English.
var eventMessages = map[string]msg{}
