package db

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"testing/fstest"
)

func TestOpenCreatesTheDatabaseReadableOnlyByItsOwner(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "minuit.db")
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode = %v, want 0600", fi.Mode().Perm())
	}
	var mode string
	if err := d.W.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q (%v), want wal", mode, err)
	}
	var sync int
	if err := d.W.QueryRow(`PRAGMA synchronous`).Scan(&sync); err != nil || sync != 2 {
		t.Fatalf("synchronous = %d (%v), want 2 (FULL)", sync, err)
	}
	if _, err := d.R.Exec(`CREATE TABLE nope (x INTEGER)`); err == nil {
		t.Fatal("the read pool accepted a write")
	}
}

func TestMigrateAppliesEachFileOnceInOrder(t *testing.T) {
	d, err := Open(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	fsys := fstest.MapFS{
		"m/0001_a.sql": {Data: []byte(`CREATE TABLE a (x INTEGER) STRICT;`)},
		"m/0002_b.sql": {Data: []byte(`INSERT INTO a VALUES (1);`)},
	}
	for range 2 {
		if err := d.Migrate(t.Context(), "test", fsys, "m"); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := d.R.QueryRow(`SELECT count(*) FROM a`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("rows = %d (%v), want 1: a migration ran twice", n, err)
	}
}

func TestMigrateRefusesADatabaseFromANewerMinuitAndLeavesItUntouched(t *testing.T) {
	d, err := Open(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	newer := fstest.MapFS{
		"m/0001_a.sql": {Data: []byte(`CREATE TABLE a (x INTEGER) STRICT;`)},
		"m/0002_b.sql": {Data: []byte(`CREATE TABLE b (x INTEGER) STRICT;`)},
	}
	if err := d.Migrate(t.Context(), "test", newer, "m"); err != nil {
		t.Fatal(err)
	}
	oldest := fstest.MapFS{"m/0001_a.sql": newer["m/0001_a.sql"]}
	err = d.Migrate(t.Context(), "test", oldest, "m")
	if !errors.Is(err, ErrTooNew) {
		t.Fatalf("err = %v, want ErrTooNew", err)
	}
	var n int
	if err := d.R.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name IN ('a', 'b')`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("tables = %d (%v), want both still there", n, err)
	}
}
