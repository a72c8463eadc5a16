package db

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func openWith(t *testing.T, path string, stmts ...string) *DB {
	t.Helper()
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	for _, s := range stmts {
		if _, err := d.W.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return d
}

func count(t *testing.T, path, query string) int {
	t.Helper()
	r, err := openReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var n int
	if err := r.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// contactsLike is a component with a parent, a child with a foreign key, an
// index, a trigger and a contentless FTS5 table, as the contacts have.
var contactsLike = []string{
	`CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT`,
	`CREATE TABLE phones (person INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE, number TEXT NOT NULL) STRICT`,
	`CREATE INDEX phones_number ON phones (number)`,
	`CREATE TABLE log (what TEXT NOT NULL) STRICT`,
	`CREATE TRIGGER people_log AFTER INSERT ON people BEGIN INSERT INTO log VALUES ('added ' || new.name); END`,
	`CREATE VIRTUAL TABLE people_fts USING fts5(words, content = '', contentless_delete = 1, detail = none)`,
	`INSERT INTO people VALUES (1, 'Élodie Martin'), (2, 'Jean Dupont')`,
	`INSERT INTO phones VALUES (1, '+33612345678'), (2, '+33698765432')`,
	`INSERT INTO people_fts (rowid, words) SELECT id, name FROM people`,
	`INSERT INTO migrations VALUES ('people', 1, '0001_people.sql', '2026-01-01T00:00:00.000000Z')`,
}

func TestABackupOfTwoFilesSplitsBackIntoTheSameTwo(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	plans := openWith(t, filepath.Join(dir, "minuit.db"),
		`CREATE TABLE deliveries (id INTEGER PRIMARY KEY, state TEXT NOT NULL) STRICT`,
		`INSERT INTO deliveries VALUES (1, 'sent'), (2, 'scheduled'), (3, 'delivered')`,
		`INSERT INTO migrations VALUES ('scheduler', 1, '0001_init.sql', '2026-01-01T00:00:00.000000Z')`)
	people := openWith(t, filepath.Join(dir, "contacts.db"), contactsLike...)
	backup := filepath.Join(dir, "backup.db")
	if err := plans.BackupAll(ctx, backup, false, people); err != nil {
		t.Fatal(err)
	}
	if n := count(t, backup, `SELECT count(*) FROM deliveries`) + count(t, backup, `SELECT count(*) FROM phones`); n != 5 {
		t.Fatalf("the backup holds %d rows of deliveries and phones, want 5", n)
	}
	if n := count(t, backup, `SELECT count(*) FROM people_fts WHERE people_fts MATCH 'elodie'`); n != 1 {
		t.Fatalf("the backup's search finds %d for elodie, want 1", n)
	}
	if n := count(t, backup, `SELECT count(*) FROM migrations`); n != 2 {
		t.Fatalf("the backup has %d migrations rows, want both components' 2", n)
	}
	// The restore's split.
	own, err := Tables(ctx, filepath.Join(dir, "contacts.db"))
	if err != nil {
		t.Fatal(err)
	}
	split := filepath.Join(dir, "split-contacts.db")
	if err := Extract(ctx, backup, split, own, "people"); err != nil {
		t.Fatal(err)
	}
	if err := DropComponent(ctx, backup, own, "people"); err != nil {
		t.Fatal(err)
	}
	got, err := Tables(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !got["deliveries"] {
		t.Errorf("the plans' part has tables %v, want only deliveries", got)
	}
	if n := count(t, backup, `SELECT count(*) FROM migrations WHERE component = 'scheduler'`) +
		10*count(t, backup, `SELECT count(*) FROM migrations WHERE component = 'people'`); n != 1 {
		t.Errorf("the plans' part keeps the wrong migrations rows (%d)", n)
	}
	if got, err := Tables(ctx, split); err != nil || len(got) != len(own) {
		t.Errorf("the contacts' part has tables %v (%v), want %v", got, err, own)
	}
	if n := count(t, split, `SELECT count(*) FROM people_fts WHERE people_fts MATCH 'jean'`) +
		count(t, split, `SELECT count(*) FROM phones JOIN people ON people.id = phones.person`); n != 3 {
		t.Errorf("the contacts' part answers %d, want its search and its rows (3)", n)
	}
	if n := count(t, split, `SELECT count(*) FROM migrations WHERE component = 'people'`); n != 1 ||
		count(t, split, `SELECT count(*) FROM migrations`) != 1 {
		t.Errorf("the contacts' part keeps the wrong migrations rows")
	}
	if n := count(t, split, `SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'`); n != 0 {
		t.Errorf("the contacts' part has %d integrity problems", n)
	}
}

func TestMergingTwoDatabasesThatShareATableIsRefusedAndLeavesNoFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := openWith(t, filepath.Join(dir, "a.db"), `CREATE TABLE t (x INTEGER) STRICT`)
	b := openWith(t, filepath.Join(dir, "b.db"), `CREATE TABLE t (x INTEGER) STRICT`)
	dst := filepath.Join(dir, "backup.db")
	if err := a.BackupAll(ctx, dst, false, b); err == nil {
		t.Fatal("a merge of two tables t was accepted")
	}
	got, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range got { // a.db and b.db with their -wal and -shm only
		if b := filepath.Base(g); !strings.HasPrefix(b, "a.db") && !strings.HasPrefix(b, "b.db") {
			t.Errorf("left behind: %s", g)
		}
	}
}
