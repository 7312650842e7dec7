package commands

import (
	"fmt"
	"sort"
	"strings"
)

// The router sends each request to its route: a slash command by its path
// ("event create"), a button, select or form by a pattern over its custom id
// with typed parameters ("rsvp:{event:id}:{answer:y|m|n}"). A route declares
// who may use it and how it may be answered; the middleware in middleware.go
// enforces that before the handler runs, the same way for every transport
// (gateway, HTTP endpoint, console).
//
// Custom ids keep ":" as separator, as the buttons already posted in Discord
// messages carry them: a button posted last month must still work.
//
// Declaring a route:
//
//	a.command("event create", Animator, a.eventCreate, opensForm)
//	a.button("rsvp:{event:id}:{answer:y|m|n}", Anyone, a.rsvpClick)
//	a.form("attw:{event:id}", Animator, a.walkinsSubmit)
//
// and reading its parameters in the handler: r.Params.ID("event"),
// r.Params.Str("answer"), r.Params.Int("page") — already validated.
//
// Parameter types: id (an integer > 0), int (an integer ≥ 0), word (non-empty
// text), any (text, possibly empty), or a list of literal choices a|b|c.

// Role is who may use a route.
type Role int

const (
	// Anyone on the network's server.
	Anyone Role = iota
	// Owner: the member the record names (an introduction's offerer, the
	// member erasing their own data). The handler checks the clicker against
	// the record it loads; the router only lets such routes run in DMs.
	Owner
	// Animator of a space, or a coordinator. The router refuses members who
	// animate no space at all; the handler then checks the space concerned,
	// which only it can resolve (an event's space, the channel's space).
	Animator
	// Coordinator: Manage Server or Administrator, or the coordinator role.
	Coordinator
)

func (r Role) String() string {
	return [...]string{"anyone", "owner", "animator", "coordinator"}[r]
}

// routeFlag changes how a route is reached or answered.
type routeFlag int

const (
	// opensForm: the route may answer with a form, which Discord accepts only
	// as the first answer: transports must not defer it.
	opensForm routeFlag = iota + 1
	// inDMs: the route may run outside a guild (buttons and forms in DMs).
	inDMs
)

// Route is one entry of the routing table.
type Route struct {
	Kind      Kind
	Path      string // command path, or custom id pattern
	Role      Role
	OpensForm bool
	InDMs     bool

	segs   []segment // custom id pattern, split on ":"
	handle handler   // the route's own handler
	run    handler   // handle behind the middleware
}

// segment is one ":"-separated part of a pattern: a literal or a parameter.
type segment struct {
	literal string
	name    string
	typ     string   // id, int, word, any; "" for a literal or choices
	choices []string // for {answer:y|m|n}
}

type router struct {
	commands map[string]*Route   // by command path
	byVerb   map[string][]*Route // components and forms, by kind and first segment
	all      []*Route
}

func newRouter() *router {
	return &router{commands: map[string]*Route{}, byVerb: map[string][]*Route{}}
}

func verbKey(k Kind, verb string) string { return fmt.Sprintf("%d:%s", k, verb) }

// add registers a route; a malformed pattern or a duplicate is a programming
// error caught at start-up (and by every test).
func (rt *router) add(k Kind, path string, role Role, h handler, flags ...routeFlag) *Route {
	route := &Route{Kind: k, Path: path, Role: role, handle: h}
	for _, f := range flags {
		switch f {
		case opensForm:
			route.OpensForm = true
		case inDMs:
			route.InDMs = true
		}
	}
	if role == Owner && !route.InDMs {
		panic("route " + path + ": Owner routes are clicked in DMs")
	}
	if k == KindCommand {
		if rt.commands[path] != nil {
			panic("duplicate command route " + path)
		}
		rt.commands[path] = route
		rt.all = append(rt.all, route)
		return route
	}
	route.segs = parsePattern(path)
	if route.segs[0].literal == "" {
		panic("route " + path + ": a pattern starts with a literal verb")
	}
	key := verbKey(k, route.segs[0].literal)
	for _, other := range rt.byVerb[key] {
		if len(other.segs) == len(route.segs) && sameShape(other.segs, route.segs) {
			panic("route " + path + " overlaps " + other.Path)
		}
	}
	rt.byVerb[key] = append(rt.byVerb[key], route)
	rt.all = append(rt.all, route)
	return route
}

func parsePattern(p string) []segment {
	var segs []segment
	for _, part := range splitPattern(p) {
		if strings.HasPrefix(part, "{") && strings.HasSuffix(part, "}") {
			name, typ, _ := strings.Cut(part[1:len(part)-1], ":")
			s := segment{name: name, typ: typ}
			if strings.Contains(typ, "|") {
				s.typ, s.choices = "", strings.Split(typ, "|")
			} else if typ != "id" && typ != "int" && typ != "word" && typ != "any" {
				panic(fmt.Sprintf("pattern %s: unknown parameter type %q", p, typ))
			}
			segs = append(segs, s)
			continue
		}
		if strings.ContainsAny(part, "{}") {
			panic("pattern " + p + ": malformed segment " + part)
		}
		segs = append(segs, segment{literal: part})
	}
	return segs
}

// splitPattern splits on the ":" that are not inside a {name:type}.
func splitPattern(p string) []string {
	var parts []string
	depth, start := 0, 0
	for i, c := range p {
		switch {
		case c == '{':
			depth++
		case c == '}':
			depth--
		case c == ':' && depth == 0:
			parts = append(parts, p[start:i])
			start = i + 1
		}
	}
	return append(parts, p[start:])
}

// sameShape: two patterns of one verb that could match the same custom id
// (a literal is a segment of one value, so two literals overlap only when
// equal).
func sameShape(a, b []segment) bool {
	for i := range a {
		if !overlap(a[i].values(), b[i].values()) {
			return false
		}
	}
	return true
}

// values are the texts a segment takes, or nil for "any of its type".
func (s segment) values() []string {
	if s.name == "" {
		return []string{s.literal}
	}
	return s.choices
}

// overlap: nil stands for a typed parameter, which may take any value.
func overlap(a, b []string) bool {
	if a == nil || b == nil {
		return true
	}
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// match finds the route for a request and its typed parameters. ok is false
// when no route fits: an unknown command, or a custom id that does not fit
// any pattern (stale, truncated or forged).
func (rt *router) match(r *Request) (*Route, Params, bool) {
	if r.Kind == KindCommand {
		route := rt.commands[r.Command]
		return route, nil, route != nil
	}
	if r.Kind != KindComponent && r.Kind != KindModal {
		return nil, nil, false
	}
	if len(r.CustomID) > MaxCustomID {
		return nil, nil, false
	}
	parts := strings.Split(r.CustomID, ":")
	for _, route := range rt.byVerb[verbKey(r.Kind, parts[0])] {
		if p, ok := route.bind(parts); ok {
			return route, p, true
		}
	}
	return nil, nil, false
}

// bind checks parts against the pattern and converts the parameters.
func (route *Route) bind(parts []string) (Params, bool) {
	if len(parts) != len(route.segs) {
		return nil, false
	}
	var p Params
	for i, s := range route.segs {
		v := parts[i]
		if s.name == "" {
			if v != s.literal {
				return nil, false
			}
			continue
		}
		pv, ok := s.convert(v)
		if !ok {
			return nil, false
		}
		if p == nil {
			p = Params{}
		}
		p[s.name] = pv
	}
	return p, true
}

// convert validates one parameter's text against its type.
func (s segment) convert(v string) (param, bool) {
	switch {
	case s.choices != nil:
		for _, c := range s.choices {
			if v == c {
				return param{text: v}, true
			}
		}
		return param{}, false
	case s.typ == "id" || s.typ == "int":
		n, ok := parseCount(v)
		if !ok || (s.typ == "id" && n == 0) {
			return param{}, false
		}
		return param{text: v, num: n}, true
	case s.typ == "word":
		return param{text: v}, v != ""
	}
	return param{text: v}, true // any
}

// parseCount reads a non-negative decimal integer without sign or spaces,
// at most 18 digits (no overflow).
func parseCount(v string) (int64, bool) {
	if v == "" || len(v) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// Params are a matched route's parameters, already validated by type.
type Params map[string]param

type param struct {
	text string
	num  int64
}

// ID is an id parameter (> 0), or 0 if the route has no such parameter.
func (p Params) ID(name string) int64 { return p[name].num }

// Int is an int parameter (≥ 0).
func (p Params) Int(name string) int { return int(p[name].num) }

// Str is a parameter's text.
func (p Params) Str(name string) string { return p[name].text }

// Routes lists the routing table, sorted by kind and path, for tests and
// documentation.
func (a *App) Routes() []Route {
	out := make([]Route, 0, len(a.router.all))
	for _, r := range a.router.all {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].Path < out[j].Path
	})
	return out
}

// command, button and form declare routes (see the package comment above).
func (a *App) command(path string, role Role, h handler, flags ...routeFlag) {
	route := a.router.add(KindCommand, path, role, h, flags...)
	route.run = a.guarded(route)
}

func (a *App) button(pattern string, role Role, h handler, flags ...routeFlag) {
	route := a.router.add(KindComponent, pattern, role, h, flags...)
	route.run = a.guarded(route)
}

func (a *App) form(pattern string, role Role, h handler, flags ...routeFlag) {
	route := a.router.add(KindModal, pattern, role, h, flags...)
	route.run = a.guarded(route)
}

// Example returns a custom id that fits the route's pattern, with the
// smallest valid value of each parameter (for tests).
func (route Route) Example() string {
	if route.Kind == KindCommand {
		return route.Path
	}
	parts := make([]string, len(route.segs))
	for i, s := range route.segs {
		switch {
		case s.name == "":
			parts[i] = s.literal
		case s.choices != nil:
			parts[i] = s.choices[0]
		case s.typ == "id":
			parts[i] = "1"
		case s.typ == "int":
			parts[i] = "0"
		case s.typ == "word":
			parts[i] = "x"
		}
	}
	return strings.Join(parts, ":")
}
