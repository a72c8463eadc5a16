package contacts

import (
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"minuit/internal/minuit"
)

// owner is who holds a key: a record of this file (rec >= 0) or a stored contact.
type owner struct {
	rec int32
	id  int64
}

func (o owner) none() bool { return o.rec < 0 && o.id == 0 }

// resolve finds the contact the record is (stronger keys first), marks the numbers
// and UID that belong to another contact, and registers the record's keys.
func (c *classifier) resolve(sr *spoolRec, r *record) error {
	idx := int32(len(c.roots))
	target := owner{rec: -1}
	var via string
	keys := r.keys()
	for _, k := range keys {
		o, err := c.lookup(k)
		if err != nil {
			return err
		}
		if o.none() {
			continue
		}
		if target.none() {
			target, via = o, k
			continue
		}
		if o != target {
			if err := c.conflict(sr, k, o); err != nil {
				return err
			}
		}
	}
	me := idx
	switch {
	case target.none():
		sr.kind = targetNew
		c.p.New++
	case target.rec >= 0:
		sr.kind, sr.target, me = targetMerge, int64(target.rec), target.rec
		c.p.Merged++
		rt := c.roots[target.rec]
		c.p.problem(sr.line, sr.name, fmt.Sprintf("It has the same %s as the card on line %d (%s); the two were merged.",
			keyWhat(via), rt.line, rt.name))
		if sr.consent != "" && sr.consent != rt.consent {
			c.p.problem(sr.line, sr.name, fmt.Sprintf("Its SMS consent (%s) differs from line %d's (%s); line %d's is kept.",
				consentWord(sr.consent), rt.line, consentWord(rt.consent), rt.line))
		}
	default:
		sr.kind, sr.target = targetExisting, target.id
		c.claimed[target.id] = idx
	}
	rt := root{line: int32(sr.line)}
	if sr.kind != targetMerge {
		rt.name, rt.consent = sr.name, sr.consent
	}
	c.roots = append(c.roots, rt)
	for _, k := range keys {
		if c.takenKey(sr, k) {
			continue
		}
		if strings.HasPrefix(k, "t:") {
			if _, ok := c.phones[e164Key(k)]; !ok {
				c.phones[e164Key(k)] = me
			}
		} else if _, ok := c.keys[k]; !ok {
			c.keys[k] = me
		}
	}
	return nil
}

func (c *classifier) lookup(k string) (owner, error) {
	o := owner{rec: -1}
	if strings.HasPrefix(k, "t:") {
		if rec, ok := c.phones[e164Key(k)]; ok {
			return owner{rec: rec}, nil
		}
		if !c.dbEmpty {
			o.id = c.dbPhones[e164Key(k)]
		}
	} else if rec, ok := c.keys[k]; ok {
		return owner{rec: rec}, nil
	} else if !c.dbEmpty {
		var err error
		if o.id, err = c.lookupDB(k); err != nil {
			return o, err
		}
	}
	if o.id != 0 {
		if rec, ok := c.claimed[o.id]; ok {
			return owner{rec: rec}, nil
		}
	}
	return o, nil
}

func (c *classifier) lookupDB(k string) (int64, error) {
	var q string
	switch k[:2] {
	case "u:":
		return c.dbUIDs[k[2:]], nil
	case "m:":
		q = `SELECT min(id) FROM contacts WHERE lower(email) = ? AND email != ''`
	case "f:":
		q = `SELECT min(id) FROM contacts WHERE fallback_key = ?`
	default:
		return 0, nil
	}
	var id sql.NullInt64
	if err := c.q.QueryRowContext(c.ctx, q, k[2:]).Scan(&id); err != nil {
		return 0, fmt.Errorf("contacts: match contacts: %w", err)
	}
	return id.Int64, nil
}

// conflict handles a key that belongs to a different contact than the one the record
// matched: that number or UID stays where it is.
func (c *classifier) conflict(sr *spoolRec, k string, o owner) error {
	who, err := c.ownerName(o)
	if err != nil {
		return err
	}
	switch k[:2] {
	case "t:":
		for i := range sr.phones {
			if sr.phones[i].Number == k[2:] {
				sr.phones[i].taken = true
			}
		}
		c.p.problem(sr.line, sr.name, "The number "+k[2:]+" already belongs to "+who+"; it stays there.")
	case "u:":
		sr.uidTaken = true
		c.p.problem(sr.line, sr.name, "Its UID already belongs to "+who+"; it was not copied.")
	}
	return nil
}

func (c *classifier) takenKey(sr *spoolRec, k string) bool {
	switch k[:2] {
	case "t:":
		for _, p := range sr.phones {
			if p.Number == k[2:] {
				return p.taken
			}
		}
	case "u:":
		return sr.uidTaken
	}
	return false
}

func (c *classifier) ownerName(o owner) (string, error) {
	if o.rec >= 0 {
		rt := c.roots[o.rec]
		return fmt.Sprintf("%s (line %d)", rt.name, rt.line), nil
	}
	var name string
	if err := c.q.QueryRowContext(c.ctx, `SELECT name FROM contacts WHERE id = ?`, o.id).Scan(&name); err != nil {
		return "", fmt.Errorf("contacts: read contact %d: %w", o.id, err)
	}
	return name + " (in your contacts)", nil
}

func keyWhat(k string) string {
	switch k[:2] {
	case "u:":
		return "UID"
	case "t:":
		return "number " + k[2:]
	case "m:":
		return "email"
	}
	return "name and numbers"
}

func consentWord(c minuit.Consent) string {
	switch c {
	case minuit.ConsentOptedIn:
		return "yes"
	case minuit.ConsentOptedOut:
		return "no"
	}
	return "not given"
}

// finish reports the group cards once every card is known.
func (c *classifier) finish() error {
	for _, gc := range c.p.groupCards {
		found := 0
		for _, m := range gc.members {
			if _, ok := c.keys["u:"+m]; ok {
				found++
			} else if !c.dbEmpty && c.dbUIDs[m] != 0 {
				found++
			}
		}
		if gc.name != "" {
			c.gain(gc.name, found)
		}
		msg := fmt.Sprintf("It is a group card: %d member(s) will be added to the group %q.", found, gc.name)
		if missing := len(gc.members) - found; missing > 0 {
			msg += fmt.Sprintf(" %d member(s) are neither in this file nor in your contacts.", missing)
		}
		c.p.problem(gc.line, gc.name, msg)
	}
	sort.SliceStable(c.p.Problems, func(i, j int) bool { return c.p.Problems[i].Line < c.p.Problems[j].Line })
	return c.groupChanges()
}
