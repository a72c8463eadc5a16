package app

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/manifest"
	"minuit/internal/usererr"
)

// `minuit version` prints the version (FyneApp.toml's, the one source, embedded by
// the root package and handed over with SetManifest), the commit and the build date
// (the toolchain's VCS stamp; scripts/package.sh also stamps the build time with
// -ldflags "-X minuit/app.buildDate=…").

// manifestTOML is FyneApp.toml's content, set once by main before Main runs.
var manifestTOML []byte

// buildDate is the build time in RFC 3339, set at link time by scripts/package.sh;
// empty in a plain `go build`, where the commit's time stands in.
var buildDate string

// SetManifest hands Minuit the content of FyneApp.toml. The root package calls it
// before Main with the file it embeds.
func SetManifest(toml []byte) { manifestTOML = toml }

type versionOpts struct{ json *bool }

func init() {
	commands["version"] = command{func(fs *flag.FlagSet) any {
		return &versionOpts{json: fs.Bool("json", false, lang.L("print as one JSON object"))}
	}, nil}
	// A folder command, so that the data folder is neither opened nor created.
	folderCommands["version"] = func(_ context.Context, _ string, o any, args []string, stdout, _ io.Writer) error {
		if len(args) > 0 {
			return usererr.Say(usererr.NewMsg("version takes no arguments", nil))
		}
		b, err := currentBuild()
		if err != nil {
			return err
		}
		return writeVersion(stdout, b, *o.(*versionOpts).json)
	}
}

// currentBuild describes this binary.
func currentBuild() (manifest.Build, error) {
	a, err := manifest.Parse(manifestTOML)
	if err != nil {
		return manifest.Build{}, fmt.Errorf("%w: %w", usererr.Say(usererr.NewMsg("This copy of Minuit does not know its version (it was built without FyneApp.toml).", nil)), err)
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	return manifest.Describe(a, bi, buildDate), nil
}

// writeVersion prints b as three lines, or one JSON object.
func writeVersion(w io.Writer, b manifest.Build, asJSON bool) error {
	if asJSON {
		v := struct {
			manifest.Build
			Date *string `json:"date"` // RFC 3339, null when unknown
		}{Build: b}
		if !b.Date.IsZero() {
			d := b.Date.Format(time.RFC3339)
			v.Date = &d
		}
		return json.NewEncoder(w).Encode(v)
	}
	commit := lang.L("Commit: unknown (built outside a Git checkout)")
	if c := b.ShortCommit(); c != "" {
		commit = lang.L("Commit: {{.Commit}}", map[string]any{"Commit": c})
	}
	built := lang.L("Built: date unknown")
	if !b.Date.IsZero() {
		built = lang.L("Built: {{.Date}}", map[string]any{"Date": b.Date.Format("2006-01-02 15:04 UTC")})
	}
	_, err := fmt.Fprintf(w, "%s\n%s\n%s (%s %s/%s)\n",
		lang.L("Minuit {{.Version}} (build {{.Build}})", map[string]any{"Version": b.Version, "Build": b.Build}),
		commit, built, b.Go, b.OS, b.Arch)
	return err
}
