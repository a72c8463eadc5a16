package contacts

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestExportToVCard4ThenReimportChangesNothing(t *testing.T) {
	s, _ := seed(t)
	importBytes(t, s, readFile(t, "testdata/shopify-customers.csv"), ImportOptions{Region: "FR"})
	importBytes(t, s, readFile(t, "testdata/birthdays.vcf"), ImportOptions{Region: "FR"})
	before := all(t, s)
	var b bytes.Buffer
	if err := s.ExportVCard(context.Background(), &b, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "VERSION:4.0\r\n") || strings.Count(b.String(), "BEGIN:VCARD") != len(before) {
		t.Fatalf("export:\n%s", b.String())
	}
	p, _ := importBytes(t, s, b.Bytes(), ImportOptions{Region: "US"}) // the region must not matter
	if p.New != 0 || p.Updated != 0 || p.Unchanged != len(before) || len(p.Problems) != countNumberProblems(before) {
		t.Errorf("re-import: new %d updated %d unchanged %d of %d, changes %+v", p.New, p.Updated, p.Unchanged, len(before), p.Changes)
	}
	// a fresh store gets the same contacts back
	fresh, _ := newStore(t)
	importBytes(t, fresh, b.Bytes(), ImportOptions{Region: "FR"})
	got := map[string]Contact{}
	for _, c := range all(t, fresh) {
		got[c.Name] = c
	}
	if len(got) != len(before) {
		t.Errorf("%d contacts back of %d", len(got), len(before))
	}
	for _, a := range before {
		z := got[a.Name]
		if a.Name != z.Name || a.Phone != z.Phone || a.Birthday != z.Birthday || strings.Join(a.Groups, ",") != strings.Join(z.Groups, ",") ||
			a.Notes != z.Notes || a.Email != z.Email || a.UID != z.UID || len(a.Phones) != len(z.Phones) {
			t.Errorf("round trip:\n%+v\n%+v", a, z)
		}
	}
}

func countNumberProblems(cs []Contact) int {
	n := 0
	for _, c := range cs {
		n += len(c.Problems())
	}
	return n
}

func TestWriteJSONLinesPrintsOneObjectPerContact(t *testing.T) {
	s, _ := seed(t)
	cs, err := s.List(context.Background(), Query{Text: "chloé"})
	if err != nil || len(cs) != 1 {
		t.Fatalf("%v %v", cs, err)
	}
	fixe := byName(t, s, "Ligne Fixe")
	var b bytes.Buffer
	if err := WriteJSONLines(&b, append(cs, fixe)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("lines %q", lines)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "name", "phone", "phones", "birthday", "groups", "consent", "problems"} {
		if _, ok := m[k]; !ok {
			t.Errorf("no %q in %s", k, lines[0])
		}
	}
	if m["phone"] != "+33698765432" || m["birthday"] != nil || len(m["phones"].([]any)) != 3 {
		t.Errorf("object %s", lines[0])
	}
	if !strings.Contains(lines[1], `"problems":["01 23 45 67 89: It is a landline: it cannot receive SMS.","No number that can receive SMS."]`) {
		t.Errorf("landline contact %s", lines[1])
	}
}
