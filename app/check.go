package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/gofrs/flock"

	"minuit/internal/db"
	"minuit/internal/usererr"
)

// dbFile is the database's name in the data folder.
const dbFile = "minuit.db"

func init() {
	commands["check"] = command{noFlags, nil}
	folderCommands["check"] = runCheck
}

// runCheck: `minuit check` runs SQLite's integrity_check on the data folder's
// databases (dbFile, then contactsFile) without opening them for Minuit (nothing is
// created, migrated or written, and a sender may run meanwhile). It prints "ok", or
// each problem SQLite found on its own line, then fails with the sentence that says
// how to restore.
func runCheck(ctx context.Context, dir string, _ any, _ []string, stdout, _ io.Writer) error {
	main := filepath.Join(dir, dbFile)
	for _, path := range []string{main, filepath.Join(dir, contactsFile)} {
		if path != main {
			if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
				if t, err := db.Tables(ctx, main); err == nil && t["contacts"] {
					continue // an earlier Minuit's folder: the contacts are still in dbFile
				}
			}
		}
		err := db.Verify(ctx, path, true)
		var damaged *db.DamagedError
		switch {
		case errors.As(err, &damaged):
			for _, p := range damaged.Problems {
				fmt.Fprintln(stdout, p)
			}
			return err
		case err != nil:
			return err
		}
	}
	fmt.Fprintln(stdout, "ok")
	return nil
}

// MissingDatabaseError: a command found no database in a data folder a sender is
// using, so the database was deleted or moved under it. No empty database is made
// beside the running sender.
type MissingDatabaseError struct{ Path string }

func (e *MissingDatabaseError) Error() string { return e.msg().String() }

func (e *MissingDatabaseError) msg() usererr.Msg {
	return usererr.Msgf("the database %s is missing while Minuit is sending from this folder: it was deleted or moved, "+
		"and no empty one was made in its place. Quit Minuit (the tray's Quit, or stop `minuit serve`). "+
		"Restore the latest backup from %s with `minuit restore FILE`, then start Minuit again",
		e.Path, filepath.Join(filepath.Dir(e.Path), "backups"))
}

// Messages implements usererr.Messager.
func (e *MissingDatabaseError) Messages() []usererr.Msg { return []usererr.Msg{e.msg()} }

// Sentence implements usererr.Sentencer.
func (e *MissingDatabaseError) Sentence() string { return e.Error() }

// refuseMissing returns a *MissingDatabaseError when dir's database does not exist
// but a sender holds dir's lock.
func refuseMissing(dir string) error {
	for _, name := range []string{dbFile, contactsFile} {
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) && senderHolds(dir) {
			return &MissingDatabaseError{Path: path}
		}
	}
	return nil
}

// senderHolds reports whether a running sender holds dir's lock. It only tests the
// lock: a shared lock on the file opened read-only, released at once (never created
// when missing). A sender starting in that instant would find the folder busy.
func senderHolds(dir string) bool {
	path := filepath.Join(dir, senderLockFile)
	if _, err := os.Stat(path); err != nil {
		return false
	}
	fl := flock.New(path, flock.SetFlag(os.O_RDONLY))
	free, err := fl.TryRLock()
	if err != nil {
		return false // the lock cannot be tested: let db.Open say what is wrong
	}
	if free {
		_ = fl.Unlock()
	}
	return !free
}
