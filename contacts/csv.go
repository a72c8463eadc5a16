package contacts

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// csvColumns says which column holds what; -1 when absent.
type csvColumns struct {
	shopify                                                   bool
	uid, name, first, last, company, email, notes, bday, tags int
	consent, country                                          int
	phones                                                    []csvPhone
	header                                                    []string
}

type csvPhone struct {
	col   int
	label string
	pref  bool
}

// Field names for ImportOptions.Columns.
var csvFields = map[string][]string{
	"uid":        {"customer id"},
	"name":       {"name", "full name", "display name", "nom", "nom complet", "contact", "client", "customer"},
	"first_name": {"first name", "firstname", "given name", "prenom", "first"},
	"last_name":  {"last name", "lastname", "family name", "surname", "nom de famille", "last"},
	"company":    {"company", "default address company", "organization", "organisation", "societe", "entreprise", "company name", "organization 1 - name"},
	"email":      {"email", "e-mail", "mail", "courriel", "email address", "e-mail address", "adresse e-mail", "adresse email", "e-mail 1 - value"},
	"birthday":   {"birthday", "birth date", "date of birth", "dob", "anniversaire", "date de naissance", "bday"},
	"groups":     {"tags", "groups", "group", "categories", "category", "groupe", "groupes", "group membership", "labels"},
	"notes":      {"note", "notes", "comment", "comments", "commentaire", "commentaires", "remarques"},
	"consent":    {"accepts sms marketing", "sms consent", "sms opt-in", "accepts sms", "consent", "consentement sms", "opt-in"},
	"country":    {"default address country code", "country code", "code pays"},
}

// mapColumns reads the header row. custom maps header names (any case) to field
// names: name, first_name, last_name, company, email, phone, mobile, birthday,
// groups, notes, consent, country, uid, or "ignore".
func mapColumns(header []string, custom map[string]string, f Format) (*csvColumns, error) {
	c := &csvColumns{uid: -1, name: -1, first: -1, last: -1, company: -1, email: -1, notes: -1,
		bday: -1, tags: -1, consent: -1, country: -1, header: append([]string(nil), header...)}
	folded := make([]string, len(header))
	for i, h := range header {
		folded[i] = fold(clean(strings.Trim(h, "\"' \ufeff")))
	}
	customFold := map[string]string{}
	for h, field := range custom {
		customFold[fold(clean(h))] = strings.ToLower(strings.TrimSpace(field))
	}
	for i, h := range folded {
		field, ok := customFold[h]
		if !ok {
			field = fieldOfHeader(h)
		}
		c.set(i, field, h)
	}
	if c.name >= 0 && c.first >= 0 && c.last < 0 && folded[c.name] == "nom" {
		c.last, c.name = c.name, -1 // French "Prénom" and "Nom": Nom is the family name
	}
	has := func(h string) bool {
		for _, x := range folded {
			if x == h {
				return true
			}
		}
		return false
	}
	c.shopify = f == FormatShopify || has("first name") && has("last name") &&
		(has("accepts sms marketing") || has("accepts email marketing") || has("accepts marketing") || has("total spent"))
	if !c.shopify {
		c.uid = -1 // "Customer ID" means something only in Shopify's export
	}
	if c.name < 0 && c.first < 0 && c.last < 0 && len(c.phones) == 0 && c.email < 0 {
		return nil, errors.New("contacts: the first row of the CSV file names no column Minuit knows " +
			"(such as Name, First Name, Phone, Mobile or Email); map the columns by hand")
	}
	return c, nil
}

func fieldOfHeader(h string) string {
	for field, names := range csvFields {
		for _, n := range names {
			if h == n {
				return field
			}
		}
	}
	switch {
	case strings.Contains(h, "fax"):
		return "ignore"
	case strings.Contains(h, "mobile") || strings.Contains(h, "portable") || strings.Contains(h, "cell") || h == "gsm":
		return "mobile"
	case strings.Contains(h, "phone") || strings.Contains(h, "telephone") || h == "tel" || strings.HasPrefix(h, "numero"):
		if strings.Contains(h, "type") || strings.Contains(h, "label") {
			return "ignore"
		}
		return "phone"
	}
	return "ignore"
}

func (c *csvColumns) set(i int, field, header string) {
	switch field {
	case "uid":
		c.uid = i
	case "name":
		c.name = i
	case "first_name":
		c.first = i
	case "last_name":
		c.last = i
	case "company":
		c.company = pick(c.company, i)
	case "email":
		c.email = pick(c.email, i)
	case "birthday":
		c.bday = i
	case "groups":
		c.tags = i
	case "notes":
		c.notes = i
	case "consent":
		c.consent = i
	case "country":
		c.country = pick(c.country, i)
	case "mobile":
		c.phones = append(c.phones, csvPhone{col: i, label: "cell"})
	case "phone":
		label := ""
		switch {
		case strings.Contains(header, "address"):
			label = "address"
		case strings.Contains(header, "home") || strings.Contains(header, "domicile"):
			label = "home"
		case strings.Contains(header, "work") || strings.Contains(header, "business") || strings.Contains(header, "bureau"):
			label = "work"
		}
		c.phones = append(c.phones, csvPhone{col: i, label: label, pref: header == "phone"})
	}
}

func pick(old, i int) int {
	if old >= 0 {
		return old
	}
	return i
}

// csvSource reads records from a CSV file.
type csvSource struct {
	r    *csv.Reader
	cols *csvColumns
	opts ImportOptions
}

func newCSVSource(br *bufio.Reader, opts ImportOptions, f Format) (*csvSource, Format, error) {
	first, _ := br.Peek(8 << 10)
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	r := csv.NewReader(br)
	r.Comma = sniffDelimiter(first)
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err == io.EOF {
		return nil, f, errors.New("contacts: the file is empty")
	}
	if err != nil {
		return nil, f, fmt.Errorf("contacts: read the CSV header: %w", err)
	}
	cols, err := mapColumns(header, opts.Columns, f)
	if err != nil {
		return nil, f, err
	}
	if cols.shopify {
		f = FormatShopify
	} else {
		f = FormatCSV
	}
	return &csvSource{r: r, cols: cols, opts: opts}, f, nil
}

// sniffDelimiter picks the commonest of , ; and tab outside quotes in the header.
func sniffDelimiter(line []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(line) {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}
