package contacts

import (
	"strings"
	"time"

	"github.com/emersion/go-vcard"

	"minuit/contacts/vcardx"
	"minuit/internal/minuit"
)

// cardRecord maps one decoded card to a record.
func cardRecord(c *vcardx.Card, region string) *record {
	card := c.Card
	r := &record{line: c.Line}
	for _, p := range c.Problems {
		r.problems = append(r.problems, lineProblem(p.Line, c.Line, p.Reason))
	}
	r.uid = normUID(card.Value(vcard.FieldUID))
	for _, f := range card[vcard.FieldFormattedName] {
		if v := clean(unescapeText(f.Value)); v != "" {
			r.name = v
			break
		}
	}
	if n := card.Name(); n != nil {
		r.first = clean(unescapeText(n.GivenName))
		r.last = clean(unescapeText(n.FamilyName))
	}
	if org := card.Value(vcard.FieldOrganization); org != "" {
		r.company = clean(unescapeText(strings.SplitN(org, ";", 2)[0]))
	}
	if e := card.Preferred(vcard.FieldEmail); e != nil {
		r.email = clean(e.Value)
	}
	if notes := card.Values(vcard.FieldNote); len(notes) > 0 {
		var parts []string
		for _, n := range notes {
			if n = cleanNotes(unescapeText(n)); n != "" {
				parts = append(parts, n)
			}
		}
		r.notes = strings.Join(parts, "\n\n")
	}
	r.bday = cardBirthday(card, region, r)
	for _, f := range card[vcard.FieldCategories] {
		for _, g := range strings.Split(f.Value, ",") {
			if g = unescapeText(g); strings.TrimSpace(g) != "" {
				r.groups = append(r.groups, g)
			}
		}
	}
	labels := itemLabels(card)
	for _, f := range card[vcard.FieldTelephone] {
		if strings.TrimSpace(f.Value) == "" {
			continue
		}
		r.phones = append(r.phones, Phone{Raw: f.Value, Label: phoneLabel(f, labels), Preferred: isPreferred(f)})
	}
	if rev, err := card.Revision(); err == nil {
		r.rev = rev
	} else if t, ok := parseRev(card.Value(vcard.FieldRevision)); ok {
		r.rev = t
	}
	if isGroupCard(card) {
		r.members = groupMembers(card)
		if len(r.members) == 0 {
			r.skip = "It is an empty group card."
		}
	}
	return r
}

// usedProperties are the vCard properties the importer reads; the vcardx reader
// skips decoding the others (addresses, URLs, photos, ...).
var usedProperties = []string{"VERSION", "FN", "N", "ORG", "EMAIL", "NOTE", "BDAY", "CATEGORIES", "TEL", "UID",
	"REV", "X-ABLABEL", "KIND", "X-ADDRESSBOOKSERVER-KIND", "MEMBER", "X-ADDRESSBOOKSERVER-MEMBER"}

func usedProperty(name []byte) bool {
	for _, u := range usedProperties {
		if len(u) == len(name) && asciiEqualFold(name, u) {
			return true
		}
	}
	return false
}

func asciiEqualFold(b []byte, s string) bool {
	for i := 0; i < len(b); i++ {
		c, d := b[i], s[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != d {
			return false
		}
	}
	return true
}

// lineProblem phrases a problem found on one line of a card.
func lineProblem(line, cardLine int, reason string) string {
	if line == cardLine || line == 0 {
		return capitalize(reason)
	}
	return "Line " + itoa(line) + ": " + reason
}

func cardBirthday(card vcard.Card, region string, r *record) minuit.Birthday {
	var bad string
	for _, f := range card[vcard.FieldBirthday] {
		v := strings.TrimSpace(f.Value)
		if v == "" {
			continue
		}
		if b, ok := parseBirthday(v, region); ok {
			return b
		}
		bad = v
	}
	if bad != "" {
		r.problems = append(r.problems, "The birthday "+quoteValue(bad)+" could not be read; it was left empty.")
	}
	return minuit.Birthday{}
}

// itemLabels maps Apple item groups (item1.TEL + item1.X-ABLabel) to their label.
func itemLabels(card vcard.Card) map[string]string {
	fs := card["X-ABLABEL"]
	if len(fs) == 0 {
		return nil
	}
	m := make(map[string]string, len(fs))
	for _, f := range fs {
		l := strings.TrimSpace(f.Value)
		l = strings.TrimSuffix(strings.TrimPrefix(l, "_$!<"), ">!$_")
		m[strings.ToLower(f.Group)] = strings.ToLower(l)
	}
	return m
}

// phoneLabel picks the meaningful type of a TEL: fax and pager first (they cannot
// receive SMS), then cell, then where the number rings.
func phoneLabel(f *vcard.Field, labels map[string]string) string {
	if f.Group != "" {
		if l, ok := labels[strings.ToLower(f.Group)]; ok && l != "" {
			return l
		}
	}
	best, bestRank := "", len(labelOrder)+1
	eachType(f, func(t string) {
		rank := len(labelOrder)
		for i, want := range labelOrder {
			if strings.EqualFold(t, want) {
				rank = i
				break
			}
		}
		if rank == len(labelOrder) && (strings.EqualFold(t, "pref") || strings.EqualFold(t, "internet") || strings.EqualFold(t, "x400")) {
			return
		}
		if rank < bestRank {
			best, bestRank = t, rank
		}
	})
	return strings.ToLower(best)
}

var labelOrder = []string{"fax", "pager", "cell", "iphone", "text", "home", "work", "main", "other", "voice"}

// eachType calls fn with every TYPE value, split at commas.
func eachType(f *vcard.Field, fn func(string)) {
	for _, t := range f.Params[vcard.ParamType] {
		if !strings.Contains(t, ",") {
			fn(strings.TrimSpace(t))
			continue
		}
		for _, part := range strings.Split(t, ",") {
			fn(strings.TrimSpace(part))
		}
	}
}

func isPreferred(f *vcard.Field) bool {
	if f.Params.Get(vcard.ParamPreferred) == "1" {
		return true
	}
	pref := false
	eachType(f, func(t string) {
		if strings.EqualFold(t, "pref") {
			pref = true
		}
	})
	return pref
}

func isGroupCard(card vcard.Card) bool {
	return strings.EqualFold(card.Value("X-ADDRESSBOOKSERVER-KIND"), "group") ||
		strings.EqualFold(card.Value(vcard.FieldKind), "group")
}

func groupMembers(card vcard.Card) []string {
	var out []string
	for _, k := range []string{"X-ADDRESSBOOKSERVER-MEMBER", vcard.FieldMember} {
		for _, f := range card[k] {
			if u := normUID(f.Value); u != "" {
				out = append(out, u)
			}
		}
	}
	return out
}

// normUID makes "urn:uuid:ABC" and "abc" the same identity.
func normUID(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 9 && strings.EqualFold(s[:9], "urn:uuid:") {
		s = s[9:]
	}
	return strings.ToLower(s)
}

// parseRev reads REV forms go-vcard does not: 2012-03-05T13:32:54Z, 20120305T131933Z.
func parseRev(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "20060102T150405Z", "20060102T150405Z0700", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
