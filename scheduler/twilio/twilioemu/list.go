package twilioemu

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// wireList is a page of GET Messages.json.
type wireList struct {
	End             int           `json:"end"`
	FirstPageURI    string        `json:"first_page_uri"`
	NextPageURI     *string       `json:"next_page_uri"`
	Page            int           `json:"page"`
	PageSize        int           `json:"page_size"`
	PreviousPageURI *string       `json:"previous_page_uri"`
	Start           int           `json:"start"`
	URI             string        `json:"uri"`
	Messages        []wireMessage `json:"messages"`
}

// dayFilter is one DateSent filter: the UTC day and how to compare with it.
type dayFilter struct {
	day time.Time
	cmp int // -1: on or before, 0: on, 1: on or after
}

func (f dayFilter) keep(sent time.Time) bool {
	if sent.IsZero() {
		return false // not sent yet: no date_sent to compare
	}
	d := sent.UTC().Truncate(24 * time.Hour)
	switch f.cmp {
	case -1:
		return !d.After(f.day)
	case 1:
		return !d.Before(f.day)
	}
	return d.Equal(f.day)
}

func parseDay(v string) (time.Time, bool) {
	for _, layout := range []string{time.DateOnly, time.RFC3339} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC().Truncate(24 * time.Hour), true
		}
	}
	return time.Time{}, false
}

// list serves GET Messages.json: filters, Twilio's order, and paging by Page
// and PageToken ("PA" + the SID of the last message of the previous page, "PB" +
// the first of the next).
func (s *Server) list(w http.ResponseWriter, q url.Values) {
	size := DefaultPageSize
	if v := q.Get("PageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxPageSize {
			writeError(w, badRequest(20001, "PageSize must be an integer from 1 to 1000"))
			return
		}
		size = n
	}
	page, _ := strconv.Atoi(q.Get("Page"))
	var days []dayFilter
	for key, cmp := range map[string]int{"DateSent": 0, "DateSent<": -1, "DateSent>": 1} {
		if v := q.Get(key); v != "" {
			d, ok := parseDay(v)
			if !ok {
				writeError(w, badRequest(20001, "Invalid "+key+": "+v))
				return
			}
			days = append(days, dayFilter{d, cmp})
		}
	}
	to, from := q.Get("To"), q.Get("From")

	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	pool := s.messages
	if to != "" {
		pool = s.byTo[to]
	}
	type row struct {
		m *message
		v view
	}
	var rows []row
	for _, m := range pool {
		v := m.state(now)
		if to != "" && m.to != to || from != "" && m.from != from {
			continue
		}
		if !slices.ContainsFunc(days, func(f dayFilter) bool { return !f.keep(v.sent) }) {
			rows = append(rows, row{m, v})
		}
	}
	// Newest date_sent first, messages not sent yet before all others.
	slices.SortFunc(rows, func(a, b row) int {
		switch {
		case a.v.sent.IsZero() != b.v.sent.IsZero():
			if a.v.sent.IsZero() {
				return -1
			}
			return 1
		case !a.v.sent.Equal(b.v.sent):
			return b.v.sent.Compare(a.v.sent)
		case !a.m.created.Equal(b.m.created):
			return b.m.created.Compare(a.m.created)
		}
		return b.m.seq - a.m.seq
	})
	start := min(page*size, len(rows))
	if tok := q.Get("PageToken"); len(tok) > 2 {
		i := slices.IndexFunc(rows, func(r row) bool { return r.m.sid == tok[2:] })
		switch {
		case i < 0:
			writeError(w, badRequest(20001, "Invalid PageToken"))
			return
		case strings.HasPrefix(tok, "PB"):
			start = max(i-size, 0)
		default:
			start = i + 1
		}
	}
	end := min(start+size, len(rows))
	base := fmt.Sprintf("/2010-04-01/Accounts/%s/Messages.json", s.account)
	uri := func(p int, token string) string {
		v := url.Values{}
		for _, k := range []string{"To", "From", "DateSent", "DateSent<", "DateSent>"} {
			if q.Get(k) != "" {
				v.Set(k, q.Get(k))
			}
		}
		v.Set("PageSize", strconv.Itoa(size))
		v.Set("Page", strconv.Itoa(p))
		if token != "" {
			v.Set("PageToken", token)
		}
		return base + "?" + v.Encode()
	}
	out := wireList{FirstPageURI: uri(0, ""), Page: page, PageSize: size, Start: start,
		End: max(end-1, start), URI: uri(page, q.Get("PageToken")), Messages: []wireMessage{}}
	for _, r := range rows[start:end] {
		out.Messages = append(out.Messages, s.wire(r.m, now, false))
	}
	if end < len(rows) {
		next := uri(page+1, "PA"+rows[end-1].m.sid)
		out.NextPageURI = &next
	}
	if start > 0 {
		prev := uri(max(page-1, 0), "PB"+rows[start].m.sid)
		out.PreviousPageURI = &prev
	}
	writeJSON(w, http.StatusOK, out)
}
