package sms

import "strings"

// gsmBasic is the GSM 03.38 default alphabet in code order (0x00–0x7F), without
// 0x1B, the escape to the extension table, which is not a character of its own.
// 0x09 is the capital Ç: the lower-case ç is not in the alphabet and forces UCS-2.
const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅå" +
	"Δ_ΦΓΛΩΠΨΣΘΞ" + "ÆæßÉ" +
	" !\"#¤%&'()*+,-./" +
	"0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNO" +
	"PQRSTUVWXYZÄÖÑÜ§" +
	"¿abcdefghijklmno" +
	"pqrstuvwxyzäöñüà"

// gsmExtension is the GSM 03.38 extension table: each character is sent as the
// escape 0x1B followed by its code, so it costs two septets. The form feed is 0x0A.
const gsmExtension = "\f^{}\\[~]|€"

// gsmUnits is the number of septets r takes in GSM-7: 1 for the default
// alphabet, 2 for the extension table, 0 when r cannot be sent in GSM-7.
func gsmUnits(r rune) int {
	switch {
	case strings.ContainsRune(gsmBasic, r):
		return 1
	case strings.ContainsRune(gsmExtension, r):
		return 2
	default:
		return 0
	}
}
