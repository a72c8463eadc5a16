package contacts

import (
	"encoding/base64"
	"math/rand/v2"
	"strings"
	"testing"
)

// photoCard returns a vCard 3.0 card with an n-byte photo, base64-encoded and folded
// at 75 octets as exporters write it.
func photoCard(n int) []byte {
	raw := make([]byte, n)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range raw {
		raw[i] = byte(rng.Uint32())
	}
	var b strings.Builder
	b.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Camille Photo\r\nN:Photo;Camille;;;\r\n")
	b.WriteString(fold75("PHOTO;ENCODING=b;TYPE=JPEG:" + base64.StdEncoding.EncodeToString(raw)))
	b.WriteString("TEL;TYPE=CELL:06 11 22 33 44\r\nEND:VCARD\r\n")
	return []byte(b.String())
}

// The time it takes (goal < 100 ms; go-vcard alone takes ~43 s) is measured by
// BenchmarkImportCardWith3MBPhoto.
func TestImportReadsACardWithA3MBPhoto(t *testing.T) {
	s, _ := newStore(t)
	p, res := importBytes(t, s, photoCard(3<<20), ImportOptions{Region: "FR"})
	if res.New != 1 || len(p.Problems) != 0 {
		t.Fatalf("imported %+v, problems %v", res, p.Problems)
	}
	c := byName(t, s, "Camille Photo")
	if c.Phone != "+33611223344" {
		t.Errorf("phone = %q, want +33611223344", c.Phone)
	}
}
