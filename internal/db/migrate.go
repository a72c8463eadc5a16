package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ErrTooNew is returned when the database was migrated by a newer Minuit.
var ErrTooNew = errors.New("db: the database was written by a newer version of Minuit")

// Migrate applies, in order and each in its own transaction, the files NNNN_name.sql
// of dir in fsys that the component has not applied yet. A database that records a
// version this binary does not know is refused and left untouched.
func (d *DB) Migrate(ctx context.Context, component string, fsys fs.FS, dir string) error {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return fmt.Errorf("db: read %s migrations: %w", component, err)
	}
	type mig struct {
		version int
		name    string
	}
	var migs []mig
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return fmt.Errorf("db: migration %s/%s is not named NNNN_name.sql", component, name)
		}
		migs = append(migs, mig{v, name})
	}
	sort.Slice(migs, func(i, j int) bool { return migs[i].version < migs[j].version })
	for i, m := range migs {
		if m.version != i+1 {
			return fmt.Errorf("db: %s migrations are not numbered 1..n (found %s)", component, m.name)
		}
	}
	var have int
	err = d.W.QueryRowContext(ctx,
		`SELECT coalesce(max(version), 0) FROM migrations WHERE component = ?`, component).Scan(&have)
	if err != nil {
		return fmt.Errorf("db: read %s schema version: %w", component, err)
	}
	if have > len(migs) {
		return fmt.Errorf("%w (%s schema version %d, this build knows %d); it was not modified: install the newer Minuit or restore a backup",
			ErrTooNew, component, have, len(migs))
	}
	for _, m := range migs[have:] {
		body, err := fs.ReadFile(fsys, dir+"/"+m.name)
		if err != nil {
			return fmt.Errorf("db: read migration %s: %w", m.name, err)
		}
		err = InTx(ctx, d.W, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("db: migration %s/%s: %w", component, m.name, err)
			}
			_, err := tx.ExecContext(ctx,
				`INSERT INTO migrations (component, version, name, applied_at) VALUES (?, ?, ?, ?)`,
				component, m.version, m.name, time.Now().UTC().Format(TimeFormat))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// TimeFormat is the fixed-width UTC layout every timestamp column uses, so that text
// order is time order.
const TimeFormat = "2006-01-02T15:04:05.000000Z"

// FormatTime renders t in TimeFormat (UTC).
func FormatTime(t time.Time) string { return t.UTC().Format(TimeFormat) }

// ParseTime reads a TimeFormat column; the empty string is the zero time.
func ParseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(TimeFormat, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("db: bad timestamp %q: %w", s, err)
	}
	return t, nil
}
