package db

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// filled returns a closed database of about 2 MB: a table and an index on it.
func filled(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "minuit.db")
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.W.Exec(`CREATE TABLE deliveries (id INTEGER PRIMARY KEY, recipient TEXT NOT NULL, body TEXT NOT NULL) STRICT;
		CREATE UNIQUE INDEX deliveries_once ON deliveries (recipient);
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 8000)
		INSERT INTO deliveries (recipient, body) SELECT printf('+336%08d', i), printf('%0200d', i) FROM n;`)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// scribble writes 4 KB of random bytes into the middle of the file at path.
func scribble(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	junk := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range junk {
		junk[i] = byte(r.Uint32())
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(junk, fi.Size()/2/4096*4096); err != nil {
		t.Fatal(err)
	}
}

func TestQuickCheckAndVerifyFindRandomBytesWrittenIntoTheMiddleOfTheFile(t *testing.T) {
	path := filled(t)
	if err := Verify(t.Context(), path, true); err != nil {
		t.Fatalf("a sound database: %v", err)
	}
	scribble(t, path)
	for _, full := range []bool{false, true} {
		err := Verify(t.Context(), path, full)
		var damaged *DamagedError
		if !errors.As(err, &damaged) || len(damaged.Problems) == 0 {
			t.Fatalf("full=%v: %v, want a *DamagedError with problems", full, err)
		}
		msg := err.Error()
		if !strings.Contains(msg, "is damaged") || !strings.Contains(msg, filepath.Join(filepath.Dir(path), "backups")) ||
			!strings.Contains(msg, "minuit restore FILE") {
			t.Fatalf("full=%v: the sentence does not say how to restore: %s", full, msg)
		}
	}
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var damaged *DamagedError
	if err := d.QuickCheck(t.Context()); !errors.As(err, &damaged) {
		t.Fatalf("QuickCheck of the open database: %v, want a *DamagedError", err)
	}
}

func TestVerifyNeverCreatesAMissingDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "minuit.db")
	var none *NoDatabaseError
	if err := Verify(t.Context(), path, true); !errors.As(err, &none) || err.Error() != "there is no database at "+path {
		t.Fatalf("a missing database: %v, want a *NoDatabaseError", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Verify created %s", path)
	}
}

func TestCheckFileNoticesTheDatabaseDeletedOrReplaced(t *testing.T) {
	for _, replaced := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "minuit.db")
		d, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.CheckFile(); err != nil {
			t.Fatalf("the file it opened: %v", err)
		}
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
		if replaced {
			if err := os.WriteFile(path+".new", nil, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(path+".new", path); err != nil {
				t.Fatal(err)
			}
		}
		var moved *MovedError
		if err := d.CheckFile(); !errors.As(err, &moved) || moved.Deleted == replaced {
			t.Fatalf("replaced=%v: %v, want a *MovedError", replaced, err)
		}
		d.Close()
	}
}

func TestFaultTellsADiskThatFailsFromABrokenRule(t *testing.T) {
	d, err := Open(filepath.Join(t.TempDir(), "minuit.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.W.Exec(`CREATE TABLE a (x INTEGER PRIMARY KEY) STRICT; INSERT INTO a VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	_, dup := d.W.Exec(`INSERT INTO a VALUES (1)`)
	if dup == nil || Fault(fmt.Errorf("wrapped: %w", dup)) != nil {
		t.Fatalf("a UNIQUE violation (%v) counts as a database fault", dup)
	}
	if _, err := d.W.Exec(`PRAGMA query_only = 1`); err != nil {
		t.Fatal(err)
	}
	_, ro := d.W.Exec(`INSERT INTO a VALUES (2)`)
	if Fault(errors.Join(errors.New("the provider is down"), fmt.Errorf("db: commit: %w", ro))) == nil {
		t.Fatalf("a write refused by a read-only database (%v) is not a database fault", ro)
	}
	if Damaged(ro) != nil {
		t.Fatal("a read-only database counts as damaged")
	}
}

// BenchmarkQuickCheck times the sender's start-up check, and integrity_check, on
// the database named by $MINUIT_BENCH_DB, e.g. one seeded with
// `go run ./app/testdata/seed -data DIR -contacts 1 -messages 10 -history 1000000`.
func BenchmarkQuickCheck(b *testing.B) {
	path := os.Getenv("MINUIT_BENCH_DB")
	if path == "" {
		b.Skip("set MINUIT_BENCH_DB to a seeded minuit.db")
	}
	for _, full := range []bool{false, true} {
		b.Run(map[bool]string{false: "quick_check", true: "integrity_check"}[full], func(b *testing.B) {
			for b.Loop() {
				if err := Verify(b.Context(), path, full); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
