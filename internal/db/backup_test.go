package db

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// minuitLike opens a database at path with the two tables Check looks for and
// n committed deliveries.
func minuitLike(t *testing.T, path string, n int) *DB {
	t.Helper()
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	if _, err := d.W.Exec(`CREATE TABLE IF NOT EXISTS deliveries (id INTEGER PRIMARY KEY, body TEXT)`); err != nil {
		t.Fatal(err)
	}
	addDeliveries(t, d, n)
	return d
}

func addDeliveries(t *testing.T, d *DB, n int) {
	t.Helper()
	_, err := d.W.Exec(`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?)
		INSERT INTO deliveries (body) SELECT 'hello ' || i FROM c`, n)
	if err != nil {
		t.Fatal(err)
	}
}

// countIn counts the deliveries in the database file at path.
func countIn(t *testing.T, path string) int {
	t.Helper()
	r, err := openReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var n int
	if err := r.QueryRow(`SELECT count(*) FROM deliveries`).Scan(&n); err != nil {
		t.Fatalf("count in %s: %v", path, err)
	}
	return n
}

func TestABackupTakenDuringAWriteHoldsWhatWasCommittedAndBlocksNoWriter(t *testing.T) {
	dir := t.TempDir()
	d := minuitLike(t, filepath.Join(dir, "minuit.db"), 3)
	ctx := t.Context()
	tx, err := d.W.BeginTx(ctx, nil) // holds the write lock while the backup runs
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`INSERT INTO deliveries (body) VALUES ('not yet')`); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "copy.db")
	if err := d.Backup(ctx, dst, false); err != nil {
		t.Fatalf("backup beside an open write transaction: %v", err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if n := countIn(t, dst); n != 3 {
		t.Fatalf("the copy holds %d deliveries, want the 3 committed before it", n)
	}
	if err := Check(ctx, dst); err != nil {
		t.Fatalf("the copy does not pass the check: %v", err)
	}
	fi, err := os.Stat(dst)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Fatalf("the copy's mode is %v, want 0600", fi.Mode().Perm())
	}
	assertOnly(t, dir, "minuit.db", "minuit.db-shm", "minuit.db-wal", "copy.db")
}

func TestABackupWhileAnotherConnectionKeepsWritingIsWhole(t *testing.T) {
	dir := t.TempDir()
	d := minuitLike(t, filepath.Join(dir, "minuit.db"), 200)
	stop, done := make(chan struct{}), make(chan int)
	go func() {
		n := 0
		for {
			select {
			case <-stop:
				done <- n
				return
			default:
			}
			if _, err := d.W.Exec(`INSERT INTO deliveries (body) VALUES ('during')`); err == nil {
				n++
			}
		}
	}()
	dst := filepath.Join(dir, "copy.db")
	err := d.Backup(t.Context(), dst, false)
	close(stop)
	written := <-done
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(t.Context(), dst); err != nil {
		t.Fatalf("a copy taken while %d rows were written fails the check: %v", written, err)
	}
	if n := countIn(t, dst); n < 200 {
		t.Fatalf("the copy holds %d deliveries, fewer than the 200 committed before it", n)
	}
}

func TestABackupNeverReplacesAFileUnlessAskedTo(t *testing.T) {
	dir := t.TempDir()
	d := minuitLike(t, filepath.Join(dir, "minuit.db"), 1)
	dst := filepath.Join(dir, "keep.db")
	if err := os.WriteFile(dst, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	var exists *ExistsError
	if err := d.Backup(t.Context(), dst, false); !errors.As(err, &exists) || exists.Path != dst {
		t.Fatalf("backup onto an existing file: %v, want an ExistsError", err)
	}
	if b, _ := os.ReadFile(dst); string(b) != "precious" {
		t.Fatal("the existing file was changed")
	}
	if err := d.Backup(t.Context(), dst, true); err != nil {
		t.Fatal(err)
	}
	if n := countIn(t, dst); n != 1 {
		t.Fatalf("the replaced file holds %d deliveries, want 1", n)
	}
	assertOnly(t, dir, "minuit.db", "minuit.db-shm", "minuit.db-wal", "keep.db")
}

func TestABackupIsNeverWrittenOntoTheDatabaseItself(t *testing.T) {
	dir := t.TempDir()
	live := filepath.Join(dir, "minuit.db")
	d := minuitLike(t, live, 2)
	link := filepath.Join(dir, "alias.db")
	if err := os.Link(live, link); err != nil {
		t.Fatal(err)
	}
	for _, dst := range []string{live, live + "-wal", link, filepath.Join(dir, ".", "minuit.db")} {
		var ce *CopyError
		if err := d.Backup(t.Context(), dst, true); !errors.As(err, &ce) || !errors.Is(err, errItself) {
			t.Errorf("backup onto %s: %v, want a CopyError saying it is the database itself", dst, err)
		}
	}
	addDeliveries(t, d, 1)
	if n := countIn(t, live); n != 3 {
		t.Fatalf("the database holds %d deliveries, want 3", n)
	}
}

func TestABackupIntoAMissingFolderLeavesNothingBehind(t *testing.T) {
	dir := t.TempDir()
	d := minuitLike(t, filepath.Join(dir, "minuit.db"), 1)
	if err := d.Backup(t.Context(), filepath.Join(dir, "nope", "copy.db"), false); err == nil {
		t.Fatal("a backup into a missing folder succeeded")
	}
	assertOnly(t, dir, "minuit.db", "minuit.db-shm", "minuit.db-wal")
}

// assertOnly fails unless dir holds exactly names.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !want[e.Name()] {
			t.Errorf("unexpected file %s left in the folder", e.Name())
		}
		delete(want, e.Name())
	}
	for n := range want {
		t.Errorf("missing %s", n)
	}
}
