package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"

	"minuit/contacts"
	"minuit/internal/db"
)

// The data folder holds two databases: dbFile (plans, history, settings, the
// sandbox) and contactsFile (contacts, groups, consent). Two files, so that a long
// import of contacts never holds the lock the sender needs to send on time; see
// internal/db/split.go. A backup is one file holding both.
const (
	contactsFile = "contacts.db"
	contactsPart = "contacts" // the contacts' component name in the migrations table
	moveLockFile = "move.lock"
)

// contactsTables names the tables the contacts' migrations create, read from a
// freshly migrated scratch database in dir.
func contactsTables(ctx context.Context, dir string) (map[string]bool, error) {
	f, err := os.CreateTemp(dir, ".minuit-schema-*.db")
	if err != nil {
		return nil, fmt.Errorf("app: read the contacts' schema: %w", err)
	}
	path := f.Name()
	_ = f.Close()
	defer func() {
		for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
			_ = os.Remove(p)
		}
	}()
	d, err := db.Open(path)
	if err != nil {
		return nil, err
	}
	_, err = contacts.Open(ctx, d, time.Now)
	if err = errors.Join(err, d.Close()); err != nil {
		return nil, err
	}
	return db.Tables(ctx, path)
}

// moveContacts gives a data folder written by an earlier Minuit (contacts inside
// dbFile, open as d) its own contactsFile: the contacts' tables are copied out
// whole, then dropped from dbFile. It costs one query of d's schema when there is
// nothing to move. It is idempotent and safe to interrupt: contactsFile appears
// complete or not at all (written aside, then renamed), and the drop runs whenever
// contactsFile exists and dbFile still has the tables. Processes starting together
// take turns on a lock file.
func moveContacts(ctx context.Context, dir string, d *db.DB) error {
	have, err := d.Tables(ctx)
	if err != nil || !have["contacts"] {
		return err // nothing to move
	}
	fl := flock.New(filepath.Join(dir, moveLockFile))
	if err := fl.Lock(); err != nil {
		return fmt.Errorf("app: lock the data folder to move the contacts: %w", err)
	}
	defer fl.Unlock()
	if have, err = d.Tables(ctx); err != nil || !have["contacts"] {
		return err // another process moved them meanwhile
	}
	own, err := contactsTables(ctx, dir)
	if err != nil {
		return err
	}
	dst := filepath.Join(dir, contactsFile)
	if _, err := os.Stat(dst); errors.Is(err, fs.ErrNotExist) {
		if err := db.Extract(ctx, d.Path, dst, own, contactsPart); err != nil {
			return &MoveError{Dir: dir, Err: err}
		}
	}
	if err := db.DropComponent(ctx, d.Path, own, contactsPart); err != nil {
		return &MoveError{Dir: dir, Err: err}
	}
	return nil
}

// MoveError: the contacts of an earlier Minuit's database could not be moved to
// their own file. Nothing was lost: the old database still holds them.
type MoveError struct {
	Dir string
	Err error
}

func (e *MoveError) Error() string {
	return fmt.Sprintf("Minuit could not move your contacts to their own file in %s (%v); nothing was lost. "+
		"Check that the disk has room and the folder is writable, then start Minuit again", e.Dir, e.Err)
}

// Sentence implements usererr.Sentencer.
func (e *MoveError) Sentence() string { return e.Error() }
func (e *MoveError) Unwrap() error    { return e.Err }
