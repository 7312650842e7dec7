package discordtest

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Discord's official OpenAPI 3.1 description (MIT, see testdata/discord-api-spec/
// LICENSE and SOURCE). Embedded so the load tool and other binaries that run the
// fake check the same schemas as the tests.
//
//go:embed testdata/discord-api-spec/openapi.json
var openAPISpec []byte

const specURL = "https://discord.test/openapi.json"

// operation is one (method, path template) of the spec with a JSON request body.
type operation struct {
	method string
	segs   []string // "{x}" matches any one segment
	schema *jsonschema.Schema
}

type spec struct{ ops []operation }

var (
	specOnce   sync.Once
	loadedSpec *spec
	specErr    error
)

// theSpec compiles the request-body schemas once per binary: tests start
// many fakes, and compiling takes ~150 ms.
func theSpec() (*spec, error) {
	specOnce.Do(func() { loadedSpec, specErr = compileSpec(openAPISpec) })
	return loadedSpec, specErr
}

func compileSpec(raw []byte) (*spec, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("discord openapi: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020) // OpenAPI 3.1's dialect
	if err := c.AddResource(specURL, doc); err != nil {
		return nil, fmt.Errorf("discord openapi: %w", err)
	}
	root, _ := doc.(map[string]any)
	paths, _ := root["paths"].(map[string]any)
	if len(paths) == 0 {
		return nil, errors.New("discord openapi: no paths")
	}
	esc := strings.NewReplacer("~", "~0", "/", "~1")
	sp := &spec{}
	for p, item := range paths {
		methods, _ := item.(map[string]any)
		for m, op := range methods {
			o, _ := op.(map[string]any)
			rb, _ := o["requestBody"].(map[string]any)
			content, _ := rb["content"].(map[string]any)
			if _, ok := content["application/json"]; !ok {
				continue
			}
			// A multipart body's payload_json follows the same schema.
			ptr := "#/paths/" + esc.Replace(p) + "/" + m + "/requestBody/content/application~1json/schema"
			sch, err := c.Compile(specURL + ptr)
			if err != nil {
				return nil, fmt.Errorf("discord openapi %s %s: %w", m, p, err)
			}
			sp.ops = append(sp.ops, operation{method: strings.ToUpper(m), segs: strings.Split(strings.Trim(p, "/"), "/"), schema: sch})
		}
	}
	return sp, nil
}

// find returns the operation for a request path (without /api/vN and query).
// Literal segments win over parameters, as /messages/@original over /messages/{id}.
func (sp *spec) find(method, path string) *operation {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var best *operation
	bestLiterals := -1
	for i := range sp.ops {
		op := &sp.ops[i]
		if op.method != method || len(op.segs) != len(segs) {
			continue
		}
		literals, ok := 0, true
		for j, s := range op.segs {
			if strings.HasPrefix(s, "{") {
				continue
			}
			if s != segs[j] {
				ok = false
				break
			}
			literals++
		}
		if ok && literals > bestLiterals {
			best, bestLiterals = op, literals
		}
	}
	return best
}

// schemaProblems validates a decoded body (jsonschema.UnmarshalJSON) and
// names the most specific failing places.
func (op *operation) schemaProblems(body any) []problem {
	err := op.schema.Validate(body)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []problem{{code: "SCHEMA", msg: err.Error()}}
	}
	// Unions (oneOf/anyOf) explain every branch; keep the deepest leaves.
	var leaves []*jsonschema.ValidationError
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			leaves = append(leaves, e)
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	printer := message.NewPrinter(language.English)
	deepest := 0
	for _, l := range leaves {
		deepest = max(deepest, len(l.InstanceLocation))
	}
	seen := map[string]bool{}
	var out []problem
	for _, l := range leaves {
		if len(l.InstanceLocation) != deepest {
			continue
		}
		msg := l.ErrorKind.LocalizedString(printer)
		if strings.HasSuffix(msg, ", want null") && len(leaves) > 1 {
			continue // the "or null" branch of a nullable union: noise
		}
		key := strings.Join(l.InstanceLocation, "/") + msg
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, problem{at: append([]string(nil), l.InstanceLocation...), code: "SCHEMA", msg: msg})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	if len(out) > 5 {
		out = out[:5]
	}
	return out
}
