package skills

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/storage"
)

func (n *net) ask(asker, offerer string, s Skill, at time.Time) (Asked, error) {
	var out Asked
	err := n.write(func(tx *storage.Tx) error {
		var err error
		out, err = Ask(ctx, tx, AskInput{GuildID: g, AskerID: asker, AskerName: "N-" + asker, AskerLang: "fr", SkillID: s.ID, OffererID: offerer, Now: at})
		return err
	})
	return out, err
}

func (n *net) answer(id int64, user string, accept bool, at time.Time) (Answered, error) {
	var out Answered
	err := n.write(func(tx *storage.Tx) error {
		var err error
		out, err = Answer(ctx, tx, AnswerInput{IntroID: id, UserID: user, Accept: accept, Now: at})
		return err
	})
	return out, err
}

// An asker makes at most 5 requests in any 24 hours, a sliding window that
// holds its first instant; refusals are not counted.
func TestAskLimitPer24Hours(t *testing.T) {
	n := newNet(t)
	var couture Skill
	for i := range 8 {
		couture = n.hold(fmt.Sprint("off", i), Offer, "Couture", "", "")
	}
	for _, c := range []struct {
		after   time.Duration
		to      int
		refused bool
	}{
		{0, 0, false},
		{time.Hour, 1, false},
		{2 * time.Hour, 2, false},
		{3 * time.Hour, 3, false},
		{20 * time.Hour, 4, false},             // the 5th
		{21 * time.Hour, 5, true},              // a 6th within 24 h
		{24*time.Hour - time.Second, 5, true},  // the first is not 24 h old yet
		{24 * time.Hour, 5, true},              // exactly 24 h: the window holds its start
		{24*time.Hour + time.Second, 5, false}, // past it: one free
		{24*time.Hour + time.Minute, 6, true},  // five in the last 24 h again
		{25*time.Hour + time.Second, 6, false}, // the second (1 h) has aged out
		{44 * time.Hour, 7, false},             // 2 h and 3 h gone too
	} {
		_, err := n.ask("bob", fmt.Sprint("off", c.to), couture, day0.Add(c.after))
		if c.refused != errors.Is(err, ErrIntroLimit) || (!c.refused && err != nil) {
			t.Errorf("at +%v to off%d: %v, want refused %v", c.after, c.to, err, c.refused)
		}
	}
}

// The refusals, in the order they are checked.
func TestAskRefusals(t *testing.T) {
	n := newNet(t)
	couture := n.hold("ann", Offer, "Couture", "", "")
	soudure := n.hold("ann", Offer, "Soudure", "", "")
	n.hold("shy", Offer, "Couture", "", "")
	n.hold("gone", Seek, "Couture", "", "") // seeks, does not offer
	n.member("ann", 0, day0)
	n.must(func(tx *storage.Tx) error {
		if _, err := tx.TouchMember(ctx, g, "shy", "N-shy", "fr", day0); err != nil {
			return err
		}
		return tx.SaveProfile(ctx, storage.Profile{GuildID: g, UserID: "shy", IntrosOff: true})
	})
	if _, err := n.ask("bob", "ann", couture, day0); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		asker, offerer string
		skill          Skill
		want           error
		name           string
	}{
		{"bob", "ann", Skill{ID: 999}, ErrNotYours, ""},
		{"ann", "ann", couture, ErrSelf, ""},
		{"bob", "gone", couture, ErrNoLongerOffers, ""},
		{"bob", "shy", couture, ErrIntrosOff, "N-shy"},
		{"bob", "ann", couture, ErrPending, "N-ann"},
		{"bob", "ann", soudure, ErrPending, "N-ann"}, // one request waiting between two people, whatever the skill
	} {
		got, err := n.ask(c.asker, c.offerer, c.skill, day0.Add(time.Minute))
		if !errors.Is(err, c.want) || got.OffererName != c.name {
			t.Errorf("%s asks %s for %d: %v naming %q, want %v naming %q", c.asker, c.offerer, c.skill.ID, err, got.OffererName, c.want, c.name)
		}
	}
}

// After a "no" the asker may not ask the same member again for 30 days
// (any skill); others may; after 30 days they may.
func TestAskPauseAfterDecline(t *testing.T) {
	n := newNet(t)
	couture := n.hold("ann", Offer, "Couture", "", "")
	soudure := n.hold("ann", Offer, "Soudure", "", "")
	asked, err := n.ask("bob", "ann", couture, day0)
	if err != nil {
		t.Fatal(err)
	}
	declined := day0.Add(time.Hour)
	if _, err := n.answer(asked.Intro.ID, "ann", false, declined); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		asker string
		skill Skill
		at    time.Time
		want  error
	}{
		{"bob", couture, declined.Add(time.Minute), ErrPaused},
		{"bob", soudure, declined.Add(DeclinePause - time.Second), ErrPaused},
		{"bob", soudure, declined.Add(DeclinePause), nil},
		{"carl", couture, declined.Add(time.Minute), nil},
	} {
		if _, err := n.ask(c.asker, "ann", c.skill, c.at); !errors.Is(err, c.want) || (c.want == nil && err != nil) {
			t.Errorf("%s for %s at decline+%v: %v, want %v", c.asker, c.skill.Display, c.at.Sub(declined), err, c.want)
		}
	}
}

// The request carries the note of the asker's own need and where they work.
func TestAskCarriesNeedAndPlace(t *testing.T) {
	n := newNet(t)
	couture := n.hold("ann", Offer, "Couture", "", "")
	n.hold("bob", Seek, "Couture", "", "un ourlet")
	n.hold("bob", Offer, "Couture", "", "pas celle-ci")
	n.hold("bob", Seek, "Soudure", "", "ni celle-là")
	n.member("bob", n.die.ID, day0)
	n.member("ann", 0, day0)
	got, err := n.ask("bob", "ann", couture, day0)
	if err != nil {
		t.Fatal(err)
	}
	want := Intro{ID: got.Intro.ID, GuildID: g, AskerID: "bob", OffererID: "ann", SkillID: couture.ID, Note: "un ourlet", Status: Pending}
	if got.Intro != want || got.AskerSpace != "Die" || got.OffererName != "N-ann" || got.Skill.Display != "Couture" || got.Intro.ID == 0 {
		t.Errorf("asked %+v, want %+v from Die", got, want)
	}
	got, err = n.ask("carl", "ann", couture, day0)
	if err != nil || got.Intro.Note != "" || got.AskerSpace != "" {
		t.Errorf("carl: %+v, %v; want no note, no place", got, err)
	}
}

// Only the offerer answers, once, in their network; the answer is dated.
func TestAnswer(t *testing.T) {
	n := newNet(t)
	couture := n.hold("ann", Offer, "Couture", "", "")
	asked, err := n.ask("bob", "ann", couture, day0)
	if err != nil {
		t.Fatal(err)
	}
	id := asked.Intro.ID
	for _, c := range []struct {
		id     int64
		user   string
		guild  string
		accept bool
		want   error
		status string
	}{
		{id + 1, "ann", "", true, ErrNotYours, ""},
		{id, "bob", "", true, ErrNotYours, ""},
		{id, "ann", "g-other", true, ErrNotYours, ""},
		{id, "ann", g, true, nil, Accepted},
		{id, "ann", "", false, ErrAnswered, ""},
	} {
		var got Answered
		err := n.write(func(tx *storage.Tx) error {
			var err error
			got, err = Answer(ctx, tx, AnswerInput{IntroID: c.id, UserID: c.user, GuildID: c.guild, Accept: c.accept, Now: day0.Add(time.Hour)})
			return err
		})
		if !errors.Is(err, c.want) || (c.want == nil && err != nil) || got.Intro.Status != c.status {
			t.Errorf("%+v: %v, %q", c, err, got.Intro.Status)
		}
	}
	var stored storage.Intro
	n.must(func(tx *storage.Tx) error {
		var err error
		stored, err = tx.IntroByID(ctx, id)
		return err
	})
	if stored.Status != Accepted || !stored.Answered.Equal(day0.Add(time.Hour)) {
		t.Errorf("stored %+v, want accepted at %v", stored, day0.Add(time.Hour))
	}
}

// Each side answers "did you meet?" for itself, on an accepted introduction only.
func TestMet(t *testing.T) {
	n := newNet(t)
	couture := n.hold("ann", Offer, "Couture", "", "")
	soudure := n.hold("ann", Offer, "Soudure", "", "")
	one, _ := n.ask("bob", "ann", couture, day0)
	pending, _ := n.ask("carl", "ann", soudure, day0)
	if _, err := n.answer(one.Intro.ID, "ann", true, day0); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		id    int64
		user  string
		asker bool
		want  error
	}{
		{one.Intro.ID, "ann", true, ErrNotYours},
		{one.Intro.ID, "bob", false, ErrNotYours},
		{pending.Intro.ID, "carl", true, ErrNotYours},
		{one.Intro.ID + 100, "bob", true, ErrNotYours},
		{one.Intro.ID, "bob", true, nil},
		{one.Intro.ID, "ann", false, nil},
	} {
		err := n.write(func(tx *storage.Tx) error { return Met(ctx, tx, c.id, c.user, c.asker, c.asker) })
		if !errors.Is(err, c.want) || (c.want == nil && err != nil) {
			t.Errorf("%+v: %v", c, err)
		}
	}
	var got storage.Intro
	n.must(func(tx *storage.Tx) error {
		var err error
		got, err = tx.IntroByID(ctx, one.Intro.ID)
		return err
	})
	if got.MetAsker == nil || !*got.MetAsker || got.MetOfferer == nil || *got.MetOfferer {
		t.Errorf("met: asker %v, offerer %v; want yes and no", got.MetAsker, got.MetOfferer)
	}
}

// Follow-ups go out a week after the acceptance, not for a forgotten side.
func TestFollowUps(t *testing.T) {
	n := newNet(t)
	couture := n.hold("ann", Offer, "Couture", "", "")
	a, _ := n.ask("bob", "ann", couture, day0)
	b, _ := n.ask(storage.ForgottenPrefix+"1", "ann", couture, day0)
	c, _ := n.ask("carl", "ann", couture, day0)
	anon := storage.AnonPrefix + "2"
	n.hold(anon, Offer, "Couture", "", "")
	d, _ := n.ask("bob", anon, couture, day0)
	n.answer(d.Intro.ID, anon, true, day0)
	n.answer(a.Intro.ID, "ann", true, day0)
	n.answer(b.Intro.ID, "ann", true, day0)
	n.answer(c.Intro.ID, "ann", true, day0.Add(time.Hour))
	for _, k := range []struct {
		at   time.Time
		want []int64
	}{
		{day0.Add(FollowUpAge - time.Second), nil},
		{day0.Add(FollowUpAge), []int64{a.Intro.ID}},
		{day0.Add(FollowUpAge + time.Hour), []int64{a.Intro.ID, c.Intro.ID}},
	} {
		var got []FollowUp
		n.must(func(tx *storage.Tx) error {
			var err error
			got, err = FollowUps(ctx, tx, k.at)
			return err
		})
		var ids []int64
		for _, f := range got {
			ids = append(ids, f.Intro.ID)
			if f.Skill.Display != "Couture" {
				t.Errorf("follow-up %d skill %q", f.Intro.ID, f.Skill.Display)
			}
		}
		if fmt.Sprint(ids) != fmt.Sprint(k.want) {
			t.Errorf("at +%v: %v, want %v", k.at.Sub(day0), ids, k.want)
		}
	}
}
