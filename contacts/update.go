package contacts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
)

// Update saves a contact edited in the app. Name, first and last names, company,
// email, notes, birthday, groups and phones are replaced by c's; every field that
// changes is recorded as edited now, so that a later import does not overwrite it
// silently (it keeps the app's value unless the source changed after the edit).
// NoMessages is saved too. ID, UID, Source and Consent are not changed here (use
// SetConsent). Phones are identified by Raw (or Number when Raw is empty) and
// re-normalised in the store's default region.
func (s *Store) Update(ctx context.Context, c Contact) error {
	name := clean(c.Name)
	if name == "" {
		name = clean(c.FirstName + " " + c.LastName)
	}
	if name == "" {
		return errors.New("contacts: a contact needs a name")
	}
	region := s.defaultRegion()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		sts, err := loadStates(ctx, tx, []int64{c.ID})
		if err != nil {
			return err
		}
		st := sts[c.ID]
		if st == nil {
			return fmt.Errorf("%w (id %d)", ErrNotFound, c.ID)
		}
		phones := editedPhones(c.Phones, st.Phones, region)
		if err := checkNumbersFree(ctx, tx, c.ID, phones); err != nil {
			return err
		}
		now := s.now()
		if st.edits == nil {
			st.edits = map[string]fieldEdit{}
		}
		edit := func(field, old, new string) {
			if old == new {
				return
			}
			e, ok := st.edits[field]
			if !ok {
				e.Was = old
			}
			e.At = now
			st.edits[field] = e
		}
		edit(fName, st.Name, name)
		edit(fFirst, st.FirstName, clean(c.FirstName))
		edit(fLast, st.LastName, clean(c.LastName))
		edit(fCompany, st.Company, clean(c.Company))
		edit(fEmail, st.Email, clean(c.Email))
		edit(fNotes, st.Notes, cleanNotes(c.Notes))
		if c.Birthday.IsZero() || validDate(c.Birthday) {
			edit(fBirthday, st.Birthday.String(), c.Birthday.String())
			st.Birthday = c.Birthday
		} else {
			return fmt.Errorf("contacts: %s is not a valid birthday", c.Birthday.String())
		}
		groups := normGroups(c.Groups)
		edit(fGroups, groupsCanon(st.Groups), groupsCanon(groups))
		edit(fPhones, phonesCanon(st.Phones), phonesCanon(phones))
		st.Name, st.FirstName, st.LastName = name, clean(c.FirstName), clean(c.LastName)
		st.Company, st.Email, st.Notes = clean(c.Company), clean(c.Email), cleanNotes(c.Notes)
		st.NoMessages = c.NoMessages
		st.Phones, st.Phone = phones, choosePhone(phones)
		st.Groups = groups
		w, err := newWriter(ctx, tx, now, "")
		if err != nil {
			return err
		}
		defer w.close()
		if err := w.updateRow(st); err != nil {
			return err
		}
		if err := w.replacePhones(st); err != nil {
			return err
		}
		if err := w.replaceGroups(st); err != nil {
			return err
		}
		if err := w.refreshSearch(st.ID); err != nil {
			return err
		}
		return w.reindex()
	})
}

// editedPhones normalises the phones of an edited contact. A number that was
// already stored keeps its normalisation (it may come from a file read in another
// region); only its label and preference follow the edit.
func editedPhones(in, stored []Phone, region string) []Phone {
	out := make([]Phone, 0, len(in))
	seen := map[string]bool{}
	for _, p := range in {
		raw := strings.TrimSpace(p.Raw)
		if raw == "" {
			raw = strings.TrimSpace(p.Number)
		}
		if raw == "" {
			continue
		}
		label := strings.ToLower(strings.TrimSpace(p.Label))
		np, found := Phone{}, false
		for _, old := range stored {
			if old.Raw == raw || (p.Number != "" && old.Number == p.Number) {
				np, found = old, true
				np.Label, np.Preferred = label, p.Preferred
				if np.Number != "" {
					np.Problem = validProblem(np.Kind, np.Label)
				}
				break
			}
		}
		if !found {
			np = normalizePhone(raw, label, p.Preferred, region)
		}
		if k := phoneKey(np); !seen[k] {
			seen[k] = true
			out = append(out, np)
		}
	}
	return out
}

// checkNumbersFree fails with ErrNumberTaken if another contact has one of the numbers.
func checkNumbersFree(ctx context.Context, tx *sql.Tx, id int64, phones []Phone) error {
	for _, p := range phones {
		if p.Number == "" {
			continue
		}
		var name string
		err := tx.QueryRowContext(ctx, `SELECT c.name FROM contact_phones p JOIN contacts c ON c.id = p.contact_id
			WHERE p.e164 = ? AND p.contact_id != ?`, p.Number, id).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return fmt.Errorf("contacts: check number: %w", err)
		}
		return &NumberTakenError{Number: p.Number, Owner: name}
	}
	return nil
}

func (w *writer) replacePhones(st *state) error {
	if _, err := w.tx.ExecContext(w.ctx, `DELETE FROM contact_phones WHERE contact_id = ?`, st.ID); err != nil {
		return fmt.Errorf("contacts: replace phones: %w", err)
	}
	for i, p := range st.Phones {
		w.addPhone(st.ID, i, p)
	}
	st.nphones = len(st.Phones)
	return w.phones.flush(w.ctx, w.tx)
}

func (w *writer) replaceGroups(st *state) error {
	if _, err := w.tx.ExecContext(w.ctx, `DELETE FROM contact_group_members WHERE contact_id = ?`, st.ID); err != nil {
		return fmt.Errorf("contacts: replace groups: %w", err)
	}
	for _, g := range st.Groups {
		gid, err := w.groupID(g)
		if err != nil {
			return err
		}
		w.members.add(gid, st.ID)
	}
	st.groups0 = append([]string(nil), st.Groups...)
	return w.members.flush(w.ctx, w.tx)
}

// SetConsent appends to the contact's consent history (status, where it came from,
// what proves it) and makes it the current consent. History is never rewritten.
func (s *Store) SetConsent(ctx context.Context, id int64, status minuit.Consent, source, proof string) error {
	return s.SetConsentAt(ctx, id, status, source, proof, s.now())
}

// SetConsentAt is SetConsent for a decision made at a known time (a STOP reply
// received earlier), recorded with that time.
func (s *Store) SetConsentAt(ctx context.Context, id int64, status minuit.Consent, source, proof string, at time.Time) error {
	switch status {
	case minuit.ConsentUnknown, minuit.ConsentOptedIn, minuit.ConsentOptedOut:
	default:
		return fmt.Errorf("%w (got %q)", ErrBadConsent, status)
	}
	source = clean(source)
	if source == "" {
		return errors.New("contacts: say where the consent comes from (for example \"STOP reply\" or \"in the shop\")")
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		c := Consent{Status: status, Source: source, Proof: proof, At: at.UTC()}
		return appendConsent(ctx, tx, id, c)
	})
}

func appendConsent(ctx context.Context, tx *sql.Tx, id int64, c Consent) error {
	r, err := tx.ExecContext(ctx, `UPDATE contacts SET consent_status = ?, consent_source = ?, consent_proof = ?,
		consent_at = ? WHERE id = ?`, string(c.Status), c.Source, c.Proof, formatTimeOrEmpty(c.At), id)
	if err != nil {
		return fmt.Errorf("contacts: set consent: %w", err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("%w (id %d)", ErrNotFound, id)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO consent_events (contact_id, status, source, proof, at)
		VALUES (?, ?, ?, ?, ?)`, id, string(c.Status), c.Source, c.Proof, formatTimeOrEmpty(c.At))
	if err != nil {
		return fmt.Errorf("contacts: record consent: %w", err)
	}
	return nil
}

// ConsentHistory returns every consent event of a contact, oldest first.
func (s *Store) ConsentHistory(ctx context.Context, id int64) ([]Consent, error) {
	rows, err := s.d.R.QueryContext(ctx, `SELECT status, source, proof, at FROM consent_events
		WHERE contact_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("contacts: read consent history: %w", err)
	}
	var out []Consent
	for rows.Next() {
		var c Consent
		var at string
		if err := rows.Scan(&c.Status, &c.Source, &c.Proof, &at); err != nil {
			rows.Close()
			return nil, fmt.Errorf("contacts: read consent history: %w", err)
		}
		if c.At, err = parseTime(at); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
	}
	return out, closeRows(rows)
}

func parseTime(s string) (time.Time, error) {
	t, err := db.ParseTime(s)
	if err != nil {
		return t, fmt.Errorf("contacts: %w", err)
	}
	return t, nil
}
