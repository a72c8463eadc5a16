// Package db opens Minuit's SQLite database and applies each component's embedded,
// ordered migrations. It is the only place that knows connection settings.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

// DB holds two pools over one file: W has a single connection, so writers queue in
// Go instead of fighting over SQLite's lock, and R serves concurrent readers (WAL).
type DB struct {
	W    *sql.DB
	R    *sql.DB
	Path string
	// file is the file Open opened, so that CheckFile notices it deleted or replaced.
	file os.FileInfo
}

// Open opens (creating it with mode 0600 if needed) the database at path with WAL,
// synchronous=FULL, foreign keys and a busy timeout.
func Open(path string) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, &OpenError{Path: path, Err: err}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, &OpenError{Path: path, Err: err}
	}
	_ = f.Close()
	pragmas := []string{"journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)", "busy_timeout(10000)"}
	q := url.Values{}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	w, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, &OpenError{Path: path, Err: err}
	}
	w.SetMaxOpenConns(1)
	q.Set("_txlock", "deferred")
	q.Add("_pragma", "query_only(1)")
	r, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		_ = w.Close()
		return nil, &OpenError{Path: path, Err: err}
	}
	r.SetMaxOpenConns(4)
	d := &DB{W: w, R: r, Path: path}
	if err := w.Ping(); err != nil {
		_ = d.Close()
		return nil, &OpenError{Path: path, Err: err}
	}
	if d.file, err = os.Stat(path); err != nil {
		_ = d.Close()
		return nil, &OpenError{Path: path, Err: err}
	}
	os.SameFile(d.file, d.file) // on Windows, reads the file's id now rather than at the first CheckFile
	if _, err := w.Exec(`CREATE TABLE IF NOT EXISTS migrations (
		component TEXT NOT NULL,
		version INTEGER NOT NULL,
		name TEXT NOT NULL,
		applied_at TEXT NOT NULL,
		PRIMARY KEY (component, version)
	) STRICT`); err != nil {
		_ = d.Close()
		return nil, &OpenError{Path: path, Err: fmt.Errorf("create migrations table: %w", err)}
	}
	return d, nil
}

// Close closes both pools.
func (d *DB) Close() error {
	return errors.Join(d.R.Close(), d.W.Close())
}

// InTx runs fn in one write transaction and commits it, or rolls back when fn fails.
func InTx(ctx context.Context, w *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("db: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("db: commit: %w", err)
	}
	return nil
}
