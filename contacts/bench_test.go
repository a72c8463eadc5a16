package contacts

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-vcard"
	"github.com/nyaruka/phonenumbers"

	"minuit/internal/db"
)

const bigCards = 100_000

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

// BenchmarkImport100kAgainstReference alternates the reference loop and the import
// on the same file, so that both see the same machine load, and reports the ratio
// import/reference (the goal is at most 1).
func BenchmarkImport100kAgainstReference(b *testing.B) {
	path, _ := bigVCard(b, b.TempDir(), bigCards)
	b.ResetTimer()
	var ref, imp time.Duration
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
		s, _ := newStore(b)
		runtime.GC()
		b.StartTimer()
		start := time.Now()
		referenceLoop(b, d, path)
		ref += time.Since(start)
		runtime.GC()
		start = time.Now()
		importFile(b, s, path)
		imp += time.Since(start)
		b.StopTimer()
		_ = d.Close()
		b.StartTimer()
	}
	b.ReportMetric(ref.Seconds()/float64(b.N), "reference-s/op")
	b.ReportMetric(imp.Seconds()/float64(b.N), "import-s/op")
	b.ReportMetric(imp.Seconds()/ref.Seconds(), "import/reference")
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

// BenchmarkSearch100kContacts measures search-box queries over 100,000 contacts:
// name prefixes as they are typed, full names, numbers typed in several ways and a
// group filter, one sub-benchmark each. The contacts are imported once for all runs.
func BenchmarkSearch100kContacts(b *testing.B) {
	s := bigStore(b)
	queries := []Query{{Text: "b"}, {Text: "é"}, {Text: "lef"}, {Text: "mar"}, {Text: "Chloé Durand"},
		{Text: "zoe mul"}, {Text: "06 12"}, {Text: "07 45 1"}, {Text: "+3247"}, {Text: "0033 6"},
		{Text: "du", Group: "VIP"}, {Group: "Fidélité"}, {},
		// no match, though thousands of names start the same way
		{Text: "lefebvre"}, {Text: "durandal"}, {Text: "chloé duranx"}}
	ctx := context.Background()
	for qi, q := range queries {
		wantSome := qi < len(queries)-3
		name := q.Text
		if q.Group != "" {
			name += " in " + q.Group
		}
		if name == "" {
			name = "all by name"
		}
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			q.Limit = 50
			for i := 0; i < b.N; i++ {
				cs, err := s.List(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				if wantSome && len(cs) == 0 {
					b.Fatalf("no result for %+v", q)
				}
			}
		})
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
