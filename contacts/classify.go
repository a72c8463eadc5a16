package contacts

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"minuit/internal/minuit"
	"minuit/internal/phone"
)

// classifier matches each record, in file order, with the contacts already stored
// and with the earlier records of the file, counts the outcome and spools it.
type classifier struct {
	ctx context.Context
	q   *sql.Tx // a read-only snapshot, the same one the version comes from
	p   *Preview
	now time.Time

	roots  []root           // per spooled record; name empty for merged ones
	phones map[uint64]int32 // E.164 of the file → spooled record that owns it
	keys   map[string]int32 // UID, email and fallback keys of the file

	dbEmpty  bool
	dbPhones map[uint64]int64 // E.164 → stored contact
	dbUIDs   map[string]int64
	claimed  map[int64]int32 // stored contact → the record that updates it
}

type root struct {
	line    int32
	name    string
	consent minuit.Consent
	groups  []string // the contact's groups once the record and its merges are applied
}

func newClassifier(ctx context.Context, q *sql.Tx, p *Preview, now time.Time) (*classifier, error) {
	c := &classifier{ctx: ctx, q: q, p: p, now: now, phones: map[uint64]int32{}, keys: map[string]int32{},
		claimed: map[int64]int32{}}
	var err error
	if p.version, err = version(ctx, q); err != nil {
		return nil, err
	}
	var n int64
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM contacts`).Scan(&n); err != nil {
		return nil, fmt.Errorf("contacts: count contacts: %w", err)
	}
	c.dbEmpty = n == 0
	p.existing = int(n)
	if c.dbEmpty {
		return c, nil
	}
	c.dbPhones = make(map[uint64]int64, n*2)
	c.dbUIDs = map[string]int64{}
	rows, err := q.QueryContext(ctx, `SELECT e164, contact_id FROM contact_phones WHERE e164 IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("contacts: load numbers: %w", err)
	}
	for rows.Next() {
		var e string
		var id int64
		if err := rows.Scan(&e, &id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("contacts: load numbers: %w", err)
		}
		c.dbPhones[e164Key(e)] = id
	}
	if err := closeRows(rows); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT uid, id FROM contacts WHERE uid IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("contacts: load UIDs: %w", err)
	}
	for rows.Next() {
		var u string
		var id int64
		if err := rows.Scan(&u, &id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("contacts: load UIDs: %w", err)
		}
		c.dbUIDs[u] = id
	}
	return c, closeRows(rows)
}

// e164Key packs "+33612345678" into an integer map key.
func e164Key(e string) uint64 {
	var k uint64 = 1 // a leading 1 keeps leading zeros apart
	for i := 0; i < len(e); i++ {
		if c := e[i]; c >= '0' && c <= '9' {
			k = k*10 + uint64(c-'0')
		}
	}
	return k
}

// add classifies one batch.
func (c *classifier) add(recs []*record) error {
	var existing []*spoolRec
	base := len(c.roots) // out[i] is root base+i
	out := make([]*spoolRec, 0, len(recs))
	for _, r := range recs {
		sr, err := c.classify(r)
		if err != nil {
			return err
		}
		if sr == nil {
			continue
		}
		out = append(out, sr)
		if sr.kind == targetExisting {
			existing = append(existing, sr)
		}
	}
	if len(existing) > 0 {
		ids := make([]int64, len(existing))
		for i, sr := range existing {
			ids[i] = sr.target
		}
		states, err := loadStates(c.ctx, c.q, ids)
		if err != nil {
			return err
		}
		for _, sr := range existing {
			st := states[sr.target]
			if st == nil {
				return fmt.Errorf("contacts: contact %d vanished during the preview", sr.target)
			}
			before := slices.Clone(st.Groups)
			o := plan(st, sr, modeImport, c.srcTime(sr), c.now)
			c.roots[c.claimed[st.ID]].groups = st.Groups
			c.gainGroups(before, st.Groups)
			if o.visible() {
				c.p.Updated++
			} else {
				c.p.Unchanged++
			}
			if o.visible() || len(o.notes) > 0 {
				c.change(Change{Line: sr.line, Name: st.Name, ContactID: st.ID, Fields: o.changed, Notes: o.notes})
			}
		}
	}
	for i, sr := range out {
		switch sr.kind {
		case targetNew:
			c.roots[base+i].groups = sr.groups
			c.gainGroups(nil, sr.groups)
		case targetMerge:
			rt := &c.roots[sr.target]
			had := rt.groups
			for _, g := range sr.groups {
				if !hasGroup(rt.groups, g) {
					rt.groups = append(rt.groups[:len(rt.groups):len(rt.groups)], g)
				}
			}
			c.gainGroups(had, rt.groups)
		}
		if err := c.p.spool.write(sr); err != nil {
			return err
		}
	}
	return nil
}

func (c *classifier) change(ch Change) {
	if len(c.p.Changes) >= maxListed {
		c.p.MoreChanges++
		return
	}
	c.p.Changes = append(c.p.Changes, ch)
}

func (c *classifier) srcTime(sr *spoolRec) time.Time {
	if !sr.rev.IsZero() {
		return sr.rev
	}
	return c.p.fileTime
}

// classify decides what one record does; nil means it is not spooled.
func (c *classifier) classify(r *record) (*spoolRec, error) {
	p := c.p
	if r.orphan {
		for _, pr := range r.problems {
			p.problem(r.line, "", pr)
		}
		return nil, nil
	}
	p.Cards++
	for _, pr := range r.problems {
		p.problem(r.line, r.name, pr)
	}
	if r.skip != "" {
		p.Skipped++
		p.problem(r.line, r.name, r.skip)
		return nil, nil
	}
	if len(r.members) > 0 {
		p.GroupCards++
		p.groupCards = append(p.groupCards, groupCard{line: r.line, name: groupName(r.name), members: r.members})
		return nil, nil
	}
	sr := &spoolRec{line: r.line, uid: r.uid, name: r.name, nameDerived: r.nameDerived, first: r.first,
		last: r.last, company: r.company, email: r.email, notes: r.notes, bday: r.bday, rev: r.rev,
		groups: r.groups, consent: r.consent, consentSource: r.consentSource, proof: r.proof}
	sr.phones = make([]spoolPhone, len(r.phones))
	for i, ph := range r.phones {
		sr.phones[i].Phone = ph
	}
	if err := c.resolve(sr, r); err != nil {
		return nil, err
	}
	c.count(sr)
	return sr, nil
}

// count tallies the numbers of a record and lists their problems.
func (c *classifier) count(sr *spoolRec) {
	p := c.p
	kept, textable := 0, false
	for _, ph := range sr.phones {
		if ph.taken {
			continue
		}
		kept++
		textable = textable || ph.textable()
		switch {
		case ph.Kind == phone.Invalid:
			p.Invalid++
			p.problem(sr.line, sr.name, ph.Raw, ": ", ph.Problem)
		case ph.Problem != "":
			p.Landlines++
			p.problem(sr.line, sr.name, ph.Raw, ": ", ph.Problem)
		}
	}
	if sr.kind != targetMerge && !textable {
		p.NoNumber++
		if kept == 0 {
			p.problem(sr.line, sr.name, "It has no phone number.")
		} else {
			p.problem(sr.line, sr.name, "None of its numbers can receive SMS.")
		}
	}
}
