package commands

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tierslieux/tiersbot/commands/skillname"
	"github.com/tierslieux/tiersbot/storage"
)

// "Did you mean": a refusal about a name nobody recognises (a space, an
// event, a skill) offers the closest names. Each becomes a button that runs
// the same command again with that name, all other options kept, when the
// whole command fits in a custom id; otherwise the refusal's text lists the
// names to choose from (it always does). The command, run again, checks
// permissions as if typed.

// maxSuggestions is how many close names a refusal offers.
const maxSuggestions = 3

// closest ranks names, folded already as q is, by how close they are to
// what was typed: the whole name, any of its words, or its beginning,
// within a typo budget that grows with the length typed. It returns the
// indexes of the best, at most limit, the nearest first and, among equals,
// in the order given. A national network's 5,000 skills are measured at
// each refusal, so nothing is allocated per name, and once limit names are
// known at a distance, farther ones are no longer measured.
func closest(q string, keys []string, limit int) []int {
	if q == "" || limit <= 0 {
		return nil
	}
	m := skillname.NewMatcher(q)
	budget := max(1, m.Len()/3) // a typo every three letters
	byDist := make([][]int, budget+1)
	reach := budget // past it, limit better names are known
	for i, k := range keys {
		d := nearestForm(m, k, reach)
		if d > reach {
			continue
		}
		byDist[d] = append(byDist[d], i)
		for n, dd := 0, 0; dd <= reach; dd++ {
			if n += len(byDist[dd]); n >= limit {
				reach = dd - 1 // a later name at dd comes after these
				break
			}
		}
		if reach < 0 {
			break
		}
	}
	out := make([]int, 0, limit)
	for _, at := range byDist {
		for _, i := range at {
			if len(out) == limit {
				return out
			}
			out = append(out, i)
		}
	}
	return out
}

// nearestForm is the smallest distance, within reach, between the query
// and a name's forms: itself, its beginning, each word and its beginning.
func nearestForm(m *skillname.Matcher, k string, reach int) int {
	best := reach + 1
	try := func(f string) bool {
		if f != "" {
			best = min(best, m.Distance(f, best-1))
		}
		return best == 0
	}
	if try(k) || try(prefix(k, m.Len())) {
		return best
	}
	for w := range strings.FieldsSeq(k) {
		if try(w) || try(prefix(w, m.Len())) {
			break
		}
	}
	return best
}

// prefix is s's first n characters.
func prefix(s string, n int) string {
	for j := range s {
		if n == 0 {
			return s[:j]
		}
		n--
	}
	return s
}

// didYouMean is a refusal offering choices for what the user typed: key is
// the message, its arguments what was typed and the list of choices.
func didYouMean(key, typed string, choices []Choice, what string) error {
	names := make([]string, len(choices))
	for i, c := range choices {
		names[i] = "**" + Escape(c.Name) + "**"
	}
	return &UserError{Key: key, Args: []any{Escape(Truncate(typed, 60)), nameList{names: names, what: what}}, Typed: typed, Retry: choices}
}

// named is a record a refusal may offer: its name, its folded key (by
// fold, the record's own key where it keeps one) and its id.
type named struct {
	name, key string
	id        int64
}

// suggest refuses with key+".did_you_mean" and the names closest to typed
// (folded by fold, as the records' keys are), or with plain when none is
// close.
func suggest(typed string, fold func(string) string, all []named, key, what string, plain error) error {
	keys := make([]string, len(all))
	for i, n := range all {
		keys[i] = n.key
	}
	var choices []Choice
	for _, i := range closest(fold(typed), keys, maxSuggestions) {
		choices = append(choices, Choice{Name: all[i].name, Value: strconv.FormatInt(all[i].id, 10)})
	}
	if len(choices) == 0 {
		return plain
	}
	return didYouMean(key+".did_you_mean", typed, choices, what)
}

// spaceUnknown refuses a space name nobody has, offering the closest ones.
func spaceUnknown(typed string, spaces []storage.Space) error {
	all := make([]named, len(spaces))
	for i, s := range spaces {
		all[i] = named{s.Name, Fold(s.Name), s.ID}
	}
	return suggest(typed, Fold, all, "space", "spaces", userErr("space.unknown", Escape(Truncate(typed, 60)), spaceNames(spaces)))
}

// eventUnknown refuses an event title that matches nothing, offering the
// closest titles of recent and coming events.
func eventUnknown(ctx context.Context, tx *storage.Tx, guildID, typed string, now time.Time) error {
	found, err := tx.SearchEvents(ctx, guildID, "", now, 500)
	if err != nil {
		return err
	}
	var all []named // one per title: a series is one name
	seen := map[string]bool{}
	for _, e := range found {
		if !e.Cancelled && !seen[e.TitleKey] {
			seen[e.TitleKey] = true
			all = append(all, named{e.Title, Fold(e.Title), e.ID})
		}
	}
	return suggest(typed, Fold, all, "event", "events", userErr("event.unknown"))
}

// skillUnknown refuses a skill nobody listed, offering the closest ones.
func skillUnknown(ctx context.Context, tx *storage.Tx, guildID, typed string) error {
	skills, err := tx.Skills(ctx, guildID, 0)
	if err != nil {
		return err
	}
	all := make([]named, len(skills))
	for i, s := range skills {
		all[i] = named{s.Display, s.Key, s.ID} // folded when stored (skillname.Key)
	}
	return suggest(typed, skillname.Key, all, "skill", "skills", userErr("skill.unknown", Escape(Truncate(typed, 60))))
}

// retryRows are the buttons of a refusal that offers choices: each runs the
// refused command again with one choice in place of what was typed.
func retryRows(r *Request, ue *UserError) []Row {
	if r.Kind != KindCommand || len(ue.Retry) == 0 {
		return nil
	}
	option := ""
	for name, v := range r.Options {
		if strings.TrimSpace(v) == strings.TrimSpace(ue.Typed) {
			option = name
			break
		}
	}
	if option == "" {
		return nil
	}
	var row Row
	for _, c := range ue.Retry {
		opts := url.Values{}
		for name, v := range r.Options {
			opts.Set(name, v)
		}
		opts.Set(option, c.Value)
		id := CustomID("again", url.QueryEscape(r.Command), opts.Encode())
		if len(id) > MaxCustomID {
			continue // the text lists it
		}
		row = append(row, Button(Secondary, Truncate(c.Name, MaxButtonLabel), id))
		if len(row) == 5 {
			break
		}
	}
	if len(row) == 0 {
		return nil
	}
	return []Row{row}
}

// again runs the command a refusal's button carries, as if typed again:
// through the router, so the command's own role and checks apply.
func (a *App) again(ctx context.Context, r *Request) (*Response, error) {
	cmd, err := url.QueryUnescape(r.Params.Str("cmd"))
	if err != nil {
		return nil, userErr("error.bad_button")
	}
	vals, err := url.ParseQuery(r.Params.Str("opts"))
	if err != nil {
		return nil, userErr("error.bad_button")
	}
	again := *r
	again.Kind, again.Command, again.CustomID, again.Values, again.Params = KindCommand, cmd, "", nil, nil
	again.Options = map[string]string{}
	for name := range vals {
		again.Options[name] = vals.Get(name)
	}
	if _, _, ok := a.router.match(&again); !ok {
		return nil, userErr("error.bad_button")
	}
	return a.route(ctx, &again)
}
