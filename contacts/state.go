package contacts

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
)

// fieldEdit records that a field was changed in the app: when, and the value the
// sources had then, so that an import can tell whether the source changed since.
type fieldEdit struct {
	At  time.Time
	Was string
}

type fieldEditJSON struct {
	At  string `json:"at"` // db.TimeFormat
	Was string `json:"was"`
}

// MarshalJSON stores the time in db.TimeFormat, like every timestamp column.
func (e fieldEdit) MarshalJSON() ([]byte, error) {
	return json.Marshal(fieldEditJSON{At: db.FormatTime(e.At), Was: e.Was})
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (e *fieldEdit) UnmarshalJSON(b []byte) error {
	var j fieldEditJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	t, err := db.ParseTime(j.At)
	if err != nil {
		return err
	}
	*e = fieldEdit{At: t, Was: j.Was}
	return nil
}

// state is a stored contact with what imports and edits need to know.
type state struct {
	Contact
	edits   map[string]fieldEdit
	nphones int      // phones stored (positions 0..nphones-1)
	groups0 []string // groups stored
}

// Field names used in edits and previews.
const (
	fName     = "name"
	fFirst    = "first name"
	fLast     = "last name"
	fCompany  = "company"
	fEmail    = "email"
	fNotes    = "notes"
	fBirthday = "birthday"
	fGroups   = "groups"
	fPhones   = "phones"
	fConsent  = "consent"
	fUID      = "UID"
)

const contactCols = `c.id, c.name, c.first_name, c.last_name, c.company, c.email, c.bday_year, c.bday_month,
	c.bday_day, c.notes, coalesce(c.uid, ''), c.phone, c.source, c.no_messages, c.consent_status, c.consent_source,
	c.consent_proof, c.consent_at, c.edits, c.created_at, c.updated_at`

// loadStates reads the contacts with the given ids, with their phones and groups.
func loadStates(ctx context.Context, q querier, ids []int64) (map[int64]*state, error) {
	out := make(map[int64]*state, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	in, args := inList(ids)
	rows, err := q.QueryContext(ctx, `SELECT `+contactCols+` FROM contacts c WHERE c.id IN (`+in+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("contacts: load contacts: %w", err)
	}
	for rows.Next() {
		st, err := scanState(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out[st.ID] = st
	}
	if err := closeRows(rows); err != nil {
		return nil, err
	}
	if err := loadPhones(ctx, q, in, args, out); err != nil {
		return nil, err
	}
	if err := loadGroups(ctx, q, in, args, out); err != nil {
		return nil, err
	}
	return out, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanState(sc scanner) (*state, error) {
	st := &state{}
	c := &st.Contact
	var month, noMsg int
	var cstatus, cat, edits, created, updated string
	err := sc.Scan(&c.ID, &c.Name, &c.FirstName, &c.LastName, &c.Company, &c.Email, &c.Birthday.Year, &month,
		&c.Birthday.Day, &c.Notes, &c.UID, &c.Phone, &c.Source, &noMsg, &cstatus, &c.Consent.Source,
		&c.Consent.Proof, &cat, &edits, &created, &updated)
	if err != nil {
		return nil, fmt.Errorf("contacts: read contact: %w", err)
	}
	c.Birthday.Month = time.Month(month)
	c.NoMessages = noMsg != 0
	c.Consent.Status = minuit.Consent(cstatus)
	if c.Consent.At, err = db.ParseTime(cat); err != nil {
		return nil, fmt.Errorf("contacts: %w", err)
	}
	if c.CreatedAt, err = db.ParseTime(created); err != nil {
		return nil, fmt.Errorf("contacts: %w", err)
	}
	if c.UpdatedAt, err = db.ParseTime(updated); err != nil {
		return nil, fmt.Errorf("contacts: %w", err)
	}
	if edits != "" {
		if err := json.Unmarshal([]byte(edits), &st.edits); err != nil {
			return nil, fmt.Errorf("contacts: read edits of contact %d: %w", c.ID, err)
		}
		c.Edited = make(map[string]time.Time, len(st.edits))
		for f, e := range st.edits {
			c.Edited[f] = e.At
		}
	}
	return st, nil
}

func loadPhones(ctx context.Context, q querier, in string, args []any, out map[int64]*state) error {
	rows, err := q.QueryContext(ctx, `SELECT contact_id, coalesce(e164, ''), raw, label, kind, preferred, problem
		FROM contact_phones WHERE contact_id IN (`+in+`) ORDER BY contact_id, position`, args...)
	if err != nil {
		return fmt.Errorf("contacts: load phones: %w", err)
	}
	for rows.Next() {
		var id int64
		var p Phone
		var pref int
		if err := rows.Scan(&id, &p.Number, &p.Raw, &p.Label, &p.Kind, &pref, &p.Problem); err != nil {
			rows.Close()
			return fmt.Errorf("contacts: read phone: %w", err)
		}
		p.Preferred = pref != 0
		if p.Number != "" {
			p.Problem = validProblem(p.Kind, p.Label)
		}
		if st := out[id]; st != nil {
			st.Phones = append(st.Phones, p)
			st.nphones++
		}
	}
	return closeRows(rows)
}

func loadGroups(ctx context.Context, q querier, in string, args []any, out map[int64]*state) error {
	rows, err := q.QueryContext(ctx, `SELECT m.contact_id, g.name FROM contact_group_members m
		JOIN contact_groups g ON g.id = m.group_id WHERE m.contact_id IN (`+in+`)`, args...)
	if err != nil {
		return fmt.Errorf("contacts: load groups: %w", err)
	}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return fmt.Errorf("contacts: read group: %w", err)
		}
		if st := out[id]; st != nil {
			st.Groups = append(st.Groups, name)
		}
	}
	for _, st := range out {
		sortGroups(st.Groups)
		st.groups0 = append([]string(nil), st.Groups...)
	}
	return closeRows(rows)
}

type rowsCloser interface {
	Err() error
	Close() error
}

func closeRows(rows rowsCloser) error {
	err := rows.Err()
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("contacts: %w", err)
	}
	return nil
}

// inList renders "?,?,?" and its arguments.
func inList(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return strings.TrimSuffix(strings.Repeat("?,", len(ids)), ","), args
}

// phoneKey identifies a number: its E.164, else the digits as written, else (no
// digits at all, such as "BusinessPhone") the text itself.
func phoneKey(p Phone) string {
	if p.Number != "" {
		return p.Number
	}
	if d := digits(p.Raw); d != "" {
		return "raw:" + d
	}
	return "text:" + fold(p.Raw)
}

// setCanon renders a set of groups or phone keys for comparing with an edit's Was.
func setCanon(items []string, key func(string) string) string {
	ks := make([]string, len(items))
	for i, it := range items {
		ks[i] = key(it)
	}
	sort.Strings(ks)
	return strings.Join(ks, "\x1f")
}

func phonesCanon(ps []Phone) string {
	ks := make([]string, len(ps))
	for i, p := range ps {
		ks[i] = phoneKey(p)
	}
	return setCanon(ks, func(s string) string { return s })
}

func groupsCanon(gs []string) string { return setCanon(gs, fold) }
