package contacts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
)

// Result is what Commit did; it matches the preview's counts.
type Result struct {
	New, Updated, Unchanged, Merged int
	GroupMembers                    int // memberships added from group cards
}

// commitCacheKiB is the write connection's page cache during a commit that updates
// indexes row by row; bulkCacheKiB during one that rebuilds them (see bulkLoad),
// which writes pages in order and needs little cache.
const (
	commitCacheKiB = 32 << 10
	bulkCacheKiB   = 8 << 10
)

// Commit applies a preview in one transaction: either everything it listed happens,
// or, when it fails or ctx is cancelled, nothing does. It fails with ErrStale if the
// contacts changed since the preview. The preview is closed afterwards.
func (s *Store) Commit(ctx context.Context, p *Preview) (Result, error) {
	return s.CommitProgress(ctx, p, nil)
}

// CommitProgress is Commit telling progress, when not nil, after each batch of
// cards written: done of total (the cards the preview kept). When done reaches
// total, what is left is rebuilding the indexes, a few seconds at most. progress
// runs on the caller's goroutine, inside the transaction: it must return quickly.
func (s *Store) CommitProgress(ctx context.Context, p *Preview, progress func(done, total int)) (Result, error) {
	if p == nil || p.closed || p.store != s {
		return Result{}, ErrCommitted
	}
	defer func() { _ = p.Close() }()
	var res Result
	now := s.now()
	defer s.restoreCache()
	// Multi-row inserts keep a statement journal: in memory rather than in a
	// temporary file. SQLite reads this when the transaction begins, so set it before.
	if _, err := s.d.W.ExecContext(ctx, `PRAGMA temp_store = MEMORY`); err != nil {
		return Result{}, fmt.Errorf("contacts: %w", err)
	}
	err := db.InTx(ctx, s.d.W, func(tx *sql.Tx) error {
		// A large import dirties many index pages: a bigger page cache keeps SQLite
		// from spilling (and rewriting) them to the WAL mid-transaction.
		cache := commitCacheKiB
		if bulkLoad(p) {
			cache = bulkCacheKiB
		}
		if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -`+itoa(cache)); err != nil {
			return fmt.Errorf("contacts: %w", err)
		}
		v, err := version(ctx, tx)
		if err != nil {
			return err
		}
		if v != p.version {
			return ErrStale
		}
		w, err := newWriter(ctx, tx, now, p.Source)
		if err != nil {
			return err
		}
		defer w.close()
		var indexes []string
		if bulkLoad(p) {
			if indexes, err = dropIndexes(ctx, tx); err != nil {
				return err
			}
		}
		c := &committer{ctx: ctx, tx: tx, w: w, p: p, res: &res, ids: make([]int64, 0, p.spool.n), progress: progress}
		// Pass 1 creates and updates contacts; pass 2 merges the file's duplicate cards
		// into them. Then indexes are rebuilt (if dropped) and the search index filled.
		if err := c.pass1(); err != nil {
			return err
		}
		if err := w.flush(); err != nil {
			return err
		}
		if err := c.pass2(); err != nil {
			return err
		}
		if err := w.flush(); err != nil {
			return err
		}
		if err := createIndexes(ctx, tx, indexes); err != nil {
			return err
		}
		if err := w.indexNew(); err != nil {
			return err
		}
		if err := w.reindex(); err != nil {
			return err
		}
		if err := c.groupCards(); err != nil {
			return err
		}
		return bump(ctx, tx)
	})
	if err != nil {
		if errors.Is(err, ErrStale) {
			return Result{}, ErrStale
		}
		if cerr := ctx.Err(); cerr != nil {
			return Result{}, fmt.Errorf("contacts: import cancelled, nothing changed: %w", cerr)
		}
		return Result{}, fmt.Errorf("contacts: import not saved, nothing changed: %w", unwrapContacts(err))
	}
	return res, nil
}

// restoreCache gives the commit's page cache back (the write pool has one connection).
func (s *Store) restoreCache() {
	_, _ = s.d.W.Exec(`PRAGMA cache_size = -2000`)
	_, _ = s.d.W.Exec(`PRAGMA temp_store = DEFAULT`)
	_, _ = s.d.W.Exec(`PRAGMA shrink_memory`)
}

type committer struct {
	ctx context.Context
	tx  *sql.Tx
	w   *writer
	p   *Preview
	res *Result
	ids []int64 // contact id of each spooled record (0 for merged ones)

	progress func(done, total int) // may be nil
}

// prepared is a batch of spooled records with the rows of its new contacts built.
type prepared struct {
	recs []spoolRec
	rows []newRows // rows[i] is set when recs[i] is a new contact
	err  error
}

// pass1 writes new contacts and updates stored ones. A goroutine decodes the spool
// and builds the new contacts' rows while this one talks to SQLite.
func (c *committer) pass1() error {
	rd, err := c.p.spool.reader()
	if err != nil {
		return err
	}
	ch := make(chan prepared, 4)
	stop := make(chan struct{})
	defer close(stop)
	firstID := c.w.nextID
	go func() {
		defer close(ch)
		next := firstID
		for {
			b := prepared{recs: make([]spoolRec, 0, batchSize)}
			for len(b.recs) < batchSize {
				var sr spoolRec
				if err := rd.next(&sr); err == io.EOF {
					break
				} else if err != nil {
					b.err = err
					break
				}
				b.recs = append(b.recs, sr)
			}
			b.rows = make([]newRows, len(b.recs))
			for i := range b.recs {
				sr := &b.recs[i]
				if sr.kind != targetNew {
					continue
				}
				st := &state{}
				st.Source = c.p.Source
				st.Consent.Status = minuit.ConsentUnknown
				o := plan(st, sr, modeImport, c.srcTime(sr), c.w.now)
				b.rows[i] = buildNew(st, next, o.consents)
				next++
			}
			if len(b.recs) == 0 && b.err == nil {
				return
			}
			select {
			case ch <- b:
			case <-stop:
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	for b := range ch {
		if b.err != nil {
			return b.err
		}
		if err := c.apply1(b); err != nil {
			return err
		}
		if err := c.ctx.Err(); err != nil {
			return err
		}
		if hook := c.p.store.afterBatch; hook != nil {
			if err := hook(len(c.ids)); err != nil {
				return err
			}
		}
		if c.progress != nil {
			c.progress(len(c.ids), c.p.spool.n)
		}
	}
	return nil
}

func (c *committer) srcTime(sr *spoolRec) time.Time {
	if !sr.rev.IsZero() {
		return sr.rev
	}
	return c.p.fileTime
}

func (c *committer) apply1(b prepared) error {
	var existing []int64
	for i := range b.recs {
		if b.recs[i].kind == targetExisting {
			existing = append(existing, b.recs[i].target)
		}
	}
	states, err := loadStates(c.ctx, c.tx, existing)
	if err != nil {
		return err
	}
	for i := range b.recs {
		sr := &b.recs[i]
		switch sr.kind {
		case targetNew:
			if err := c.w.addNew(b.rows[i]); err != nil {
				return err
			}
			c.ids = append(c.ids, b.rows[i].id)
			c.res.New++
		case targetExisting:
			st := states[sr.target]
			if st == nil {
				return fmt.Errorf("contacts: contact %d is gone", sr.target)
			}
			o := plan(st, sr, modeImport, c.srcTime(sr), c.w.now)
			if err := c.w.update(st, o); err != nil {
				return err
			}
			c.ids = append(c.ids, st.ID)
			if o.visible() {
				c.res.Updated++
			} else {
				c.res.Unchanged++
			}
		case targetMerge:
			c.ids = append(c.ids, 0)
		default:
			return errSpool
		}
	}
	return nil
}

// pass2 merges the file's duplicate cards into the contacts of their first card, a
// batch at a time: each contact is read and written once per batch.
func (c *committer) pass2() error {
	if c.p.Merged == 0 {
		return nil
	}
	rd, err := c.p.spool.reader()
	if err != nil {
		return err
	}
	for {
		var recs []spoolRec
		for len(recs) < batchSize {
			var sr spoolRec
			if err := rd.next(&sr); err == io.EOF {
				break
			} else if err != nil {
				return err
			}
			if sr.kind != targetMerge {
				continue
			}
			if sr.target < 0 || sr.target >= int64(len(c.ids)) || c.ids[sr.target] == 0 {
				return errSpool
			}
			recs = append(recs, sr)
		}
		if len(recs) == 0 {
			return nil
		}
		var ids []int64
		outs := map[int64]*outcome{}
		for _, sr := range recs {
			if id := c.ids[sr.target]; outs[id] == nil {
				outs[id] = &outcome{}
				ids = append(ids, id)
			}
		}
		states, err := loadStates(c.ctx, c.tx, ids)
		if err != nil {
			return err
		}
		for i := range recs {
			id := c.ids[recs[i].target]
			st := states[id]
			if st == nil {
				return fmt.Errorf("contacts: contact %d is gone", id)
			}
			outs[id].add(plan(st, &recs[i], modeMerge, c.srcTime(&recs[i]), c.w.now))
			c.res.Merged++
		}
		for _, id := range ids {
			if err := c.w.update(states[id], *outs[id]); err != nil {
				return err
			}
		}
		if err := c.ctx.Err(); err != nil {
			return err
		}
	}
}

// groupCards adds the members of Apple group cards to their groups.
func (c *committer) groupCards() error {
	for _, gc := range c.p.groupCards {
		if gc.name == "" {
			continue
		}
		gid, err := c.w.groupID(gc.name)
		if err != nil {
			return err
		}
		for _, m := range gc.members {
			r, err := c.tx.ExecContext(c.ctx, `INSERT OR IGNORE INTO contact_group_members (group_id, contact_id)
				SELECT ?, id FROM contacts WHERE uid = ?`, gid, m)
			if err != nil {
				return fmt.Errorf("contacts: add group members: %w", err)
			}
			n, _ := r.RowsAffected()
			c.res.GroupMembers += int(n)
		}
	}
	return nil
}
