package contacts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Count says how many contacts List returns for q over all its pages (q.After and
// q.Limit are ignored): the "3,392 contacts" above a search. A group that does not
// exist has no members.
func (s *Store) Count(ctx context.Context, q Query) (int, error) {
	groupID, ok, err := s.findGroup(ctx, q.Group)
	if err != nil || !ok {
		return 0, err
	}
	member := ""
	var args []any
	text := strings.TrimSpace(q.Text)
	var query string
	switch {
	case text == "" && groupID != 0:
		query, args = `SELECT count(*) FROM contact_group_members WHERE group_id = ?`, []any{groupID}
	case text == "":
		query = `SELECT count(*) FROM contacts`
	case isNumberQuery(text):
		// One index range per form of the number, united: SQLite reads each range
		// from its index alone, where an OR of them would read the whole table.
		var ranges []string
		for _, r := range s.numberRanges(text) {
			ranges = append(ranges, `SELECT p.contact_id FROM contact_phones p WHERE `+r.where())
			args = append(args, r.lo, r.hi)
		}
		if groupID != 0 {
			member = ` WHERE EXISTS (SELECT 1 FROM contact_group_members m WHERE m.group_id = ? AND m.contact_id = u.contact_id)`
			args = append(args, groupID)
		}
		query = `SELECT count(*) FROM (` + strings.Join(ranges, " UNION ") + `) u` + member
	default:
		sq := parseSearch(text)
		if sq.exact == "" {
			return 0, nil
		}
		// The whole words: the same contacts as searchWords finds, without checking each.
		args = []any{sq.exact}
		if groupID != 0 {
			member = ` AND EXISTS (SELECT 1 FROM contact_group_members m WHERE m.group_id = ? AND m.contact_id = f.rowid)`
			args = append(args, groupID)
		}
		query = `SELECT count(*) FROM contacts_fts f WHERE contacts_fts MATCH ?` + member
	}
	var n int
	if err := s.d.R.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("contacts: count: %w", err)
	}
	return n, nil
}

// findGroup returns the id of the group named name (any case or accents); ok is
// false when no group has that name. An empty name is no filter: id 0, ok true.
func (s *Store) findGroup(ctx context.Context, name string) (id int64, ok bool, err error) {
	if name == "" {
		return 0, true, nil
	}
	err = s.d.R.QueryRowContext(ctx, `SELECT id FROM contact_groups WHERE key = ?`, GroupKey(name)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("contacts: find group: %w", err)
	}
	return id, true, nil
}

// GroupKey is how group names are compared: "Clients", "clients" and "Cliénts"
// name the same group. Callers outside this package that match group names (a
// message's recipients against an import's groups) use it too.
func GroupKey(name string) string { return fold(groupName(name)) }
