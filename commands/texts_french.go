package commands

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/tierslieux/tiersbot/commands/french"
)

// placeFunc is the template function that contracts a place with « à » or
// « de » (see contractPlace); frenchTemplate writes it, never a volunteer.
const placeFunc = "place"

// The rendering layer's view of a template: each {{ }} action is one
// private-use character while the French rules run, so they read the
// text around a placeholder as they read it around a value.
const actionMark = "\ue000"

var action = regexp.MustCompile(`\{\{.*?\}\}`)

// frenchForms applies rule to every form of a French message, then marks
// the placeholders that follow « à » or « de » for contraction.
func frenchForms(m *i18n.Message, rule FrenchRule) {
	for _, f := range []*string{&m.Zero, &m.One, &m.Two, &m.Few, &m.Many, &m.Other} {
		if *f != "" {
			*f = frenchTemplate(*f, rule)
		}
	}
}

func frenchTemplate(s string, rule FrenchRule) string {
	actions := action.FindAllString(s, -1)
	masked := action.ReplaceAllLiteralString(s, actionMark)
	if rule != nil {
		masked = rule(masked)
	}
	parts := strings.Split(masked, actionMark)
	if len(parts) != len(actions)+1 {
		return s // a rule removed a placeholder: keep the template as written
	}
	var b strings.Builder
	for i, p := range parts {
		if i == len(actions) {
			b.WriteString(p)
			break
		}
		if head, prep, md, ok := placeBefore(p, i == 0); ok {
			if f := fieldAction.FindStringSubmatch(actions[i]); f != nil {
				fmt.Fprintf(&b, "%s{{%s %q %q .%s}}", head, placeFunc, prep, md, f[1])
				continue
			}
		}
		b.WriteString(p)
		b.WriteString(actions[i])
	}
	return b.String()
}

// placeBefore reports whether text before a placeholder ends with « à »
// or « de », a space and maybe markdown, as a word of its own: at the
// template's start, or after a space, a line break or a parenthesis.
func placeBefore(before string, atStart bool) (head, prep, md string, ok bool) {
	for _, m := range []string{"**", "__", "*", "_"} {
		if strings.HasSuffix(before, m) {
			md, before = m, strings.TrimSuffix(before, m)
			break
		}
	}
	for _, p := range []string{french.A, french.De} {
		h, found := strings.CutSuffix(before, p+" ")
		if !found {
			continue
		}
		if h == "" && atStart || strings.HasSuffix(h, " ") || strings.HasSuffix(h, "\n") || strings.HasSuffix(h, "(") {
			return h, p, md, true
		}
	}
	return "", "", "", false
}
