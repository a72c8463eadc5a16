package manifest

import (
	"errors"
	"os"
	"runtime/debug"
	"testing"
	"time"
)

func TestTheRepositorysFyneAppTomlParses(t *testing.T) {
	b, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "Minuit" || a.ID == "" || a.Icon == "" {
		t.Errorf("parsed %+v", a)
	}
	if _, err := os.Stat("../../" + a.Icon); err != nil {
		t.Errorf("the manifest's icon: %v", err)
	}
}

func TestAVersionThatIsNotThreeNumbersIsRefused(t *testing.T) {
	for _, v := range []string{"", "1.2", "1.2.3.4", "v1.2.3", "1.2.3-beta", "01.2.3", "1.2.300000", "1.2.3\n"} {
		_, err := Parse([]byte("[Details]\nName = \"M\"\nID = \"a.b\"\nVersion = \"" + v + "\"\n"))
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("version %q: err %v, want ErrInvalid", v, err)
		}
	}
	for _, doc := range []string{
		"[Details]\nName = \"M\"\nVersion = \"1.0.0\"\n",                          // no ID
		"[Details]\nName = \"M\"\nID = \"a\"\nVersion = \"1.0.0\"\nBuild = 70000", // build too large
		"[Details\nName = \"M\"",                                                  // not TOML
	} {
		if _, err := Parse([]byte(doc)); !errors.Is(err, ErrInvalid) {
			t.Errorf("%q: err %v, want ErrInvalid", doc, err)
		}
	}
}

func TestNumbersAreTheVersionThenTheBuild(t *testing.T) {
	a, err := Parse([]byte("[Details]\nName = \"M\"\nID = \"a.b\"\nVersion = \"10.0.42\"\nBuild = 7\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Numbers(); got != [4]int{10, 0, 42, 7} {
		t.Errorf("Numbers() = %v", got)
	}
}

func TestDescribeTakesTheCommitFromTheBuildInfoAndPrefersAStampedDate(t *testing.T) {
	a := App{Name: "Minuit", ID: "a.b", Version: "1.2.3", Build: 4}
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Settings: []debug.BuildSetting{
		{Key: "GOOS", Value: "windows"}, {Key: "GOARCH", Value: "amd64"},
		{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-11-29T14:52:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	b := Describe(a, bi, "")
	if b.Version != "1.2.3" || b.Build != 4 || b.OS != "windows" || b.Arch != "amd64" || b.Go != "go1.26.8" {
		t.Errorf("Describe = %+v", b)
	}
	if !b.Date.Equal(time.Date(2026, 11, 29, 14, 52, 0, 0, time.UTC)) || b.ShortCommit() != "0123456789ab+" {
		t.Errorf("date %v commit %q", b.Date, b.ShortCommit())
	}
	if b := Describe(a, bi, "2026-12-01T08:00:00+01:00"); !b.Date.Equal(time.Date(2026, 12, 1, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("stamped date: %v", b.Date)
	}
	if b := Describe(a, nil, "garbage"); b.Commit != "" || !b.Date.IsZero() || b.ShortCommit() != "" {
		t.Errorf("without build info: %+v", b)
	}
}
