package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// Minuit keeps each component that writes a lot in its own file (the plans and
// history in one, the contacts in another), so that a long write to one (a
// 1,000,000-row import) never holds the lock the other needs (the sender's next
// send). A backup is one self-contained file holding every component's tables
// (BackupAll); a restore splits it again (Extract, DropComponent). Tables belong to
// a component by name: the caller says which (the names its migrations create).

// Tables returns the names of the tables of the database file at path, SQLite's own
// and the migrations table excepted.
func Tables(ctx context.Context, path string) (map[string]bool, error) {
	r, err := openReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return tablesOf(ctx, r, "main")
}

// Tables is Tables of the open database, through its readers.
func (d *DB) Tables(ctx context.Context) (map[string]bool, error) { return tablesOf(ctx, d.R, "main") }

func tablesOf(ctx context.Context, c interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, schema string) (map[string]bool, error) {
	rows, err := c.QueryContext(ctx, `SELECT name FROM `+schema+`.sqlite_master
		WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> 'migrations'`)
	if err != nil {
		return nil, fmt.Errorf("db: list tables: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("db: list tables: %w", err)
		}
		out[n] = true
	}
	return out, rows.Err()
}

// BackupAll is Backup of d into dst with the tables of others merged in, so that
// dst alone holds the whole data folder. Each database is read in one snapshot
// (VACUUM INTO) while its writers go on.
func (d *DB) BackupAll(ctx context.Context, dst string, replace bool, others ...*DB) error {
	for _, o := range others {
		if isDatabase(o.Path, dst) {
			return &CopyError{Dst: dst, Err: errItself}
		}
	}
	return copyWith(ctx, d.Path, dst, replace, func(tmp string) error {
		for _, o := range others {
			snap, err := snapshot(ctx, o.Path, filepath.Dir(dst))
			if err != nil {
				return err
			}
			err = merge(ctx, tmp, snap)
			removeWithSidecars(snap)
			if err != nil {
				return err
			}
		}
		return syncFile(tmp)
	})
}

// openRW opens path for reading and writing without creating it, with foreign
// keys off (tables are copied or dropped whole).
func openRW(path string) (*sql.DB, error) {
	q := url.Values{}
	q.Set("mode", "rw")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(0)")
	c, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("db: cannot open %s (%w)", path, err)
	}
	c.SetMaxOpenConns(1)
	return c, nil
}

// merge copies into the database file dst every table, index and trigger of the
// database file src, with their rows, and src's rows of the migrations table. A
// table both have is an error, except the shadow tables of an FTS5 table that
// creating it in dst made: their rows are replaced by src's.
func merge(ctx context.Context, dst, src string) error {
	c, err := openRW(dst)
	if err != nil {
		return err
	}
	defer c.Close()
	conn, err := c.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS src`, src); err != nil {
		return fmt.Errorf("db: merge %s: %w", src, err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `DETACH DATABASE src`) //nolint:errcheck // the connection closes next
	have, err := tablesOf(ctx, conn, "main")
	if err != nil {
		return err
	}
	type object struct{ typ, name, sql string }
	rows, err := conn.QueryContext(ctx, `SELECT type, name, sql FROM src.sqlite_master
		WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> 'migrations'
		ORDER BY CASE WHEN type = 'table' AND sql LIKE 'CREATE VIRTUAL%' THEN 0 WHEN type = 'table' THEN 1 ELSE 2 END, rowid`)
	if err != nil {
		return fmt.Errorf("db: merge %s: %w", src, err)
	}
	var objs []object
	for rows.Next() {
		var o object
		if err := rows.Scan(&o.typ, &o.name, &o.sql); err != nil {
			rows.Close()
			return fmt.Errorf("db: merge %s: %w", src, err)
		}
		objs = append(objs, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("db: merge %s: %w", src, err)
	}
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		return fmt.Errorf("db: merge %s: %w", src, err)
	}
	err = func() error {
		for _, o := range objs {
			virtual := strings.HasPrefix(o.sql, "CREATE VIRTUAL")
			if o.typ == "table" && have[o.name] {
				return fmt.Errorf("db: merge %s: both databases have a table %s", src, o.name)
			}
			made, err := tablesOf(ctx, conn, "main") // with the shadow tables of virtual ones created so far
			if err != nil {
				return err
			}
			create := `DELETE FROM main."` + o.name + `"` // a shadow table: its creation's rows give way to src's
			if !made[o.name] || o.typ != "table" {
				create = o.sql
			}
			if _, err := conn.ExecContext(ctx, create); err != nil {
				return fmt.Errorf("db: merge %s: %s: %w", src, o.name, err)
			}
			if o.typ == "table" && !virtual {
				if _, err := conn.ExecContext(ctx, `INSERT INTO main."`+o.name+`" SELECT * FROM src."`+o.name+`"`); err != nil {
					return fmt.Errorf("db: merge %s: %s: %w", src, o.name, err)
				}
			}
		}
		_, err := conn.ExecContext(ctx, `INSERT OR IGNORE INTO main.migrations SELECT * FROM src.migrations`)
		return err
	}()
	if err != nil {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
		return err
	}
	if _, err := conn.ExecContext(ctx, `COMMIT`); err != nil {
		return fmt.Errorf("db: merge %s: %w", src, err)
	}
	return nil
}

// Extract writes to dst (a new file, mode 0600, written whole then renamed) a copy
// of the database at src that keeps only the tables named in keep and component's
// rows of the migrations table.
func Extract(ctx context.Context, src, dst string, keep map[string]bool, component string) error {
	return copyWith(ctx, src, dst, true, func(tmp string) error {
		all, err := Tables(ctx, tmp)
		if err != nil {
			return err
		}
		drop := map[string]bool{}
		for t := range all {
			if !keep[t] {
				drop[t] = true
			}
		}
		if err := dropTables(ctx, tmp, drop, `component <> ?`, component); err != nil {
			return err
		}
		return syncFile(tmp)
	})
}

// DropComponent removes, in one transaction, the tables named in tables from the
// database file at path, with component's rows of the migrations table.
func DropComponent(ctx context.Context, path string, tables map[string]bool, component string) error {
	return dropTables(ctx, path, tables, `component = ?`, component)
}

func dropTables(ctx context.Context, path string, drop map[string]bool, migrations string, arg string) error {
	c, err := openRW(path)
	if err != nil {
		return err
	}
	defer c.Close()
	have, err := tablesOf(ctx, c, "main")
	if err != nil {
		return err
	}
	// Virtual tables first: dropping one drops its shadow tables.
	var virtual, plain []string
	for t := range drop {
		if !have[t] {
			continue
		}
		var sqlText string
		if err := c.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, t).Scan(&sqlText); err != nil {
			return fmt.Errorf("db: drop %s: %w", t, err)
		}
		if strings.HasPrefix(sqlText, "CREATE VIRTUAL") {
			virtual = append(virtual, t)
		} else {
			plain = append(plain, t)
		}
	}
	return InTx(ctx, c, func(tx *sql.Tx) error {
		for _, t := range append(virtual, plain...) {
			if _, err := tx.ExecContext(ctx, `DROP TABLE IF EXISTS "`+t+`"`); err != nil {
				return fmt.Errorf("db: drop %s from %s: %w", t, path, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM migrations WHERE `+migrations, arg); err != nil {
			return fmt.Errorf("db: drop migrations from %s: %w", path, err)
		}
		return nil
	})
}

// copyWith snapshots src into a temporary file beside dst, lets change work on it,
// then moves it onto dst (replacing it only when replace is set).
func copyWith(ctx context.Context, src, dst string, replace bool, change func(tmp string) error) error {
	if isDatabase(src, dst) {
		return &CopyError{Dst: dst, Err: errItself}
	}
	if !replace {
		if _, err := os.Lstat(dst); err == nil {
			return &ExistsError{Path: dst}
		}
	}
	tmp, err := snapshot(ctx, src, filepath.Dir(dst))
	if err != nil {
		return &CopyError{Dst: dst, Err: err}
	}
	defer removeWithSidecars(tmp) // the file is a no-op once moved
	if err := change(tmp); err != nil {
		return &CopyError{Dst: dst, Err: err}
	}
	if replace {
		err = os.Rename(tmp, dst)
	} else {
		err = linkNew(tmp, dst)
	}
	var exists *ExistsError
	if errors.As(err, &exists) {
		return err
	} else if err != nil {
		return &CopyError{Dst: dst, Err: err}
	}
	syncDir(filepath.Dir(dst))
	return nil
}
