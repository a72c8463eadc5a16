package scheduler

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
)

// ReportQuery says what a report covers.
type ReportQuery struct {
	// From and To bound the deliveries' planned time, [From, To); zero is open. They
	// are rounded to the quarter-hour (report_totals' slots), which local midnights
	// always are.
	From, To time.Time
	// MessageIDs restricts the report to these messages; none: every message.
	MessageIDs []int64
	// Loc is the zone of the days and months of Report.Days and Report.Months;
	// nil: time.Local.
	Loc *time.Location
	// Attribution credits messages with orders and revenue; nil: none connected.
	Attribution Attribution
}

// Report is what became of the deliveries a ReportQuery covers: per message, in
// total, per day, per month and per provider and country.
type Report struct {
	From, To time.Time       // as asked (zero: open)
	Messages []MessageReport // newest message first
	Total    MessageReport   // the sums over Messages (MessageID 0), with their rates
	Days     []DayOutcomes   // every local day of the period, oldest first
	Months   []MonthCost     // every local month with deliveries sent, oldest first
	Costs    []CostLine      // parts sent and their cost by provider and country
	// Attributed says a shop is connected: Orders and Revenue mean something.
	Attributed bool
	// Estimate says some cost used a built-in price rather than one set by the user.
	Estimate bool
}

// DayOutcomes counts one local day's deliveries by outcome, for the chart of
// deliveries per day.
type DayOutcomes struct {
	Day       time.Time // local midnight
	Delivered int
	Waiting   int // sent, waiting for the delivery report
	Failed    int // failed or expired
	Missed    int // missed or unconfirmed
	Skipped   int // kept by the compliance rules
	Pending   int // not sent yet
	Cancelled int
}

// MonthCost is what one local month's sent deliveries cost.
type MonthCost struct {
	Month time.Time // local midnight of its first day
	Parts int
	Cost  float64
}

// CostLine is the parts sent through one provider to one country, and their cost.
type CostLine struct {
	Provider string  `json:"provider"`
	Country  string  `json:"country"` // ISO 3166 alpha-2, "ZZ" when unknown
	Parts    int     `json:"parts"`
	PerPart  float64 `json:"per_part"`
	Cost     float64 `json:"cost"`
	Estimate bool    `json:"estimate"` // PerPart is a built-in estimate
}

// totalsRow is one row of report_totals.
type totalsRow struct {
	slot, state, reason, provider, prefix string
	firstSent                             string
	message                               int64
	accepted                              bool
	n, parts                              int
}

// Report reads a report from report_totals (a few thousand rows, whatever the
// number of deliveries), the opt-out replies and the price table.
func (s *Store) Report(ctx context.Context, q ReportQuery) (Report, error) {
	if q.Loc == nil {
		q.Loc = time.Local
	}
	if err := s.FoldReports(ctx); err != nil {
		return Report{}, err
	}
	rows, err := s.readTotals(ctx, q)
	if err != nil {
		return Report{}, err
	}
	prices, err := s.PriceTable(ctx)
	if err != nil {
		return Report{}, err
	}
	rep := fold(q, rows, prices)
	if err := s.fillMessages(ctx, q, &rep); err != nil {
		return Report{}, err
	}
	if err := attribute(ctx, q, &rep); err != nil {
		return Report{}, err
	}
	rep.finish()
	return rep, nil
}

// slotBounds are a query's bounds as report_totals slots and as occurrences.
func slotBounds(q ReportQuery) (lo, hi, occLo, occHi string) {
	lo, hi, occLo, occHi = "", "9999", "", "9999"
	if !q.From.IsZero() {
		f := q.From.UTC().Truncate(15 * time.Minute)
		lo, occLo = f.Format(slotLayout), db.FormatTime(f)
	}
	if !q.To.IsZero() {
		t := q.To.UTC()
		if c := t.Truncate(15 * time.Minute); !c.Equal(t) {
			t = c.Add(15 * time.Minute)
		}
		hi, occHi = t.Format(slotLayout), db.FormatTime(t)
	}
	return lo, hi, occLo, occHi
}

// idFilter is "AND col IN (?, …)" for the query's messages, or nothing.
func idFilter(col string, ids []int64) (string, []any) {
	if len(ids) == 0 {
		return "", nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return ` AND ` + col + ` IN (?` + strings.Repeat(`, ?`, len(ids)-1) + `)`, args
}

func (s *Store) readTotals(ctx context.Context, q ReportQuery) ([]totalsRow, error) {
	lo, hi, _, _ := slotBounds(q)
	where, args := idFilter("message_id", q.MessageIDs)
	rows, err := s.db.R.QueryContext(ctx, `SELECT slot, message_id, state, accepted, reason, provider, prefix, n, parts,
		first_sent FROM report_totals WHERE slot >= ? AND slot < ? AND n > 0`+where, append([]any{lo, hi}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("scheduler: report: %w", err)
	}
	defer rows.Close()
	var out []totalsRow
	for rows.Next() {
		var r totalsRow
		if err := rows.Scan(&r.slot, &r.message, &r.state, &r.accepted, &r.reason, &r.provider, &r.prefix,
			&r.n, &r.parts, &r.firstSent); err != nil {
			return nil, fmt.Errorf("scheduler: report: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("scheduler: report: %w", err)
	}
	return out, nil
}

// fillMessages adds each message's kind, text and opt-outs.
func (s *Store) fillMessages(ctx context.Context, q ReportQuery, rep *Report) error {
	index := make(map[int64]int, len(rep.Messages))
	ids := make([]int64, len(rep.Messages))
	for i, m := range rep.Messages {
		index[m.MessageID], ids[i] = i, m.MessageID
	}
	for chunk := range slices.Chunk(ids, 500) {
		where, args := idFilter("id", chunk)
		err := s.eachRow(ctx, `SELECT id, kind, body FROM messages WHERE 1`+where, args, func(rows *sql.Rows) error {
			var id int64
			var kind minuit.Kind
			var body string
			if err := rows.Scan(&id, &kind, &body); err != nil {
				return fmt.Errorf("scheduler: report: %w", err)
			}
			rep.Messages[index[id]].Kind, rep.Messages[index[id]].Body = kind, body
			return nil
		})
		if err != nil {
			return err
		}
	}
	return s.optOuts(ctx, q, rep, index)
}

// optOuts counts, per message, the STOP replies that came from a number after a
// text of the message was sent to it (sent_at, as before reports had periods: a
// text re-queued or still with the provider's scheduler past its time did reach
// or may have reached them), for its deliveries planned in the period; and in
// total each reply once. The few opt-out replies are looked up among the
// deliveries by number, in an index that holds all the query reads.
func (s *Store) optOuts(ctx context.Context, q ReportQuery, rep *Report, index map[int64]int) error {
	_, _, lo, hi := slotBounds(q)
	where, ids := idFilter("message_id", q.MessageIDs)
	replies := map[int64]bool{}
	err := s.eachRow(ctx, `SELECT DISTINCT x.message_id, r.id FROM inbound_replies r
		JOIN (SELECT message_id, recipient, sent_at FROM deliveries
			WHERE sent_at <> '' AND occurrence >= ? AND occurrence < ?`+where+`) x
			ON x.recipient = r.number AND x.sent_at <= r.received_at
		WHERE r.action = 'opt-out'`, append([]any{lo, hi}, ids...), func(rows *sql.Rows) error {
		var id, reply int64
		if err := rows.Scan(&id, &reply); err != nil {
			return fmt.Errorf("scheduler: report opt-outs: %w", err)
		}
		if i, ok := index[id]; ok {
			rep.Messages[i].OptOuts++
		}
		replies[reply] = true
		return nil
	})
	rep.Total.OptOuts = len(replies)
	return err
}
