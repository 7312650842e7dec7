package discordtest

import (
	"net/http"
	"strconv"
	"strings"
)

// TB is the part of testing.TB the fake uses to fail the test that made the
// bot send what Discord would refuse (the package does not import testing:
// the load tool runs the fake too).
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

// Refusal is a request the fake refused as Discord would.
type Refusal struct {
	Method, Path string
	Status, Code int
	Reason       string
	Expected     bool // declared by the test (ExpectRefusal, closed DMs)
}

func (r Refusal) String() string {
	return r.Method + " " + r.Path + ": " + http.StatusText(r.Status) + ", code " + strconv.Itoa(r.Code) + ": " + r.Reason
}

// Discord's JSON error codes the fake answers with.
const (
	CodeInvalidFormBody     = 50035
	CodeUnknownInteraction  = 10062
	CodeAlreadyAcknowledged = 40060
	CodeCannotSendNonText   = 50008
	CodeCannotDMUser        = 50007
	CodeMaxScheduledEvents  = 30038
)

type expectation struct {
	code       int
	pathPrefix string
}

// ExpectRefusal declares that the test means the bot to be refused with code
// (0 for any) on paths starting with pathPrefix ("" for any): such refusals
// are recorded but do not fail the test. Injected faults (SetFault,
// FailNext) never fail it either.
func (s *Server) ExpectRefusal(code int, pathPrefix string) {
	s.mu.Lock()
	s.expect = append(s.expect, expectation{code, pathPrefix})
	s.mu.Unlock()
}

// Refusals returns every refusal so far, expected or not.
func (s *Server) Refusals() []Refusal {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Refusal(nil), s.refusals...)
}

// refuse answers with Discord's error body and records the refusal; an
// unexpected one fails the test at once. The caller does not hold s.mu.
func (s *Server) refuse(w http.ResponseWriter, method, path string, status, code int, message string, probs []problem, expected bool) {
	body := map[string]any{"code": code, "message": message}
	reasons := make([]string, 0, len(probs))
	if len(probs) > 0 {
		tree := map[string]any{}
		for _, p := range probs {
			node := tree
			for _, k := range p.at {
				next, _ := node[k].(map[string]any)
				if next == nil {
					next = map[string]any{}
					node[k] = next
				}
				node = next
			}
			errs, _ := node["_errors"].([]any)
			node["_errors"] = append(errs, map[string]any{"code": p.code, "message": p.msg})
			reasons = append(reasons, p.String())
		}
		body["errors"] = tree
	} else {
		reasons = append(reasons, message)
	}
	writeJSON(w, status, body)
	r := Refusal{Method: method, Path: path, Status: status, Code: code, Reason: strings.Join(reasons, "; "), Expected: expected}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.expect {
		if (e.code == 0 || e.code == code) && strings.HasPrefix(path, e.pathPrefix) {
			r.Expected = true
		}
	}
	if !s.cfg.Lean || !r.Expected {
		s.refusals = append(s.refusals, r)
	}
	if !r.Expected && s.cfg.T != nil && !s.closed {
		s.cfg.T.Errorf("fake Discord refused what the bot sent, as Discord would: %s", r)
	}
}
