package ui

import (
	"context"

	"fyne.io/fyne/v2/lang"

	"minuit/scheduler"
)

type historyPageData struct {
	rows        []scheduler.Delivery
	next        scheduler.Cursor
	summary     scheduler.Summary
	names       map[int64]string
	numberNames map[string]string
}

// Reload starts again from the newest delivery with the current filters.
func (h *History) Reload() {
	if h.List == nil {
		return
	}
	h.gen++
	h.Rows, h.next, h.more, h.loading = nil, scheduler.Cursor{}, true, false
	h.names, h.numberNames = map[int64]string{}, map[string]string{}
	h.List.UnselectAll()
	h.List.Refresh()
	h.loadMore()
}

func (h *History) loadMore() {
	if h.loading || !h.more {
		return
	}
	h.loading = true
	q, gen, first, st, cs := h.query(), h.gen, len(h.Rows) == 0, h.m.deps.Store, h.m.deps.Contacts
	q.After = h.next
	known, knownNumbers := h.names, h.numberNames
	background(h.m.tk, func(ctx context.Context) (historyPageData, error) {
		rows, next, err := st.History(ctx, q)
		if err != nil {
			return historyPageData{}, err
		}
		p := historyPageData{rows: rows, next: next}
		if p.names, p.numberNames, err = contactNames(ctx, cs, rows, known, knownNumbers); err != nil {
			return p, err
		}
		if first {
			p.summary, err = st.Summary(ctx, q.From, q.To)
		}
		return p, err
	}, func(p historyPageData, err error) {
		if gen != h.gen {
			return
		}
		h.loading = false
		if err != nil {
			h.Status.SetText(lang.L("Could not read the history: {{.Why}}", map[string]any{"Why": plainError(err)}))
			h.more = false
			return
		}
		for id, n := range p.names {
			h.names[id] = n
		}
		for num, n := range p.numberNames {
			h.numberNames[num] = n
		}
		h.Rows = append(h.Rows, p.rows...)
		h.next, h.more = p.next, p.next != (scheduler.Cursor{})
		if first {
			h.Summary.SetText(summaryText(p.summary))
		}
		h.List.Refresh()
	})
}

// contactNames finds the names of the contacts of rows not already known (read
// on the UI goroutine before, never written here): by contact id, and for a typed
// number by the contact it belongs to. A contact erased since is left unnamed.
func contactNames(ctx context.Context, cs Contacts, rows []scheduler.Delivery, known map[int64]string,
	knownNumbers map[string]string) (map[int64]string, map[string]string, error) {
	names, numbers := map[int64]string{}, map[string]string{}
	if cs == nil {
		return names, numbers, nil
	}
	aud, byNumber := cs.(Audience)
	for _, d := range rows {
		switch {
		case d.ContactID != 0:
			if _, ok := known[d.ContactID]; ok {
				continue
			}
			if _, ok := names[d.ContactID]; ok {
				continue
			}
			c, err := cs.Get(ctx, d.ContactID)
			if err != nil {
				if ctx.Err() != nil {
					return nil, nil, ctx.Err()
				}
				names[d.ContactID] = "" // erased or unreadable: the number alone
				continue
			}
			names[d.ContactID] = c.Name
		case byNumber:
			if _, ok := knownNumbers[d.To]; ok {
				continue
			}
			if _, ok := numbers[d.To]; ok {
				continue
			}
			c, ok, err := aud.ByNumber(ctx, d.To)
			if err != nil {
				return nil, nil, err
			}
			numbers[d.To] = ""
			if ok {
				numbers[d.To] = c.Name
			}
		}
	}
	return names, numbers, nil
}
