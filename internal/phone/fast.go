package phone

import (
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
	"google.golang.org/protobuf/proto"
)

// parseNumber parses a number as phonenumbers.Parse does. Plain numbers (digits,
// spaces, dots, dashes, brackets, a leading +) in regions with a simple trunk
// prefix take a shortcut that skips Parse's regular expressions, which are most of
// the cost of a large import; the caller still validates the result with
// libphonenumber, and anything unusual or invalid goes through Parse.
// TestFastParseAgreesWithLibphonenumber checks both agree.
func parseNumber(s, region string) (*phonenumbers.PhoneNumber, phonenumbers.PhoneNumberType, error) {
	if n, ok := fastParse(s, region); ok {
		if t := phonenumbers.GetNumberType(n); t != phonenumbers.UNKNOWN {
			return n, t, nil
		}
	}
	n, err := phonenumbers.Parse(s, region)
	if err != nil {
		return nil, phonenumbers.UNKNOWN, err
	}
	return n, phonenumbers.GetNumberType(n), nil
}

// fastParse builds the number without Parse, or reports false when it cannot be
// sure to agree with Parse.
func fastParse(s, region string) (*phonenumbers.PhoneNumber, bool) {
	var buf [17]byte
	n, plus := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			if n == len(buf) {
				return nil, false
			}
			buf[n] = c
			n++
		case c == '+' && n == 0 && !plus:
			plus = true
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/':
		default:
			return nil, false
		}
	}
	d := buf[:n]
	if n < 6 {
		return nil, false
	}
	var cc int
	var national []byte
	if plus {
		for l := 1; l <= 3; l++ {
			c := atoiBytes(d[:l])
			if phonenumbers.GetRegionCodeForCountryCode(c) != "ZZ" {
				cc, national = c, d[l:]
				break
			}
		}
		if cc == 0 {
			return nil, false
		}
		sr, ok := simpleRegion(phonenumbers.GetRegionCodeForCountryCode(cc))
		if !ok || (sr.ndd != "" && strings.HasPrefix(string(national), sr.ndd)) {
			return nil, false
		}
	} else {
		sr, ok := simpleRegion(region)
		if !ok {
			return nil, false
		}
		cc, national = sr.cc, d
		if sr.ndd != "" && strings.HasPrefix(string(d), sr.ndd) {
			national = d[len(sr.ndd):]
		}
	}
	if len(national) < 2 || national[0] == '0' || len(national) > 15 {
		return nil, false // Italian leading zeros, international prefixes, "(0)": let Parse decide
	}
	return &phonenumbers.PhoneNumber{
		CountryCode:    proto.Int32(int32(cc)),
		NationalNumber: proto.Uint64(uint64(atoiBytes(national))),
	}, true
}

type regionInfo struct {
	cc  int
	ndd string
}

var (
	simpleOnce    sync.Once
	simpleRegions map[string]regionInfo
)

// simpleRegion reports whether a region's numbers are parsed by a plain rule: its
// trunk prefix (if any) is a fixed string stripped as is, with no carrier codes or
// rewriting, and its international prefix starts with 0, so that a number starting
// with 0 after the trunk prefix is left to Parse.
func simpleRegion(region string) (regionInfo, bool) {
	simpleOnce.Do(func() {
		simpleRegions = map[string]regionInfo{}
		coll, err := phonenumbers.MetadataCollection()
		if err != nil || coll == nil {
			return
		}
		for _, m := range coll.GetMetadata() {
			ndd, parsing := m.GetNationalPrefix(), m.GetNationalPrefixForParsing()
			idd := m.GetInternationalPrefix()
			if m.GetNationalPrefixTransformRule() != "" || (parsing != "" && parsing != ndd) ||
				!isDigits(ndd) && ndd != "" || idd != "" && idd[0] != '0' || m.GetLeadingZeroPossible() {
				continue
			}
			simpleRegions[m.GetId()] = regionInfo{cc: int(m.GetCountryCode()), ndd: ndd}
		}
	})
	r, ok := simpleRegions[region]
	return r, ok
}

func atoiBytes(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
