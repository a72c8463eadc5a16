package contacts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"minuit/internal/minuit"
)

// ErrUnknownGroup is what Resolve wraps for a group name that matches no group.
var ErrUnknownGroup = errors.New("contacts: no group named")

// Resolve returns the recipients for a message: the given contacts and the members
// of the given groups, each once, in id order. A contact with no number that can
// receive SMS comes with an empty Number so that it can be reported. Ids that no
// longer exist (erased contacts) are left out; an unknown group is an error that
// wraps ErrUnknownGroup.
func (s *Store) Resolve(ctx context.Context, contactIDs []int64, groups []string) ([]minuit.Recipient, error) {
	ids, err := s.memberIDs(ctx, contactIDs, groups)
	if err != nil {
		return nil, err
	}
	cs, err := s.contacts(ctx, s.d.R, ids)
	if err != nil {
		return nil, err
	}
	out := make([]minuit.Recipient, len(cs))
	for i, c := range cs {
		out[i] = recipient(c)
	}
	return out, nil
}

// Reach is what planning a message needs to know of its recipients, without
// loading them: which of contactIDs exist, and how many contacts among them and
// the groups' members have a number to text. An unknown group is an error that
// wraps ErrUnknownGroup.
func (s *Store) Reach(ctx context.Context, contactIDs []int64, groups []string) (found []int64, withNumber int, err error) {
	ids, err := s.memberIDs(ctx, contactIDs, groups)
	if err != nil {
		return nil, 0, err
	}
	asked := make(map[int64]bool, len(contactIDs))
	for _, id := range contactIDs {
		asked[id] = true
	}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := s.d.R.QueryContext(ctx, `SELECT id, phone <> '' FROM contacts WHERE id IN (?`+
			strings.Repeat(", ?", len(chunk)-1)+`)`, args...)
		if err != nil {
			return nil, 0, fmt.Errorf("contacts: reach: %w", err)
		}
		for rows.Next() {
			var id int64
			var has bool
			if err := rows.Scan(&id, &has); err != nil {
				rows.Close()
				return nil, 0, fmt.Errorf("contacts: reach: %w", err)
			}
			if asked[id] {
				found = append(found, id)
			}
			if has {
				withNumber++
			}
		}
		if err := closeRows(rows); err != nil {
			return nil, 0, err
		}
	}
	return found, withNumber, nil
}

// memberIDs is the contacts given and the groups' members, each once, in id order.
func (s *Store) memberIDs(ctx context.Context, contactIDs []int64, groups []string) ([]int64, error) {
	set := make(map[int64]bool, len(contactIDs))
	for _, id := range contactIDs {
		set[id] = true
	}
	for _, g := range groups {
		var gid int64
		err := s.d.R.QueryRowContext(ctx, `SELECT id FROM contact_groups WHERE key = ?`, fold(groupName(g))).Scan(&gid)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("%w %q", ErrUnknownGroup, g)
		}
		if err != nil {
			return nil, fmt.Errorf("contacts: find group %q: %w", g, err)
		}
		ids, err := queryIDs(ctx, s.d.R, `SELECT contact_id FROM contact_group_members WHERE group_id = ?`, gid)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			set[id] = true
		}
	}
	ids := make([]int64, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids, nil
}

func recipient(c Contact) minuit.Recipient {
	first := c.FirstName
	if first == "" && c.LastName == "" && c.Name != c.Company && c.Name != c.Phone {
		// A card with only a formatted name ("FN:Marie Dupont"): {first_name} is its
		// first word rather than nothing.
		if f := strings.Fields(c.Name); len(f) > 1 {
			first = f[0]
		}
	}
	return minuit.Recipient{
		ContactID: c.ID, Number: c.Phone, Name: c.Name,
		Birthday: c.Birthday, Consent: c.Consent.Status, NoMessagesAtAll: c.NoMessages,
		Fields: map[string]string{
			"name": c.Name, "first_name": first, "last_name": c.LastName, "company": c.Company,
			"email": c.Email, "phone": c.Phone, "birthday": c.Birthday.String(),
		},
	}
}
