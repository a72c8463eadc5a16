package birdemu

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// cursor is a position in the newest-first order: created_at, then creation order.
type cursor struct {
	created int64
	seq     int64
}

func cursorOf(m *message) cursor { return cursor{m.created.UnixNano(), m.seq} }

func (c cursor) String() string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%d:%d", c.created, c.seq))
}

func parseCursor(v string) (cursor, bool) {
	b, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil {
		return cursor{}, false
	}
	a, z, ok := strings.Cut(string(b), ":")
	created, err1 := strconv.ParseInt(a, 10, 64)
	seq, err2 := strconv.ParseInt(z, 10, 64)
	return cursor{created, seq}, ok && err1 == nil && err2 == nil
}

// before reports whether c comes before d in the newest-first order.
func (c cursor) before(d cursor) bool {
	return c.created > d.created || c.created == d.created && c.seq > d.seq
}

// filter is a parsed GET /v1/sms/messages query.
type filter struct {
	limit                  int
	direction, to, from    string
	statuses, tags         []string
	after, before          time.Time // created_after (inclusive), created_before (exclusive)
	startingAfter, endingB *cursor
}

func parseFilter(q url.Values) (filter, APIError, bool) {
	f := filter{limit: DefaultLimit, direction: q.Get("direction"), to: q.Get("to"), from: q.Get("from"),
		statuses: q["status"], tags: q["tag"]}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxLimit {
			return f, invalid("ValidationError", "limit", "must be between 1 and 100"), false
		}
		f.limit = n
	}
	if f.direction != "" && f.direction != "inbound" && f.direction != "outbound" {
		return f, invalid("ValidationError", "direction", "must be inbound or outbound"), false
	}
	for _, p := range []struct {
		name string
		t    *time.Time
	}{{"created_after", &f.after}, {"created_before", &f.before}} {
		if v := q.Get(p.name); v != "" {
			t, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				return f, invalid("ValidationError", p.name, "must be an RFC 3339 timestamp with a time zone"), false
			}
			*p.t = t
		}
	}
	for _, p := range []struct {
		name string
		c    **cursor
	}{{"starting_after", &f.startingAfter}, {"ending_before", &f.endingB}} {
		if v := q.Get(p.name); v != "" {
			c, ok := parseCursor(v)
			if !ok {
				e := invalid("InvalidCursor", p.name, "the cursor is malformed or expired; restart without it")
				e.Code = "E01012"
				return f, e, false
			}
			*p.c = &c
		}
	}
	if f.startingAfter != nil && f.endingB != nil {
		return f, invalid("ValidationError", "starting_after", "cannot be combined with ending_before"), false
	}
	return f, APIError{}, true
}

func (f *filter) match(m *message, st string) bool {
	switch {
	case f.direction != "" && m.direction != f.direction,
		f.to != "" && m.to != f.to,
		f.from != "" && m.from != f.from,
		len(f.statuses) > 0 && !slices.Contains(f.statuses, st),
		!f.after.IsZero() && m.created.Before(f.after),
		!f.before.IsZero() && !m.created.Before(f.before):
		return false
	}
	for _, want := range f.tags {
		name, value, pair := strings.Cut(want, ":")
		if !slices.ContainsFunc(m.tags, func(t Tag) bool { return t.Name == name && (!pair || t.Value == value) }) {
			return false
		}
	}
	return true
}

func (s *Server) list(w http.ResponseWriter, r *http.Request, reqID string) {
	f, e, ok := parseFilter(r.URL.Query())
	if !ok {
		writeError(w, reqID, http.StatusUnprocessableEntity, e)
		return
	}
	s.mu.Lock()
	now := s.now()
	pool := s.messages
	if len(f.tags) > 0 && strings.Contains(f.tags[0], ":") {
		pool = s.byTag[f.tags[0]]
	}
	var all []*message
	for _, m := range pool {
		if f.match(m, m.state(now).status) {
			all = append(all, m)
		}
	}
	slices.SortFunc(all, func(a, b *message) int {
		switch ca, cb := cursorOf(a), cursorOf(b); {
		case ca.before(cb):
			return -1
		case cb.before(ca):
			return 1
		}
		return 0
	})
	var lo, hi int // the page is all[lo:hi]
	switch {
	case f.startingAfter != nil:
		lo = slices.IndexFunc(all, func(m *message) bool { return f.startingAfter.before(cursorOf(m)) })
		if lo < 0 {
			lo = len(all)
		}
		hi = min(lo+f.limit, len(all))
	case f.endingB != nil:
		hi = slices.IndexFunc(all, func(m *message) bool { return !cursorOf(m).before(*f.endingB) })
		if hi < 0 {
			hi = len(all)
		}
		lo = max(hi-f.limit, 0)
	default:
		hi = min(f.limit, len(all))
	}
	out := listJSON{Data: make([]messageJSON, 0, hi-lo)}
	for _, m := range all[lo:hi] {
		out.Data = append(out.Data, m.json(now))
	}
	str := func(m *message) *string { c := cursorOf(m).String(); return &c }
	if hi > lo {
		out.RefreshCursor = str(all[lo])
		if hi < len(all) {
			out.NextCursor = str(all[hi-1])
		}
		if lo > 0 {
			out.PrevCursor = str(all[lo])
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}
