package contacts

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Format is the kind of file an import reads.
type Format string

// Formats. FormatAuto detects vCard by its BEGIN:VCARD line, then tells Shopify's
// customer export from other CSV files by its columns.
const (
	FormatAuto    Format = ""
	FormatVCard   Format = "vcard"
	FormatShopify Format = "shopify"
	FormatCSV     Format = "csv"
)

// DefaultMaxBytes is the largest file an import reads unless ImportOptions says
// otherwise.
const DefaultMaxBytes = 100 << 20

// capReader fails with ErrTooLarge once more than max bytes were read.
type capReader struct {
	r   io.Reader
	n   int64
	max int64
}

// Read reads from the file until the cap is passed.
func (c *capReader) Read(p []byte) (int, error) {
	if c.n > c.max {
		return 0, c.err()
	}
	if rest := c.max - c.n + 1; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n > c.max {
		return n, c.err()
	}
	return n, err
}

func (c *capReader) err() error {
	return fmt.Errorf("%w: it is larger than %s; export fewer contacts at a time or raise the limit",
		ErrTooLarge, sizeText(c.max))
}

func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return itoa(int(n>>20)) + " MB"
	}
	return itoa(int(n)) + " bytes"
}

// openSource caps the input, decodes UTF-16 and legacy 8-bit CSV to UTF-8, drops a
// byte order mark and tells vCard from CSV.
func openSource(r io.Reader, maxBytes int64, f Format) (*bufio.Reader, Format, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	br := bufio.NewReaderSize(&capReader{r: r, max: maxBytes}, 64<<10)
	head, err := br.Peek(4)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, f, fmt.Errorf("contacts: read the file: %w", err)
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		_, _ = br.Discard(3)
	}
	sample, err := br.Peek(64 << 10)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, f, fmt.Errorf("contacts: read the file: %w", err)
	}
	if f == FormatAuto {
		f = FormatCSV
		if bytes.HasPrefix(bytes.ToUpper(bytes.TrimLeft(sample, " \t\r\n")), []byte("BEGIN:VCARD")) {
			f = FormatVCard
		}
	}
	if f != FormatVCard && !validUTF8Prefix(sample) {
		// Spreadsheets on Windows save CSV in the ANSI code page.
		br = bufio.NewReaderSize(transform.NewReader(br, charmap.Windows1252.NewDecoder()), 64<<10)
	}
	return br, f, nil
}

// validUTF8Prefix is utf8.Valid, forgiving a rune cut at the end of the sample.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < 3 && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return true
		}
		r, size := utf8.DecodeLastRune(b)
		if r != utf8.RuneError || size != 1 {
			return false
		}
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}
