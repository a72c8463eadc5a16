package contacts

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"minuit/internal/db"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newClock() *clock { return &clock{t: time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)} }

// newStore opens a store on a fresh SQLite file in the test's temporary folder.
func newStore(t testing.TB) (*Store, *clock) {
	t.Helper()
	d, err := db.Open(filepath.Join(t.TempDir(), "minuit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	c := newClock()
	s, err := Open(context.Background(), d, c.now)
	if err != nil {
		t.Fatal(err)
	}
	s.SetDefaultRegion("FR")
	return s, c
}

// vendorDir is ../shared/testdata/vcards relative to the repository root.
func vendorDir(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Skip("cannot locate the test file")
	}
	dir := filepath.Join(filepath.Dir(file), "..", "..", "shared", "testdata", "vcards")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("vendor vCard exports not found at %s: %v", dir, err)
	}
	return dir
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// importBytes previews and commits data, failing the test on error.
func importBytes(t testing.TB, s *Store, data []byte, opts ImportOptions) (*Preview, Result) {
	t.Helper()
	p, err := s.Preview(context.Background(), bytes.NewReader(data), opts)
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
	res, err := s.Commit(context.Background(), p)
	if err != nil {
		t.Fatalf("commit: %v", err)
	}
	return p, res
}

func preview(t testing.TB, s *Store, data []byte, opts ImportOptions) *Preview {
	t.Helper()
	p, err := s.Preview(context.Background(), bytes.NewReader(data), opts)
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p
}

func all(t testing.TB, s *Store) []Contact {
	t.Helper()
	var out []Contact
	if err := s.Each(context.Background(), func(c Contact) error {
		out = append(out, c)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func byName(t testing.TB, s *Store, name string) Contact {
	t.Helper()
	for _, c := range all(t, s) {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no contact named %q", name)
	return Contact{}
}

func previewText(t testing.TB, p *Preview) string {
	t.Helper()
	var b strings.Builder
	if err := WritePreview(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// vendorDirIfAny is vendorDir without skipping: "" when the folder is absent.
func vendorDirIfAny() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	dir := filepath.Join(filepath.Dir(file), "..", "..", "shared", "testdata", "vcards")
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	return dir
}

// parseForTest runs the reading half of Preview and returns the records.
func parseForTest(data []byte) ([]*record, error) {
	br, format, err := openSource(bytes.NewReader(data), 1<<20, FormatAuto)
	if err != nil {
		return nil, err
	}
	produce, _, err := newProducer(br, format, ImportOptions{Region: "FR"})
	if err != nil {
		return nil, err
	}
	var out []*record
	err = runPipeline(context.Background(), produce, "FR", func(rs []*record) error {
		out = append(out, rs...)
		return nil
	})
	return out, err
}
