package register

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/ruletest"
	"github.com/tierslieux/tiersbot/storage"
)

func TestCheckLink(t *testing.T) {
	for _, c := range []struct {
		member, code string
		ref          Reason
	}{
		{"u-alice", "", 0},
		{"", "ABCDEF", 0},
		{"", "", LinkHow},
		{"u-alice", "ABCDEF", LinkHow},
	} {
		if got := ReasonOf(CheckLink(c.member, c.code)); got != c.ref {
			t.Errorf("%q %q: %d, want %d", c.member, c.code, got, c.ref)
		}
	}
}

// TestNewCode: six letters of the alphabet without 0/O or 1/I, each byte
// taken modulo its 32 letters.
func TestNewCode(t *testing.T) {
	code, err := NewCode(bytes.NewReader([]byte{0, 1, 31, 32, 33, 255}))
	if err != nil || code != "AB9AB9" {
		t.Errorf("code %q (%v), want AB9AB9", code, err)
	}
	if _, err := NewCode(bytes.NewReader([]byte{1, 2, 3})); err == nil {
		t.Error("a code from 3 random bytes")
	}
}

func (n *net) link(e Entry, member, code string, at time.Time) (string, error) {
	var got string
	err := n.do(func(tx *storage.Tx) error {
		var err error
		got, err = Link(ctx, tx, e, member, code, at)
		return err
	})
	return got, err
}

func (n *net) linkedTo(e Entry) string {
	n.t.Helper()
	var got Entry
	n.read(func(tx *storage.Tx) error {
		var err error
		got, err = tx.RegisterEntry(ctx, g, e.ID)
		return err
	})
	return got.UserID
}

// TestLink: a keeper names the member, or confirms the member's claim
// code: in any case, once, for 7 days.
func TestLink(t *testing.T) {
	n := newNet(t)
	marie := n.entry("Marie Dupont", "", "")
	jean := n.entry("Jean Martin", "", "")
	if got, err := n.link(marie, "u-alice", "", now); err != nil || got != "u-alice" || n.linkedTo(marie) != "u-alice" {
		t.Errorf("named: %q (%v), linked to %q", got, err, n.linkedTo(marie))
	}
	claim := func(user, code string, at time.Time) {
		ruletest.Write(t, n.db, func(tx *storage.Tx) error { return Claim(ctx, tx, g, user, code, at) })
	}
	claim("u-bob", "KX7PQ2", now)
	if _, err := n.link(jean, "", "ZZZZZZ", now); ReasonOf(err) != BadCode {
		t.Errorf("an unknown code: %v", err)
	}
	if got, err := n.link(jean, "", "kx7pq2", now.Add(7*24*time.Hour-time.Second)); err != nil || got != "u-bob" || n.linkedTo(jean) != "u-bob" {
		t.Errorf("claimed, in lower case, on the last second: %q (%v)", got, err)
	}
	if _, err := n.link(jean, "", "KX7PQ2", now); ReasonOf(err) != BadCode {
		t.Errorf("a code used twice: %v", err)
	}
	claim("u-zoe", "ABCDEF", now)
	if _, err := n.link(jean, "", "ABCDEF", now.Add(7*24*time.Hour)); ReasonOf(err) != BadCode {
		t.Errorf("a code after 7 days: %v", err)
	}
	if n.linkedTo(jean) != "u-bob" {
		t.Errorf("a refused link changed the entry: %q", n.linkedTo(jean))
	}
	// A member is one entry: linking Alice to Jean's entry unlinks Marie's.
	if _, err := n.link(jean, "u-alice", "", now); err != nil || n.linkedTo(jean) != "u-alice" || n.linkedTo(marie) != "" {
		t.Errorf("relinked: jean %q marie %q (%v)", n.linkedTo(jean), n.linkedTo(marie), err)
	}
}

// TestEraseAndExport: the copy holds the entry; erased, it is no longer
// found nor erased twice; its presence still counts.
func TestEraseAndExport(t *testing.T) {
	n := newNet(t)
	e := ruletest.Event(t, n.db, n.ruche, "Atelier", time.Date(2026, 4, 14, 9, 0, 0, 0, paris), time.Hour, false)
	marie := n.entry("Marie Dupont", "Crest", "")
	ruletest.Write(t, n.db, func(tx *storage.Tx) error {
		_, err := RecordWalkins(ctx, tx, WalkinsInput{Event: e, Zone: paris, Lines: []Line{{"Marie Dupont", "Crest"}}, By: "u-anim", Now: now})
		return err
	})
	d := n.export(marie)
	if d.Entry["name"] != "Marie Dupont" || d.Entry["town"] != "Crest" || len(d.Attendance) != 1 {
		t.Errorf("export %+v", d)
	}
	erase := func(id int64) error {
		return n.do(func(tx *storage.Tx) error { return Erase(ctx, tx, g, id, now) })
	}
	if err := erase(marie.ID); err != nil {
		t.Fatal(err)
	}
	if err := erase(marie.ID); ReasonOf(err) != Unknown {
		t.Errorf("erased twice: %v", err)
	}
	if err := erase(99); ReasonOf(err) != Unknown {
		t.Errorf("no such entry: %v", err)
	}
	n.read(func(tx *storage.Tx) error {
		if _, err := Find(ctx, tx, g, "p1"); ReasonOf(err) != Unknown {
			t.Errorf("found after erasure: %v", err)
		}
		if c, err := tx.EventRegisterCount(ctx, e.ID); err != nil || c != 1 {
			t.Errorf("presence after erasure %d (%v), want 1", c, err)
		}
		return nil
	})
	if errors.Is(erase(marie.ID), storage.ErrNotFound) {
		t.Error("a storage error leaks instead of the refusal")
	}
}
