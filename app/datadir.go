package app

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"minuit/internal/usererr"
)

// privateFiles name the data folder's files that only the user may read or write:
// the databases with their journals and shared memory, the control ports' files with
// their secrets, the locks, provider secrets kept without a keychain, and logs
// (they hold phone numbers). Other files there are left as they are.
var privateFiles = []string{"*.db", "*.db-*", "*.port", "*.lock", "*.secret", "*.log"}

// PrivateFolderError says the data folder could not be made private to the user.
type PrivateFolderError struct {
	Dir string
	Err error
}

func (e *PrivateFolderError) Error() string { return e.msg().String() }

func (e *PrivateFolderError) msg() usererr.Msg {
	return usererr.Msgf("the data folder %s could not be made private to you (%v); choose a folder you own with --data", e.Dir, e.Err)
}

// Messages implements usererr.Messager.
func (e *PrivateFolderError) Messages() []usererr.Msg { return []usererr.Msg{e.msg()} }

// Sentence implements usererr.Sentencer.
func (e *PrivateFolderError) Sentence() string { return e.Error() }

func (e *PrivateFolderError) Unwrap() error { return e.Err }

// securePrivate creates the data folder 0700, or tightens an existing one to 0700
// and its private files to 0600 (never loosening: a 0400 file stays 0400), before
// anything opens them. Symbolic links inside are not followed. On Windows, modes
// mean nothing: the folder under %AppData% inherits the user profile's ACL.
func securePrivate(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("app: create data folder: %w", err)
	}
	if runtime.GOOS == "windows" {
		return nil
	}
	fi, err := os.Stat(dir)
	if err == nil {
		err = tighten(dir, fi.Mode(), 0o700)
	}
	if err != nil {
		return &PrivateFolderError{Dir: dir, Err: err}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return &PrivateFolderError{Dir: dir, Err: err}
	}
	for _, en := range entries {
		if !en.Type().IsRegular() || !isPrivateFile(en.Name()) {
			continue
		}
		fi, err := en.Info()
		if err == nil {
			err = tighten(filepath.Join(dir, en.Name()), fi.Mode(), 0o600)
		}
		if err != nil && !os.IsNotExist(err) { // a file may go between ReadDir and Chmod
			return &PrivateFolderError{Dir: dir, Err: err}
		}
	}
	return nil
}

// tighten removes from path's mode the permission bits that most does not allow.
func tighten(path string, mode fs.FileMode, most fs.FileMode) error {
	if mode.Perm()&^most == 0 {
		return nil
	}
	return os.Chmod(path, mode.Perm()&most)
}

func isPrivateFile(name string) bool {
	for _, p := range privateFiles {
		if ok, _ := filepath.Match(p, name); ok {
			return true
		}
	}
	return false
}
