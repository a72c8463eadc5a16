package contacts

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// bulkMin is the smallest import that drops and rebuilds the secondary indexes.
const bulkMin = 1000

// bulkLoad reports whether an import is large enough, against what is stored, that
// building the secondary indexes once after inserting (a sort) beats updating them
// row by row (random B-tree inserts).
func bulkLoad(p *Preview) bool {
	return p.New >= bulkMin && p.New >= p.existing
}

// bulkIndexes are the indexes a large import fills on almost every row. The partial
// indexes on UIDs, fallback keys and invalid numbers' digits stay: most rows are not
// in them, so they cost little to keep and a table scan each to rebuild.
var bulkIndexes = []string{"contacts_by_sort_key", "contacts_by_email", "contact_phones_by_e164",
	"contact_group_members_by_contact"}

// dropIndexes drops the bulk indexes and returns the statements that recreate
// them, read from the schema itself. Inside the import's transaction, readers never
// see the tables without them.
func dropIndexes(ctx context.Context, tx *sql.Tx) ([]string, error) {
	in, args := inStrings(bulkIndexes)
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
		AND name IN (`+in+`) ORDER BY name`, args...)
	if err != nil {
		return nil, fmt.Errorf("contacts: read indexes: %w", err)
	}
	var names, create []string
	for rows.Next() {
		var name, stmt string
		if err := rows.Scan(&name, &stmt); err != nil {
			rows.Close()
			return nil, fmt.Errorf("contacts: read indexes: %w", err)
		}
		names = append(names, name)
		create = append(create, stmt)
	}
	if err := closeRows(rows); err != nil {
		return nil, err
	}
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, `DROP INDEX `+quoteIdent(n)); err != nil {
			return nil, fmt.Errorf("contacts: drop index %s: %w", n, err)
		}
	}
	return create, nil
}

// createIndexes rebuilds what dropIndexes dropped. A unique index fails here if the
// import broke uniqueness, which rolls the whole import back.
func createIndexes(ctx context.Context, tx *sql.Tx, create []string) error {
	for _, stmt := range create {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("contacts: rebuild index: %w", err)
		}
	}
	return nil
}

func quoteIdent(s string) string { return `"` + s + `"` }

func inStrings(ss []string) (string, []any) {
	args := make([]any, len(ss))
	for i, s := range ss {
		args[i] = s
	}
	return strings.TrimSuffix(strings.Repeat("?,", len(ss)), ","), args
}
