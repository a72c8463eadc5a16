package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"

	"minuit/contacts"
	"minuit/internal/db"
	"minuit/internal/usererr"
	"minuit/scheduler"
)

// backupError is a backup or restore that was refused or failed; its message is
// the sentence the user reads.
type backupError struct {
	msg usererr.Msg
	err error
}

func (e *backupError) Error() string { return e.msg.String() }
func (e *backupError) Unwrap() error { return e.err }

// Messages implements usererr.Messager.
func (e *backupError) Messages() []usererr.Msg { return []usererr.Msg{e.msg} }

// Why a restore is refused before anything is read or changed.
var (
	errRestoreWhileSending = &backupError{msg: usererr.Msgf("Minuit is sending from this data folder: quit it (the tray's Quit, " +
		"or stop `minuit serve`), then restore again. Nothing was changed."), err: ErrAlreadyRunning}
	errRestoreWhileOpen = &backupError{msg: usererr.Msgf("a Minuit window is open on this data folder: close it, then restore again. " +
		"Nothing was changed."), err: errWindowOpen}
)

// restoreLayout stamps the name the replaced database is kept under.
const restoreLayout = "20060102-150405"

// restoreFrom replaces dataDir's database with the backup src and returns the path
// the previous database is kept under ("" when there was none). It holds the
// sender's and the window's locks throughout, so it is refused while either runs
// and neither can start meanwhile; src is checked (db.Check) and brought to this
// version's schema in a temporary copy before anything is replaced (db.Restore).
func restoreFrom(ctx context.Context, dataDir, src string, now time.Time) (string, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return "", fmt.Errorf("app: create data folder: %w", err)
	}
	for _, l := range []struct {
		file string
		busy error
	}{{senderLockFile, errRestoreWhileSending}, {windowLockFile, errRestoreWhileOpen}} {
		fl := flock.New(filepath.Join(dataDir, l.file))
		ok, err := fl.TryLock()
		if err != nil {
			return "", fmt.Errorf("app: lock the data folder: %w", err)
		}
		if !ok {
			return "", l.busy
		}
		defer fl.Unlock()
	}
	live := filepath.Join(dataDir, dbFile)
	stamp := ".before-restore-" + now.Format(restoreLayout)
	keepAs := live + stamp
	// The backup holds both databases (db.BackupAll): once checked and brought up to
	// date, its contacts' part goes in place first, then the rest (db.Restore).
	err := db.Restore(ctx, src, live, keepAs, func(ctx context.Context, staged string) error {
		if err := migrateStaged(ctx, staged); err != nil {
			return err
		}
		return splitContacts(ctx, dataDir, staged, stamp)
	})
	var ce *db.CheckError
	switch {
	case errors.As(err, &ce):
		return "", &backupError{msg: usererr.Msgf("%s. Nothing was changed.", ce.Problem), err: err}
	case errors.Is(err, db.ErrTooNew):
		return "", &backupError{msg: usererr.Msgf("%s was written by a newer version of Minuit: install that version to "+
			"restore it. Nothing was changed.", src), err: err}
	case err != nil:
		return "", err
	}
	if _, err := os.Lstat(keepAs); err != nil {
		return "", nil
	}
	return keepAs, nil
}

// Sentence implements usererr.Sentencer.
func (e *backupError) Sentence() string { return e.Error() }

// splitContacts moves the contacts' tables of the staged backup into the data
// folder's contactsFile (the current one kept with stamp appended) and drops them
// from staged.
func splitContacts(ctx context.Context, dataDir, staged, stamp string) error {
	own, err := contactsTables(ctx, dataDir)
	if err != nil {
		return err
	}
	part := staged + ".contacts"
	if err := db.Extract(ctx, staged, part, own, contactsPart); err != nil {
		return err
	}
	defer os.Remove(part) // a no-op once it is in place
	live := filepath.Join(dataDir, contactsFile)
	if err := db.Replace(part, live, live+stamp); err != nil {
		return err
	}
	return db.DropComponent(ctx, staged, own, contactsPart)
}

// migrateStaged brings a database about to be restored to this version's schema,
// refusing one written by a newer Minuit (db.ErrTooNew).
func migrateStaged(ctx context.Context, path string) error {
	d, err := db.Open(path)
	if err != nil {
		return err
	}
	if _, err = scheduler.Open(ctx, d, time.Now); err == nil {
		_, err = contacts.Open(ctx, d, time.Now)
	}
	return errors.Join(err, d.Close())
}
