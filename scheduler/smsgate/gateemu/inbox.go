package gateemu

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// ShopNumber is the phone's own number, the "recipient" of inbound SMS.
const ShopNumber = "+33700000001"

type inboxMessage struct {
	id     string
	sender string
	text   string
	at     time.Time
}

// InboxMessage is one entry of GET /inbox.
type InboxMessage struct {
	ID             string `json:"id"`
	Type           string `json:"type"`
	Sender         string `json:"sender"`
	Recipient      string `json:"recipient,omitempty"`
	SimNumber      int    `json:"simNumber,omitempty"`
	ContentPreview string `json:"contentPreview"`
	CreatedAt      string `json:"createdAt"`
}

// AddInbound implements providertest.Emulator: an SMS from `from` received at `at`.
func (s *Server) AddInbound(from, body string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	s.inbox = append(s.inbox, inboxMessage{id: fmt.Sprintf("in%019d", s.seq), sender: from, text: body, at: at})
}

// listInbox is GET /inbox: type, limit (1..500, default 50), offset, from and to
// (default: the phone's now), newest first, with X-Total-Count.
func (s *Server) listInbox(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if t := q.Get("type"); t != "" && !slices.Contains([]string{"SMS", "DATA_SMS", "MMS", "MMS_DOWNLOADED"}, t) {
		badRequest(w, "Invalid type")
		return
	}
	limit, offset, ok := page(w, q.Get("limit"), q.Get("offset"), 500)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	from, to := time.UnixMilli(0), s.clock()
	for _, p := range []struct {
		name string
		t    *time.Time
	}{{"from", &from}, {"to", &to}} {
		if raw, set := q[p.name]; set {
			t, ok := phoneTime(raw[0])
			if !ok {
				badRequest(w, "Invalid %s datetime", p.name)
				return
			}
			*p.t = t
		}
	}
	if from.After(to) {
		badRequest(w, "Start date cannot be after end date")
		return
	}
	var hits []inboxMessage
	for _, m := range s.inbox {
		ms := m.at.UnixMilli()
		if (q.Get("type") == "" || q.Get("type") == "SMS") && ms >= from.UnixMilli() && ms <= to.UnixMilli() {
			hits = append(hits, m)
		}
	}
	slices.SortStableFunc(hits, func(a, b inboxMessage) int { // createdAt DESC, id DESC
		if c := b.at.Compare(a.at); c != 0 {
			return c
		}
		return strings.Compare(b.id, a.id)
	})
	w.Header().Set("X-Total-Count", fmt.Sprint(len(hits)))
	hits = hits[min(offset, len(hits)):]
	out := []InboxMessage{}
	for _, m := range hits[:min(limit, len(hits))] {
		out = append(out, InboxMessage{ID: m.id, Type: "SMS", Sender: m.sender, Recipient: ShopNumber,
			SimNumber: 1, ContentPreview: m.text, CreatedAt: s.format(m.at)})
	}
	writeJSON(w, http.StatusOK, out)
}
