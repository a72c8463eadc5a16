// Command packager writes what Minuit's installers hold besides the binary, all
// from FyneApp.toml (the one source of name, identifier and version) and its icon,
// and checks what the build made. scripts/package.sh and scripts/package-macos.sh
// call it; it runs anywhere Go does, so the macOS bundle's Info.plist is written and
// checked on Linux too.
//
//	go run ./internal/packager [-manifest FyneApp.toml] COMMAND ARGS
//
//	version              print the version (x.y.z)
//	version4             print the version and build (x.y.z.b, as Windows wants it)
//	website              print the website
//	linux DIR            DIR/share/applications/minuit.desktop and the hicolor icons
//	windows DIR          DIR/minuit.ico, DIR/minuit.exe.manifest and DIR/minuit.rc for windres
//	macos APP            APP/Contents/Info.plist and APP/Contents/Resources/minuit.icns
//	check-exe FILE       FILE has the icon, manifest and version resources of this version
//	check-plist FILE     FILE is a valid Info.plist for this version
package main

import (
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"

	"minuit/internal/manifest"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "packager:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("packager", flag.ContinueOnError)
	path := fs.String("manifest", "FyneApp.toml", "the app's manifest")
	if err := fs.Parse(args); err != nil {
		return err
	}
	b, err := os.ReadFile(*path)
	if err != nil {
		return err
	}
	app, err := manifest.Parse(b)
	if err != nil {
		return err
	}
	if fs.NArg() < 1 {
		return errors.New("give a command: version, linux, windows, macos, check-exe or check-plist")
	}
	cmd, rest := fs.Arg(0), fs.Args()[1:]
	switch cmd {
	case "version":
		fmt.Println(app.Version)
		return nil
	case "version4":
		n := app.Numbers()
		fmt.Printf("%d.%d.%d.%d\n", n[0], n[1], n[2], n[3])
		return nil
	case "website":
		fmt.Println(app.Website)
		return nil
	}
	if len(rest) != 1 {
		return fmt.Errorf("%s takes one path", cmd)
	}
	target := rest[0]
	switch cmd {
	case "check-exe":
		return checkExe(target, app)
	case "check-plist":
		f, err := os.ReadFile(target)
		if err != nil {
			return err
		}
		return checkPlist(f, app)
	}
	icon, err := loadIcon(filepath.Join(filepath.Dir(*path), app.Icon))
	if err != nil {
		return err
	}
	switch cmd {
	case "linux":
		return writeLinux(target, app, icon)
	case "windows":
		return writeWindows(target, app, icon)
	case "macos":
		return writeMacOS(target, app, icon)
	}
	return fmt.Errorf("unknown command %q", cmd)
}

// loadIcon reads the square PNG the manifest names, at least 512 pixels wide.
func loadIcon(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if b := img.Bounds(); b.Dx() != b.Dy() || b.Dx() < 512 {
		return nil, fmt.Errorf("%s: the icon must be square and at least 512 pixels wide, not %dx%d", path, b.Dx(), b.Dy())
	}
	return img, nil
}

// writeFile creates path's folder and writes data.
func writeFile(path string, data []byte, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, mode)
}
