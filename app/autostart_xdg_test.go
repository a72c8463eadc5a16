//go:build linux || freebsd || openbsd || netbsd || dragonfly

package app

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestEnablingAutostartWritesADesktopEntryThatRunsTheAgentAndDisablingRemovesIt(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	entry := filepath.Join(cfg, "autostart", "minuit.desktop")
	if on, err := autostartEnabled(); err != nil || on {
		t.Fatalf("before: enabled=%v err=%v", on, err)
	}
	if err := setAutostart(true, "/usr/local/bin/minuit", "/home/zoe/.config/minuit"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(entry)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/usr/local/bin/minuit", "agent", "--data", "/home/zoe/.config/minuit"}
	if got := execArgs(t, string(b)); !reflect.DeepEqual(got, want) {
		t.Fatalf("Exec runs %q, want %q", got, want)
	}
	for _, line := range []string{"[Desktop Entry]", "Type=Application", "Name=Minuit", "X-GNOME-Autostart-enabled=true"} {
		if !strings.Contains(string(b), line+"\n") {
			t.Fatalf("entry lacks %q:\n%s", line, b)
		}
	}
	if on, err := autostartEnabled(); err != nil || !on {
		t.Fatalf("after enabling: enabled=%v err=%v", on, err)
	}
	if err := setAutostart(false, "/usr/local/bin/minuit", "/home/zoe/.config/minuit"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(entry); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("entry still there after disabling: %v", err)
	}
	if on, err := autostartEnabled(); err != nil || on {
		t.Fatalf("after disabling: enabled=%v err=%v", on, err)
	}
	if err := setAutostart(false, "/usr/local/bin/minuit", "/d"); err != nil {
		t.Fatalf("disabling twice: %v", err)
	}
}

func TestAnAutostartEntryWithSpacesInItsPathsReadsBackWhole(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "my config")
	t.Setenv("XDG_CONFIG_HOME", cfg)
	want := []string{"/opt/My Apps/minuit", "window", "--data", "/home/zoé/Minuit data"}
	if err := setAutostartMode(true, false, want[0], want[3]); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(cfg, "autostart", "minuit.desktop"))
	if err != nil {
		t.Fatal(err)
	}
	if got := execArgs(t, string(b)); !reflect.DeepEqual(got, want) {
		t.Fatalf("Exec runs %q, want %q", got, want)
	}
	if !strings.Contains(string(b), `Exec="/opt/My Apps/minuit" "window" "--data" "/home/zoé/Minuit data"`+"\n") {
		t.Fatalf("Exec line not quoted:\n%s", b)
	}
}

func TestAnEntrySwitchedOffByTheDesktopIsNotEnabled(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	if err := setAutostart(true, "/usr/bin/minuit", "/d"); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(cfg, "autostart", "minuit.desktop")
	b, _ := os.ReadFile(p)
	off := strings.Replace(string(b), "X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false", 1)
	if err := os.WriteFile(p, []byte(off), 0o644); err != nil {
		t.Fatal(err)
	}
	if on, err := autostartEnabled(); err != nil || on {
		t.Fatalf("enabled=%v err=%v", on, err)
	}
}

func TestWithoutXDGConfigHomeTheEntryGoesUnderHomeConfig(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	p, err := autostartPath()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(home, ".config", "autostart", "minuit.desktop"); p != want {
		t.Fatalf("path %s, want %s", p, want)
	}
}
