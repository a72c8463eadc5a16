package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"minuit/internal/usererr"
)

// ExistsError says a copy was not written because its destination already exists.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string { return e.msg().String() }

func (e *ExistsError) msg() usererr.Msg { return usererr.Msgf("%s already exists", e.Path) }

// Messages implements usererr.Messager.
func (e *ExistsError) Messages() []usererr.Msg { return []usererr.Msg{e.msg()} }

// CopyError says a copy of the database could not be written to Dst; its message
// is the sentence to show (a full disk is said as such).
type CopyError struct {
	Dst string
	Err error
}

// Sentence implements usererr.Sentencer.
func (e *ExistsError) Sentence() string { return e.Error() }

func (e *CopyError) Error() string { return e.msg().String() }

func (e *CopyError) msg() usererr.Msg {
	switch {
	case DiskFull(e.Err):
		return usererr.Msgf("there is not enough room on the disk for a copy of the database in %s", filepath.Dir(e.Dst))
	case errors.Is(e.Err, context.Canceled):
		return usererr.Msgf("the copy of the database to %s was interrupted; nothing was written", e.Dst)
	}
	return usererr.Msgf("could not write a copy of the database to %s (%v)", e.Dst, e.Err)
}

// Messages implements usererr.Messager.
func (e *CopyError) Messages() []usererr.Msg { return []usererr.Msg{e.msg()} }

// Sentence implements usererr.Sentencer.
func (e *CopyError) Sentence() string { return e.Error() }
func (e *CopyError) Unwrap() error    { return e.Err }

// DiskFull reports whether err says the disk is full (SQLite's SQLITE_FULL or the
// system's ENOSPC).
func DiskFull(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL {
		return true
	}
	return errors.Is(err, syscall.ENOSPC)
}

// Backup writes a consistent copy of the database to dst while it stays in use:
// SQLite's VACUUM INTO reads one snapshot through its own read-only connection, so
// writers are never blocked and the copy holds every committed transaction up to
// that moment, compacted, in rollback-journal mode (one self-contained file). The
// copy is written to a temporary file beside dst (mode 0600), synced, then moved
// into place, so dst is either absent, its old self, or complete. An existing dst
// is replaced only when replace is set; otherwise the error is an *ExistsError.
func (d *DB) Backup(ctx context.Context, dst string, replace bool) error {
	return Copy(ctx, d.Path, dst, replace)
}

// Copy is Backup from the database file at src, which other processes may be
// writing.
func Copy(ctx context.Context, src, dst string, replace bool) error {
	return copyWith(ctx, src, dst, replace, func(string) error { return nil })
}

// errItself: a copy was asked onto the database (or its journal) itself.
var errItself = errors.New("that is the database itself")

// isDatabase reports whether path is the database file src or one of its sidecars.
func isDatabase(src, path string) bool {
	for _, name := range []string{src, src + "-wal", src + "-shm", src + "-journal"} {
		a, errA := os.Stat(name)
		b, errB := os.Stat(path)
		if errA == nil && errB == nil && os.SameFile(a, b) || filepath.Clean(name) == filepath.Clean(path) {
			return true
		}
	}
	return false
}

// linkNew gives tmp the name dst, failing with *ExistsError when dst appeared
// meanwhile. Where the file system has no hard links (FAT), it renames after a
// last look.
func linkNew(tmp, dst string) error {
	err := os.Link(tmp, dst)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return &ExistsError{Path: dst}
	}
	if _, serr := os.Lstat(dst); serr == nil {
		return &ExistsError{Path: dst}
	}
	return os.Rename(tmp, dst)
}

// snapshot copies the database at src into a new temporary file of dir (mode
// 0600), synced, and returns its path. The caller removes or renames it. Its
// errors carry no sentence of their own: callers wrap them.
func snapshot(ctx context.Context, src, dir string) (string, error) {
	f, err := os.CreateTemp(dir, ".minuit-copy-*.tmp")
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	_ = f.Close()
	ok := false
	defer func() {
		if !ok {
			_ = os.Remove(tmp)
			_ = os.Remove(tmp + "-journal")
		}
	}()
	r, err := openReadOnly(src)
	if err != nil {
		return "", err
	}
	defer r.Close()
	// VACUUM INTO accepts an empty existing file and keeps its mode (0600).
	if _, err := r.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return "", err
	}
	if err := syncFile(tmp); err != nil {
		return "", err
	}
	ok = true
	return tmp, nil
}

// openReadOnly opens path without creating it, for reading only.
func openReadOnly(path string) (*sql.DB, error) {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", "busy_timeout(10000)")
	r, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("db: cannot open %s (%w)", path, err)
	}
	r.SetMaxOpenConns(1)
	return r, nil
}

// syncFile flushes the file at path to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("db: cannot write %s to disk (%w)", path, err)
	}
	if err := errors.Join(f.Sync(), f.Close()); err != nil {
		return fmt.Errorf("db: cannot write %s to disk (%w)", path, err)
	}
	return nil
}

// syncDir flushes a folder's entries (a rename) to disk where the system allows
// it: Windows cannot open folders and some file systems refuse to sync one; the
// rename stands either way.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		_ = f.Close()
	}
}

// copyFile copies src to a new file dst (mode 0600) and syncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err = errors.Join(err, out.Sync(), out.Close()); err != nil {
		_ = os.Remove(dst)
	}
	return err
}
