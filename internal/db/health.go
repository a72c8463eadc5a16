package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"modernc.org/sqlite"

	"minuit/internal/usererr"
)

// What can go wrong with the database file itself, and how Minuit notices: SQLite
// failing to read or write it (Fault), the file deleted or replaced under an open
// handle (CheckFile), and damage inside it (QuickCheck, Verify, Damaged).

// SQLite's primary result codes that mean the file or the disk under it failed, as
// opposed to a statement that broke a rule (a constraint) or a bug.
const (
	codePerm     = 3  // SQLITE_PERM: access permission denied
	codeBusy     = 5  // SQLITE_BUSY: another process held the file past busy_timeout
	codeLocked   = 6  // SQLITE_LOCKED
	codeNoMem    = 7  // SQLITE_NOMEM
	codeReadOnly = 8  // SQLITE_READONLY: the file or its folder cannot be written
	codeIOErr    = 10 // SQLITE_IOERR: the disk failed a read or a write
	codeCorrupt  = 11 // SQLITE_CORRUPT: the file is damaged
	codeFull     = 13 // SQLITE_FULL: the disk is full
	codeCantOpen = 14 // SQLITE_CANTOPEN
	codeProtocol = 15 // SQLITE_PROTOCOL: a locking protocol error
	codeNotADB   = 26 // SQLITE_NOTADB: the file is not a database (damaged header)
)

// Fault returns the SQLite error inside err when the database file itself failed
// (disk full, read-only folder, I/O error, locked too long, damaged), nil when err
// is something else: a provider's answer, a rule, a bug.
func Fault(err error) error {
	var found error
	walk(err, func(code int, e error) bool {
		switch code {
		case codePerm, codeBusy, codeLocked, codeNoMem, codeReadOnly, codeIOErr, codeCorrupt, codeFull,
			codeCantOpen, codeProtocol, codeNotADB:
			found = e
			return true
		}
		return false
	})
	return found
}

// Damaged returns the SQLite error inside err that says the file is damaged
// (SQLITE_CORRUPT, SQLITE_NOTADB), or nil.
func Damaged(err error) error {
	var found error
	walk(err, func(code int, e error) bool {
		if code == codeCorrupt || code == codeNotADB {
			found = e
			return true
		}
		return false
	})
	return found
}

// walk calls match on every SQLite error in err's tree (errors.Join included) with
// its primary result code, until match returns true.
func walk(err error, match func(code int, e error) bool) bool {
	if err == nil {
		return false
	}
	if se, ok := err.(*sqlite.Error); ok && match(se.Code()&0xff, se) {
		return true
	}
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			if walk(e, match) {
				return true
			}
		}
	case interface{ Unwrap() error }:
		return walk(u.Unwrap(), match)
	}
	return false
}

// MovedError says the database file was deleted, or replaced by another file, while
// this process had it open: what it writes would go to a file nobody sees again.
type MovedError struct {
	Path    string
	Deleted bool // false: another file now has its name
}

func (e *MovedError) msg() usererr.Msg {
	if e.Deleted {
		return usererr.Msgf("the database %s was deleted while Minuit was using it; sending stopped, and nothing more is written to it. "+
			"Restore the latest backup from %s with `minuit restore FILE`, then start Minuit again", e.Path, backups(e.Path))
	}
	return usererr.Msgf("the database %s was replaced by another file while Minuit was using it; sending stopped, and nothing more is written to it. "+
		"Restore the latest backup from %s with `minuit restore FILE`, then start Minuit again", e.Path, backups(e.Path))
}

func (e *MovedError) Error() string { return e.msg().String() }

// Sentence implements usererr.Sentencer.
func (e *MovedError) Sentence() string { return e.Error() }

// Messages implements usererr.Messager.
func (e *MovedError) Messages() []usererr.Msg { return []usererr.Msg{e.msg()} }

// DamagedError says SQLite found the database file damaged. Minuit never sends from
// a damaged database.
type DamagedError struct {
	Path     string
	Problems []string // SQLite's own lines, as integrity_check prints them
}

func (e *DamagedError) msg() usererr.Msg {
	switch n := len(e.Problems) - 1; {
	case n < 0:
		return usererr.Msgf("the database %s is damaged (see `minuit check`); Minuit does not send from a damaged database. "+
			"Restore the latest backup from %s with `minuit restore FILE`, then start Minuit again", e.Path, backups(e.Path))
	case n == 0:
		return usererr.Msgf("the database %s is damaged (%s); Minuit does not send from a damaged database. "+
			"Restore the latest backup from %s with `minuit restore FILE`, then start Minuit again", e.Path, e.Problems[0], backups(e.Path))
	}
	return usererr.Msgf("the database %s is damaged (%s, and %d more problems: see `minuit check`); Minuit does not send from a damaged database. "+
		"Restore the latest backup from %s with `minuit restore FILE`, then start Minuit again",
		e.Path, e.Problems[0], len(e.Problems)-1, backups(e.Path))
}

func (e *DamagedError) Error() string { return e.msg().String() }

// Sentence implements usererr.Sentencer.
func (e *DamagedError) Sentence() string { return e.Error() }

// Messages implements usererr.Messager.
func (e *DamagedError) Messages() []usererr.Msg { return []usererr.Msg{e.msg()} }

// backups is the backups folder beside the database at path.
func backups(path string) string { return filepath.Join(filepath.Dir(path), "backups") }

// RestoreHint says how to put a backup in place of the database at path: backups
// are kept in the backups folder beside it.
func RestoreHint(path string) string {
	return fmt.Sprintf("Restore the latest backup from %s with `minuit restore FILE`, then start Minuit again",
		filepath.Join(filepath.Dir(path), "backups"))
}

// CheckFile reports whether the file at d.Path is still the one Open opened. It
// returns a *MovedError when it was deleted or replaced, the stat error when the
// path cannot be read, nil otherwise. It costs one stat, so the sender calls it
// before each pass.
func (d *DB) CheckFile() error {
	fi, err := os.Stat(d.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &MovedError{Path: d.Path, Deleted: true}
	case err != nil:
		return fmt.Errorf("db: look at %s: %w", d.Path, err)
	case d.file != nil && !os.SameFile(d.file, fi):
		return &MovedError{Path: d.Path}
	}
	return nil
}

// QuickCheck has SQLite verify the open database with PRAGMA quick_check (about a
// second at a million deliveries; unlike integrity_check it does not compare each
// index with its table). It returns a *DamagedError listing what SQLite found, or
// nil when the file is sound. The sender runs it before it starts.
func (d *DB) QuickCheck(ctx context.Context) error {
	return verify(ctx, d.R, d.Path, false)
}

// Verify runs PRAGMA integrity_check (full) or quick_check on the database at path
// without creating, migrating or writing it, even while another process sends from
// it. It returns a *DamagedError listing what SQLite found, or nil.
func Verify(ctx context.Context, path string, full bool) error {
	if _, err := os.Stat(path); err != nil {
		return &NoDatabaseError{Path: path, Err: err}
	}
	r, err := openReadOnly(path)
	if err != nil {
		return err
	}
	defer r.Close()
	return verify(ctx, r, path, full)
}

// NoDatabaseError says there is no database file to verify at Path.
type NoDatabaseError struct {
	Path string
	Err  error // the stat error
}

func (e *NoDatabaseError) Error() string { return e.msg().String() }
func (e *NoDatabaseError) msg() usererr.Msg {
	return usererr.Msgf("there is no database at %s", e.Path)
}

// Messages implements usererr.Messager.
func (e *NoDatabaseError) Messages() []usererr.Msg { return []usererr.Msg{e.msg()} }
func (e *NoDatabaseError) Unwrap() error           { return e.Err }

// maxProblems bounds what integrity_check lists; the first lines tell the story.
const maxProblems = 100

func verify(ctx context.Context, c *sql.DB, path string, full bool) error {
	pragma := "quick_check"
	if full {
		pragma = "integrity_check"
	}
	rows, err := c.QueryContext(ctx, fmt.Sprintf("PRAGMA %s(%d)", pragma, maxProblems))
	var problems []string
	if err == nil {
		for rows.Next() {
			var line string
			if err = rows.Scan(&line); err != nil {
				break
			}
			for _, l := range strings.Split(line, "\n") {
				// A row may hold several lines, under a "*** in database main ***" header.
				if l = strings.TrimSpace(l); l != "ok" && l != "" && !strings.HasPrefix(l, "*** ") {
					problems = append(problems, l)
				}
			}
		}
		if err == nil {
			err = rows.Err()
		}
		_ = rows.Close()
	}
	if d := Damaged(err); d != nil {
		// SQLite could not even walk the file.
		return &DamagedError{Path: path, Problems: append(problems, d.Error())}
	}
	if err != nil {
		return fmt.Errorf("db: check %s: %w", path, err)
	}
	if len(problems) > 0 {
		return &DamagedError{Path: path, Problems: problems}
	}
	return nil
}

// Sentence implements usererr.Sentencer.
func (e *NoDatabaseError) Sentence() string { return e.Error() }

// OpenError says the database could not be opened or prepared (a folder that is
// not writable, a full disk, a file that is not a database).
type OpenError struct {
	Path string
	Err  error
}

func (e *OpenError) Error() string { return "db: open " + e.Path + ": " + e.Err.Error() }

// Unwrap gives the cause to errors.Is and errors.As.
func (e *OpenError) Unwrap() error { return e.Err }

// Sentence implements usererr.Sentencer.
func (e *OpenError) Sentence() string { return e.msg().String() }

func (e *OpenError) msg() usererr.Msg {
	return usererr.Msgf("Minuit could not open its database %s (%v): check that the folder is yours and writable and that the disk has room.",
		e.Path, e.Err)
}

// Messages implements usererr.Messager.
func (e *OpenError) Messages() []usererr.Msg { return []usererr.Msg{e.msg()} }
