//go:build darwin || linux || freebsd || openbsd || netbsd || dragonfly

package app

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// On these systems the login entry is a file at autostartPath holding
// autostartEntry(args).

func writeAutostart(args []string) error {
	p, err := autostartPath()
	if err != nil {
		return err
	}
	return writeFileAtomic(p, autostartEntry(args))
}

func removeAutostart() error {
	p, err := autostartPath()
	if err != nil {
		return err
	}
	return removeFile(p)
}

// writeFileAtomic writes a login entry under a temporary name, then renames it, so
// the desktop never reads half a file.
func writeFileAtomic(p, content string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

// removeFile removes a login entry; one already gone is fine.
func removeFile(p string) error {
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
