package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// soak sends o.soak mixed interactions, o.concurrency in flight (a closed
// loop: the bot is never asked more than it can answer, so what grows is
// the bot's state, not a queue), and samples the bot's memory every
// o.soakEvery interactions: resident memory from /proc/PID/status, the Go
// heap from heap(). A leak shows as a curve that keeps rising after warm-up.
func soak(ctx context.Context, stdout io.Writer, d *driver, w *workload, o options, pid int, heap func() (inuse, sys float64)) error {
	every := max(o.soakEvery, 1)
	status := fmt.Sprintf("/proc/%d/status", pid)
	what := "mixed"
	if o.soakReads {
		what = "read-only"
	}
	fmt.Fprintf(stdout, "\n## Soak: %d %s interactions, %d in flight\n\n", o.soak, what, o.concurrency)
	fmt.Fprintln(stdout, "| interactions | elapsed s | per s | RSS MB | anonymous MB | Go heap MB | Go runtime total MB | database + WAL MB | unanswered |")
	fmt.Fprintln(stdout, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	var sent, lost atomic.Int64
	start := time.Now()
	sample := func(n int64) {
		el := time.Since(start).Seconds()
		inuse, sys := heap()
		fmt.Fprintf(stdout, "| %d | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %d |\n", n, el, float64(n)/max(el, 1e-9),
			kB(procStatus(status, "VmRSS")), kB(procStatus(status, "RssAnon")), inuse/1e6, sys/1e6, fileMB(o.dbPath, o.dbPath+"-wal"), lost.Load())
	}
	sample(0)
	var mu sync.Mutex // one sample at a time, in order
	next := int64(every)
	var wg sync.WaitGroup
	for range max(o.concurrency, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				n := sent.Add(1)
				if n > int64(o.soak) {
					return
				}
				kind := w.pick()
				for o.soakReads && (kind == "checkin" || kind == "rsvp click") {
					kind = w.pick()
				}
				id, done := d.send(kind, w.make(kind))
				select {
				case <-done:
				case <-time.After(5 * time.Second):
					d.pending.Delete(id)
					lost.Add(1)
				}
				mu.Lock()
				if n >= next {
					sample(n)
					next += int64(every)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// fileMB is the size of files together, in megabytes.
func fileMB(paths ...string) float64 {
	var n int64
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil {
			n += st.Size()
		}
	}
	return float64(n) / 1e6
}

// kB reads "123456 kB" as megabytes.
func kB(v string) float64 {
	f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
	if err != nil {
		return 0
	}
	return f / 1e3
}

// liveHeap is this process's Go heap marked live by the last GC, and all
// the memory the Go runtime holds from the system, in bytes.
func liveHeap() (float64, float64) {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/total:bytes"}}
	metrics.Read(s)
	var out [2]float64
	for i := range s {
		if s[i].Value.Kind() == metrics.KindUint64 {
			out[i] = float64(s[i].Value.Uint64())
		}
	}
	return out[0], out[1]
}

// scrapeHeap reads the bot process's Go heap in use, and all the memory its
// Go runtime holds from the system, from its /metrics. What the process has
// beyond that is SQLite's (modernc's C memory allocator) and the binary.
func scrapeHeap(ctx context.Context, addr string) (inuse, sys float64) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/metrics", nil)
	if err != nil {
		return 0, 0
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, 0
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "go_memstats_heap_inuse_bytes "); ok {
			inuse, _ = strconv.ParseFloat(v, 64)
		}
		if v, ok := strings.CutPrefix(sc.Text(), "go_memstats_sys_bytes "); ok {
			sys, _ = strconv.ParseFloat(v, 64)
		}
	}
	return inuse, sys
}

// freeAddr is a free 127.0.0.1 port for the bot's metrics listener.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
