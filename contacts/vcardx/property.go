package vcardx

import (
	"bytes"
	"encoding/base64"
	"strings"

	"github.com/emersion/go-vcard"
)

// property is one unfolded line split into its parts. The slices point into the
// line buffer and are valid until the next line is read.
type property struct {
	group, name, value []byte
	params             []param
	qp, b64            bool
	charset            []byte
}

type param struct {
	key    []byte // upper-case is not guaranteed; compare with equalFold
	values []byte // as written, quotes removed; several values are comma-separated
}

// parseProperty splits "group.NAME;P=V;BARE:value". It fails when the line has no
// colon or its name is not a vCard name, which are the lines go-vcard drops.
func parseProperty(l []byte) (property, bool) {
	var p property
	i := 0
	for i < len(l) && isNameByte(l[i]) {
		i++
	}
	if i < len(l) && l[i] == '.' && i > 0 {
		p.group = l[:i]
		j := i + 1
		i = j
		for i < len(l) && isNameByte(l[i]) {
			i++
		}
		p.name = l[j:i]
	} else {
		p.name = l[:i]
	}
	if len(p.name) == 0 || i >= len(l) || (l[i] != ':' && l[i] != ';') {
		return p, false
	}
	if l[i] == ':' {
		p.value = l[i+1:]
		return p, true
	}
	// parameters up to the first colon outside double quotes
	i++
	start, quoted := i, false
	for ; i < len(l); i++ {
		c := l[i]
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ';' || c == ':':
			p.addParam(l[start:i])
			start = i + 1
			if c == ':' {
				p.value = l[i+1:]
				return p, true
			}
		}
	}
	return p, false
}

func (p *property) addParam(tok []byte) {
	tok = bytes.TrimSpace(tok)
	if len(tok) == 0 {
		return
	}
	eq := bytes.IndexByte(tok, '=')
	if eq < 0 {
		// vCard 2.1 bare parameter: an encoding, a charset-less type such as CELL
		switch {
		case equalFold(tok, "QUOTED-PRINTABLE"):
			p.qp = true
		case equalFold(tok, "BASE64") || equalFold(tok, "B"):
			p.b64 = true
		case equalFold(tok, "8BIT") || equalFold(tok, "7BIT"):
		default:
			p.params = append(p.params, param{key: []byte("TYPE"), values: tok})
		}
		return
	}
	key := bytes.TrimSpace(tok[:eq])
	val := bytes.TrimSpace(tok[eq+1:])
	val = bytes.ReplaceAll(val, []byte(`"`), nil)
	switch {
	case equalFold(key, "ENCODING"):
		switch {
		case equalFold(val, "QUOTED-PRINTABLE"):
			p.qp = true
		case equalFold(val, "BASE64") || equalFold(val, "B"):
			p.b64 = true
		}
	case equalFold(key, "CHARSET"):
		p.charset = val
	default:
		p.params = append(p.params, param{key: key, values: val})
	}
}

// emit adds the property to the card, decoded to UTF-8, as go-vcard's Decoder makes
// a Field from a well-formed line. It returns a problem to report, or "".
func (r *Reader) emit(p *property) string {
	if r.Keep != nil && !r.Keep(p.name) {
		return ""
	}
	val, problem := p.value, ""
	decoded := false
	switch {
	case p.qp:
		r.scratch = qpDecode(r.scratch[:0], val)
		val, decoded = r.scratch, true
	case p.b64:
		dec := make([]byte, base64.StdEncoding.DecodedLen(len(val)))
		m, err := base64.StdEncoding.Decode(dec, bytes.TrimSpace(val))
		if err != nil {
			problem = "a base64 value could not be decoded and was kept as written."
		} else {
			val, decoded = dec[:m], true
		}
	}
	val, cs := r.chars.toUTF8(val, p.charset)
	if problem == "" {
		problem = cs
	}
	f := &vcard.Field{Group: string(p.group)}
	if decoded {
		// quoted-printable and base64 text carries no vCard escapes
		f.Value = strings.ReplaceAll(string(val), "\r\n", "\n")
	} else {
		f.Value = unescape(string(val))
	}
	if len(p.params) > 0 {
		f.Params = make(vcard.Params, len(p.params))
		for _, pr := range p.params {
			k := upper(pr.key)
			vals := pr.values
			for {
				v := vals
				i := bytes.IndexByte(vals, ',')
				if i >= 0 {
					v = vals[:i]
				}
				f.Params[k] = append(f.Params[k], unescape(intern(v)))
				if i < 0 {
					break
				}
				vals = vals[i+1:]
			}
		}
	}
	key := upper(p.name)
	r.card[key] = append(r.card[key], f)
	return problem
}

// common holds the names and parameter values most cards repeat, so that reading
// them allocates nothing.
var common = func() map[string]string {
	m := map[string]string{}
	for _, s := range []string{"VERSION", "FN", "N", "TEL", "EMAIL", "ADR", "ORG", "TITLE", "NOTE", "BDAY",
		"CATEGORIES", "UID", "REV", "URL", "NICKNAME", "X-ABLABEL", "TYPE", "PREF", "VALUE", "LABEL", "CELL",
		"cell", "HOME", "home", "WORK", "work", "VOICE", "voice", "FAX", "fax", "PAGER", "INTERNET", "pref",
		"MAIN", "OTHER", "other", "text", "TEXT", "IPHONE", "uri", "date", "1", "2", "3.0", "4.0", "2.1"} {
		m[s] = s
	}
	return m
}()

// intern returns b as a string, without allocating for common values.
func intern(b []byte) string {
	if s, ok := common[string(b)]; ok {
		return s
	}
	return string(b)
}

// upper returns b in upper case as a string, without allocating for common names.
func upper(b []byte) string {
	if s, ok := common[string(b)]; ok && isUpperASCII(s) {
		return s
	}
	return strings.ToUpper(string(b))
}

func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			return false
		}
	}
	return true
}

// unescape undoes the escapes go-vcard's Decoder undoes: \\, \n and \,.
func unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	return valueUnescaper.Replace(s)
}

var valueUnescaper = strings.NewReplacer(`\\`, `\`, `\n`, "\n", `\,`, ",")

// qpDecode decodes quoted-printable text leniently: a malformed escape is kept as
// written rather than failing the whole value.
func qpDecode(dst, src []byte) []byte {
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '=' && i+2 < len(src) {
			h, okh := unhex(src[i+1])
			l, okl := unhex(src[i+2])
			if okh && okl {
				dst = append(dst, h<<4|l)
				i += 2
				continue
			}
		}
		if c == '=' && i == len(src)-1 {
			break // a soft line break at the very end
		}
		dst = append(dst, c)
	}
	return dst
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

func isNameByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// splitHead returns the property name and the raw parameter text of a line's first
// piece, for deciding how to read the rest of the line.
func splitHead(l []byte) (name, params []byte) {
	i := 0
	for i < len(l) && isNameByte(l[i]) {
		i++
	}
	if i < len(l) && l[i] == '.' {
		j := i + 1
		i = j
		for i < len(l) && isNameByte(l[i]) {
			i++
		}
		name = l[j:i]
	} else {
		name = l[:i]
	}
	if i < len(l) && l[i] == ';' {
		end := bytes.IndexByte(l[i:], ':')
		if end < 0 {
			end = len(l) - i
		}
		params = l[i : i+end]
	}
	return name, params
}

// hasWord reports whether params contains word as a whole token, ignoring case.
func hasWord(params []byte, word string) bool {
	n := len(word)
	for i := 0; i+n <= len(params); i++ {
		if !equalFold(params[i:i+n], word) {
			continue
		}
		before := i == 0 || isSep(params[i-1])
		after := i+n == len(params) || isSep(params[i+n])
		if before && after {
			return true
		}
	}
	return false
}

func isSep(c byte) bool { return c == ';' || c == '=' || c == ',' || c == ':' || c == '"' }

// equalFold compares ASCII bytes with a string, ignoring case.
func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := 0; i < len(b); i++ {
		c, d := b[i], s[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if 'a' <= d && d <= 'z' {
			d -= 'a' - 'A'
		}
		if c != d {
			return false
		}
	}
	return true
}
