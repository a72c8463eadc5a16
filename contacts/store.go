package contacts

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"sync"
	"time"

	"minuit/internal/db"
	"minuit/internal/phone"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store keeps contacts in Minuit's database. It is safe for concurrent use.
type Store struct {
	d   *db.DB
	now func() time.Time

	mu     sync.Mutex
	region string // default country for numbers typed without +CC in the app

	afterBatch func(done int) error // tests: runs after each batch a commit writes
}

// Open applies the contacts migrations and returns the store. now is the clock used
// for every timestamp.
func Open(ctx context.Context, d *db.DB, now func() time.Time) (*Store, error) {
	if err := d.Migrate(ctx, "contacts", migrations, "migrations"); err != nil {
		return nil, fmt.Errorf("contacts: %w", err)
	}
	return &Store{d: d, now: now, region: phone.DefaultRegion()}, nil
}

// SetDefaultRegion sets the country (ISO code such as "FR") used for numbers typed
// without a country code when editing contacts. Imports take theirs in ImportOptions.
func (s *Store) SetDefaultRegion(region string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r := phone.NormalizeRegion(region); r != "" {
		s.region = r
	}
}

func (s *Store) defaultRegion() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.region
}

// querier is what reads need: a pool or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// version reads the change counter.
func version(ctx context.Context, q querier) (int64, error) {
	var v int64
	if err := q.QueryRowContext(ctx, `SELECT version FROM contacts_version WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("contacts: read version: %w", err)
	}
	return v, nil
}

// bump records that the contacts changed.
func bump(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `UPDATE contacts_version SET version = version + 1 WHERE id = 1`); err != nil {
		return fmt.Errorf("contacts: bump version: %w", err)
	}
	return nil
}

// inTx runs fn in one write transaction that also bumps the version.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	err := db.InTx(ctx, s.d.W, func(tx *sql.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return bump(ctx, tx)
	})
	if err != nil {
		return fmt.Errorf("contacts: %w", unwrapContacts(err))
	}
	return nil
}

// unwrapContacts avoids "contacts: contacts: ..." when fn already prefixed its error.
func unwrapContacts(err error) error {
	return prefixless{err}
}

type prefixless struct{ err error }

// Error is the wrapped error's message without its "contacts: " prefixes.
func (p prefixless) Error() string {
	s := p.err.Error()
	const pre = "contacts: "
	for len(s) >= len(pre) && s[:len(pre)] == pre {
		s = s[len(pre):]
	}
	return s
}

// Unwrap returns the wrapped error.
func (p prefixless) Unwrap() error { return p.err }
