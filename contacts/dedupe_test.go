package contacts

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"minuit/internal/minuit"
)

func TestReimportingTheSameFileChangesNothing(t *testing.T) {
	files := []string{"testdata/apple-items-and-groups.vcf", "testdata/duplicates.vcf", "testdata/v21-quoted-printable-charsets.vcf",
		"testdata/shopify-customers.csv", "testdata/excel-fr-semicolon-cp1252.csv", "testdata/numbers.vcf", "testdata/birthdays.vcf"}
	if dir := vendorDirIfAny(); dir != "" {
		vendor, _ := filepath.Glob(filepath.Join(dir, "*.vcf"))
		files = append(files, vendor...)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			s, clk := newStore(t)
			data := readFile(t, f)
			first, _ := importBytes(t, s, data, ImportOptions{Region: "US", Source: filepath.Base(f)})
			before := all(t, s)
			clk.advance(time.Hour)
			p, res := importBytes(t, s, data, ImportOptions{Region: "US", Source: filepath.Base(f)})
			if p.New != 0 || p.Updated != 0 || res.New != 0 || res.Updated != 0 || len(p.Changes) != 0 {
				t.Fatalf("re-import: preview %d new %d updated, changes %+v; commit %+v", p.New, p.Updated, p.Changes, res)
			}
			if p.Unchanged != first.New || p.Merged != first.Merged {
				t.Errorf("re-import: %d unchanged, %d merged; first import %d new, %d merged", p.Unchanged, p.Merged, first.New, first.Merged)
			}
			if after := all(t, s); !reflect.DeepEqual(before, after) {
				t.Errorf("contacts changed:\nbefore %+v\nafter  %+v", before, after)
			}
		})
	}
}

func TestImportMergesDuplicateCardsOfOneFile(t *testing.T) {
	s, _ := newStore(t)
	p, res := importBytes(t, s, readFile(t, "testdata/duplicates.vcf"), ImportOptions{Region: "FR"})
	if p.New != 2 || p.Merged != 2 || res.Merged != 2 {
		t.Fatalf("preview %+v commit %+v", p, res)
	}
	paul := byName(t, s, "Paul Durand")
	if len(paul.Phones) != 2 || paul.Email != "paul@example.fr" || strings.Join(paul.Groups, ",") != "Clients,Fidélité" {
		t.Errorf("merged contact %+v", paul)
	}
	ines := byName(t, s, "Inès Roux")
	if len(ines.Phones) != 2 || ines.UID != "same-uid" {
		t.Errorf("contact merged by UID %+v", ines)
	}
	if !strings.Contains(previewText(t, p), "line 7 (Paul Durand): It has the same number +33601020304 as the card on line 1") {
		t.Errorf("merge not explained:\n%s", previewText(t, p))
	}
}

const cardV1 = "BEGIN:VCARD\nVERSION:3.0\nFN:Marie Curie\nN:Curie;Marie;;;\nTEL;TYPE=CELL:06 10 20 30 40\n" +
	"EMAIL:marie@example.fr\nCATEGORIES:Clients\nEND:VCARD\n"

func TestImportingAnUpdatedExportUpdatesTheMatchingContact(t *testing.T) {
	s, clk := newStore(t)
	importBytes(t, s, []byte(cardV1), ImportOptions{Region: "FR"})
	clk.advance(time.Hour)
	v2 := strings.Replace(cardV1, "marie@example.fr", "marie.curie@example.fr", 1)
	v2 = strings.Replace(v2, "END:VCARD", "TEL;TYPE=HOME:01 40 50 60 70\nCATEGORIES:VIP\nEND:VCARD", 1)
	p, res := importBytes(t, s, []byte(v2), ImportOptions{Region: "FR"})
	if p.New != 0 || p.Updated != 1 || res.Updated != 1 {
		t.Fatalf("preview new %d updated %d; commit %+v", p.New, p.Updated, res)
	}
	if len(p.Changes) != 1 || strings.Join(p.Changes[0].Fields, ",") != "email,groups,phones" {
		t.Errorf("changes %+v", p.Changes)
	}
	cs := all(t, s)
	if len(cs) != 1 || cs[0].Email != "marie.curie@example.fr" || len(cs[0].Phones) != 2 ||
		strings.Join(cs[0].Groups, ",") != "Clients,VIP" || !cs[0].UpdatedAt.Equal(clk.now()) {
		t.Errorf("contact %+v", cs)
	}
	if got, _ := s.Search(context.Background(), "01 40 50", 10); len(got) != 1 {
		t.Errorf("the new number is not searchable: %v", got)
	}
}

func TestImportMatchesAContactByUIDWhenItsNumberChanged(t *testing.T) {
	s, _ := newStore(t)
	importBytes(t, s, []byte(strings.Replace(cardV1, "FN:", "UID:abc-1\nFN:", 1)), ImportOptions{Region: "FR"})
	v2 := strings.Replace(strings.Replace(cardV1, "FN:", "UID:ABC-1\nFN:", 1), "06 10 20 30 40", "07 61 00 00 01", 1)
	p, _ := importBytes(t, s, []byte(v2), ImportOptions{Region: "FR"})
	if p.New != 0 || p.Updated != 1 {
		t.Fatalf("new %d updated %d", p.New, p.Updated)
	}
	if c := all(t, s); len(c) != 1 || len(c[0].Phones) != 2 {
		t.Errorf("contacts %+v", c)
	}
}

func TestAFieldEditedInTheAppIsNotOverwrittenByTheSameFile(t *testing.T) {
	s, clk := newStore(t)
	importBytes(t, s, []byte(cardV1), ImportOptions{Region: "FR"})
	c := all(t, s)[0]
	clk.advance(time.Hour)
	c.Email = "marie@labo.fr"
	if err := s.Update(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	clk.advance(time.Hour)
	p, _ := importBytes(t, s, []byte(cardV1), ImportOptions{Region: "FR"})
	if p.Updated != 0 || len(p.Changes) != 0 {
		t.Errorf("re-import would change %+v", p.Changes)
	}
	if got := all(t, s)[0]; got.Email != "marie@labo.fr" || got.Edited[fEmail].IsZero() {
		t.Errorf("email %q, edited %v", got.Email, got.Edited)
	}
}

func TestLastEditWinsBetweenTheAppAndAChangedExport(t *testing.T) {
	s, clk := newStore(t)
	importBytes(t, s, []byte(cardV1), ImportOptions{Region: "FR"})
	c := all(t, s)[0]
	clk.advance(24 * time.Hour) // 2025-03-02
	c.Email = "marie@labo.fr"
	if err := s.Update(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	// The export was changed before the edit: the app's email is kept, and said so.
	older := strings.Replace(cardV1, "marie@example.fr", "m.curie@example.fr", 1)
	older = strings.Replace(older, "END:VCARD", "REV:2025-03-01T12:00:00Z\nEND:VCARD", 1)
	p, _ := importBytes(t, s, []byte(older), ImportOptions{Region: "FR"})
	if got := all(t, s)[0].Email; got != "marie@labo.fr" {
		t.Errorf("an older export replaced the edit: %q", got)
	}
	if len(p.Changes) != 1 || len(p.Changes[0].Notes) != 1 || !strings.Contains(p.Changes[0].Notes[0], "Kept the email edited in the app on 2025-03-02") {
		t.Errorf("changes %+v", p.Changes)
	}
	// An export changed after the edit wins, and the preview says so.
	newer := strings.Replace(cardV1, "marie@example.fr", "marie@sorbonne.fr", 1)
	newer = strings.Replace(newer, "END:VCARD", "REV:2025-03-05T12:00:00Z\nEND:VCARD", 1)
	p, _ = importBytes(t, s, []byte(newer), ImportOptions{Region: "FR"})
	got := all(t, s)[0]
	if got.Email != "marie@sorbonne.fr" || !got.Edited[fEmail].IsZero() {
		t.Errorf("email %q edited %v", got.Email, got.Edited)
	}
	if p.Updated != 1 || !strings.Contains(strings.Join(p.Changes[0].Notes, " "), "is replaced by the file's") {
		t.Errorf("changes %+v", p.Changes)
	}
}

func TestAFailedImportLeavesTheContactsExactlyAsTheyWere(t *testing.T) {
	for _, n := range []int{300, 1500} { // 1500 cards take the drop-and-rebuild-indexes path
		s, _ := newStore(t)
		importBytes(t, s, readFile(t, "testdata/duplicates.vcf"), ImportOptions{Region: "FR"})
		before := all(t, s)
		indexes := func() (n int) {
			if err := s.d.R.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index'`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		indexesBefore := indexes()
		var big bytes.Buffer
		if err := writeBigVCard(&big, n); err != nil {
			t.Fatal(err)
		}
		p := preview(t, s, big.Bytes(), ImportOptions{Region: "FR"})
		boom := errors.New("disk full")
		s.afterBatch = func(done int) error {
			if done >= 256 {
				return boom
			}
			return nil
		}
		_, err := s.Commit(context.Background(), p)
		if !errors.Is(err, boom) || !strings.Contains(err.Error(), "nothing changed") {
			t.Fatalf("%d cards: commit error %v", n, err)
		}
		if after := all(t, s); !reflect.DeepEqual(before, after) {
			t.Errorf("%d cards: contacts changed by a failed import", n)
		}
		if got := indexes(); got != indexesBefore {
			t.Errorf("%d cards: %d indexes left of %d", n, got, indexesBefore)
		}
	}
}

func TestACancelledImportChangesNothing(t *testing.T) {
	s, _ := newStore(t)
	var big bytes.Buffer
	if err := writeBigVCard(&big, 600); err != nil {
		t.Fatal(err)
	}
	p := preview(t, s, big.Bytes(), ImportOptions{Region: "FR"})
	ctx, cancel := context.WithCancel(context.Background())
	s.afterBatch = func(done int) error {
		cancel()
		return nil
	}
	if _, err := s.Commit(ctx, p); !errors.Is(err, context.Canceled) {
		t.Fatalf("commit error %v", err)
	}
	if n := len(all(t, s)); n != 0 {
		t.Errorf("%d contacts after a cancelled import", n)
	}
}

func TestCommitRefusesAPreviewMadeBeforeTheContactsChanged(t *testing.T) {
	s, _ := newStore(t)
	importBytes(t, s, []byte(cardV1), ImportOptions{Region: "FR"})
	p := preview(t, s, readFile(t, "testdata/duplicates.vcf"), ImportOptions{Region: "FR"})
	id := all(t, s)[0].ID
	if err := s.SetConsent(context.Background(), id, minuit.ConsentOptedOut, "STOP reply", "message 42"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Commit(context.Background(), p); !errors.Is(err, ErrStale) {
		t.Fatalf("commit error %v, want ErrStale", err)
	}
	if _, err := s.Commit(context.Background(), p); !errors.Is(err, ErrCommitted) {
		t.Errorf("second commit error %v, want ErrCommitted", err)
	}
	if n := len(all(t, s)); n != 1 {
		t.Errorf("%d contacts", n)
	}
}

func TestALargeImportRebuildsEveryIndexAndStaysSearchable(t *testing.T) {
	s, _ := newStore(t)
	var big bytes.Buffer
	if err := writeBigVCard(&big, 1500); err != nil {
		t.Fatal(err)
	}
	var before int
	if err := s.d.R.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index'`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	p, res := importBytes(t, s, big.Bytes(), ImportOptions{Region: "FR"})
	if res.New+res.Merged != 1500 || p.Merged < 15 || p.Invalid != 0 {
		t.Fatalf("commit %+v, preview merged %d, invalid %d", res, p.Merged, p.Invalid)
	}
	var after int
	if err := s.d.R.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index'`).Scan(&after); err != nil || after != before {
		t.Errorf("%d indexes after, %d before (%v)", after, before, err)
	}
	var check string
	if err := s.d.R.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q %v", check, err)
	}
	first := all(t, s)[0]
	found, err := s.Search(context.Background(), first.Phone, 5)
	if err != nil || len(found) != 1 || found[0].ID != first.ID {
		t.Errorf("search %q: %v %v", first.Phone, found, err)
	}
	p2, _ := importBytes(t, s, big.Bytes(), ImportOptions{Region: "FR"})
	if p2.New != 0 || p2.Updated != 0 || p2.Unchanged != res.New {
		t.Errorf("re-import: new %d updated %d unchanged %d", p2.New, p2.Updated, p2.Unchanged)
	}
}

func TestAPreviewSpilledToDiskCommitsAndLeavesNoFileBehind(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	s, _ := newStore(t)
	var big bytes.Buffer
	if err := writeBigVCard(&big, 12000); err != nil { // over the 4 MB kept in memory
		t.Fatal(err)
	}
	p, err := s.Preview(context.Background(), bytes.NewReader(big.Bytes()), ImportOptions{Region: "FR"})
	if err != nil {
		t.Fatal(err)
	}
	if p.spool.f == nil {
		t.Fatal("the preview did not spill to a file")
	}
	res, err := s.Commit(context.Background(), p)
	if err != nil || res.New+res.Merged != 12000 {
		t.Fatalf("commit %+v %v", res, err)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "minuit-import-*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}
