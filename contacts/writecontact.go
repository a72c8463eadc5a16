package contacts

import (
	"fmt"

	"minuit/internal/db"
)

// newRows are the rows of one new contact, built away from the writer's goroutine.
type newRows struct {
	id      int64
	contact []any
	phones  []any // 9 values a phone
	groups  []string
	consent []any
}

// buildNew renders a new contact's rows; it touches no database, so it can run
// ahead of the writer.
func buildNew(st *state, id int64, consents []Consent) newRows {
	c := &st.Contact
	c.ID = id
	r := newRows{id: id, groups: c.Groups}
	r.contact = []any{c.ID, c.Name, fold(c.Name), nullable(c.FirstName), nullable(c.LastName), nullable(c.Company),
		nullable(c.Email), c.Birthday.Year, int(c.Birthday.Month), c.Birthday.Day, nullable(c.Notes),
		nullable(c.UID), contactFallbackKey(c), nullable(c.Phone), string(c.Consent.Status),
		nullable(c.Consent.Source), nullable(c.Consent.Proof), nullable(formatTimeOrEmpty(c.Consent.At)),
		nullable(editsJSON(st.edits))}
	r.phones = make([]any, 0, 9*len(c.Phones))
	for i, p := range c.Phones {
		r.phones = append(r.phones, phoneRow(c.ID, i, p)...)
	}
	for _, e := range consents {
		r.consent = append(r.consent, c.ID, string(e.Status), e.Source, e.Proof, db.FormatTime(e.At))
	}
	return r
}

// addNew buffers a new contact's rows; ids must come in order from w.nextID.
func (w *writer) addNew(r newRows) error {
	if r.id != w.nextID {
		return fmt.Errorf("contacts: new contact id %d out of order (expected %d)", r.id, w.nextID)
	}
	w.nextID++
	w.contacts.add(r.contact...)
	w.phones.add(r.phones...)
	for _, g := range r.groups {
		gid, err := w.groupID(g)
		if err != nil {
			return err
		}
		w.members.add(gid, r.id)
	}
	w.consents.add(r.consent...)
	if w.contacts.rows() >= bulkRows {
		return w.flushFull()
	}
	return nil
}

// flushFull inserts the new contacts, then only full chunks of their rows in other
// tables: the rest waits for the next flush (parents are always in first).
func (w *writer) flushFull() error {
	if err := w.contacts.flush(w.ctx, w.tx); err != nil {
		return err
	}
	for _, b := range []*rowBuf{&w.phones, &w.members, &w.consents} {
		if err := b.flushFull(w.ctx, w.tx); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) addPhone(id int64, pos int, p Phone) { w.phones.add(phoneRow(id, pos, p)...) }

func phoneRow(id int64, pos int, p Phone) []any {
	problem := "" // a valid number's problem follows from its kind and label
	if p.Number == "" {
		problem = p.Problem
	}
	return []any{id, pos, nullable(p.Number), p.Raw, nullable(p.Label), p.Kind, flagInt(p.Preferred), nullable(problem),
		nullable(invalidDigits(p))}
}

// update writes what plan changed in a stored contact.
func (w *writer) update(st *state, o outcome) error {
	c := &st.Contact
	if !o.visible() {
		if !o.editsChanged {
			return nil
		}
		_, err := w.tx.ExecContext(w.ctx, `UPDATE contacts SET edits = ? WHERE id = ?`, editsJSON(st.edits), c.ID)
		if err != nil {
			return fmt.Errorf("contacts: update contact %d: %w", c.ID, err)
		}
		return nil
	}
	if err := w.updateRow(st); err != nil {
		return err
	}
	for i := st.nphones; i < len(c.Phones); i++ {
		w.addPhone(c.ID, i, c.Phones[i])
	}
	st.nphones = len(c.Phones)
	had := make(map[string]bool, len(st.groups0))
	for _, g := range st.groups0 {
		had[fold(g)] = true
	}
	for _, g := range c.Groups {
		if had[fold(g)] {
			continue
		}
		gid, err := w.groupID(g)
		if err != nil {
			return err
		}
		w.members.add(gid, c.ID)
	}
	st.groups0 = append(st.groups0[:0], c.Groups...)
	for _, e := range o.consents {
		w.consents.add(c.ID, string(e.Status), e.Source, e.Proof, db.FormatTime(e.At))
	}
	if err := w.flush(); err != nil {
		return err
	}
	return w.refreshSearch(c.ID)
}

// updateRow writes the contact's own row.
func (w *writer) updateRow(st *state) error {
	c := &st.Contact
	c.UpdatedAt = w.now
	_, err := w.tx.ExecContext(w.ctx, `UPDATE contacts SET name = ?, sort_key = ?, first_name = ?, last_name = ?,
		company = ?, email = ?, bday_year = ?, bday_month = ?, bday_day = ?, notes = ?, uid = ?, phone = ?, no_messages = ?, consent_status = ?, consent_source = ?, consent_proof = ?,
		consent_at = ?, edits = ?, updated_at = ? WHERE id = ?`,
		c.Name, fold(c.Name), c.FirstName, c.LastName, c.Company, c.Email, c.Birthday.Year,
		int(c.Birthday.Month), c.Birthday.Day, c.Notes, nullable(c.UID), c.Phone,
		flagInt(c.NoMessages), string(c.Consent.Status), c.Consent.Source, c.Consent.Proof,
		formatTimeOrEmpty(c.Consent.At), editsJSON(st.edits), w.nowS, c.ID)
	if err != nil {
		return fmt.Errorf("contacts: update contact %d: %w", c.ID, err)
	}
	return nil
}

// refreshSearch marks a stored contact's search row for rebuilding by reindex.
// New contacts are indexed all at once by indexNew.
func (w *writer) refreshSearch(id int64) error {
	if id < w.firstNew {
		w.stale = append(w.stale, id)
	}
	return nil
}

// reindex rebuilds the search rows of the stored contacts that changed, a few
// statements for all of them: FTS5 writes a segment per statement.
func (w *writer) reindex() error {
	if err := w.flush(); err != nil {
		return err
	}
	for len(w.stale) > 0 {
		chunk := w.stale[:min(len(w.stale), 500)]
		w.stale = w.stale[len(chunk):]
		in, args := inList(chunk)
		if _, err := w.tx.ExecContext(w.ctx, `DELETE FROM contacts_fts WHERE rowid IN (`+in+`)`, args...); err != nil {
			return fmt.Errorf("contacts: update search index: %w", err)
		}
		if _, err := w.tx.ExecContext(w.ctx, indexSearchSQL+`c.id IN (`+in+`)`, args...); err != nil {
			return fmt.Errorf("contacts: update search index: %w", err)
		}
	}
	return nil
}

// indexNew adds the contacts created by this writer to the search index in one
// statement: FTS5 writes a segment per statement, so one is much faster than many.
func (w *writer) indexNew() error {
	if err := w.flush(); err != nil {
		return err
	}
	if w.nextID == w.firstNew {
		return nil
	}
	if _, err := w.tx.ExecContext(w.ctx, indexSearchSQL+`c.id >= ?`, w.firstNew); err != nil {
		return fmt.Errorf("contacts: index new contacts for search: %w", err)
	}
	w.firstNew = w.nextID
	return nil
}

// groupID returns the id of the group, creating it if needed.
func (w *writer) groupID(name string) (int64, error) {
	if id, ok := w.groupNames[name]; ok {
		return id, nil
	}
	if w.groupNames == nil {
		w.groupNames = map[string]int64{}
	}
	key := fold(name)
	if w.groups == nil {
		w.groups = map[string]int64{}
		rows, err := w.tx.QueryContext(w.ctx, `SELECT id, key FROM contact_groups`)
		if err != nil {
			return 0, fmt.Errorf("contacts: load groups: %w", err)
		}
		for rows.Next() {
			var id int64
			var k string
			if err := rows.Scan(&id, &k); err != nil {
				rows.Close()
				return 0, fmt.Errorf("contacts: load groups: %w", err)
			}
			w.groups[k] = id
		}
		if err := closeRows(rows); err != nil {
			return 0, err
		}
	}
	if id, ok := w.groups[key]; ok {
		w.groupNames[name] = id
		return id, nil
	}
	var id int64
	err := w.tx.QueryRowContext(w.ctx, `INSERT INTO contact_groups (name, key) VALUES (?, ?) RETURNING id`,
		name, key).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("contacts: create group %q: %w", name, err)
	}
	w.groups[key] = id
	w.groupNames[name] = id
	return id, nil
}
