package main

import (
	"fmt"
	"image"
	"path/filepath"
	"strings"

	"minuit/internal/manifest"
)

// desktopFile is the menu entry's file name (share/applications/minuit.desktop).
const desktopFile = manifest.BinaryName + ".desktop"

// desktopEntry is the menu entry (Desktop Entry Specification 1.4). Exec names the
// program on the PATH; install.sh replaces it with the installed absolute path.
// No StartupWMClass: GLFW takes the window's WM_CLASS from its first title, which
// names the provider ("Minuit — Sandbox"), so no fixed value would match.
func desktopEntry(a manifest.App) string {
	lines := []string{
		"[Desktop Entry]",
		"Type=Application",
		"Version=1.4",
		"Name=" + a.Name,
		"Name[fr]=" + a.Name,
		"GenericName=Text message scheduler",
		"GenericName[fr]=Planificateur de SMS",
		"Comment=Plan and send text messages to your customers",
		"Comment[fr]=Planifiez et envoyez des SMS à vos clients",
		"Keywords=SMS;text;message;schedule;birthday;campaign;",
		"Keywords[fr]=SMS;texto;message;planifier;anniversaire;campagne;",
		"Exec=" + manifest.BinaryName,
		"TryExec=" + manifest.BinaryName,
		"Icon=" + manifest.IconName,
		"Terminal=false",
		"Categories=Office;",
		"StartupNotify=true",
	}
	return strings.Join(lines, "\n") + "\n"
}

// writeLinux writes the menu entry and the hicolor icons under dir/share.
func writeLinux(dir string, a manifest.App, icon image.Image) error {
	share := filepath.Join(dir, "share")
	if err := writeFile(filepath.Join(share, "applications", desktopFile), []byte(desktopEntry(a)), 0o644); err != nil {
		return err
	}
	for _, s := range hicolorSizes {
		p, err := pngOf(scale(icon, s))
		if err != nil {
			return err
		}
		name := filepath.Join(share, "icons", "hicolor", fmt.Sprintf("%dx%d", s, s), "apps", manifest.IconName+".png")
		if err := writeFile(name, p, 0o644); err != nil {
			return err
		}
	}
	return nil
}
