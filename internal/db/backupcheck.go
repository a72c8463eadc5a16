package db

import (
	"context"
	"errors"
	"os"
	"strings"

	"minuit/internal/usererr"
)

// CheckError says why a file cannot be restored; Problem is the sentence ("FILE
// is not a Minuit database"), Err the cause when SQLite gave one.
type CheckError struct {
	Path    string
	Problem usererr.Msg
	Err     error
}

// checkErr is a CheckError; format's first verb is the path.
func checkErr(path string, err error, format string, args ...any) *CheckError {
	return &CheckError{Path: path, Problem: usererr.Msgf(format, append([]any{path}, args...)...), Err: err}
}

func (e *CheckError) Error() string { return e.Problem.String() }
func (e *CheckError) Unwrap() error { return e.Err }

// Messages implements usererr.Messager.
func (e *CheckError) Messages() []usererr.Msg { return []usererr.Msg{e.Problem} }

// Check tells whether the file at path can be restored: it must be a SQLite
// database that passes PRAGMA integrity_check and holds Minuit's tables (the
// migrations table and deliveries). The file is only read; the error is a
// *CheckError.
func Check(ctx context.Context, path string) error {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return checkErr(path, err, "%s cannot be read")
	case !fi.Mode().IsRegular():
		return checkErr(path, nil, "%s is not a file")
	case fi.Size() == 0:
		return checkErr(path, nil, "%s is empty")
	}
	r, err := openReadOnly(path)
	if err != nil {
		return checkErr(path, err, "%s cannot be read")
	}
	defer r.Close()
	rows, err := r.QueryContext(ctx, `PRAGMA integrity_check(20)`)
	if err != nil {
		return checkErr(path, err, "%s is not a database Minuit can read")
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			_ = rows.Close()
			return checkErr(path, err, "%s is not a database Minuit can read")
		}
		for _, l := range strings.Split(line, "\n") { // under a "*** in database main ***" header
			if l = strings.TrimSpace(l); l != "ok" && l != "" && !strings.HasPrefix(l, "*** ") {
				problems = append(problems, l)
			}
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return checkErr(path, err, "%s is damaged (%v)", err)
	}
	if len(problems) > 0 {
		return checkErr(path, errors.New(strings.Join(problems, "; ")), "%s is damaged (%s)", problems[0])
	}
	for _, table := range []string{"migrations", "deliveries"} {
		var n int
		err := r.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`, table).Scan(&n)
		if err != nil {
			return checkErr(path, err, "%s is not a database Minuit can read")
		}
		if n == 0 {
			return checkErr(path, nil, "%s is not a Minuit database (it has no %s table)", table)
		}
	}
	return nil
}

// Sentence implements usererr.Sentencer.
func (e *CheckError) Sentence() string { return e.Error() }
