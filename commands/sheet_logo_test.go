package commands

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/tierslieux/tiersbot/storage"
)

// The coordinator's logo: /setup logo saves a PNG or JPEG the transport read,
// the sign-in sheet prints it, logo_remove takes it off; an image that could
// not be read is refused and nothing of that /setup is saved.
func TestSetupLogoOnSheets(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 40, 20))); err != nil {
		t.Fatal(err)
	}
	logo := b.Bytes()
	setup := func(at Attachment, kv ...string) *Response {
		r := h.req(coord, "c", "setup", append([]string{"logo", "a1"}, kv...)...)
		r.Attachments = map[string]Attachment{"logo": at}
		return h.app.Handle(context.Background(), r)
	}
	stored := func() string {
		var v string
		if err := h.db.Read(context.Background(), func(tx *storage.Tx) error {
			var err error
			v, err = tx.Get(context.Background(), sheetLogoKey(testGuild))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return v
	}
	// Not read by the transport (another host, a failed download): refused.
	res := setup(Attachment{Filename: "logo.png", ContentType: "image/png", Size: 10}, "funding_mention", "Cofinancé par l'Union européenne")
	mustContain(t, text(res), "could not read this logo", "nothing was saved")
	if stored() != "" {
		t.Error("a logo was stored")
	}
	if strings.Contains(text(h.do(coord, "c", "setup")), "Cofinancé") {
		t.Error("the funding mention of a refused /setup was saved")
	}
	mustContain(t, text(setup(Attachment{Filename: "x.png", ContentType: "image/png", Size: 10, Data: []byte("not a png")})), "could not read this logo")
	mustContain(t, text(setup(Attachment{Filename: "big.png", ContentType: "image/png", Size: maxLogoBytes + 1, Data: logo})), "over 1 MB")

	mustContain(t, text(setup(Attachment{Filename: "logo.png", ContentType: "image/png", Size: len(logo), Data: logo})), "Settings saved")
	if stored() == "" {
		t.Fatal("the logo was not stored")
	}
	h.newEvent(map[string]string{"title": "Matinée emploi", "start": "2026-04-14 09:00", "duration": "3h"})
	sheetPDF := func() []byte {
		res := h.do(animUs, "c", "event sheet", "event", fmtInt(h.events()[0].ID))
		if len(res.Files) != 1 {
			t.Fatalf("sheet: %s", text(res))
		}
		return res.Files[0].Data
	}
	if !bytes.Contains(sheetPDF(), []byte("/Subtype /Image")) {
		t.Error("the sheet prints no logo")
	}
	mustContain(t, text(h.do(coord, "c", "setup", "logo_remove", "true")), "Settings saved")
	if stored() != "" || bytes.Contains(sheetPDF(), []byte("/Subtype /Image")) {
		t.Error("the logo is still printed after logo_remove")
	}
}
