package scheduler

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
)

// claimed is a delivery the dispatcher owns between claim and result.
type claimed struct {
	ID         int64
	MessageID  int64
	Recipient  string
	Originator string
	Body       string
	Kind       minuit.Kind
	Occurrence time.Time
	Deadline   time.Time
	Attempts   int  // including the one now starting
	Uncertain  bool // the previous attempt may have reached the provider
	PrevRef    string
	// SendAt is the due time of a hand-off (due after the claim); zero otherwise.
	SendAt time.Time
}

// parseTimes reads a claimed row's times; a delivery due after claimedAt is a
// hand-off. An unreadable time is an error, never "none".
func (c *claimed) parseTimes(occ, deadline, due string, claimedAt time.Time) error {
	var err error
	if c.Occurrence, err = db.ParseTime(occ); err != nil {
		return fmt.Errorf("scheduler: delivery %d: occurrence: %w", c.ID, err)
	}
	if deadline != "" {
		if c.Deadline, err = db.ParseTime(deadline); err != nil {
			return fmt.Errorf("scheduler: delivery %d: deadline: %w", c.ID, err)
		}
	}
	d, err := db.ParseTime(due)
	if err != nil {
		return fmt.Errorf("scheduler: delivery %d: due: %w", c.ID, err)
	}
	if d.After(claimedAt) {
		c.SendAt = d
	}
	return nil
}

// job is one provider request: a batch and the deliveries it carries.
type job struct {
	Batch
	rows []claimed
	// checkFirst is the reference of an earlier ambiguous attempt: the dispatcher
	// asks the provider for it before sending again.
	checkFirst string
	// requested: the provider call may have started (requested_at was written).
	requested bool
}

// MarkRequested records, just before the provider call, that a request may reach
// the provider. Deliveries claimed but never requested are safely put back in the
// queue after a crash; only requested ones need reconciling.
func (s *Store) MarkRequested(ctx context.Context, ref string, now time.Time) error {
	_, err := s.db.W.ExecContext(ctx, `UPDATE deliveries SET requested_at = ? WHERE reference = ? AND state = 'sending'`,
		db.FormatTime(now), ref)
	if err != nil {
		return fmt.Errorf("scheduler: mark requested: %w", err)
	}
	return nil
}

// Release puts claimed deliveries that were never requested back in the queue, as
// they were before the claim.
func (s *Store) Release(ctx context.Context, j job) error {
	return s.putBack(ctx, j, `AND requested_at = ''`)
}

// requeue puts claimed deliveries back in the queue, as they were before the claim,
// after the provider refused the request without creating anything (the account was
// refused): they were requested, but no message exists.
func (s *Store) requeue(ctx context.Context, j job) error {
	return s.putBack(ctx, j, ``)
}

func (s *Store) putBack(ctx context.Context, j job, cond string) error {
	_, err := s.db.W.ExecContext(ctx, `UPDATE deliveries SET state = CASE WHEN attempts > 1 THEN 'retryable' ELSE 'scheduled' END,
		attempts = attempts - 1, reference = '', claimed_at = '', requested_at = ''
		WHERE state = 'sending' `+cond+` AND id IN (`+ids(j.rows)+`)`)
	if err != nil {
		return fmt.Errorf("scheduler: release claim: %w", err)
	}
	return nil
}

// MarkMissed moves every waiting delivery whose deadline has passed to missed, and
// returns them.
func (s *Store) MarkMissed(ctx context.Context, now time.Time) ([]Event, error) {
	t := db.FormatTime(now)
	rows, err := s.db.W.QueryContext(ctx, `UPDATE deliveries SET state = 'missed', final_at = ?, updated_at = ?,
		error = CASE WHEN error = '' THEN 'its deadline passed before it could be sent'
			ELSE 'its deadline passed while retrying: ' || error END
		WHERE state IN ('scheduled', 'retryable') AND deadline <> '' AND deadline <= ?
		RETURNING id, message_id, recipient, error`, t, t, t)
	if err != nil {
		return nil, fmt.Errorf("scheduler: mark missed: %w", err)
	}
	defer rows.Close()
	var evs []Event
	for rows.Next() {
		e := Event{Kind: EventMissed, At: now}
		if err := rows.Scan(&e.DeliveryID, &e.MessageID, &e.To, &e.Reason); err != nil {
			return nil, fmt.Errorf("scheduler: mark missed: %w", err)
		}
		evs = append(evs, e)
	}
	return evs, rows.Err()
}

// Claim takes up to limit due deliveries in one statement, marks them sending, groups
// them into provider requests and writes each request's reference, all in one
// transaction: once it returns, a crash can no longer lose track of them. A request
// carries at most maxBatch recipients (MaxBatch when 0).
func (s *Store) Claim(ctx context.Context, now time.Time, limit int, provider string, maxBatch int) ([]job, error) {
	return s.claim(ctx, now, time.Time{}, now, limit, provider, maxBatch)
}

// claim is Claim for the deliveries due between from (zero: any time) and to. Those
// due after now are hand-offs: their batches carry SendAt = due.
func (s *Store) claim(ctx context.Context, now, from, to time.Time, limit int, provider string, maxBatch int) ([]job, error) {
	var jobs []job
	err := db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		t := db.FormatTime(now)
		rows, err := tx.QueryContext(ctx, `UPDATE deliveries SET state = 'sending', attempts = attempts + 1,
			claimed_at = ?, requested_at = '', updated_at = ?, provider = ?
			WHERE id IN (SELECT id FROM deliveries WHERE state IN ('scheduled', 'retryable') AND due >= ? AND due <= ?
				AND (deadline = '' OR deadline > ?) AND gated_due = due ORDER BY due, id LIMIT ?)
			RETURNING id, message_id, recipient, originator, body, kind, occurrence, deadline, attempts, uncertain, reference, due`,
			t, t, provider, fmtOpt(from), db.FormatTime(to), t, limit)
		if err != nil {
			return fmt.Errorf("scheduler: claim: %w", err)
		}
		var cs []claimed
		for rows.Next() {
			var c claimed
			var occ, deadline, due string
			if err := rows.Scan(&c.ID, &c.MessageID, &c.Recipient, &c.Originator, &c.Body, &c.Kind, &occ, &deadline,
				&c.Attempts, &c.Uncertain, &c.PrevRef, &due); err != nil {
				rows.Close()
				return fmt.Errorf("scheduler: claim: %w", err)
			}
			if err := c.parseTimes(occ, deadline, due, now); err != nil {
				rows.Close()
				return err
			}
			cs = append(cs, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("scheduler: claim: %w", err)
		}
		jobs = group(cs, now, maxBatch)
		for _, j := range jobs {
			for _, c := range j.rows {
				late := now.Sub(c.Occurrence).Milliseconds()
				if late < 0 {
					late = 0
				}
				if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET reference = ?, late_ms = ? WHERE id = ?`,
					j.Reference, late, c.ID); err != nil {
					return fmt.Errorf("scheduler: claim: %w", err)
				}
			}
		}
		return nil
	})
	return jobs, err
}

// group packs claimed deliveries with the same sender, kind and body into requests
// of at most maxBatch recipients. A delivery whose previous attempt was ambiguous
// travels alone, so that its earlier request can be looked up first.
func group(cs []claimed, now time.Time, maxBatch int) []job {
	if maxBatch <= 0 || maxBatch > MaxBatch {
		maxBatch = MaxBatch
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Originator != cs[j].Originator {
			return cs[i].Originator < cs[j].Originator
		}
		if cs[i].Kind != cs[j].Kind {
			return cs[i].Kind < cs[j].Kind
		}
		if !cs[i].SendAt.Equal(cs[j].SendAt) {
			return cs[i].SendAt.Before(cs[j].SendAt)
		}
		return cs[i].Body < cs[j].Body
	})
	var jobs []job
	for _, c := range cs {
		n := len(jobs)
		if c.Uncertain || n == 0 || jobs[n-1].checkFirst != "" || len(jobs[n-1].rows) >= maxBatch ||
			jobs[n-1].Originator != c.Originator || jobs[n-1].Kind != c.Kind || jobs[n-1].Body != c.Body ||
			!jobs[n-1].SendAt.Equal(c.SendAt) {
			j := job{Batch: Batch{Reference: newReference(), Originator: c.Originator, Body: c.Body, Kind: c.Kind,
				SendAt: c.SendAt}}
			if c.Uncertain {
				j.checkFirst = c.PrevRef
			}
			jobs = append(jobs, j)
			n++
		}
		j := &jobs[n-1]
		j.rows = append(j.rows, c)
		j.Recipients = append(j.Recipients, c.Recipient)
		if !c.Deadline.IsZero() {
			v := c.Deadline.Sub(now)
			if !c.SendAt.IsZero() {
				v = c.Deadline.Sub(c.SendAt)
			}
			if j.Validity == 0 || v < j.Validity {
				j.Validity = v
			}
		}
	}
	return jobs
}

// newReference returns a reference unique to one provider request.
func newReference() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return "mn-" + hex.EncodeToString(b[:])
}

func ids(rows []claimed) string {
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(itoa(r.ID))
	}
	return b.String()
}
