package contacts

import (
	"database/sql"
	"errors"
	"fmt"
	"sort"
)

// GroupChange is how an import changes one group: how many members it has now and
// will have after the import. Apple group cards count every member they name that
// the file or the contacts have, even one already in the group: After may be a
// little high then, never low.
type GroupChange struct {
	Name          string // as stored, or as the file writes it for a new group
	Before, After int
}

// gainGroups counts the groups of after that are not in before: a contact joins them.
func (c *classifier) gainGroups(before, after []string) {
	for _, g := range after {
		if !hasGroup(before, g) {
			c.gain(g, 1)
		}
	}
}

// gain records that n contacts join the group g.
func (c *classifier) gain(g string, n int) {
	if n == 0 {
		return
	}
	if c.p.gains == nil {
		c.p.gains = map[string]*GroupChange{}
	}
	k := GroupKey(g)
	gc := c.p.gains[k]
	if gc == nil {
		gc = &GroupChange{Name: g}
		c.p.gains[k] = gc
	}
	gc.After += n
}

// groupChanges reads the current size of every group the import adds to and
// fills p.Groups, by name.
func (c *classifier) groupChanges() error {
	for k, gc := range c.p.gains {
		var name string
		var n int
		err := c.q.QueryRowContext(c.ctx, `SELECT g.name, (SELECT count(*) FROM contact_group_members m
			WHERE m.group_id = g.id) FROM contact_groups g WHERE g.key = ?`, k).Scan(&name, &n)
		switch {
		case err == nil:
			gc.Name, gc.Before = name, n
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("contacts: count group members: %w", err)
		}
		c.p.Groups = append(c.p.Groups, GroupChange{Name: gc.Name, Before: gc.Before, After: gc.Before + gc.After})
	}
	sort.Slice(c.p.Groups, func(i, j int) bool { return GroupKey(c.p.Groups[i].Name) < GroupKey(c.p.Groups[j].Name) })
	return nil
}
