package scheduler

import (
	"context"
	"database/sql"
	"fmt"

	"minuit/internal/db"
	"minuit/internal/usererr"
)

// SetRules checks compliance settings together, as they will be read, and stores
// them all or none (Settings saves the whole form at once; SetRule is one key).
func (s *Store) SetRules(ctx context.Context, vals map[string]string) error {
	for k := range vals {
		if _, ok := PolicyDefaults[k]; !ok {
			return fmt.Errorf("scheduler: %q is not a compliance setting", k)
		}
	}
	rs, err := s.LoadRules(ctx)
	if err != nil {
		return err
	}
	if _, err := rulesFrom(func(k string) string {
		if v, ok := vals[k]; ok {
			return v
		}
		return rs.Summary[k]
	}); err != nil {
		return err
	}
	return db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		for k, v := range vals {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
				return fmt.Errorf("scheduler: save setting %s: %w", k, err)
			}
		}
		return nil
	})
}

// CheckQuietWindows says, in a sentence for the person, why custom sending
// windows ("mon-fri 09:00-19:00, sat 10:00-18:00") cannot be read; nil when they
// can.
func CheckQuietWindows(spec string) error {
	if _, err := parseCustomQuiet(spec, ""); err != nil {
		return usererr.Sayf("Write the sending windows like “mon-fri 09:00-19:00, sat 10:00-18:00”: days mon to sun, times 00:00 to 24:00.")
	}
	return nil
}
