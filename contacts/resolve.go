package contacts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Resolve returns the recipients for a message: the given contacts and the members
// of the given groups, each once, in id order. A contact with no number that can
// receive SMS comes with an empty Number so that it can be reported. Ids that no
// longer exist (erased contacts) are left out; an unknown group is an error.
func (s *Store) Resolve(ctx context.Context, contactIDs []int64, groups []string) ([]Recipient, error) {
	set := make(map[int64]bool, len(contactIDs))
	for _, id := range contactIDs {
		set[id] = true
	}
	for _, g := range groups {
		var gid int64
		err := s.d.R.QueryRowContext(ctx, `SELECT id FROM contact_groups WHERE key = ?`, fold(groupName(g))).Scan(&gid)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("contacts: no group named %q", g)
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
	cs, err := s.contacts(ctx, s.d.R, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Recipient, len(cs))
	for i, c := range cs {
		out[i] = recipient(c)
	}
	return out, nil
}

func recipient(c Contact) Recipient {
	first := c.FirstName
	if first == "" && c.LastName == "" && c.Name != c.Company && c.Name != c.Phone {
		// A card with only a formatted name ("FN:Marie Dupont"): {first_name} is its
		// first word rather than nothing.
		if f := strings.Fields(c.Name); len(f) > 1 {
			first = f[0]
		}
	}
	return Recipient{
		ContactID: c.ID, Number: c.Phone, Name: c.Name, FirstName: first, LastName: c.LastName,
		Birthday: c.Birthday, Consent: c.Consent, NoMessagesAtAll: c.NoMessages,
		Fields: map[string]string{
			"name": c.Name, "first_name": first, "last_name": c.LastName, "company": c.Company,
			"email": c.Email, "phone": c.Phone, "birthday": c.Birthday.String(),
		},
	}
}
