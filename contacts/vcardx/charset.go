package vcardx

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// charsets converts values to UTF-8, keeping one decoder per character set seen.
type charsets struct {
	decoders map[string]*encoding.Decoder
}

// toUTF8 converts v from the declared charset (none means UTF-8) to UTF-8. Text that
// is not valid UTF-8 and declares no charset is read as Windows-1252, which is what
// old vCard 2.1 exporters wrote. It returns a problem to report, or "".
func (c *charsets) toUTF8(v, charset []byte) ([]byte, string) {
	name := strings.ToLower(strings.TrimSpace(string(charset)))
	switch name {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		if isASCII(v) || utf8.Valid(v) {
			return v, ""
		}
		if name == "" || isASCIIName(name) {
			return c.decode(charmap.Windows1252.NewDecoder(), v), ""
		}
		return []byte(strings.ToValidUTF8(string(v), "\uFFFD")),
			"some characters are not valid UTF-8 as the card declares; they were replaced by \uFFFD."
	}
	if isASCII(v) {
		return v, ""
	}
	if c.decoders == nil {
		c.decoders = map[string]*encoding.Decoder{}
	}
	d, ok := c.decoders[name]
	if !ok {
		enc, err := htmlindex.Get(name)
		if err == nil {
			d = enc.NewDecoder()
		}
		c.decoders[name] = d
	}
	if d == nil {
		if utf8.Valid(v) {
			return v, "the character set " + quote(charset) + " is unknown; the text was read as UTF-8."
		}
		return c.decode(charmap.Windows1252.NewDecoder(), v),
			"the character set " + quote(charset) + " is unknown; the text was read as Windows-1252."
	}
	return c.decode(d, v), ""
}

func (c *charsets) decode(d *encoding.Decoder, v []byte) []byte {
	out, err := d.Bytes(v)
	if err != nil {
		return []byte(strings.ToValidUTF8(string(v), "\uFFFD"))
	}
	return out
}

func isASCIIName(name string) bool { return name == "us-ascii" || name == "ascii" }

func isASCII(v []byte) bool {
	for _, b := range v {
		if b >= 0x80 {
			return false
		}
	}
	return true
}
