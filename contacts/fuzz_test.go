package contacts

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"minuit/internal/phone"
)

// FuzzImport previews and commits arbitrary files, then previews them again: it must
// never panic or hang, a commit must succeed after a preview, and importing the same
// file twice must change nothing the second time. The seeds (run by go test) are the
// vendor exports and the fixtures.
//
//	go test -fuzz FuzzImport -fuzztime 2m ./contacts/
func FuzzImport(f *testing.F) {
	var seeds []string
	if dir := vendorDirIfAny(); dir != "" {
		vendor, _ := filepath.Glob(filepath.Join(dir, "*.vcf"))
		seeds = append(seeds, vendor...)
	}
	for _, pattern := range []string{"testdata/*.vcf", "testdata/*.csv"} {
		fixtures, _ := filepath.Glob(pattern)
		seeds = append(seeds, fixtures...)
	}
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("BEGIN:VCARD\nFN:a\nTEL:=\n=\nEND:VCARD\nBEGIN:VCARD\nBEGIN:VCARD\n"))
	f.Add([]byte("Name,Phone,Accepts SMS Marketing\nA,+33 6 12 34 56 78,yes\nB,+33612345678,no\n"))
	s, _ := newStore(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 256<<10 {
			t.Skip("larger than the fuzz budget")
		}
		opts := ImportOptions{Region: "FR", Source: "fuzz", MaxBytes: 1 << 20}
		p, err := s.Preview(ctx, bytes.NewReader(data), opts)
		if err != nil {
			if !isPlainImportError(err) {
				t.Fatalf("preview: %v", err)
			}
			return
		}
		if p.New+p.Updated+p.Unchanged+p.Merged+p.Skipped+p.GroupCards != p.Cards {
			t.Fatalf("counts do not add up: %+v", p)
		}
		var text bytes.Buffer
		if err := WritePreview(&text, p); err != nil {
			t.Fatal(err)
		}
		res, err := s.Commit(ctx, p)
		if err != nil {
			t.Fatalf("commit after preview: %v\n%s", err, text.String())
		}
		if res.New != p.New || res.Updated != p.Updated || res.Merged != p.Merged {
			t.Fatalf("commit %+v differs from preview %+v", res, p)
		}
		again, err := s.Preview(ctx, bytes.NewReader(data), opts)
		if err != nil {
			t.Fatalf("second preview: %v", err)
		}
		defer again.Close()
		if again.New != 0 || again.Updated != 0 {
			t.Fatalf("importing the same file again would change %d new, %d updated: %+v", again.New, again.Updated, again.Changes)
		}
	})
}

// isPlainImportError tells the refusals a user may see from a bug.
func isPlainImportError(err error) bool {
	if errors.Is(err, ErrTooLarge) {
		return true
	}
	msg := err.Error()
	for _, prefix := range []string{"contacts: the file is empty", "contacts: the first row of the CSV file",
		"contacts: read the CSV header"} {
		if len(msg) >= len(prefix) && msg[:len(prefix)] == prefix {
			return true
		}
	}
	return false
}

// FuzzParse runs the reading half of an import (format detection, the vCard and CSV
// readers, card mapping and number normalisation on worker goroutines) without a
// database, so that coverage-guided fuzzing is fast:
//
//	go test -fuzz FuzzParse -fuzztime 2m ./contacts/
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"testdata/*.vcf", "testdata/*.csv"} {
		fixtures, _ := filepath.Glob(pattern)
		for _, path := range fixtures {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	if dir := vendorDirIfAny(); dir != "" {
		vendor, _ := filepath.Glob(filepath.Join(dir, "*.vcf"))
		for _, path := range vendor {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := parseForTest(data)
		if err != nil {
			if !isPlainImportError(err) {
				t.Fatalf("parse: %v", err)
			}
			return
		}
		for _, r := range recs {
			if r.orphan {
				continue
			}
			if r.line < 1 || r.line > bytes.Count(data, []byte("\n"))+1 {
				t.Fatalf("record line %d out of the file", r.line)
			}
			for _, p := range r.phones {
				if p.Number != "" && (p.Number[0] != '+' || !isDigits(p.Number[1:]) || p.Kind == phone.Invalid) {
					t.Fatalf("bad normalised number %+v", p)
				}
				if p.Number == "" && (p.Kind != phone.Invalid || p.Problem == "") {
					t.Fatalf("an invalid number without a reason: %+v", p)
				}
			}
			if r.skip == "" && r.name == "" && len(r.members) == 0 {
				t.Fatalf("a record to import without a name: %+v", r)
			}
		}
	})
}
