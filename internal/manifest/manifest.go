// Package manifest reads FyneApp.toml, the one source of Minuit's name, identifier,
// version and build number, and describes a binary's build: the version from the
// manifest, the commit and date from the Go toolchain's build information.
//
// The root package embeds FyneApp.toml and hands it to the app (`minuit version`);
// the packaging tool (internal/packager) reads the same file for the installers.
package manifest

import (
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/BurntSushi/toml"
)

// IconName is the icon's theme name on Linux (hicolor/<size>/apps/minuit.png) and
// the base name of the icon files in every package.
const IconName = "minuit"

// BinaryName is the program's file name without extension (minuit, minuit.exe).
const BinaryName = "minuit"

// App is what FyneApp.toml says about Minuit.
type App struct {
	Website string
	Name    string
	ID      string
	Version string // x.y.z
	Build   int    // increases with each release of a version
	Icon    string // path of the source icon, relative to the manifest
}

// file mirrors FyneApp.toml's layout.
type file struct {
	Website string
	Details struct {
		Icon    string
		Name    string
		ID      string
		Version string
		Build   int
	}
}

// ErrInvalid is wrapped by every error about the manifest's content.
var ErrInvalid = errors.New("manifest: invalid FyneApp.toml")

var semver = regexp.MustCompile(`^(0|[1-9][0-9]{0,4})\.(0|[1-9][0-9]{0,4})\.(0|[1-9][0-9]{0,4})$`)

// Parse reads FyneApp.toml. The version must be three numbers (x.y.z, each below
// 100000) because Windows' version resource and macOS's CFBundleShortVersionString
// take nothing else; the name and identifier must be set.
func Parse(b []byte) (App, error) {
	var f file
	if _, err := toml.Decode(string(b), &f); err != nil {
		return App{}, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	a := App{Website: f.Website, Name: f.Details.Name, ID: f.Details.ID, Version: f.Details.Version,
		Build: f.Details.Build, Icon: f.Details.Icon}
	switch {
	case !semver.MatchString(a.Version):
		return App{}, fmt.Errorf("%w: Version %q is not x.y.z", ErrInvalid, a.Version)
	case a.Name == "" || a.ID == "":
		return App{}, fmt.Errorf("%w: Name and ID are required", ErrInvalid)
	case a.Build < 0 || a.Build > 65535:
		return App{}, fmt.Errorf("%w: Build %d is not between 0 and 65535", ErrInvalid, a.Build)
	}
	return a, nil
}

// Numbers are the version's three numbers and the build number, as Windows'
// FILEVERSION wants them.
func (a App) Numbers() [4]int {
	var n [4]int
	m := semver.FindStringSubmatch(a.Version)
	for i := 1; i < len(m); i++ {
		n[i-1], _ = strconv.Atoi(m[i])
	}
	n[3] = a.Build
	return n
}

// Build describes one binary: what `minuit version` prints.
type Build struct {
	Version  string    `json:"version"`
	Build    int       `json:"build"`
	Commit   string    `json:"commit"`   // full VCS revision, "" when unknown
	Modified bool      `json:"modified"` // built from a work tree with changes not committed
	Date     time.Time `json:"date"`     // when the binary was built, else the commit's time; zero when unknown
	Go       string    `json:"go"`
	OS       string    `json:"os"`
	Arch     string    `json:"arch"`
}

// Describe combines the manifest with the toolchain's build information (nil when
// the binary has none) and a build date stamped at link time (RFC 3339, "" for none:
// the commit's time stands in).
func Describe(a App, bi *debug.BuildInfo, stamped string) Build {
	b := Build{Version: a.Version, Build: a.Build, Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH}
	if d, err := time.Parse(time.RFC3339, stamped); err == nil {
		b.Date = d.UTC()
	}
	if bi == nil {
		return b
	}
	b.Go = bi.GoVersion
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Commit = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		case "vcs.time":
			if d, err := time.Parse(time.RFC3339, s.Value); err == nil && b.Date.IsZero() {
				b.Date = d.UTC()
			}
		case "GOOS":
			b.OS = s.Value
		case "GOARCH":
			b.Arch = s.Value
		}
	}
	return b
}

// ShortCommit is the commit's first 12 characters, with "+" when the work tree had
// changes; "" when unknown.
func (b Build) ShortCommit() string {
	c := b.Commit
	if len(c) > 12 {
		c = c[:12]
	}
	if c != "" && b.Modified {
		c += "+"
	}
	return c
}
