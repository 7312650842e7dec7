package bot

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands"
)

// Discord wants a first answer to an interaction within 3 s.
const (
	// defaultDeferAfter: past this, slow work is acknowledged and answered later.
	defaultDeferAfter = 2 * time.Second
	// defaultFormWait: a route that may answer with a form is waited for as
	// long as the 3 s allow, since a form cannot follow a deferral.
	defaultFormWait = 2500 * time.Millisecond
	// handlerTimeout bounds a handler; a deferred answer can be edited for 15 min.
	handlerTimeout = 30 * time.Second
)

// answer is the deferral rule, the same for the gateway and the HTTP
// interactions endpoint. It runs the handler; if the answer comes within
// DeferAfter (FormWait for a route that may open a form), first is that
// answer and then is nil. Otherwise first is a deferral and then, to be run
// once first is delivered (deliver false if it could not be), waits for the handler and edits the original
// answer or follows up. first is nil when nothing must be sent (a replay).
//
// A form that comes after the deferral cannot be shown: the user is told it
// took too long and to try again (form routes only read before answering,
// so nothing was saved), rather than being left on "thinking…".
func (g *Gateway) answer(i *discordgo.Interaction, req *commands.Request) (first *discordgo.InteractionResponse, then func(deliver bool)) {
	ctx, cancel := context.WithTimeout(g.workCtx(), handlerTimeout)
	hint := g.app.Hint(req)
	done := make(chan *commands.Response, 1)
	go func() {
		res := &commands.Response{Ephemeral: true, Message: commands.Message{Content: "😕 " + req.Lang().T("error.internal")}}
		defer func() {
			if p := recover(); p != nil {
				g.log.Error("interaction handler panicked", "command", req.Command, "custom_id", req.CustomID, "panic", p, "stack", string(debug.Stack()))
			}
			done <- res
		}()
		if len(req.Attachments) > 0 {
			g.files.images(ctx, req) // within the deferral: a slow download is deferred
		}
		res = g.handle(ctx, req)
	}()
	wait := g.DeferAfter
	if hint.Form {
		wait = max(g.FormWait, g.DeferAfter)
	}
	select {
	case res := <-done:
		cancel()
		if res == nil {
			return nil, nil // a replay already answered
		}
		return toInteractionResponse(res), nil
	case <-g.after(wait):
	}
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		// Choices cannot be deferred: send them late rather than never.
		res := <-done
		cancel()
		if res == nil {
			return nil, nil
		}
		return toInteractionResponse(res), nil
	}
	return deferral(i, hint), func(deliver bool) {
		defer cancel()
		defer g.recovered("deferred answer")
		res := <-done
		if res == nil || !deliver {
			return
		}
		if err := g.deliverLate(ctx, i, req, hint, res); err != nil {
			g.log.Warn("could not answer deferred interaction", "command", req.Command, "custom_id", req.CustomID, "err", redact(err, g.s.Token))
		}
	}
}

// deferral acknowledges an interaction whose answer comes later: a "thinking"
// message (private unless the route answers publicly), or for a click, an
// acknowledgement that changes nothing yet.
func deferral(i *discordgo.Interaction, hint commands.Hint) *discordgo.InteractionResponse {
	if i.Type == discordgo.InteractionMessageComponent {
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	}
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource, Data: &discordgo.InteractionResponseData{}}
	if !hint.Public {
		resp.Data.Flags = discordgo.MessageFlagsEphemeral
	}
	return resp
}

// deliverLate sends a handler's answer after a deferral: an edit of the
// original answer for a command or an Update, a follow-up for a reply to a
// click. A private answer after a public deferral replaces it with a private
// follow-up, so a refusal is never shown to the whole channel.
func (g *Gateway) deliverLate(ctx context.Context, i *discordgo.Interaction, req *commands.Request, hint commands.Hint, res *commands.Response) error {
	if res.Type == commands.OpenModal || res.Type == commands.Suggest {
		g.log.Warn("a form came after the deferral: the user is asked to try again", "command", req.Command, "custom_id", req.CustomID)
		res = &commands.Response{Ephemeral: true, Message: commands.Message{Content: "⏳ " + req.Lang().T("error.too_slow")}}
	}
	click := i.Type == discordgo.InteractionMessageComponent
	switch {
	case res.Type == commands.Update, !click && (!hint.Public || !res.Ephemeral):
		return g.editOriginal(ctx, i, res)
	case !click:
		if err := g.deleteOriginal(ctx, i); err != nil {
			return err
		}
	}
	return g.followUp(ctx, i, res)
}

// workCtx is the handlers' context: it survives the shutdown signal so that
// work in flight finishes.
func (g *Gateway) workCtx() context.Context {
	if g.work == nil {
		return context.Background()
	}
	return g.work
}

// recovered logs a panic of a goroutine handling Discord input instead of
// letting it stop the bot for every server. Use as: defer g.recovered("what").
func (g *Gateway) recovered(what string) {
	if p := recover(); p != nil {
		g.log.Error(what+" panicked", "panic", p, "stack", string(debug.Stack()))
	}
}

// refusal is the answer to an interaction the bot cannot read, when one can
// be given: no choices for autocomplete, a private "could not read" otherwise.
func refusal(i *discordgo.Interaction) *discordgo.InteractionResponse {
	switch i.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}}}
	case discordgo.InteractionApplicationCommand, discordgo.InteractionMessageComponent, discordgo.InteractionModalSubmit:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: "⚠️ " + commands.LangOf(string(i.Locale)).T("error.unreadable"),
				Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noPings(nil)}}
	}
	return nil
}

// intake turns an interaction into a request, logging a malformed one; req
// is nil when it must not be handled.
func (g *Gateway) intake(i *discordgo.Interaction, transport string) *commands.Request {
	req, err := toRequest(i)
	if err != nil {
		g.log.Warn("malformed interaction refused", "transport", transport, "type", int(i.Type), "id", i.ID, "err", err)
		return nil
	}
	return req
}

// The REST calls that answer an interaction. discordgo keys its rate-limit
// buckets by URL, interaction token included, and never frees them; these
// calls use a bounded set of buckets instead (see tokenBucket).

// callback sends the first answer to an interaction.
func (g *Gateway) callback(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	endpoint := discordgo.EndpointInteractionResponse(i.ID, i.Token)
	bucket := tokenBucket("callback", i.Token)
	if resp.Data != nil && len(resp.Data.Files) > 0 {
		ct, body, err := discordgo.MultipartBodyWithJSON(resp, resp.Data.Files)
		if err != nil {
			return fmt.Errorf("encode interaction answer: %w", err)
		}
		_, err = g.s.RequestRaw("POST", endpoint, ct, body, bucket, 0, discordgo.WithContext(ctx))
		return err
	}
	_, err := g.s.RequestWithBucketID("POST", endpoint, resp, bucket, discordgo.WithContext(ctx))
	return err
}

func (g *Gateway) editOriginal(ctx context.Context, i *discordgo.Interaction, res *commands.Response) error {
	comps := toComponents(res.Components)
	edit := &discordgo.WebhookEdit{Content: &res.Content, Embeds: &res.Embeds, Components: &comps,
		Files: toFiles(res.Files), AllowedMentions: noPings(res.PingUsers)}
	endpoint := discordgo.EndpointInteractionResponseActions(i.AppID, i.Token)
	bucket := tokenBucket("original", i.Token)
	if len(edit.Files) > 0 {
		ct, body, err := discordgo.MultipartBodyWithJSON(edit, edit.Files)
		if err != nil {
			return fmt.Errorf("encode interaction edit: %w", err)
		}
		_, err = g.s.RequestRaw("PATCH", endpoint, ct, body, bucket, 0, discordgo.WithContext(ctx))
		return err
	}
	_, err := g.s.RequestWithBucketID("PATCH", endpoint, edit, bucket, discordgo.WithContext(ctx))
	return err
}

func (g *Gateway) deleteOriginal(ctx context.Context, i *discordgo.Interaction) error {
	endpoint := discordgo.EndpointInteractionResponseActions(i.AppID, i.Token)
	_, err := g.s.RequestWithBucketID("DELETE", endpoint, nil, tokenBucket("original", i.Token), discordgo.WithContext(ctx))
	return err
}

func (g *Gateway) followUp(ctx context.Context, i *discordgo.Interaction, res *commands.Response) error {
	p := &discordgo.WebhookParams{Content: res.Content, Embeds: res.Embeds, Components: toComponents(res.Components),
		Files: toFiles(res.Files), AllowedMentions: noPings(res.PingUsers)}
	if res.Ephemeral {
		p.Flags = discordgo.MessageFlagsEphemeral
	}
	endpoint := discordgo.EndpointFollowupMessage(i.AppID, i.Token) + "?wait=true"
	bucket := tokenBucket("followup", i.Token)
	if len(p.Files) > 0 {
		ct, body, err := discordgo.MultipartBodyWithJSON(p, p.Files)
		if err != nil {
			return fmt.Errorf("encode follow-up: %w", err)
		}
		_, err = g.s.RequestRaw("POST", endpoint, ct, body, bucket, 0, discordgo.WithContext(ctx))
		return err
	}
	_, err := g.s.RequestWithBucketID("POST", endpoint, p, bucket, discordgo.WithContext(ctx))
	return err
}
