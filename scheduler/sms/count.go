// Package sms holds the pure text logic of an SMS: how many encoding units and
// parts a body costs (GSM 03.38 or UCS-2), placeholder rendering, and the sender
// ID rule. It does no I/O and keeps no state.
package sms

import "unicode/utf8"

// Encoding is the character set a body is sent in.
type Encoding string

// The two encodings an SMS body can use.
const (
	// GSM7 is the GSM 03.38 default alphabet with its extension table, 7 bits a character.
	GSM7 Encoding = "GSM-7"
	// UCS2 is 16-bit Unicode (UTF-16 on the wire), used when any character is outside GSM 03.38.
	UCS2 Encoding = "UCS-2"
)

// Units a part holds. A concatenated message loses 7 septets (GSM-7) or 3 UCS-2
// code units per part to the user data header that links the parts.
const (
	SingleGSM7 = 160 // units in a one-part GSM-7 message
	MultiGSM7  = 153 // units in each part of a multi-part GSM-7 message
	SingleUCS2 = 70  // units in a one-part UCS-2 message
	MultiUCS2  = 67  // units in each part of a multi-part UCS-2 message
)

// Info is what the segment counter shows for a body.
type Info struct {
	// Chars is the length in encoding units: GSM-7 septets, where the extension
	// table's characters (^ { } \ [ ~ ] | € and form feed) count 2, or UCS-2 code
	// units, where a character outside the Basic Multilingual Plane (most emoji) counts 2.
	Chars int
	// Encoding is GSM7 unless some character is outside GSM 03.38.
	Encoding Encoding
	// Parts is the number of SMS the body is billed as: 0 for an empty body, 1 up
	// to 160 (GSM-7) or 70 (UCS-2) units, else parts of 153 or 67 units filled in
	// order, never splitting an escape pair or a surrogate pair across two parts
	// (so a long body can need one part more than Chars/153 rounded up).
	Parts int
	// PerPart is the capacity of each part: 160 or 70 for one part (and for an
	// empty body), 153 or 67 when the body is split.
	PerPart int
	// Remaining is the number of units still free in the last part.
	Remaining int
	// ForcedBy lists the distinct characters that force UCS-2, in order of first
	// appearance (e.g. 'ê' in "fête"). It is nil when the encoding is GSM7.
	ForcedBy []rune
}

// Count measures body as an SMS. It is cheap enough to call on every keystroke.
func Count(body string) Info {
	var forced []rune
	for _, r := range body {
		if gsmUnits(r) == 0 && !containsRune(forced, r) {
			forced = append(forced, r)
		}
	}
	enc, single, multi, size := GSM7, SingleGSM7, MultiGSM7, gsmUnits
	if len(forced) > 0 {
		enc, single, multi, size = UCS2, SingleUCS2, MultiUCS2, ucs2Units
	}

	total := 0
	for _, r := range body {
		total += size(r)
	}
	info := Info{Chars: total, Encoding: enc, PerPart: single, Remaining: single - total, ForcedBy: forced}
	if total == 0 {
		return info
	}
	if total <= single {
		info.Parts = 1
		return info
	}

	// Fill parts in order; a two-unit character that does not fit in what is
	// left of a part starts the next one.
	parts, used := 1, 0
	for _, r := range body {
		n := size(r)
		if used+n > multi {
			parts++
			used = 0
		}
		used += n
	}
	info.Parts, info.PerPart, info.Remaining = parts, multi, multi-used
	return info
}

// ucs2Units is the number of UTF-16 code units r takes: 2 outside the BMP.
func ucs2Units(r rune) int {
	if r > 0xFFFF && r <= utf8.MaxRune {
		return 2
	}
	return 1
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}
