package commands

import (
	"regexp"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/french"
)

// frenchNames is how French users see commands and options in Discord,
// read from the catalog's localizations.
type frenchNames struct {
	paths map[string]string            // "event create" -> "evenement creer"
	opts  map[string]map[string]string // "space edit" -> "channel" -> "salon"
	bare  map[string]string            // option name -> French, when every command agrees
}

var frNames = sync.OnceValue(func() frenchNames {
	n := frenchNames{paths: map[string]string{}, opts: map[string]map[string]string{}, bare: map[string]string{}}
	fr := func(name string, loc map[discordgo.Locale]string) string {
		if loc[discordgo.French] != "" {
			return loc[discordgo.French]
		}
		return name
	}
	conflict := map[string]bool{}
	addOpts := func(path string, opts []*discordgo.ApplicationCommandOption) {
		m := map[string]string{}
		for _, o := range opts {
			if o.Type == discordgo.ApplicationCommandOptionSubCommand || o.Type == discordgo.ApplicationCommandOptionSubCommandGroup {
				continue
			}
			f := fr(o.Name, o.NameLocalizations)
			m[o.Name] = f
			if prev, ok := n.bare[o.Name]; ok && prev != f {
				conflict[o.Name] = true
			}
			n.bare[o.Name] = f
		}
		n.opts[path] = m
	}
	for _, c := range Catalog() {
		name := c.Name
		if c.NameLocalizations != nil {
			name = fr(c.Name, *c.NameLocalizations)
		}
		n.paths[c.Name] = name
		addOpts(c.Name, c.Options)
		for _, o := range c.Options {
			if o.Type == discordgo.ApplicationCommandOptionSubCommand {
				n.paths[c.Name+" "+o.Name] = name + " " + fr(o.Name, o.NameLocalizations)
				addOpts(c.Name+" "+o.Name, o.Options)
			}
		}
	}
	for o := range conflict {
		delete(n.bare, o)
	}
	return n
})

var (
	codeSpan  = regexp.MustCompile("`[^`\n]+`")
	optionArg = regexp.MustCompile(`(^|\s)([a-z_]+):`)
	bareName  = regexp.MustCompile(`^[a-z_]+$`)
)

// frenchCommands rewrites the code spans of a French message so that they
// name commands and options as French users see them in Discord:
// `/space edit channel:` becomes `/lieu modifier salon:`, `home_space`
// becomes `lieu_attache`. Names already in French are left as they are.
func frenchCommands(s string) string {
	n := frNames()
	return codeSpan.ReplaceAllStringFunc(s, func(span string) string {
		inner := span[1 : len(span)-1]
		if !strings.HasPrefix(inner, "/") {
			if f, ok := n.bare[inner]; ok && bareName.MatchString(inner) {
				return "`" + f + "`"
			}
			return span
		}
		path, rest := commandPath(n, inner[1:])
		if path == "" {
			return span
		}
		opts := n.opts[path]
		rest = optionArg.ReplaceAllStringFunc(rest, func(m string) string {
			p := optionArg.FindStringSubmatch(m)
			if f, ok := opts[p[2]]; ok {
				return p[1] + f + ":"
			}
			return m
		})
		return "`/" + n.paths[path] + rest + "`"
	})
}

// commandPath finds the English command path a span starts with ("space
// edit", or "space" alone) and what follows it.
func commandPath(n frenchNames, s string) (string, string) {
	cmd, after, _ := strings.Cut(s, " ")
	if _, ok := n.paths[cmd]; !ok {
		return "", s
	}
	sub, rest, _ := strings.Cut(after, " ")
	if _, ok := n.paths[cmd+" "+sub]; ok && sub != "" {
		if rest != "" || strings.HasSuffix(after, " ") {
			rest = " " + rest
		}
		return cmd + " " + sub, rest
	}
	if after != "" || strings.HasSuffix(s, " ") {
		after = " " + after
	}
	return cmd, after
}

// place marks a space's name (already escaped) for a message: in French,
// « à **%s** » and « de **%s** » contract with its article (« au Cube »).
func place(escapedName string) french.Place { return french.Place(escapedName) }
