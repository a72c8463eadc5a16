//go:build linux || freebsd || openbsd || netbsd || dragonfly

package app

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// autostartPath is $XDG_CONFIG_HOME/autostart/minuit.desktop, by default under
// ~/.config.
func autostartPath() (string, error) {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(dir) { // the spec says to ignore a relative value
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "autostart", autostartFile), nil
}

// autostartEntry is the login entry's text.
func autostartEntry(args []string) string { return desktopEntry(args) }

// autostartEnabled reports whether the entry exists and is not switched off
// (Hidden=true, or X-GNOME-Autostart-enabled=false from the desktop's settings).
func autostartEnabled() (bool, error) {
	p, err := autostartPath()
	if err != nil {
		return false, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		switch strings.ReplaceAll(strings.TrimSpace(sc.Text()), " ", "") {
		case "Hidden=true", "X-GNOME-Autostart-enabled=false":
			return false, nil
		}
	}
	return true, sc.Err()
}
