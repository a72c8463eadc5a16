package contacts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// Get returns one contact, or ErrNotFound.
func (s *Store) Get(ctx context.Context, id int64) (Contact, error) {
	sts, err := loadStates(ctx, s.d.R, []int64{id})
	if err != nil {
		return Contact{}, err
	}
	st := sts[id]
	if st == nil {
		return Contact{}, &NotFoundError{ID: id}
	}
	return st.Contact, nil
}

// List returns one page of contacts; the next page starts after q.After (the id of
// the last contact of the previous page). Without q.Text they come in name order.
// With q.Text they come in id order: words match the start of words of the name or
// company; a number (digits, spaces, +) matches the start of a number, written
// nationally or internationally.
func (s *Store) List(ctx context.Context, q Query) ([]Contact, error) {
	limit := q.Limit
	switch {
	case limit <= 0:
		limit = 50
	case limit > 1000:
		limit = 1000
	}
	groupID, ok, err := s.findGroup(ctx, q.Group)
	if err != nil || !ok {
		return nil, err
	}
	text := strings.TrimSpace(q.Text)
	var ids []int64
	switch {
	case text == "":
		ids, err = s.listByName(ctx, groupID, q.After, limit)
	case isNumberQuery(text):
		ids, err = s.searchNumber(ctx, text, groupID, q.After, limit)
	default:
		ids, err = s.searchWords(ctx, text, groupID, q.After, limit)
	}
	if err != nil {
		return nil, err
	}
	return s.contacts(ctx, s.d.R, ids)
}

func (s *Store) listByName(ctx context.Context, groupID, after int64, limit int) ([]int64, error) {
	query := `SELECT c.id FROM contacts c WHERE 1`
	var args []any
	if groupID != 0 {
		query += ` AND EXISTS (SELECT 1 FROM contact_group_members m WHERE m.group_id = ? AND m.contact_id = c.id)`
		args = append(args, groupID)
	}
	if after > 0 {
		query += ` AND (c.sort_key, c.id) > ((SELECT sort_key FROM contacts WHERE id = ?), ?)`
		args = append(args, after, after)
	}
	return queryIDs(ctx, s.d.R, query+` ORDER BY c.sort_key, c.id LIMIT ?`, append(args, limit)...)
}

// Search returns the first limit contacts matching text: the search box.
func (s *Store) Search(ctx context.Context, text string, limit int) ([]Contact, error) {
	return s.List(ctx, Query{Text: text, Limit: limit})
}

// Each calls fn for every contact in id order, reading a page at a time.
func (s *Store) Each(ctx context.Context, fn func(Contact) error) error {
	var after int64
	for {
		ids, err := queryIDs(ctx, s.d.R, `SELECT id FROM contacts WHERE id > ? ORDER BY id LIMIT 500`, after)
		if err != nil || len(ids) == 0 {
			return err
		}
		cs, err := s.contacts(ctx, s.d.R, ids)
		if err != nil {
			return err
		}
		for _, c := range cs {
			if err := fn(c); err != nil {
				return err
			}
		}
		after = ids[len(ids)-1]
	}
}

// contacts loads contacts in the order of ids, skipping those that do not exist.
func (s *Store) contacts(ctx context.Context, q querier, ids []int64) ([]Contact, error) {
	out := make([]Contact, 0, len(ids))
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		sts, err := loadStates(ctx, q, chunk)
		if err != nil {
			return nil, err
		}
		for _, id := range chunk {
			if st := sts[id]; st != nil {
				out = append(out, st.Contact)
			}
		}
	}
	return out, nil
}

func queryIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("contacts: query: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("contacts: query: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, closeRows(rows)
}

// Groups lists the groups that have members, by name, with their sizes.
func (s *Store) Groups(ctx context.Context) ([]Group, error) {
	rows, err := s.d.R.QueryContext(ctx, `SELECT g.name, count(*) FROM contact_groups g
		JOIN contact_group_members m ON m.group_id = g.id GROUP BY g.id ORDER BY g.key`)
	if err != nil {
		return nil, fmt.Errorf("contacts: list groups: %w", err)
	}
	var out []Group
	for rows.Next() {
		var g Group
		if err := rows.Scan(&g.Name, &g.Count); err != nil {
			rows.Close()
			return nil, fmt.Errorf("contacts: list groups: %w", err)
		}
		out = append(out, g)
	}
	return out, closeRows(rows)
}

// ByNumber finds the contact that has this number (for STOP replies). The number
// may lack its "+" (MessageBird drops it); other forms are parsed in the default
// region.
func (s *Store) ByNumber(ctx context.Context, number string) (Contact, bool, error) {
	e := strings.TrimSpace(number)
	if isDigits(e) {
		e = "+" + e
	} else if !strings.HasPrefix(e, "+") || !isDigits(e[1:]) {
		n, err := phonenumbers.Parse(e, s.defaultRegion())
		if err != nil {
			return Contact{}, false, nil
		}
		e = phonenumbers.Format(n, phonenumbers.E164)
	}
	var id int64
	err := s.d.R.QueryRowContext(ctx, `SELECT contact_id FROM contact_phones WHERE e164 = ?`, e).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return Contact{}, false, nil
	}
	if err != nil {
		return Contact{}, false, fmt.Errorf("contacts: find number: %w", err)
	}
	c, err := s.Get(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return Contact{}, false, nil
	}
	return c, err == nil, err
}
