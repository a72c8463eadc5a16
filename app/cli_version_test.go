package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"minuit/internal/manifest"
)

// withManifest hands the app b as main does, for the test's duration.
func withManifest(t *testing.T, b []byte) {
	t.Helper()
	old := manifestTOML
	SetManifest(b)
	t.Cleanup(func() { SetManifest(old) })
}

func repoManifest(t *testing.T) ([]byte, manifest.App) {
	t.Helper()
	b, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := manifest.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return b, a
}

func TestVersionPrintsFyneAppTomlsVersionWithoutTouchingTheDataFolder(t *testing.T) {
	b, a := repoManifest(t)
	withManifest(t, b)
	dir := filepath.Join(t.TempDir(), "never-created")
	out, errs, code := runMinuit(t, dir, "version")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || lines[0] != "Minuit "+a.Version+" (build "+strconv.Itoa(a.Build)+")" {
		t.Errorf("output %q", out)
	}
	if !strings.HasPrefix(lines[1], "Commit: ") || !strings.HasPrefix(lines[2], "Built: ") {
		t.Errorf("output %q", out)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("version created or touched the data folder: %v", err)
	}
}

func TestVersionJSONIsOneObjectWithTheManifestsVersion(t *testing.T) {
	b, a := repoManifest(t)
	withManifest(t, b)
	out, _, code := runMinuit(t, t.TempDir(), "version", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var got manifest.Build
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%q: %v", out, err)
	}
	if got.Version != a.Version || got.Build != a.Build || got.Go == "" || got.OS == "" {
		t.Errorf("got %+v", got)
	}
}

func TestVersionSaysWhenTheBinaryDoesNotKnowIt(t *testing.T) {
	withManifest(t, nil)
	out, errs, code := runMinuit(t, t.TempDir(), "version")
	if code != 1 || out != "" || !strings.Contains(errs, "does not know its version") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	b, _ := repoManifest(t)
	withManifest(t, b)
	if _, errs, code := runMinuit(t, t.TempDir(), "version", "extra"); code != 1 || !strings.Contains(errs, "no arguments") {
		t.Errorf("an argument: exit %d, stderr %q", code, errs)
	}
}

func TestVersionPrintsTheCommitAndTheStampedDate(t *testing.T) {
	var b strings.Builder
	err := writeVersion(&b, manifest.Build{Version: "1.2.3", Build: 4, Commit: "0123456789abcdef", Modified: true,
		Date: time.Date(2026, 12, 1, 7, 5, 0, 0, time.UTC), Go: "go1.26.8", OS: "windows", Arch: "amd64"}, false)
	if err != nil {
		t.Fatal(err)
	}
	want := "Minuit 1.2.3 (build 4)\nCommit: 0123456789ab+\nBuilt: 2026-12-01 07:05 UTC (go1.26.8 windows/amd64)\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
