package mbemu

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
)

// list serves GET /messages: newest first, with offset, limit (default 20, at
// most MaxListLimit) and the filters direction, originator and status.
func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset, err1 := intParam(q, "offset", 0)
	limit, err2 := intParam(q, "limit", 20)
	if err1 != nil || err2 != nil || offset < 0 || limit < 0 {
		writeError(w, http.StatusUnprocessableEntity, invalid("offset and limit must be non-negative integers", "limit"))
		return
	}
	if limit == 0 {
		limit = 20
	}
	limit = min(limit, MaxListLimit)

	s.mu.Lock()
	var matches []Message
	for _, m := range slices.Backward(s.messages) {
		s.observe(m, false) // scheduled messages whose time came are listed as sent
		if matchesFilter(m, q) {
			matches = append(matches, m.clone())
		}
	}
	s.mu.Unlock()
	// Newest first; among equal times, the later created first (Backward above).
	slices.SortStableFunc(matches, func(a, b Message) int { return b.Created.Compare(a.Created) })

	total := len(matches)
	page := matches[min(offset, total):min(offset+limit, total)]
	resp := wireList{Offset: offset, Limit: limit, Count: len(page), TotalCount: total, Items: make([]wireMessage, 0, len(page))}
	for _, m := range page {
		resp.Items = append(resp.Items, s.toWire(m))
	}
	link := func(off int) *string {
		v := url.Values{}
		for _, k := range []string{"direction", "originator", "status"} {
			if q.Get(k) != "" {
				v.Set(k, q.Get(k))
			}
		}
		v.Set("offset", strconv.Itoa(off))
		v.Set("limit", strconv.Itoa(limit))
		u := s.base + "/messages/?" + v.Encode()
		return &u
	}
	lastOffset := 0
	if total > 0 {
		lastOffset = (total - 1) / limit * limit
	}
	resp.Links.First, resp.Links.Last = link(0), link(lastOffset)
	if offset > 0 {
		resp.Links.Previous = link(max(offset-limit, 0))
	}
	if offset+limit < total {
		resp.Links.Next = link(offset + limit)
	}
	writeJSON(w, http.StatusOK, resp)
}

func intParam(q url.Values, key string, def int) (int, error) {
	if q.Get(key) == "" {
		return def, nil
	}
	return strconv.Atoi(q.Get(key))
}

func matchesFilter(m *Message, q url.Values) bool {
	if d := q.Get("direction"); d != "" && d != m.Direction {
		return false
	}
	if o := q.Get("originator"); o != "" && o != m.Originator {
		return false
	}
	if st := q.Get("status"); st != "" {
		return slices.ContainsFunc(m.Recipients, func(r Recipient) bool { return r.Status == st })
	}
	return true
}
