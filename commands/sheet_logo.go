package commands

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	_ "image/jpeg" // the logo may be a JPEG
	_ "image/png"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/storage"
)

// The logo printed on sign-in sheets: /setup logo:<image> (PNG or JPEG,
// 1 MB at most; the transport reads it from Discord's file servers),
// /setup logo_remove:true to print none.

const maxLogoBytes = 1 << 20

func logoOpts() []*discordgo.ApplicationCommandOption {
	return []*discordgo.ApplicationCommandOption{
		opt(discordgo.ApplicationCommandOptionAttachment, "logo", "logo", "Logo on sign-in sheets (PNG or JPEG, 1 MB at most)",
			"Logo des feuilles d'émargement (PNG ou JPEG, 1 Mo au plus)", false).o(),
		opt(discordgo.ApplicationCommandOptionBoolean, "logo_remove", "logo_retirer", "Print no logo on sign-in sheets",
			"Ne plus imprimer de logo sur les feuilles d'émargement", false).o(),
	}
}

// setLogo saves or removes the sheets' logo, if asked; true if it changed.
// An image the bot could not read, or that is not a PNG or JPEG, is refused
// with what to do, and nothing else of /setup is saved.
func setLogo(ctx context.Context, tx *storage.Tx, r *Request, guildID string) (bool, error) {
	if r.Has("logo_remove") && r.Opt("logo_remove") == "true" {
		before, err := tx.Get(ctx, sheetLogoKey(guildID))
		if err != nil || before == "" {
			return false, err
		}
		return true, tx.Set(ctx, sheetLogoKey(guildID), "")
	}
	at, ok := r.Attachments["logo"]
	if !r.Has("logo") && !ok {
		return false, nil
	}
	if at.Size > maxLogoBytes || len(at.Data) > maxLogoBytes {
		return false, userErr("setup.logo_too_big")
	}
	if len(at.Data) == 0 {
		return false, userErr("setup.logo_unreadable")
	}
	if _, format, err := image.DecodeConfig(bytes.NewReader(at.Data)); err != nil || (format != "png" && format != "jpeg") {
		return false, userErr("setup.logo_unreadable")
	}
	return true, tx.Set(ctx, sheetLogoKey(guildID), base64.StdEncoding.EncodeToString(at.Data))
}
