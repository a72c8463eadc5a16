package app

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"minuit/internal/manifest"
	"minuit/internal/usererr"
)

// Starting at login. The entry runs `minuit agent --data DIR` (the background
// sender with its tray: "start minimised") or `minuit window --data DIR` (the
// window, which starts the agent itself). Where it is written depends on the
// system: autostart_xdg.go (Linux, BSD), autostart_darwin.go, autostart_windows.go.
// The entries are built here, so that every system's format is tested everywhere.

const (
	autostartName   = "Minuit"                                        // Windows Run value
	autostartFile   = "minuit.desktop"                                // XDG autostart entry
	launchAgentFile = AppID + ".plist"                                // macOS LaunchAgent
	runKey          = `Software\Microsoft\Windows\CurrentVersion\Run` // under HKCU
)

var errAutostartUnsupported = usererr.Sayf("starting Minuit at login is not possible on this system")

// setAutostart adds (enabled) or removes the entry that starts the background
// sender, minimised to the tray, when the user logs in.
func setAutostart(enabled bool, exe string, dataDir string) error {
	return setAutostartMode(enabled, true, exe, dataDir)
}

// setAutostartMode is setAutostart; minimised false starts the window instead.
func setAutostartMode(enabled, minimised bool, exe, dataDir string) error {
	if !enabled {
		if err := removeAutostart(); err != nil {
			return fmt.Errorf("app: stop starting Minuit at login: %w", err)
		}
		return nil
	}
	args, err := autostartArgs(minimised, exe, dataDir)
	if err != nil {
		return err
	}
	if err := writeAutostart(args); errors.Is(err, errAutostartUnsupported) {
		return err
	} else if err != nil {
		return fmt.Errorf("app: start Minuit at login: %w", err)
	}
	return nil
}

// autostartArgs is the command line of the entry, with absolute paths (a login
// session does not start in the folder Minuit was run from).
func autostartArgs(minimised bool, exe, dataDir string) ([]string, error) {
	if exe == "" {
		return nil, errors.New("app: start Minuit at login: the program's location is unknown")
	}
	sub := "window"
	if minimised {
		sub = "agent"
	}
	absExe, err := filepath.Abs(exe)
	if err != nil {
		return nil, fmt.Errorf("app: start Minuit at login: %w", err)
	}
	absDir, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, fmt.Errorf("app: start Minuit at login: %w", err)
	}
	return []string{absExe, sub, "--data", absDir}, nil
}

// desktopEntry is an XDG autostart entry running args (Desktop Entry spec 1.5:
// every argument double-quoted, with ", `, $ and \ escaped inside the quotes, %
// doubled; then the value escaped as a string, which doubles \ again).
func desktopEntry(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		var b strings.Builder
		b.WriteByte('"')
		for _, r := range a {
			switch r {
			case '"', '`', '$', '\\':
				b.WriteByte('\\')
			case '%':
				b.WriteByte('%')
			}
			b.WriteRune(r)
		}
		b.WriteByte('"')
		quoted[i] = b.String()
	}
	exec := strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(strings.Join(quoted, " "))
	return "[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=Minuit\n" +
		"Comment=Sends your planned text messages\n" +
		"Exec=" + exec + "\n" +
		"Icon=" + manifest.IconName + "\n" + // the icon the packages install (hicolor)
		"Terminal=false\n" +
		"X-GNOME-Autostart-enabled=true\n"
}

// launchAgentPlist is a macOS LaunchAgent running args once at login.
func launchAgentPlist(args []string) string {
	esc := func(s string) string {
		var b bytes.Buffer
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">` + "\n")
	b.WriteString("<plist version=\"1.0\">\n<dict>\n")
	b.WriteString("\t<key>Label</key>\n\t<string>" + AppID + "</string>\n")
	b.WriteString("\t<key>ProgramArguments</key>\n\t<array>\n")
	for _, a := range args {
		b.WriteString("\t\t<string>" + esc(a) + "</string>\n")
	}
	b.WriteString("\t</array>\n\t<key>RunAtLoad</key>\n\t<true/>\n")
	b.WriteString("\t<key>ProcessType</key>\n\t<string>Interactive</string>\n")
	b.WriteString("</dict>\n</plist>\n")
	return b.String()
}

// windowsCommandLine quotes every argument as Windows' command-line parser
// (CommandLineToArgvW) reads it back: backslashes are doubled only before a quote.
func windowsCommandLine(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		var b strings.Builder
		b.WriteByte('"')
		slashes := 0
		for _, r := range a {
			switch r {
			case '\\':
				slashes++
				continue
			case '"':
				b.WriteString(strings.Repeat(`\`, 2*slashes+1))
			default:
				b.WriteString(strings.Repeat(`\`, slashes))
			}
			slashes = 0
			b.WriteRune(r)
		}
		b.WriteString(strings.Repeat(`\`, 2*slashes))
		b.WriteByte('"')
		out[i] = b.String()
	}
	return strings.Join(out, " ")
}
