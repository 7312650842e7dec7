package register

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

// Linking an entry to the Discord member it turns out to be: a keeper
// names the member, or the member claims it with a code a keeper
// confirms. A member never sees the register: nothing is linked without a
// keeper. And the person's rights (RGPD): a copy, erasure.

// CheckLink: a member or a code, exactly one (LinkHow).
func CheckLink(member, code string) error {
	if (member == "") == (code == "") {
		return refuse(LinkHow)
	}
	return nil
}

// Link links the entry to the member named, or to the one who claimed it
// with code (in any case; BadCode when unknown, expired or used). It
// returns the member linked.
func Link(ctx context.Context, tx *storage.Tx, entry Entry, member, code string, now time.Time) (string, error) {
	if code != "" {
		var err error
		member, err = tx.TakeRegisterClaim(ctx, entry.GuildID, strings.ToUpper(code), now)
		if errors.Is(err, storage.ErrNotFound) {
			return "", refuse(BadCode)
		}
		if err != nil {
			return "", fmt.Errorf("take register claim: %w", err)
		}
	}
	return member, tx.LinkRegisterEntry(ctx, entry.GuildID, entry.ID, member)
}

// CodeAlphabet has no 0/O or 1/I: a code is read aloud or copied from paper.
const CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// CodeLength is a claim code's length.
const CodeLength = 6

// NewCode draws a claim code from random.
func NewCode(random io.Reader) (string, error) {
	b := make([]byte, CodeLength)
	if _, err := io.ReadFull(random, b); err != nil {
		return "", fmt.Errorf("claim code: %w", err)
	}
	for i := range b {
		b[i] = CodeAlphabet[int(b[i])%len(CodeAlphabet)]
	}
	return string(b), nil
}

// Claim keeps the member's code for ClaimValidity: a keeper confirms with
// it. The member sees no entry and no name.
func Claim(ctx context.Context, tx *storage.Tx, guildID, userID, code string, now time.Time) error {
	return tx.SetRegisterClaim(ctx, guildID, userID, code, now.Add(ClaimValidity))
}

// Export is the entry's data, for the person who asked for it.
func Export(ctx context.Context, tx *storage.Tx, entry Entry) (storage.RegisterData, error) {
	return tx.ExportRegisterEntry(ctx, entry.GuildID, entry.ID)
}

// Erase erases the entry on the person's request (Unknown when there is
// none, or already erased); its presences still count.
func Erase(ctx context.Context, tx *storage.Tx, guildID string, id int64, now time.Time) error {
	ok, err := tx.EraseRegisterEntry(ctx, guildID, id, now)
	if err == nil && !ok {
		err = refuse(Unknown)
	}
	return err
}
