package bot

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/bot/discordtest"
	"github.com/tierslieux/tiersbot/commands"
)

// timerReq is a deferral timer the bot asked for; the test fires it.
type timerReq struct {
	d    time.Duration
	fire chan time.Time
}

// deferRig is a Gateway on the fake Discord whose handler and deferral
// timers the test drives: a handler runs only when given its answer.
type deferRig struct {
	t       *testing.T
	fake    *discordtest.Server
	gw      *Gateway
	app     *commands.App
	timers  chan timerReq
	entered chan *commands.Request
	answers chan *commands.Response // nil: the real App answers
}

func newDeferRig(t *testing.T) *deferRig {
	t.Helper()
	// The rig drives the defer delay with its own timers; Discord's 3 s rule,
	// counted in real time by the fake, would only measure how loaded the
	// machine is (-race on two cores), so it is given room here.
	fake, err := discordtest.New(discordtest.Config{Guilds: []string{e2eGuild}, T: t, CallbackDeadline: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	s, err := NewSession("test-token", fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	app := commands.New(commands.Config{DB: testDB(t)})
	r := &deferRig{t: t, fake: fake, app: app, timers: make(chan timerReq, 16), entered: make(chan *commands.Request, 16), answers: make(chan *commands.Response, 16)}
	r.gw = NewGateway(s, app, testLog(t), "")
	r.gw.after = func(d time.Duration) <-chan time.Time {
		c := make(chan time.Time, 1)
		r.timers <- timerReq{d, c}
		return c
	}
	r.gw.handle = func(ctx context.Context, req *commands.Request) *commands.Response {
		r.entered <- req
		if res := <-r.answers; res != nil {
			return res
		}
		return app.Handle(ctx, req)
	}
	return r
}

func (r *deferRig) openGateway() {
	r.t.Helper()
	if err := r.gw.Open(context.Background()); err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(r.gw.Close)
}

// timer waits for the bot to arm its deferral timer and checks its length.
func (r *deferRig) timer(want time.Duration) timerReq {
	r.t.Helper()
	select {
	case tr := <-r.timers:
		if tr.d != want {
			r.t.Errorf("deferral timer of %v, want %v", tr.d, want)
		}
		return tr
	case <-ctxT(r.t).Done():
		r.t.Fatal("no deferral timer armed")
	}
	return timerReq{}
}

func (r *deferRig) waitEntered() *commands.Request {
	r.t.Helper()
	select {
	case req := <-r.entered:
		return req
	case <-ctxT(r.t).Done():
		r.t.Fatal("handler not called")
	}
	return nil
}

func reply(text string) *commands.Response {
	return &commands.Response{Ephemeral: true, Message: commands.Message{Content: text}}
}

func form() *commands.Response {
	return &commands.Response{Type: commands.OpenModal, Modal: &commands.Modal{CustomID: "evnew:1", Title: "Nouvel évènement",
		Fields: []commands.TextField{{ID: "title", Label: "Titre", Required: true, MaxLength: 100}}}}
}

// webhookCall waits for a REST call with an interaction's token.
func (r *deferRig) webhookCall(token, method, suffix string) discordtest.Call {
	r.t.Helper()
	c, err := r.fake.WaitCall(ctxT(r.t), func(c discordtest.Call) bool {
		return c.Method == method && strings.Contains(c.Path, "/webhooks/") && strings.Contains(c.Path, token) && strings.HasSuffix(c.Path, suffix)
	})
	if err != nil {
		r.t.Fatalf("no %s …%s: %v", method, suffix, err)
	}
	return c
}

func TestGatewayDeferral(t *testing.T) {
	r := newDeferRig(t)
	r.openGateway()
	g, ch := e2eGuild, "600000000000000001"

	// Fast: the handler's answer is the first and only callback.
	id := r.fake.SendInteraction(discordtest.Command(g, ch, e2eAlice, "help"))
	r.waitEntered()
	r.timer(2 * time.Second)
	r.answers <- reply("quick")
	cb, err := r.fake.WaitCallback(ctxT(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if cb.Type != discordgo.InteractionResponseChannelMessageWithSource || cb.Data.Content != "quick" || !cb.Ephemeral() {
		t.Errorf("fast answer: type %d %q", cb.Type, cb.Data.Content)
	}

	// Slow: a private deferral when the timer fires, then the original is edited.
	i := discordtest.Command(g, ch, e2eAlice, "help")
	id = r.fake.SendInteraction(i)
	r.waitEntered()
	r.timer(2 * time.Second).fire <- time.Now()
	cb, err = r.fake.WaitCallback(ctxT(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if cb.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || !cb.Ephemeral() {
		t.Fatalf("slow answer: callback type %d, ephemeral %v; want a private deferral", cb.Type, cb.Ephemeral())
	}
	r.answers <- reply("slow but sure")
	edit := r.webhookCall(i["token"].(string), "PATCH", "/messages/@original")
	if !strings.Contains(string(edit.Body), "slow but sure") || edit.Status != 200 {
		t.Errorf("edit: %d %s", edit.Status, edit.Body)
	}

	// A form route waits longer and its form is the first answer, never deferred.
	id = r.fake.SendInteraction(discordtest.Command(g, ch, e2eCoord, "event", discordtest.Sub("create", discordtest.Str("space", "1"))))
	if req := r.waitEntered(); r.app.Hint(req) != (commands.Hint{Form: true}) {
		t.Errorf("event create: hint %+v, want a form route", r.app.Hint(req))
	}
	r.timer(2500 * time.Millisecond)
	r.answers <- form()
	cb, err = r.fake.WaitCallback(ctxT(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if cb.Type != discordgo.InteractionResponseModal || cb.Data.CustomID != "evnew:1" {
		t.Errorf("form route: callback type %d %q, want the form", cb.Type, cb.Data.CustomID)
	}

	// A form later than the last moment: deferred, then the user is told to try again.
	i = discordtest.Command(g, ch, e2eBob, "event", discordtest.Sub("create", discordtest.Str("space", "1")))
	id = r.fake.SendInteraction(i)
	r.waitEntered()
	r.timer(2500 * time.Millisecond).fire <- time.Now()
	if cb, err = r.fake.WaitCallback(ctxT(t), id); err != nil || cb.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || !cb.Ephemeral() {
		t.Fatalf("late form: callback %d, %v", cb.Type, err)
	}
	r.answers <- form()
	edit = r.webhookCall(i["token"].(string), "PATCH", "/messages/@original")
	has(t, string(edit.Body), "pris trop de temps", "réessaie")

	// A slow click: the message is left as is, the reply is a private follow-up.
	i = discordtest.Click(g, ch, e2eBob, "555", "desk:in:1")
	id = r.fake.SendInteraction(i)
	r.waitEntered()
	r.timer(2 * time.Second).fire <- time.Now()
	if cb, err = r.fake.WaitCallback(ctxT(t), id); err != nil || cb.Type != discordgo.InteractionResponseDeferredMessageUpdate {
		t.Fatalf("slow click: callback %d, %v", cb.Type, err)
	}
	r.answers <- reply("clicked")
	fu := r.webhookCall(i["token"].(string), "POST", i["token"].(string))
	var p struct {
		Content string `json:"content"`
		Flags   int    `json:"flags"`
	}
	json.Unmarshal(fu.Body, &p)
	if p.Content != "clicked" || p.Flags&64 == 0 || fu.Query.Get("wait") != "true" {
		t.Errorf("follow-up: %s ?%s", fu.Body, fu.Query.Encode())
	}
	for _, c := range r.fake.Calls() {
		if c.Status >= 400 {
			t.Errorf("refused by the fake: %s %s: %d", c.Method, c.Path, c.Status)
		}
	}
}

// The HTTP endpoint follows the same rule: the first answer is the HTTP
// response, a deferred one is an edit through REST.
func TestHTTPDeferral(t *testing.T) {
	r := newDeferRig(t)
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	h := r.gw.InteractionsHandler(pub, func() time.Time { return now })
	serve := func(i discordtest.Interaction) <-chan *httptest.ResponseRecorder {
		body, _ := json.Marshal(i)
		req := signed(t, priv, now, string(body))
		out := make(chan *httptest.ResponseRecorder, 1)
		go func() {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			out <- w
		}()
		return out
	}
	answer := func(out <-chan *httptest.ResponseRecorder) (int, discordtest.Callback) {
		t.Helper()
		select {
		case w := <-out:
			var cb discordtest.Callback
			b, _ := io.ReadAll(w.Result().Body)
			json.Unmarshal(b, &struct {
				Type *discordgo.InteractionResponseType `json:"type"`
				Data *discordtest.CallbackData          `json:"data"`
			}{&cb.Type, &cb.Data})
			return w.Code, cb
		case <-ctxT(t).Done():
			t.Fatal("no HTTP answer")
		}
		return 0, discordtest.Callback{}
	}
	g, ch := e2eGuild, "600000000000000001"

	// Fast.
	i := discordtest.Command(g, ch, e2eAlice, "help")
	r.fake.Prepare(i)
	out := serve(i)
	r.waitEntered()
	r.timer(2 * time.Second)
	r.answers <- reply("quick")
	if code, cb := answer(out); code != 200 || cb.Type != discordgo.InteractionResponseChannelMessageWithSource || cb.Data.Content != "quick" {
		t.Errorf("fast: %d type %d %q", code, cb.Type, cb.Data.Content)
	}

	// Slow: the response is a deferral; the answer edits the original.
	i = discordtest.Command(g, ch, e2eAlice, "help")
	r.fake.Prepare(i)
	out = serve(i)
	r.waitEntered()
	r.timer(2 * time.Second).fire <- time.Now()
	if code, cb := answer(out); code != 200 || cb.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || !cb.Ephemeral() {
		t.Fatalf("slow: %d type %d", code, cb.Type)
	}
	r.answers <- reply("slow over HTTP")
	edit := r.webhookCall(i["token"].(string), "PATCH", "/messages/@original")
	if !strings.Contains(string(edit.Body), "slow over HTTP") || edit.Status != 200 {
		t.Errorf("edit: %d %s", edit.Status, edit.Body)
	}

	// A form route: the form is the response.
	i = discordtest.Command(g, ch, e2eCoord, "event", discordtest.Sub("edit", discordtest.Str("event", "1")))
	r.fake.Prepare(i)
	out = serve(i)
	r.waitEntered()
	r.timer(2500 * time.Millisecond)
	r.answers <- form()
	if code, cb := answer(out); code != 200 || cb.Type != discordgo.InteractionResponseModal {
		t.Errorf("form: %d type %d", code, cb.Type)
	}
}

// A malformed interaction is refused and the bot keeps serving: over the
// gateway (where discordgo hands over an interaction without data when it
// cannot decode one) and over HTTP.
func TestMalformedInteractionsRefused(t *testing.T) {
	r := newDeferRig(t)
	r.gw.handle = r.app.Handle
	r.openGateway()
	g, ch := e2eGuild, "600000000000000001"
	noData := discordtest.Autocomplete(g, ch, e2eAlice, "checkin")
	delete(noData, "data")
	noUser := discordtest.Command(g, ch, e2eAlice, "help")
	delete(noUser, "member")
	unknownType := discordtest.Command(g, ch, e2eAlice, "help")
	unknownType["type"] = 42
	oddComponent := discordtest.Click(g, ch, e2eAlice, "555", "desk:in:1")
	oddComponent["data"].(map[string]any)["component_type"] = 99
	ping := discordtest.Interaction{"type": 1}
	for name, c := range map[string]struct {
		i    discordtest.Interaction
		want discordgo.InteractionResponseType // 0: no answer possible
	}{
		"autocomplete without data": {noData, discordgo.InteractionApplicationCommandAutocompleteResult},
		"no member nor user":        {noUser, discordgo.InteractionResponseChannelMessageWithSource},
		"unknown component type":    {oddComponent, discordgo.InteractionResponseChannelMessageWithSource},
		"unknown type":              {unknownType, 0},
		"PING over the gateway":     {ping, 0},
	} {
		id := r.fake.SendInteraction(c.i)
		if c.want != 0 {
			cb, err := r.fake.WaitCallback(ctxT(t), id)
			if err != nil {
				t.Fatalf("%s: no refusal: %v", name, err)
			}
			if cb.Type != c.want {
				t.Errorf("%s: answered with type %d, want %d", name, cb.Type, c.want)
			}
			if c.want == discordgo.InteractionResponseChannelMessageWithSource && (!cb.Ephemeral() || !strings.Contains(cb.Data.Content, "Je n'ai pas pu lire") && !strings.Contains(cb.Data.Content, "could not read")) {
				t.Errorf("%s: refusal %q", name, cb.Data.Content)
			}
		}
		// The next valid interaction is served.
		id = r.fake.SendInteraction(discordtest.Command(g, ch, e2eAlice, "help"))
		cb, err := r.fake.WaitCallback(ctxT(t), id)
		if err != nil || !strings.Contains(cbText(cb), "front desk") {
			t.Fatalf("after %s: %v %q", name, err, cbText(cb))
		}
	}

	// Over HTTP: a refusal, or 400 when no answer is possible; then a real command works.
	pub, priv, _ := ed25519.GenerateKey(nil)
	now := time.Now()
	h := r.gw.InteractionsHandler(pub, func() time.Time { return now })
	post := func(body string) (int, string) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, signed(t, priv, now, body))
		return w.Code, w.Body.String()
	}
	for body, want := range map[string]int{
		`{"type":4,"id":"1","application_id":"2","token":"t","member":{"user":{"id":"u1"},"permissions":"0"}}`:                         200,
		`{"type":2,"id":"1","application_id":"2","token":"t","data":{"name":"help","type":1}}`:                                         200,
		`{"type":3,"id":"1","application_id":"2","token":"t","user":{"id":"u1"},"data":{"custom_id":"desk:in:1","component_type":42}}`: 200,
		`{"type":9,"id":"1","application_id":"2","token":"t","user":{"id":"u1"}}`:                                                      400,
		`{"type":5,"id":"1","application_id":"2","token":"t","user":{"id":"u1"},"data":{"custom_id":"x","components":[{"type":18}]}}`:  200,
	} {
		if code, resp := post(body); code != want || code == 200 && !strings.Contains(resp, `"type":`) {
			t.Errorf("%s: %d %s", body, code, resp)
		}
	}
	if code, resp := post(`{"type":2,"id":"11","application_id":"2","token":"t","guild_id":"g","locale":"en-US","member":{"user":{"id":"u1","username":"a"},"roles":[],"permissions":"0"},"data":{"id":"9","name":"help","type":1}}`); code != 200 || !strings.Contains(resp, "front desk") {
		t.Errorf("after the malformed ones: %d %s", code, resp)
	}
}
