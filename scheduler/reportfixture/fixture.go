// Package reportfixture builds the database the report and chart benchmarks read:
// 1,000,000 deliveries of 1,000 campaigns over the year to End (one every 8 h 45,
// 1,000 recipients each from 100,000 numbers in France, Belgium and Switzerland,
// through two providers), with the usual outcomes (90 % delivered, 4 % failed, 1 %
// expired, 2 % waiting for a report, 3 % skipped by the rules) and 2,000 STOP
// replies. It is built once, in under a minute, in the system's temp folder and reused
// by later runs; delete minuit-reports-1m.db there to rebuild it.
package reportfixture

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"minuit/internal/db"
	"minuit/scheduler"
)

// End is the planned time of the last campaign; Deliveries, how many there are.
var End = time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC)

// Deliveries is the fixture's size.
const Deliveries = 1_000_000

var (
	once  sync.Once
	store *scheduler.Store
	err   error
)

// Open returns the store of the fixture, building it on first use.
func Open(tb testing.TB) *scheduler.Store {
	tb.Helper()
	once.Do(func() { store, err = build(filepath.Join(os.TempDir(), "minuit-reports-1m.db")) })
	if err != nil {
		tb.Fatal(err)
	}
	return store
}

func build(path string) (*scheduler.Store, error) {
	ctx := context.Background()
	d, err := db.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := scheduler.Open(ctx, d, func() time.Time { return End })
	if err != nil {
		return nil, err
	}
	var n int
	if err := d.R.QueryRowContext(ctx, `SELECT count(*) FROM deliveries`).Scan(&n); err != nil {
		return nil, err
	}
	if n == Deliveries {
		return st, st.FoldReports(ctx) // a database migrated since it was built
	}
	// The covering index of opt-outs is built after the rows, in one sorted pass,
	// from its own definition; the triggers journal the rows, folded at the end.
	var index string
	if err := d.W.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE name = 'deliveries_recipient_sent'`).Scan(&index); err != nil {
		return nil, err
	}
	end := End.Format("2006-01-02 15:04:05")
	for _, s := range []struct {
		q    string
		args []any
	}{
		{`DELETE FROM deliveries`, nil}, {`DELETE FROM messages`, nil}, {`DELETE FROM inbound_replies`, nil},
		{`DROP INDEX deliveries_recipient_sent`, nil},
		{`WITH RECURSIVE m(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM m WHERE i < 1000)
		INSERT INTO messages (id, body, originator, kind, local_at, tz, status, created_at, updated_at)
		SELECT i, 'Campagne ' || i || ' : -20 % ce week-end {first_name} !', '', 'marketing', '2026-01-01 10:00',
			'Europe/Paris', 'done', '', '' FROM m`, nil},
		{`WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < 1000000),
		d(i, occ, num) AS (SELECT i, strftime('%Y-%m-%dT%H:%M:%f000Z', ?, '-' || ((999 - i / 1000) * 31536) || ' seconds'),
			(i * 7919) % 100000 FROM seq)
		INSERT INTO deliveries (message_id, occurrence, recipient, originator, kind, body, segments, state, due, sent_at,
			final_at, provider, policy_reason, created_at, updated_at)
		SELECT i / 1000 + 1, occ,
			CASE WHEN num % 20 = 0 THEN '+3247' ELSE CASE WHEN num % 20 = 1 THEN '+4179' ELSE '+3361' END END || printf('%07d', num),
			'', 'marketing', 'Campagne : -20 % ce week-end !', 1 + (i % 3 = 0),
			CASE WHEN i % 100 < 90 THEN 'delivered' WHEN i % 100 < 94 THEN 'failed' WHEN i % 100 < 95 THEN 'expired'
				WHEN i % 100 < 97 THEN 'sent' ELSE 'skipped' END,
			occ, CASE WHEN i % 100 < 97 THEN occ ELSE '' END, CASE WHEN i % 100 < 97 THEN occ ELSE '' END,
			CASE WHEN (i / 1000) % 2 = 0 THEN 'messagebird' ELSE 'twilio' END,
			CASE WHEN i % 100 >= 97 THEN CASE WHEN i % 2 = 0 THEN 'no-consent' ELSE 'opted-out' END ELSE '' END,
			occ, occ FROM d`, []any{end}},
		{`WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 1999)
		INSERT INTO inbound_replies (provider, provider_id, number, body, received_at, action, created_at)
		SELECT 'messagebird', 'mo-' || i, '+3361' || printf('%07d', (i * 37) % 100000), 'STOP',
			strftime('%Y-%m-%dT%H:%M:%f000Z', ?, '-' || (i * 15000) || ' seconds'), 'opt-out', '' FROM s`, []any{end}},
		{index, nil},
	} {
		if _, err := d.W.ExecContext(ctx, s.q, s.args...); err != nil {
			return nil, fmt.Errorf("reportfixture: %w", err)
		}
	}
	if err := st.FoldReports(ctx); err != nil {
		return nil, err
	}
	if _, err := d.W.ExecContext(ctx, `ANALYZE`); err != nil {
		return nil, fmt.Errorf("reportfixture: %w", err)
	}
	return st, nil
}
