package contacts

import (
	"context"
	"database/sql"
	"fmt"

	"minuit/internal/minuit"
	"minuit/internal/usererr"
)

// SourceApp is the source of contacts created in the app and of consents recorded there.
const SourceApp = "app"

// errNoName: a contact needs a name (typed or made of its first and last names).
var errNoName = usererr.Sayf("Give the contact a name.")

// Create saves a new contact typed in the app and returns its id. Name, first and
// last names, company, email, notes, birthday, groups (created as needed), phones
// (read in the store's default country when written without +) and NoMessages
// are taken from c; like Update, each field given counts as edited in the app, so
// that a later import does not overwrite it silently. Consent starts unknown (use
// SetConsent). It fails with ErrNumberTaken when a number belongs to another contact.
func (s *Store) Create(ctx context.Context, c Contact) (int64, error) {
	st := &state{}
	st.Name, st.FirstName, st.LastName = clean(c.Name), clean(c.FirstName), clean(c.LastName)
	if st.Name == "" {
		st.Name = clean(c.FirstName + " " + c.LastName)
	}
	if st.Name == "" {
		return 0, errNoName
	}
	if !c.Birthday.IsZero() && !validDate(c.Birthday) {
		return 0, fmt.Errorf("contacts: %s is not a valid birthday", c.Birthday.String())
	}
	st.Company, st.Email, st.Notes = clean(c.Company), clean(c.Email), cleanNotes(c.Notes)
	st.Birthday, st.NoMessages, st.Source = c.Birthday, c.NoMessages, SourceApp
	st.Groups = normGroups(c.Groups)
	st.Consent.Status = minuit.ConsentUnknown
	region := s.defaultRegion()
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		st.Phones = editedPhones(c.Phones, nil, region)
		st.Phone = choosePhone(st.Phones)
		if err := checkNumbersFree(ctx, tx, 0, st.Phones); err != nil {
			return err
		}
		now := s.now()
		st.edits = map[string]fieldEdit{}
		for field, v := range map[string]string{fName: st.Name, fFirst: st.FirstName, fLast: st.LastName,
			fCompany: st.Company, fEmail: st.Email, fNotes: st.Notes, fBirthday: st.Birthday.String(),
			fGroups: groupsCanon(st.Groups), fPhones: phonesCanon(st.Phones)} {
			if v != "" {
				st.edits[field] = fieldEdit{At: now}
			}
		}
		w, err := newWriter(ctx, tx, now, SourceApp)
		if err != nil {
			return err
		}
		defer w.close()
		id = w.nextID
		if err := w.addNew(buildNew(st, id, nil)); err != nil {
			return err
		}
		if err := w.indexNew(); err != nil {
			return err
		}
		if st.NoMessages {
			if _, err := tx.ExecContext(ctx, `UPDATE contacts SET no_messages = 1 WHERE id = ?`, id); err != nil {
				return fmt.Errorf("contacts: create contact: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}
