package commands

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/tierslieux/tiersbot/commands/skillname"
	"github.com/tierslieux/tiersbot/storage"
)

// Benchmarks of the hot paths over a generated network. By default: 3,500
// spaces and one week of national activity (385,000 check-ins) in memory,
// generated once per run into a temporary file. TIERSBOT_BENCH_DB=FILE runs them on a
// dataset made by `go run ./loadtest --generate-only` instead.

const benchGuild = "500000000000000001"

var benchNow = time.Date(2026, 11, 23, 12, 0, 0, 0, paris)

var benchData = sync.OnceValues(func() (*storage.DB, error) {
	ctx := context.Background()
	if path := os.Getenv("TIERSBOT_BENCH_DB"); path != "" {
		return storage.Open(ctx, path)
	}
	// A file, like the bot's (WAL, synchronous=NORMAL), rebuilt at each run.
	path := filepath.Join(os.TempDir(), "tiersbot-bench-week.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	db, err := storage.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	week := storage.Scale{Name: "bench", Spaces: 3500, Members: 150_000, Checkins: 385_000, Events: 4000, Skills: 300_000, RSVPs: 12, Days: 7}
	err = db.Generate(ctx, storage.DatasetSpec{Scale: week, GuildID: benchGuild, Seed: 1, Now: benchNow, Fold: Fold, SkillKey: skillname.Key})
	return db, err
})

type bench struct {
	app *App
	db  *storage.DB
	rng *rand.Rand
	seq int
}

func newBench(b *testing.B) *bench {
	b.Helper()
	db, err := benchData()
	if err != nil {
		b.Fatal(err)
	}
	clock := benchNow
	return &bench{app: New(Config{DB: db, Clock: func() time.Time { return clock }}), db: db, rng: rand.New(rand.NewPCG(1, 2))}
}

func (bb *bench) req(kind Kind, command string, kv ...string) *Request {
	bb.seq++
	m := bb.rng.IntN(150_000)
	r := &Request{ID: fmt.Sprintf("bench-%d-%d", time.Now().UnixNano(), bb.seq), Kind: kind, GuildID: benchGuild,
		ChannelID: "chan-" + strconv.Itoa(bb.rng.IntN(3500)), User: User{ID: storage.GenMember(m), Name: "Membre"}, Locale: "fr",
		Command: command, Options: map[string]string{}}
	for i := 0; i+1 < len(kv); i += 2 {
		r.Options[kv[i]] = kv[i+1]
	}
	return r
}

func (bb *bench) run(b *testing.B, mk func() *Request) {
	b.Helper()
	var failed string
	bb.app.obs = func(name, outcome string, _ time.Duration) {
		if outcome == "error" {
			failed = name
		}
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		bb.app.Handle(ctx, mk())
	}
	if failed != "" {
		b.Fatalf("%s failed", failed)
	}
}

var typed = []string{"soud", "pyth", "cout", "impr", "comp", "jard", "angl", "velo", "go", "c++", "excel", "menuis", "photo", "graph"}

func BenchmarkCheckin(b *testing.B) {
	bb := newBench(b)
	bb.run(b, func() *Request { return bb.req(KindCommand, "checkin") })
}

func BenchmarkWhoshere(b *testing.B) {
	bb := newBench(b)
	bb.run(b, func() *Request { return bb.req(KindCommand, "whoshere") })
}

// autocomplete benchmarks suggestions for option of command, typed from words.
func (bb *bench) autocomplete(b *testing.B, command, option string, words []string) {
	bb.run(b, func() *Request {
		r := bb.req(KindAutocomplete, command, option, words[bb.rng.IntN(len(words))])
		r.Focused = option
		return r
	})
}

func BenchmarkAutocompleteSpace(b *testing.B) {
	newBench(b).autocomplete(b, "whoshere", "space", []string{"la", "fab", "crest", "ruche die", "usine", "atel"})
}

func BenchmarkAutocompleteSkill(b *testing.B) {
	newBench(b).autocomplete(b, "skill find", "skill", typed)
}

func BenchmarkAutocompleteEvent(b *testing.B) {
	newBench(b).autocomplete(b, "event info", "event", []string{"rep", "atel", "cv", "hack", "caf"})
}

func BenchmarkSkillFind(b *testing.B) {
	bb := newBench(b)
	bb.run(b, func() *Request { return bb.req(KindCommand, "skill find", "skill", typed[bb.rng.IntN(len(typed))]) })
}

func BenchmarkEventList(b *testing.B) {
	bb := newBench(b)
	bb.run(b, func() *Request { return bb.req(KindCommand, "event list") })
}

// BenchmarkEventICS: the network's calendar (up to 1,000 events of the year).
func BenchmarkEventICS(b *testing.B) {
	bb := newBench(b)
	bb.run(b, func() *Request { return bb.req(KindCommand, "event ics") })
}

func benchDigest(b *testing.B) (Digest, *storage.DB) {
	db, err := benchData()
	if err != nil {
		b.Fatal(err)
	}
	return digestOf(b, db, benchGuild, weekStart(benchNow.AddDate(0, 0, -7), paris)), db
}

// BenchmarkDigestCompute: the week's figures for the whole network.
func BenchmarkDigestCompute(b *testing.B) {
	d, _ := benchDigest(b)
	if d.Total.Checkins < 1000 {
		b.Fatalf("the benchmark week has %d check-ins", d.Total.Checkins)
	}
	b.ReportAllocs()
	for b.Loop() {
		benchDigest(b)
	}
}

// BenchmarkDigestRender: the embed and its PNG chart.
func BenchmarkDigestRender(b *testing.B) {
	d, _ := benchDigest(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.render(FR); err != nil {
			b.Fatal(err)
		}
	}
}
