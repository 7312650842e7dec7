package commands

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tierslieux/tiersbot/commands/invisible"
	"github.com/tierslieux/tiersbot/storage"
)

// hidden lists the format characters of s that are neither a joiner between
// two emoji nor the zero-width space Escape puts after @ and <.
func hidden(s string) []string {
	var out []string
	var prev rune
	for i, r := range s {
		if unicode.Is(unicode.Cf, r) {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			emojiJoin := r == '\u200d' && (invisible.IsEmoji(prev) || prev == '\ufe0f') && invisible.IsEmoji(next)
			escaped := r == '\u200b' && (prev == '@' || prev == '<')
			if !emojiJoin && !escaped {
				out = append(out, fmt.Sprintf("%U", r))
			}
		}
		prev = r
	}
	return out
}

// Bidi controls and zero-width characters typed in names, titles, notes and
// bios, or carried by a display name, are neither stored nor posted; the
// joiner inside an emoji survives.
func TestFormatCharactersNeverStoredOrPosted(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	mustContain(t, text(h.do(coord, "c-admin", "space add", "name", "Le \u202eHangar\u202c", "town", "Cr\u200best", "channel", "c-hangar", "animator_role", "role-ruche")), "Le Hangar")
	h.do(coord, "c-admin", "setup", "announce_channel", "c-events")
	mael := User{ID: "u-mael", Name: "Ma\u2066ël\u2069 👩\u200d💻", Roles: []string{"role-ruche"}}
	mustContain(t, text(h.do(mael, "c-hangar", "checkin", "note", "rdv\u2060 15h\ufeff")), "Maël 👩\u200d💻")
	mustContain(t, text(h.do(mael, "c", "skill offer", "skill", "Sou\u200ddure 🔥", "note", "MIG\u200c/TIG")), "Soudure 🔥")
	h.do(mael, "c", "profile edit", "bio", "Soudeur\u202e\u2067 à Crest\u00ad")
	res := h.do(mael, "c-hangar", "event create", "space", "hangar")
	f := workshop("demain 18h")
	f["title"], f["description"] = "Atelier \u2066vélo\u2069 ❤\ufe0f\u200d🔥", "Viens\u200b avec ton vélo"
	mustContain(t, text(h.form(mael, res.Modal.CustomID, f)), "Atelier vélo")

	ctx := context.Background()
	var stored []string
	err := h.db.Read(ctx, func(tx *storage.Tx) error {
		spaces, err := tx.Spaces(ctx, testGuild)
		for _, s := range spaces {
			stored = append(stored, s.Name, s.Town)
			present, err := tx.Present(ctx, s.ID)
			if err != nil {
				return err
			}
			for _, c := range present {
				stored = append(stored, c.Note)
			}
		}
		if err != nil {
			return err
		}
		m, err := tx.Member(ctx, testGuild, mael.ID)
		if err != nil {
			return err
		}
		p, err := tx.Profile(ctx, testGuild, mael.ID)
		if err != nil {
			return err
		}
		stored = append(stored, m.Name, p.Bio)
		skills, err := tx.MemberSkills(ctx, testGuild, mael.ID)
		for _, ms := range skills {
			stored = append(stored, ms.Skill.Display, ms.Skill.Key, ms.Note)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range h.events() {
		stored = append(stored, e.Title, e.Description, e.OrganizerName)
	}
	all := strings.Join(stored, "|")
	for _, want := range []string{"Le Hangar|Crest", "rdv 15h", "Maël 👩\u200d💻|Soudeur à Crest", "Soudure 🔥|soudure|MIG/TIG",
		"Atelier vélo ❤\ufe0f\u200d🔥|Viens avec ton vélo|"} { // events keep no organiser name
		mustContain(t, all, want)
	}
	if bad := hidden(all); len(bad) > 0 {
		t.Errorf("stored with %v: %+q", bad, all)
	}
	posts := 0
	for _, it := range h.due() {
		if bad := hidden(string(it.Payload)); len(bad) > 0 {
			t.Errorf("%s to %s posts %v: %s", it.Kind, it.Target, bad, it.Payload)
		}
		posts++
	}
	if posts < 2 { // the arrival and the event's announcement at least
		t.Errorf("%d posts queued", posts)
	}
}

func TestMemberName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Alice", "Alice"},
		{"\u202eecilA", "ecilA"},
		{"  Zoé\u200b  Martin ", "Zoé Martin"},
		{"👩\u200d🌾 Inès", "👩\u200d🌾 Inès"},
		{"\u200b\u200b", "?"},
		{"", "?"},
	} {
		if got := memberName(c.in); got != c.want {
			t.Errorf("memberName(%+q) = %+q, want %+q", c.in, got, c.want)
		}
	}
}
