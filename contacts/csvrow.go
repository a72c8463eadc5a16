package contacts

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"minuit/internal/minuit"
	"minuit/internal/phone"
)

// next returns the next non-blank row as a record, or io.EOF.
func (s *csvSource) next() (*record, error) {
	for {
		row, err := s.r.Read()
		if err == io.EOF {
			return nil, io.EOF
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, fmt.Errorf("contacts: read the CSV file: %w", err)
			}
			return &record{line: pe.StartLine, skip: "This row could not be read: " + csvError(err)}, nil
		}
		line, _ := s.r.FieldPos(0)
		if blankRow(row) {
			continue
		}
		return s.record(row, line), nil
	}
}

func csvError(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return msg + "."
}

func blankRow(row []string) bool {
	for _, f := range row {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func (s *csvSource) record(row []string, line int) *record {
	c := s.cols
	get := func(i int) string {
		if i < 0 || i >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[i])
	}
	r := &record{line: line}
	r.first, r.last = clean(get(c.first)), clean(get(c.last))
	r.name = clean(get(c.name))
	if r.name == "" {
		r.name = clean(r.first + " " + r.last)
	}
	r.company = clean(get(c.company))
	r.email = clean(get(c.email))
	r.notes = cleanNotes(get(c.notes))
	if id := strings.TrimLeft(get(c.uid), "'"); id != "" {
		r.uid = "shopify:" + strings.ToLower(id)
	}
	if cc := phone.NormalizeRegion(get(c.country)); cc != "" {
		r.region = cc
	}
	region := r.region
	if region == "" {
		region = phone.NormalizeRegion(s.opts.Region)
	}
	if b := get(c.bday); b != "" {
		var ok bool
		if r.bday, ok = parseBirthday(b, region); !ok {
			r.problems = append(r.problems, "The birthday "+quoteValue(b)+" could not be read; it was left empty.")
		}
	}
	r.groups = splitTags(get(c.tags))
	for _, p := range c.phones {
		if v := strings.TrimSpace(strings.TrimLeft(get(p.col), "'")); v != "" {
			r.phones = append(r.phones, Phone{Raw: v, Label: p.label, Preferred: p.pref})
		}
	}
	if v := get(c.consent); v != "" {
		r.consent = consentValue(v)
		r.consentSource = s.consentSource()
		r.proof = fmt.Sprintf("%s, line %d: %s = %s", nonEmpty(s.opts.Source, "the imported file"), line, c.header[c.consent], v)
		if r.consent == "" {
			r.problems = append(r.problems, "The consent value "+quoteValue(v)+" is neither yes nor no; consent was left as it was.")
		}
	}
	return r
}

// consentSource is where a CSV's consent column says consent came from.
func (s *csvSource) consentSource() string {
	if s.cols.shopify {
		return SourceShopify
	}
	return "CSV import"
}

// consentValue reads yes/no in the forms spreadsheets use.
func consentValue(v string) minuit.Consent {
	switch fold(v) {
	case "yes", "y", "oui", "o", "true", "1", "x", "opted-in", "opted in", "subscribed", "accepted":
		return minuit.ConsentOptedIn
	case "no", "n", "non", "false", "0", "opted-out", "opted out", "unsubscribed", "not_subscribed", "not subscribed", "declined":
		return minuit.ConsentOptedOut
	}
	return ""
}

// splitTags splits Shopify tags ("a, b"), Google groups ("* myContacts ::: Friends")
// and other lists separated by ; or |.
func splitTags(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.FieldsFunc(strings.ReplaceAll(s, ":::", ","), func(r rune) bool {
		return r == ',' || r == ';' || r == '|'
	})
	out := parts[:0]
	for _, p := range parts {
		p = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(p), "* "))
		if p != "" && !strings.EqualFold(p, "myContacts") {
			out = append(out, p)
		}
	}
	return out
}

func nonEmpty(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
