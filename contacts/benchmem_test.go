package contacts

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"minuit/internal/db"
)

var bigImport = flag.Bool("bigimport", false,
	"run TestBigImportStaysUnder100MB: import the generated 100,000-card file and print its peak memory")

// TestBigImportStaysUnder100MB measures the peak memory of the big import, which the
// benchmarks cannot isolate:
//
//	go test -run TestBigImportStaysUnder100MB -v ./contacts/ -bigimport
func TestBigImportStaysUnder100MB(t *testing.T) {
	if !*bigImport {
		t.Skip("run with -bigimport: it imports 100,000 cards")
	}
	path, size := bigVCard(t, t.TempDir(), bigCards)
	s, _ := newStore(t)
	runtime.GC()
	debug.FreeOSMemory()
	// reset the kernel's peak RSS of this process (Linux), so that it covers the import only
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	stop := peakHeap()
	start := time.Now()
	p, res, pt, ct := importFileTimed(t, s, path)
	elapsed := time.Since(start)
	heap := stop()
	rss := peakRSS()
	t.Logf("%d cards (%.1f MB) in %v (preview %v, commit %v): %+v", p.Cards, float64(size)/1e6, elapsed, pt, ct, res)
	t.Logf("peak Go heap %.1f MB, peak RSS %.1f MB (includes SQLite's page cache and the Go runtime)",
		float64(heap)/(1<<20), float64(rss)/(1<<20))
	if rss > 100<<20 || (rss == 0 && heap > 100<<20) {
		t.Errorf("peak memory over 100 MB")
	}
}

// peakRSS reads VmHWM from /proc/self/status (Linux), or 0.
func peakRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb uint64
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kb); err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// peakHeap samples the Go heap in use until stop is called and returns its maximum.
func peakHeap() (stop func() uint64) {
	var mu sync.Mutex
	var peak uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		mu.Lock()
		if v := m.HeapInuse + m.StackInuse; v > peak {
			peak = v
		}
		mu.Unlock()
	}
	go func() {
		defer close(finished)
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		sample()
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

var big struct {
	once sync.Once
	dir  string
	s    *Store
	err  error
}

// bigStore imports the generated 100,000-card file once per test binary, into a
// folder TestMain removes.
func bigStore(b *testing.B) *Store {
	big.once.Do(func() {
		if big.dir, big.err = os.MkdirTemp("", "minuit-contacts-bench-"); big.err != nil {
			return
		}
		path, _ := bigVCard(b, big.dir, bigCards)
		d, err := db.Open(filepath.Join(big.dir, "minuit.db"))
		if err != nil {
			big.err = err
			return
		}
		if big.s, big.err = Open(context.Background(), d, newClock().now); big.err != nil {
			return
		}
		big.s.SetDefaultRegion("FR")
		importFile(b, big.s, path)
	})
	if big.err != nil {
		b.Fatal(big.err)
	}
	return big.s
}

func TestMain(m *testing.M) {
	code := m.Run()
	if big.s != nil {
		_ = big.s.d.Close()
	}
	if big.dir != "" {
		_ = os.RemoveAll(big.dir)
	}
	os.Exit(code)
}
