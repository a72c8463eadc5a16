package contacts

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"minuit/internal/minuit"
	"minuit/internal/phone"
)

// spoolMemory is how much a preview keeps in memory before spooling to a file.
const spoolMemory = 4 << 20

type targetKind uint8

const (
	targetNew      targetKind = iota // creates a contact
	targetExisting                   // updates the stored contact `target`
	targetMerge                      // merges into the contact of record `target` of the same file
)

// spoolRec is a record as a preview decided to apply it.
type spoolRec struct {
	line          int
	kind          targetKind
	target        int64
	uid           string
	uidTaken      bool // the UID belongs to another contact
	name          string
	nameDerived   bool // the name was made up from the company, number or email
	first, last   string
	company       string
	email         string
	notes         string
	bday          minuit.Birthday
	rev           time.Time
	groups        []string
	phones        []spoolPhone
	consent       minuit.Consent
	consentSource string
	proof         string
}

type spoolPhone struct {
	Phone
	taken bool // the number belongs to another contact: not added
}

// spool holds the records of a preview until Commit, in memory and then in a
// temporary file, so that a preview of 100,000 cards stays small.
type spool struct {
	mem      bytes.Buffer
	f        *os.File
	unlinked bool // the file's name is already removed: nothing is left if the process dies
	w        *bufio.Writer
	n        int
	enc      []byte
	size     int64
}

func (s *spool) write(r *spoolRec) error {
	e := s.enc[:0]
	e = binary.AppendUvarint(e, uint64(r.line))
	e = append(e, byte(r.kind), bit(r.uidTaken)|bit(r.nameDerived)<<1)
	e = binary.AppendVarint(e, r.target)
	for _, str := range []string{r.uid, r.name, r.first, r.last, r.company, r.email, r.notes,
		string(r.consent), r.consentSource, r.proof} {
		e = appendString(e, str)
	}
	e = binary.AppendVarint(e, int64(r.bday.Year))
	e = append(e, byte(r.bday.Month), byte(r.bday.Day))
	var rev int64
	if !r.rev.IsZero() {
		rev = r.rev.UnixNano()
	}
	e = binary.AppendVarint(e, rev)
	e = binary.AppendUvarint(e, uint64(len(r.groups)))
	for _, g := range r.groups {
		e = appendString(e, g)
	}
	e = binary.AppendUvarint(e, uint64(len(r.phones)))
	for _, p := range r.phones {
		for _, str := range []string{p.Number, p.Raw, p.Label, string(p.Kind), p.Problem} {
			e = appendString(e, str)
		}
		e = append(e, bit(p.Preferred)|bit(p.taken)<<1)
	}
	s.enc = e
	var head [binary.MaxVarintLen64]byte
	h := binary.PutUvarint(head[:], uint64(len(e)))
	if s.f == nil && s.size+int64(len(e)) > spoolMemory {
		if err := s.toFile(); err != nil {
			return err
		}
	}
	var out io.Writer = &s.mem
	if s.w != nil {
		out = s.w
	}
	if _, err := out.Write(head[:h]); err != nil {
		return fmt.Errorf("contacts: spool the preview: %w", err)
	}
	if _, err := out.Write(e); err != nil {
		return fmt.Errorf("contacts: spool the preview: %w", err)
	}
	s.size += int64(h + len(e))
	s.n++
	return nil
}

func (s *spool) toFile() error {
	f, err := os.CreateTemp("", "minuit-import-*.spool")
	if err != nil {
		return fmt.Errorf("contacts: spool the preview: %w", err)
	}
	s.f = f
	// The spool holds personal data: where the system allows it, drop its name at
	// once so that it vanishes with the process however it ends.
	s.unlinked = runtime.GOOS != "windows" && os.Remove(f.Name()) == nil
	s.w = bufio.NewWriterSize(f, 256<<10)
	if _, err := s.w.Write(s.mem.Bytes()); err != nil {
		return fmt.Errorf("contacts: spool the preview: %w", err)
	}
	s.mem = bytes.Buffer{}
	return nil
}

// reader returns the records from the start.
func (s *spool) reader() (*spoolReader, error) {
	if s.f == nil {
		return &spoolReader{r: bufio.NewReader(bytes.NewReader(s.mem.Bytes()))}, nil
	}
	if err := s.w.Flush(); err != nil {
		return nil, fmt.Errorf("contacts: spool the preview: %w", err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("contacts: read the spooled preview: %w", err)
	}
	return &spoolReader{r: bufio.NewReaderSize(s.f, 256<<10)}, nil
}

// close removes the temporary file, if any.
func (s *spool) close() error {
	s.mem = bytes.Buffer{}
	if s.f == nil {
		return nil
	}
	name := s.f.Name()
	err := s.f.Close()
	if !s.unlinked {
		err = errors.Join(err, os.Remove(name))
	}
	s.f, s.w = nil, nil
	if err != nil {
		return fmt.Errorf("contacts: remove the spooled preview: %w", err)
	}
	return nil
}

func bit(b bool) byte {
	if b {
		return 1
	}
	return 0
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

type spoolReader struct {
	r   *bufio.Reader
	buf []byte
}

var errSpool = errors.New("contacts: the spooled preview is damaged")

// next decodes the next record into r, or returns io.EOF.
func (sr *spoolReader) next(r *spoolRec) error {
	n, err := binary.ReadUvarint(sr.r)
	if err == io.EOF {
		return io.EOF
	}
	if err != nil {
		return fmt.Errorf("%w: %w", errSpool, err)
	}
	if uint64(cap(sr.buf)) < n {
		sr.buf = make([]byte, n)
	}
	b := sr.buf[:n]
	if _, err := io.ReadFull(sr.r, b); err != nil {
		return fmt.Errorf("%w: %w", errSpool, err)
	}
	d := decoder{b: b}
	*r = spoolRec{}
	r.line = int(d.uvarint())
	r.kind = targetKind(d.byte())
	flags := d.byte()
	r.uidTaken, r.nameDerived = flags&1 != 0, flags&2 != 0
	r.target = d.varint()
	for _, p := range []*string{&r.uid, &r.name, &r.first, &r.last, &r.company, &r.email, &r.notes} {
		*p = d.string()
	}
	r.consent = minuit.Consent(d.string())
	r.consentSource, r.proof = d.string(), d.string()
	r.bday.Year = int(d.varint())
	r.bday.Month, r.bday.Day = time.Month(d.byte()), int(d.byte())
	if rev := d.varint(); rev != 0 {
		r.rev = time.Unix(0, rev).UTC()
	}
	if ng := d.uvarint(); ng > 0 && ng <= uint64(len(b)) {
		r.groups = make([]string, ng)
		for i := range r.groups {
			r.groups[i] = d.string()
		}
	}
	if np := d.uvarint(); np > 0 && np <= uint64(len(b)) {
		r.phones = make([]spoolPhone, np)
		for i := range r.phones {
			p := &r.phones[i]
			p.Number, p.Raw, p.Label, p.Kind, p.Problem = d.string(), d.string(), d.string(), phone.Kind(d.string()), d.string()
			f := d.byte()
			p.Preferred, p.taken = f&1 != 0, f&2 != 0
		}
	}
	if d.bad {
		return errSpool
	}
	return nil
}

type decoder struct {
	b   []byte
	bad bool
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.bad = true
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.bad = true
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}
