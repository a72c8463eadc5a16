package contacts

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// prefixLengths are the FTS5 prefix indexes of contacts_fts (migration 0002).
// A prefix query of exactly one of these lengths reads its index lazily, in rowid
// order, and stops at LIMIT; any other length makes FTS5 merge the whole doclist
// of every matching term first, which takes milliseconds for a common name.
var prefixLengths = []int{4, 2, 1}

// searchQuery is what the user typed, as words, and the FTS5 query that finds a
// superset of the contacts whose words start with them.
type searchQuery struct {
	words  []string // folded
	match  string   // with the words cut to prefix index lengths
	exact  string   // with the whole words
	verify bool     // some words were cut: check the candidates
}

func parseSearch(text string) searchQuery {
	var q searchQuery
	var terms, exact []string
	for _, w := range strings.FieldsFunc(fold(text), notWordRune) {
		exact = append(exact, `"`+w+`"*`)
		q.words = append(q.words, w)
		n := utf8.RuneCountInString(w)
		cut := n
		for _, l := range prefixLengths {
			if l <= n {
				cut = l
				break
			}
		}
		if cut != n {
			q.verify = true
		}
		terms = append(terms, `"`+firstRunes(w, cut)+`"*`)
	}
	q.match = strings.Join(terms, " AND ")
	q.exact = strings.Join(exact, " AND ")
	return q
}

func notWordRune(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// matches reports whether every query word starts a word of the contact.
func (q searchQuery) matches(text string) bool {
	words := strings.FieldsFunc(fold(text), notWordRune)
	for _, w := range q.words {
		found := false
		for _, cw := range words {
			if strings.HasPrefix(cw, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// searchWords returns the ids, in id order after `after`, of up to limit contacts
// whose name, first name, last name or company have words starting with the words
// of text.
func (s *Store) searchWords(ctx context.Context, text string, groupID, after int64, limit int) ([]int64, error) {
	q := parseSearch(text)
	if q.match == "" {
		return nil, nil
	}
	query := `SELECT f.rowid FROM contacts_fts f WHERE contacts_fts MATCH ? AND f.rowid > ?`
	if groupID != 0 {
		query += ` AND EXISTS (SELECT 1 FROM contact_group_members m WHERE m.group_id = ` +
			fmt.Sprint(groupID) + ` AND m.contact_id = f.rowid)`
	}
	query += ` ORDER BY f.rowid LIMIT ?`
	if !q.verify {
		return queryIDs(ctx, s.d.R, query, q.match, after, limit)
	}
	// Common words: the first candidates of the cut query are mostly matches.
	chunk := max(4*limit, 200)
	cands, err := queryIDs(ctx, s.d.R, query, q.match, after, chunk)
	if err != nil || len(cands) == 0 {
		return nil, err
	}
	texts, err := s.searchTexts(ctx, cands)
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, id := range cands {
		if len(out) < limit && q.matches(texts[id]) {
			out = append(out, id)
		}
	}
	if len(out) == limit || len(cands) < chunk {
		return out, nil
	}
	// Rare words: the whole-word query is then cheap for FTS5 (short doclists).
	rest, err := queryIDs(ctx, s.d.R, query, q.exact, cands[len(cands)-1], limit-len(out))
	return append(out, rest...), err
}

// searchTexts reads the words a contact is searched by.
func (s *Store) searchTexts(ctx context.Context, ids []int64) (map[int64]string, error) {
	in, args := inList(ids)
	rows, err := s.d.R.QueryContext(ctx, `SELECT id, name || ' ' || first_name || ' ' || last_name || ' ' || company
		FROM contacts WHERE id IN (`+in+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("contacts: search: %w", err)
	}
	out := make(map[int64]string, len(ids))
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			rows.Close()
			return nil, fmt.Errorf("contacts: search: %w", err)
		}
		out[id] = text
	}
	return out, closeRows(rows)
}

// numberCollectMax is how many matching numbers searchNumber collects and sorts
// itself; beyond, matches are dense enough to find by walking contacts in id order.
const numberCollectMax = 2000

// numberRange is a range of one of the number indexes.
type numberRange struct{ col, lo, hi string }

func (r numberRange) where() string {
	w := `p.` + r.col + ` >= ? AND p.` + r.col + ` < ?`
	if r.col == "digits" {
		w += ` AND p.digits != ''`
	}
	return w
}

// searchNumber returns the ids, in id order after `after`, of up to limit contacts
// with a number starting as typed (see numberPrefixes), or, for invalid numbers,
// whose digits start with the digits typed.
func (s *Store) searchNumber(ctx context.Context, text string, groupID, after int64, limit int) ([]int64, error) {
	ranges := s.numberRanges(text)
	if len(ranges) == 0 {
		return nil, nil
	}
	total := 0
	for _, r := range ranges {
		var n int
		err := s.d.R.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM contact_phones p WHERE `+r.where()+
			` LIMIT `+itoa(numberCollectMax+1)+`)`, r.lo, r.hi).Scan(&n)
		if err != nil {
			return nil, fmt.Errorf("contacts: search numbers: %w", err)
		}
		total += n
	}
	member := ""
	if groupID != 0 {
		member = fmt.Sprintf(` AND EXISTS (SELECT 1 FROM contact_group_members m WHERE m.group_id = %d
			AND m.contact_id = c.id)`, groupID)
	}
	if total > numberCollectMax {
		// many matches: walk contacts in id order, the first ones match soon
		var conds []string
		args := []any{after}
		for _, r := range ranges {
			conds = append(conds, "("+r.where()+")")
			args = append(args, r.lo, r.hi)
		}
		return queryIDs(ctx, s.d.R, `SELECT c.id FROM contacts c WHERE c.id > ? AND EXISTS
			(SELECT 1 FROM contact_phones p WHERE p.contact_id = c.id AND (`+strings.Join(conds, " OR ")+`))`+
			member+` ORDER BY c.id LIMIT ?`, append(args, limit)...)
	}
	// few matches: read them through the number indexes, sort them here
	seen := map[int64]bool{}
	var ids []int64
	for _, r := range ranges {
		found, err := queryIDs(ctx, s.d.R, `SELECT p.contact_id FROM contact_phones p WHERE `+r.where()+
			` AND p.contact_id > ?`, r.lo, r.hi, after)
		if err != nil {
			return nil, err
		}
		for _, id := range found {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	if groupID != 0 && len(ids) > 0 {
		in, args := inList(ids)
		var err error
		ids, err = queryIDs(ctx, s.d.R, `SELECT c.id FROM contacts c WHERE c.id IN (`+in+`)`+member+` ORDER BY c.id`, args...)
		if err != nil {
			return nil, err
		}
	}
	return ids[:min(len(ids), limit)], nil
}

// numberRanges are the index ranges holding the numbers that start as typed (see
// numberPrefixes) and, for invalid numbers, whose digits start with the digits
// typed; none when text has no digits.
func (s *Store) numberRanges(text string) []numberRange {
	d := digits(text)
	if d == "" {
		return nil
	}
	var ranges []numberRange
	for _, prefix := range numberPrefixes(text, s.defaultRegion()) {
		ranges = append(ranges, numberRange{"e164", prefix, prefixEnd(prefix)})
	}
	return append(ranges, numberRange{"digits", d, prefixEnd(d)})
}
