package contacts

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-vcard"
	"github.com/nyaruka/phonenumbers"

	"minuit/internal/db"
)

const bigCards = 100_000

var bigImport = flag.Bool("bigimport", false,
	"run TestBigImportStaysUnder100MB: import the generated 100,000-card file and print its peak memory")

// TestBigImportStaysUnder100MB measures the peak memory of the big import, which the
// benchmarks cannot isolate:
//
//	go test -run TestBigImportStaysUnder100MB -bigimport -v ./contacts/
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

// importFile runs Preview and Commit on a file, as `minuit import` does.
func importFile(tb testing.TB, s *Store, path string) (*Preview, Result) {
	p, res, _, _ := importFileTimed(tb, s, path)
	return p, res
}

func importFileTimed(tb testing.TB, s *Store, path string) (*Preview, Result, time.Duration, time.Duration) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	start := time.Now()
	p, err := s.Preview(context.Background(), f, ImportOptions{Region: "FR", Source: filepath.Base(path)})
	if err != nil {
		tb.Fatal(err)
	}
	mid := time.Now()
	res, err := s.Commit(context.Background(), p)
	if err != nil {
		tb.Fatal(err)
	}
	return p, res, mid.Sub(start), time.Since(mid)
}

// BenchmarkImport100kVCards imports the generated 100,000-card (~49 MB) file end to
// end into a fresh database: parse, E.164, duplicates, groups, search index, commit.
// Compare with BenchmarkImport100kReferenceLoop from the same run.
func BenchmarkImport100kVCards(b *testing.B) {
	path, size := bigVCard(b, b.TempDir(), bigCards)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	var peak uint64
	var previewTime, commitTime time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, _ := newStore(b)
		runtime.GC()
		stop := peakHeap()
		b.StartTimer()
		p, res, pt, ct := importFileTimed(b, s, path)
		b.StopTimer()
		previewTime += pt
		commitTime += ct
		peak = max(peak, stop())
		if res.New+res.Merged != bigCards || p.Cards != bigCards {
			b.Fatalf("imported %+v of %d cards", res, p.Cards)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(previewTime.Seconds()/float64(b.N), "preview-s/op")
	b.ReportMetric(commitTime.Seconds()/float64(b.N), "commit-s/op")
}

// BenchmarkImport100kReferenceLoop is the least an importer must do, on one
// goroutine: go-vcard decode, libphonenumber Parse + IsValidNumber + Format(E164) of
// every TEL, and an insert of contacts and phones in one transaction.
func BenchmarkImport100kReferenceLoop(b *testing.B) {
	path, size := bigVCard(b, b.TempDir(), bigCards)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d, err := db.Open(filepath.Join(b.TempDir(), fmt.Sprintf("ref-%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		_, err = d.W.Exec(`CREATE TABLE c (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;
			CREATE TABLE p (contact_id INTEGER NOT NULL REFERENCES c(id), e164 TEXT NOT NULL) STRICT`)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if n := referenceLoop(b, d, path); n != bigCards {
			b.Fatalf("reference loop read %d cards", n)
		}
		b.StopTimer()
		_ = d.Close()
		b.StartTimer()
	}
}

func referenceLoop(b *testing.B, d *db.DB, path string) int {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	n := 0
	err = db.InTx(context.Background(), d.W, func(tx *sql.Tx) error {
		insC, err := tx.Prepare(`INSERT INTO c (name) VALUES (?)`)
		if err != nil {
			return err
		}
		insP, err := tx.Prepare(`INSERT INTO p (contact_id, e164) VALUES (?, ?)`)
		if err != nil {
			return err
		}
		dec := vcard.NewDecoder(f)
		for {
			card, err := dec.Decode()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			n++
			r, err := insC.Exec(card.PreferredValue(vcard.FieldFormattedName))
			if err != nil {
				return err
			}
			id, _ := r.LastInsertId()
			for _, tel := range card.Values(vcard.FieldTelephone) {
				num, err := phonenumbers.Parse(tel, "FR")
				if err != nil || !phonenumbers.IsValidNumber(num) {
					continue
				}
				if _, err := insP.Exec(id, phonenumbers.Format(num, phonenumbers.E164)); err != nil {
					return err
				}
			}
		}
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkSearch100kContacts measures one search-box query over 100,000 contacts:
// a name prefix, a full name, a number prefix, a group filter, cycling.
func BenchmarkSearch100kContacts(b *testing.B) {
	path, _ := bigVCard(b, b.TempDir(), bigCards)
	s, _ := newStore(b)
	importFile(b, s, path)
	// what a shop owner types, one keystroke at a time, and the group filter
	queries := []Query{{Text: "é"}, {Text: "lef"}, {Text: "Chloé Durand"}, {Text: "06 12"}, {Text: "07 45 1"},
		{Text: "+3247"}, {Text: "mar"}, {Text: "du", Group: "VIP"}, {Text: "zoe mul"}, {Group: "Fidélité"},
		{Text: "0033 6"}, {Text: "b"}}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := queries[i%len(queries)]
		q.Limit = 50
		cs, err := s.List(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		if len(cs) == 0 {
			b.Fatalf("no result for %+v", q)
		}
	}
}

// BenchmarkImportCardWith3MBPhoto imports one card carrying a 3 MB folded base64
// photo (go-vcard alone takes about 43 s on it).
func BenchmarkImportCardWith3MBPhoto(b *testing.B) {
	data := photoCard(3 << 20)
	s, _ := newStore(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := preview(b, s, data, ImportOptions{Region: "FR"})
		if p.Cards != 1 {
			b.Fatalf("read %d cards", p.Cards)
		}
		if _, err := s.Commit(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
}
