package contacts

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/emersion/go-vcard"

	"minuit/internal/db"
	"minuit/internal/phone"
)

// ExportVCard writes contacts as vCard 4.0: those with the given ids, or all of
// them, in name order, when ids is empty. Importing the file again changes nothing.
func (s *Store) ExportVCard(ctx context.Context, w io.Writer, ids []int64) error {
	bw := bufio.NewWriter(w)
	enc := vcard.NewEncoder(bw)
	write := func(c Contact) error {
		if err := enc.Encode(toVCard(c)); err != nil {
			return fmt.Errorf("contacts: export: %w", err)
		}
		return nil
	}
	if len(ids) == 0 {
		var err error
		ids, err = queryIDs(ctx, s.d.R, `SELECT id FROM contacts ORDER BY sort_key, id`)
		if err != nil {
			return err
		}
	}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		cs, err := s.contacts(ctx, s.d.R, chunk)
		if err != nil {
			return err
		}
		for _, c := range cs {
			if err := write(c); err != nil {
				return err
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("contacts: export: %w", err)
	}
	return nil
}

// vCard 4.0 TEL types; other labels are not exported.
var vcardTelTypes = map[string]bool{"cell": true, "home": true, "work": true, "fax": true, "pager": true,
	"voice": true, "text": true, "video": true, "textphone": true}

func toVCard(c Contact) vcard.Card {
	card := vcard.Card{}
	card.SetValue(vcard.FieldVersion, "4.0")
	card.SetValue(vcard.FieldFormattedName, c.Name)
	if c.FirstName != "" || c.LastName != "" {
		card.SetName(&vcard.Name{GivenName: c.FirstName, FamilyName: c.LastName})
	}
	if c.Company != "" {
		card.SetValue(vcard.FieldOrganization, c.Company)
	}
	if c.Email != "" {
		card.SetValue(vcard.FieldEmail, c.Email)
	}
	for _, p := range c.Phones {
		f := &vcard.Field{Params: vcard.Params{}}
		if p.Number != "" {
			f.Value = "tel:" + p.Number
			f.Params.Set(vcard.ParamValue, "uri")
		} else {
			f.Value = p.Raw
			f.Params.Set(vcard.ParamValue, "text")
		}
		if vcardTelTypes[p.Label] {
			f.Params.Set(vcard.ParamType, p.Label)
		}
		if p.Preferred {
			f.Params.Set(vcard.ParamPreferred, "1")
		}
		card.Add(vcard.FieldTelephone, f)
	}
	if b := c.Birthday; !b.IsZero() {
		v := strings.ReplaceAll(b.String(), "-", "") // vCard's basic form: 19800322
		if b.Year == 0 {
			v = "--" + v // --0322
		}
		card.SetValue(vcard.FieldBirthday, v)
	}
	if len(c.Groups) > 0 {
		card.SetCategories(c.Groups)
	}
	if c.Notes != "" {
		card.SetValue(vcard.FieldNote, c.Notes)
	}
	if c.UID != "" {
		card.SetValue(vcard.FieldUID, c.UID)
	}
	return card
}

type jsonContact struct {
	ID         int64       `json:"id"`
	Name       string      `json:"name"`
	FirstName  string      `json:"first_name,omitempty"`
	LastName   string      `json:"last_name,omitempty"`
	Company    string      `json:"company,omitempty"`
	Email      string      `json:"email,omitempty"`
	Phone      string      `json:"phone"`
	Phones     []jsonPhone `json:"phones"`
	Birthday   *string     `json:"birthday"`
	Groups     []string    `json:"groups"`
	Notes      string      `json:"notes,omitempty"`
	Consent    jsonConsent `json:"consent"`
	NoMessages bool        `json:"no_messages"`
	Problems   []string    `json:"problems"`
}

type jsonPhone struct {
	Number    string     `json:"number"`
	Raw       string     `json:"raw"`
	Label     string     `json:"label,omitempty"`
	Kind      phone.Kind `json:"kind"`
	Preferred bool       `json:"preferred,omitempty"`
	Problem   string     `json:"problem,omitempty"`
}

type jsonConsent struct {
	Status string `json:"status"`
	Source string `json:"source,omitempty"`
	At     string `json:"at,omitempty"`
}

// WriteJSONLines prints one JSON object per contact and line: id, name, phone (E.164
// of the number to text, "" if none), phones, birthday (1980-03-22, --03-22 or
// null), groups, consent, problems, and the other fields when set.
func WriteJSONLines(w io.Writer, cs []Contact) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, c := range cs {
		j := jsonContact{ID: c.ID, Name: c.Name, FirstName: c.FirstName, LastName: c.LastName, Company: c.Company,
			Email: c.Email, Phone: c.Phone, Phones: []jsonPhone{}, Groups: c.Groups, Notes: c.Notes,
			NoMessages: c.NoMessages, Problems: c.Problems(),
			Consent: jsonConsent{Status: string(c.Consent.Status), Source: c.Consent.Source}}
		if j.Groups == nil {
			j.Groups = []string{}
		}
		if j.Problems == nil {
			j.Problems = []string{}
		}
		if !c.Consent.At.IsZero() {
			j.Consent.At = db.FormatTime(c.Consent.At)
		}
		if !c.Birthday.IsZero() {
			b := c.Birthday.String()
			j.Birthday = &b
		}
		for _, p := range c.Phones {
			j.Phones = append(j.Phones, jsonPhone(p))
		}
		if err := enc.Encode(j); err != nil {
			return fmt.Errorf("contacts: write JSON: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("contacts: write JSON: %w", err)
	}
	return nil
}

// WriteConsentCSV writes every consent event of every contact, oldest first per
// contact: the record that shows when and how each person agreed or refused.
func (s *Store) WriteConsentCSV(ctx context.Context, w io.Writer) error {
	rows, err := s.d.R.QueryContext(ctx, `SELECT e.contact_id, c.name, c.phone, e.status, e.source, e.proof, e.at
		FROM consent_events e JOIN contacts c ON c.id = e.contact_id ORDER BY e.contact_id, e.id`)
	if err != nil {
		return fmt.Errorf("contacts: export consent: %w", err)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"contact_id", "name", "phone", "status", "source", "proof", "at"}); err != nil {
		rows.Close()
		return fmt.Errorf("contacts: export consent: %w", err)
	}
	for rows.Next() {
		var id int64
		var name, phone, status, source, proof, at string
		if err := rows.Scan(&id, &name, &phone, &status, &source, &proof, &at); err != nil {
			rows.Close()
			return fmt.Errorf("contacts: export consent: %w", err)
		}
		rec := []string{strconv.FormatInt(id, 10), cell(name), phone, status, cell(source), cell(proof), at}
		if err := cw.Write(rec); err != nil {
			rows.Close()
			return fmt.Errorf("contacts: export consent: %w", err)
		}
	}
	if err := closeRows(rows); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("contacts: export consent: %w", err)
	}
	return nil
}

// cell keeps spreadsheets from running text that starts like a formula.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
