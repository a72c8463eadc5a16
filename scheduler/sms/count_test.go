package sms

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCountGivesTheExactFiguresForGSM7AndUCS2Bodies(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	e := func(n int) string { return strings.Repeat("ê", n) }
	tests := []struct {
		name      string
		body      string
		chars     int
		enc       Encoding
		parts     int
		perPart   int
		remaining int
		forcedBy  []rune
	}{
		{"empty body", "", 0, GSM7, 0, 160, 160, nil},
		{"one plain char", "a", 1, GSM7, 1, 160, 159, nil},
		{"160 plain chars fit one part", a(160), 160, GSM7, 1, 160, 0, nil},
		{"161 plain chars need two parts", a(161), 161, GSM7, 2, 153, 145, nil},
		{"306 plain chars fit two parts", a(306), 306, GSM7, 2, 153, 0, nil},
		{"307 plain chars need three parts", a(307), 307, GSM7, 3, 153, 152, nil},
		{"an extension char counts 2", "5€", 3, GSM7, 1, 160, 157, nil},
		{"every extension char counts 2", "^{}\\[~]|€\f", 20, GSM7, 1, 160, 140, nil},
		{"80 euro signs fill one part", strings.Repeat("€", 80), 160, GSM7, 1, 160, 0, nil},
		{"81 euro signs need two parts, the first wasting a septet", strings.Repeat("€", 81), 162, GSM7, 2, 153, 143, nil},
		{"159 plain chars and an extension char overflow", a(159) + "€", 161, GSM7, 2, 153, 145, nil},
		{"an escape pair is never split across parts", a(152) + "€" + a(7), 161, GSM7, 2, 153, 144, nil},
		{"a split escape pair can cost a part more than the division", a(152) + "€" + a(152), 306, GSM7, 3, 153, 152, nil},
		{"French accents of the GSM alphabet stay GSM-7", "é è ù à É Ç ñ ü ß", 17, GSM7, 1, 160, 143, nil},
		{"newline and carriage return are single septets", "a\r\nb", 4, GSM7, 1, 160, 156, nil},
		{"Greek capitals of the alphabet stay GSM-7", "ΔΦΓΛΩΠΨΣΘΞ", 10, GSM7, 1, 160, 150, nil},
		{"fête forces UCS-2", "fête", 4, UCS2, 1, 70, 66, []rune{'ê'}},
		{"an extension char counts 1 in UCS-2", "fête €", 6, UCS2, 1, 70, 64, []rune{'ê'}},
		{"an emoji counts 2 units", "😀", 2, UCS2, 1, 70, 68, []rune{'😀'}},
		{"lower-case c cedilla forces UCS-2", "ça", 2, UCS2, 1, 70, 68, []rune{'ç'}},
		{"70 UCS-2 units fit one part", e(70), 70, UCS2, 1, 70, 0, []rune{'ê'}},
		{"71 UCS-2 units need two parts", e(71), 71, UCS2, 2, 67, 63, []rune{'ê'}},
		{"134 UCS-2 units fit two parts", e(134), 134, UCS2, 2, 67, 0, []rune{'ê'}},
		{"135 UCS-2 units need three parts", e(135), 135, UCS2, 3, 67, 66, []rune{'ê'}},
		{"69 units and an emoji overflow one part", e(69) + "😀", 71, UCS2, 2, 67, 63, []rune{'ê', '😀'}},
		{"68 units and an emoji fill one part", e(68) + "😀", 70, UCS2, 1, 70, 0, []rune{'ê', '😀'}},
		{"a surrogate pair is never split across parts", e(66) + "😀" + e(66), 134, UCS2, 3, 67, 66, []rune{'ê', '😀'}},
		{"forcing chars are distinct and in order", "Noël, fête, ça, fête", 20, UCS2, 1, 70, 50, []rune{'ë', 'ê', 'ç'}},
		{"the escape control char itself is not GSM-7", "a\x1bb", 3, UCS2, 1, 70, 67, []rune{'\x1b'}},
		{"invalid UTF-8 forces UCS-2", "a\xffb", 3, UCS2, 1, 70, 67, []rune{utf8.RuneError}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Count(tt.body)
			if got.Chars != tt.chars || got.Encoding != tt.enc || got.Parts != tt.parts ||
				got.PerPart != tt.perPart || got.Remaining != tt.remaining || !slices.Equal(got.ForcedBy, tt.forcedBy) {
				t.Errorf("Count(%.20q…) = %+v, want chars %d, %s, %d parts of %d, %d remaining, forced by %q",
					tt.body, got, tt.chars, tt.enc, tt.parts, tt.perPart, tt.remaining, tt.forcedBy)
			}
		})
	}
}

func TestGSMBasicAlphabetHasTheStandard127Characters(t *testing.T) {
	seen := map[rune]bool{}
	for _, r := range gsmBasic {
		if seen[r] {
			t.Errorf("%q appears twice in the basic alphabet", r)
		}
		seen[r] = true
	}
	if len(seen) != 127 {
		t.Errorf("basic alphabet has %d characters, want 127 (128 codes less the escape)", len(seen))
	}
	for _, r := range gsmExtension {
		if seen[r] {
			t.Errorf("%q is in both tables", r)
		}
	}
	if n := utf8.RuneCountInString(gsmExtension); n != 10 {
		t.Errorf("extension table has %d characters, want 10", n)
	}
	// Spot checks of easily confused codes.
	for _, r := range []rune{'¤', '§', '¡', '¿', 'Ø', 'ø', 'Å', 'å', 'Æ', 'æ', 'É', 'ì', 'ò'} {
		if gsmUnits(r) != 1 {
			t.Errorf("%q should be in the basic alphabet", r)
		}
	}
	for _, r := range []rune{'`', 'ê', 'â', 'î', 'ô', 'û', 'ë', 'ï', 'œ', 'ç', 'á', 'í', 'ó', 'ú', '’', '«', '»', '…'} {
		if gsmUnits(r) != 0 {
			t.Errorf("%q should not be GSM-7", r)
		}
	}
}

func TestCountIsConsistentWithTheUnitsOfEachPart(t *testing.T) {
	// Whatever the body, parts × capacity minus what remains equals the units
	// used plus what was wasted by never splitting a pair, which is below one unit a part.
	bodies := []string{
		strings.Repeat("a€", 200), strings.Repeat("ê😀", 90), strings.Repeat("{x}", 77),
		strings.Repeat("😀", 35), strings.Repeat("😀", 36), strings.Repeat("😀", 34) + "a",
	}
	for _, b := range bodies {
		c := Count(b)
		wasted := c.Parts*c.PerPart - c.Remaining - c.Chars
		if c.Parts == 1 && wasted != 0 || wasted < 0 || wasted >= c.Parts {
			t.Errorf("Count(%.12q…) = %+v: %d units wasted", b, c, wasted)
		}
	}
}
