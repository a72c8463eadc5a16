package db

import (
	"context"
	"errors"
	"os"
	"strings"
)

// CheckError says why a file cannot be restored; Problem is the sentence's end
// ("is not a Minuit database"), Err the cause when SQLite gave one.
type CheckError struct {
	Path, Problem string
	Err           error
}

func (e *CheckError) Error() string { return e.Path + " " + e.Problem }
func (e *CheckError) Unwrap() error { return e.Err }

// Check tells whether the file at path can be restored: it must be a SQLite
// database that passes PRAGMA integrity_check and holds Minuit's tables (the
// migrations table and deliveries). The file is only read; the error is a
// *CheckError.
func Check(ctx context.Context, path string) error {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return &CheckError{Path: path, Problem: "cannot be read", Err: err}
	case !fi.Mode().IsRegular():
		return &CheckError{Path: path, Problem: "is not a file"}
	case fi.Size() == 0:
		return &CheckError{Path: path, Problem: "is empty"}
	}
	r, err := openReadOnly(path)
	if err != nil {
		return &CheckError{Path: path, Problem: "cannot be read", Err: err}
	}
	defer r.Close()
	rows, err := r.QueryContext(ctx, `PRAGMA integrity_check(20)`)
	if err != nil {
		return &CheckError{Path: path, Problem: "is not a database Minuit can read", Err: err}
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			_ = rows.Close()
			return &CheckError{Path: path, Problem: "is not a database Minuit can read", Err: err}
		}
		for _, l := range strings.Split(line, "\n") { // under a "*** in database main ***" header
			if l = strings.TrimSpace(l); l != "ok" && l != "" && !strings.HasPrefix(l, "*** ") {
				problems = append(problems, l)
			}
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return &CheckError{Path: path, Problem: "is damaged (" + err.Error() + ")", Err: err}
	}
	if len(problems) > 0 {
		return &CheckError{Path: path, Problem: "is damaged (" + problems[0] + ")",
			Err: errors.New(strings.Join(problems, "; "))}
	}
	for _, table := range []string{"migrations", "deliveries"} {
		var n int
		err := r.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`, table).Scan(&n)
		if err != nil {
			return &CheckError{Path: path, Problem: "is not a database Minuit can read", Err: err}
		}
		if n == 0 {
			return &CheckError{Path: path, Problem: "is not a Minuit database (it has no " + table + " table)"}
		}
	}
	return nil
}

// Sentence implements usererr.Sentencer.
func (e *CheckError) Sentence() string { return e.Error() }
