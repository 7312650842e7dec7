package commands

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/tierslieux/tiersbot/commands/render"
	"github.com/tierslieux/tiersbot/storage"
)

// withinLimits fails the test if Discord would refuse m.
func withinLimits(t *testing.T, what string, m Message) {
	t.Helper()
	if _, _, fixes := render.Clamp(m.Content, m.Embeds); len(fixes) > 0 {
		t.Errorf("%s over Discord's limits: %s", what, strings.Join(fixes, "; "))
	}
	if !componentsFit(m.Components) {
		t.Errorf("%s: components over Discord's limits", what)
	}
}

// The network of issue 12: 25 spaces with ~45-character names, 40 events a
// week and 30 animators came to 6,170 characters across the digest's
// embeds; Discord refused it and the week's digest was lost.
func bigDigest() Digest {
	d := Digest{Guild: storage.Guild{Timezone: "Europe/Paris"}, From: at("2026-04-13 00:00"), To: at("2026-04-20 00:00"),
		BusiestDay: 2, Late: true, SpaceNames: map[int64]string{}, PerAnimator: map[string]int{}}
	for i := 0; i < 25; i++ {
		s := storage.Space{ID: int64(i + 1), Name: fmt.Sprintf("Tiers-lieu de la vallée de la Drôme numéro %02d", i)} // 45 runes
		d.SpaceNames[s.ID] = s.Name
		d.Spaces = append(d.Spaces, SpaceWeek{Space: s, Checkins: 10 + i, People: 5, New: 1, PrevCheck: 8, AvgStay: 150 * time.Minute})
	}
	for i := 0; i < 40; i++ {
		e := storage.Event{ID: int64(i + 1), SpaceID: int64(i%25 + 1), Title: fmt.Sprintf("Atelier **réparation** de _vélos_ #%02d et ~~pizzas~~ | cafés", i), Start: at("2026-04-21 18:00")}
		d.Held = append(d.Held, storage.EventStats{Event: e, Going: 8, Attended: 7})
		d.Next = append(d.Next, e)
	}
	d.NewOffers, d.NewSeeks, d.IntrosMade = 3, 4, 2
	for i := 0; i < 6; i++ {
		d.Unmet = append(d.Unmet, storage.Skill{Display: fmt.Sprintf("Comptabilité **associative** et _demandes_ de subventions #%d (FDVA)", i), Seeks: 3})
	}
	for i := 0; i < 30; i++ {
		d.PerAnimator[fmt.Sprintf("Animatrice numéro %02d", i)] = 1 + i%3
	}
	return d
}

func TestBigDigestFitsAndAttachesTheRest(t *testing.T) {
	for _, c := range []struct {
		lang   Lang
		ending string
	}{
		{FR, " — bilan complet en pièce jointe"},
		{EN, " — full digest attached"},
	} {
		m, err := renderDigest(bigDigest(), c.lang)
		if err != nil {
			t.Fatal(err)
		}
		withinLimits(t, "digest", m)
		total := render.EmbedsSize(m.Embeds)
		if total > 6000 {
			t.Errorf("%s: %d characters across embeds", c.lang, total)
		}
		t.Logf("%s: %d characters across embeds", c.lang, total)
		all := text(&Response{Message: m})
		if !strings.Contains(all, c.ending) {
			t.Errorf("%s: no line says the rest is attached:\n%s", c.lang, all)
		}
		var full string
		for _, f := range m.Files {
			if strings.HasSuffix(f.Name, ".txt") {
				full = string(f.Data)
			}
		}
		// The attachment has everything: the last space, event and animator.
		for _, want := range []string{"Tiers-lieu de la vallée de la Drôme numéro 24", "Atelier **réparation** de _vélos_ #39", "Animatrice numéro 29", "Comptabilité **associative**"} {
			if !strings.Contains(full, want) {
				t.Errorf("%s: full digest lacks %q", c.lang, want)
			}
		}
		if strings.Contains(full, "<t:") {
			t.Errorf("%s: raw timestamps in the text file", c.lang)
		}
	}
}

func TestMoreLinePlural(t *testing.T) {
	for _, c := range []struct {
		lang Lang
		n    int
		want string
	}{
		{FR, 1, "…et 1 autre lieu — liste complète en pièce jointe"},
		{FR, 7, "…et 7 autres lieux — liste complète en pièce jointe"},
		{EN, 1, "…and 1 more space — full list attached"},
		{EN, 7, "…and 7 more spaces — full list attached"},
	} {
		if got := more(c.lang, "spaces", listAttached)(c.n); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

func TestSkillListWithMarkdownHeavyNames(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	// Ten names that escaping doubles: the "most offered" field came to
	// 1,189 characters, over the 1,024 of a field, and Discord refused it.
	for i := 0; i < 10; i++ {
		name := fmt.Sprintf("%c_*#_*#_*#_*#_*#_*#_*#_*#_*#_*#_*#_*#_*#_*#_*#_*#_*#_*#", 'a'+i)
		res := h.do(alice, "c", "skill offer", "skill", name)
		mustContain(t, text(res), "You offer")
	}
	res := h.do(bob, "c", "skill list")
	withinLimits(t, "/skill list", res.Message)
	mustContain(t, text(res), "more skill", "full list attached")
	if len(res.Files) != 1 || !strings.Contains(string(res.Files[0].Data), "j_*#_*#") {
		t.Errorf("full list not attached unescaped: %+v", res.Files)
	}
}

func TestRefusalWithManySuggestionsFits(t *testing.T) {
	h := newHarness(t)
	for i := 0; i < 30; i++ {
		name := fmt.Sprintf("Espace **partagé** _numéro_ %02d de la vallée longue", i)
		mustContain(t, text(h.do(coord, "c-admin", "space add", "name", name, "town", "Saint-Jean-en-Royans")), "added")
	}
	res := h.do(alice, "c", "whoshere", "space", "zzz")
	withinLimits(t, "refusal", res.Message)
	// 15 names at most, and as many as fit in 1,200 characters.
	mustContain(t, res.Content, "more spaces")
	if strings.Count(res.Content, "Saint-Jean-en-Royans") > 15 {
		t.Errorf("more than 15 suggestions: %s", res.Content)
	}
}

func TestSafetyNetCutsAndWarns(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	ctx := context.Background()
	opts := make([]SelectOption, 30)
	for i := range opts {
		opts[i] = SelectOption{Label: strings.Repeat("é", 120), Value: fmt.Sprint(i)}
	}
	bad := Message{Content: strings.Repeat("x", 2500),
		Embeds:     []*discordgo.MessageEmbed{{Title: "t", Fields: []*discordgo.MessageEmbedField{{Name: "n", Value: strings.Repeat("v", 1100)}}}},
		Components: []Row{{Button(Primary, strings.Repeat("b", 90), "a")}, {{Select: true, CustomID: "s", Options: opts, MaxValues: 30}}}}
	got := fitMessage(ctx, log, "test", bad)
	withinLimits(t, "fixed message", got)
	if render.Len(got.Content) != 2000 || render.Len(got.Embeds[0].Fields[0].Value) != 1024 {
		t.Errorf("content %d, value %d", render.Len(got.Content), render.Len(got.Embeds[0].Fields[0].Value))
	}
	if sel := got.Components[1][0]; len(sel.Options) != 25 || sel.MaxValues != 25 || render.Len(sel.Options[0].Label) != 100 {
		t.Errorf("select %d options, max %d", len(sel.Options), sel.MaxValues)
	}
	if bad.Embeds[0].Fields[0].Value != strings.Repeat("v", 1100) {
		t.Error("the caller's embed was changed")
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "content 2500 > 2000") {
		t.Errorf("not logged as a bug: %s", logs.String())
	}
	logs.Reset()
	good := Message{Content: "ok", Embeds: []*discordgo.MessageEmbed{{Title: "t", Description: "d"}}, Components: []Row{{Button(Primary, "b", "a")}}}
	fitMessage(ctx, log, "test", good)
	if logs.Len() != 0 {
		t.Errorf("a good message logged: %s", logs.String())
	}
}

// /whoshere with 30 notes of 200 characters: what fits, then how many
// more, and the whole list attached.
func TestWhoshereManyNotes(t *testing.T) {
	h := newHarness(t)
	h.setupNetwork()
	long := strings.Repeat("é", 200)
	// 30 check-in notes of 200 characters would not fit one description.
	for i := 0; i < 30; i++ {
		u := User{ID: fmt.Sprintf("u-%02d", i), Name: fmt.Sprintf("Membre %02d", i)}
		h.do(u, "c-fab", "checkin", "note", long)
	}
	res := h.do(alice, "c-fab", "whoshere")
	withinLimits(t, "/whoshere", res.Message)
	mustContain(t, text(res), "more people — full list attached")
	if len(res.Files) != 1 || strings.Count(string(res.Files[0].Data), long) != 30 {
		t.Errorf("the full list is not attached")
	}
}
