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
// spaces and one week of national activity (385,000 check-ins), generated
// once per run into a temporary file. TIERSBOT_BENCH_SCALE=small uses the
// small profile's size instead (10 spaces, 300 members: seconds to build, for
// a shared machine). TIERSBOT_BENCH_DB=FILE runs them on a dataset made by
// `go run ./loadtest --generate-only` instead: on a copy, since the
// check-in benchmark writes.

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
	err = db.Generate(ctx, storage.DatasetSpec{Scale: benchScale(), GuildID: benchGuild, Seed: 1, Now: benchNow, Fold: Fold, SkillKey: skillname.Key})
	return db, err
})

// benchScale is the generated network: a national week, or (TIERSBOT_BENCH_SCALE=small)
// the small profile's network over the same week.
func benchScale() storage.Scale {
	if os.Getenv("TIERSBOT_BENCH_SCALE") == "small" {
		return storage.Scale{Name: "bench-small", Spaces: 10, Members: 300, Checkins: 800, Events: 60, Skills: 600, RSVPs: 8, Days: 7, Register: 60, Walkins: 200, Projects: 30}
	}
	return storage.Scale{Name: "bench", Spaces: 3500, Members: 150_000, Checkins: 385_000, Events: 4000, Skills: 300_000, RSVPs: 12, Days: 7, Register: 2_300, Walkins: 7_700, Projects: 12_000}
}

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
	m := bb.rng.IntN(benchScale().Members)
	r := &Request{ID: fmt.Sprintf("bench-%d-%d", time.Now().UnixNano(), bb.seq), Kind: kind, GuildID: benchGuild,
		ChannelID: "chan-" + strconv.Itoa(bb.rng.IntN(benchScale().Spaces)), User: User{ID: storage.GenMember(m), Name: "Membre"}, Locale: "fr",
		Command: command, Options: map[string]string{}}
	for i := 0; i+1 < len(kv); i += 2 {
		r.Options[kv[i]] = kv[i+1]
	}
	return r
}

func (bb *bench) run(b *testing.B, mk func() *Request) {
	b.Helper()
	bb.loop(b, mk, false)
}

// loop runs mk's requests; with noRefusal, a refusal fails the benchmark
// (it would measure the refusal, not the work).
func (bb *bench) loop(b *testing.B, mk func() *Request, noRefusal bool) {
	b.Helper()
	var failed string
	refused := 0
	bb.app.obs = func(name, outcome string, _ time.Duration) {
		switch outcome {
		case "error":
			failed = name
		case "refused":
			refused++
		}
	}
	ctx := context.Background()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		bb.app.Handle(ctx, mk())
		n++
	}
	if failed != "" {
		b.Fatalf("%s failed", failed)
	}
	if noRefusal && refused > 0 {
		b.Fatalf("%d of %d requests were refused", refused, n)
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

// BenchmarkSkillFind: finds that find someone. The names are skills offered
// in the dataset, as a member would type them (their display spelling);
// typed prefixes were mostly refused as unknown (157 of 200 finds).
func BenchmarkSkillFind(b *testing.B) {
	bb := newBench(b)
	var names []string
	err := bb.db.Read(context.Background(), func(tx *storage.Tx) error {
		skills, err := tx.Skills(context.Background(), benchGuild, 0)
		for _, s := range skills {
			if s.Offers > 0 {
				names = append(names, s.Display)
			}
		}
		return err
	})
	if err != nil || len(names) == 0 {
		b.Fatalf("skills offered: %d, %v", len(names), err)
	}
	bb.loop(b, func() *Request { return bb.req(KindCommand, "skill find", "skill", names[bb.rng.IntN(len(names))]) }, true)
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
	if d.Total.Checkins < benchScale().Checkins/2 {
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
		if _, err := renderDigest(d, FR); err != nil {
			b.Fatal(err)
		}
	}
}
