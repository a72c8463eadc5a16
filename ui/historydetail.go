package ui

import (
	"context"
	"fmt"
	"strings"

	"minuit/scheduler"
)

func (h *History) showDetail(dd deliveryDetail) {
	d := dd.d
	h.current = d
	var b strings.Builder
	fmt.Fprintf(&b, "To %s — %s\n", d.To, d.State.Label())
	fmt.Fprintf(&b, "Planned %s", d.Due.In(h.m.loc).Format("Monday 2 January 2006 15:04"))
	if !d.Deadline.IsZero() {
		fmt.Fprintf(&b, ", no later than %s", d.Deadline.In(h.m.loc).Format("15:04"))
	}
	b.WriteString("\n")
	if !d.SentAt.IsZero() {
		fmt.Fprintf(&b, "Sent %s", d.SentAt.In(h.m.loc).Format("2 Jan 15:04:05"))
		if d.LateMS > 1000 {
			fmt.Fprintf(&b, " (%d s late)", d.LateMS/1000)
		}
		b.WriteString("\n")
	}
	if !d.FinalAt.IsZero() {
		fmt.Fprintf(&b, "Final report %s\n", d.FinalAt.In(h.m.loc).Format("2 Jan 15:04:05"))
	}
	fmt.Fprintf(&b, "%s · %d SMS · %s\n", d.Kind, d.Segments, d.Provider)
	if d.Error != "" {
		fmt.Fprintf(&b, "Why: %s\n", d.Error)
	}
	fmt.Fprintf(&b, "\n%s", d.Body)
	h.Detail.SetText(b.String())
	if len(dd.as) == 0 {
		h.Attempts.SetText("")
	} else {
		var a strings.Builder
		a.WriteString("Attempts:\n")
		for _, at := range dd.as {
			fmt.Fprintf(&a, "%d. %s — %s\n", at.N, at.At.In(h.m.loc).Format("2 Jan 15:04:05"), at.Error)
		}
		h.Attempts.SetText(a.String())
	}
	h.Status.SetText("")
	switch d.State {
	case scheduler.Failed, scheduler.Missed, scheduler.Unconfirmed, scheduler.Expired:
		h.SendAgain.Enable()
	default:
		h.SendAgain.Disable()
	}
	if d.State == scheduler.Scheduled || d.State == scheduler.Retryable {
		h.CancelBtn.Enable()
	} else {
		h.CancelBtn.Disable()
	}
}

func (h *History) act(verb string, f func(ctx context.Context, st Scheduler, id int64) error) {
	id, st := h.current.ID, h.m.deps.Store
	if id == 0 {
		return
	}
	h.SendAgain.Disable()
	h.CancelBtn.Disable()
	background(h.m.tk, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, f(ctx, st, id)
	}, func(_ struct{}, err error) {
		if err != nil {
			h.Status.SetText("Could not " + verb + ": " + plainError(err))
			return
		}
		h.Status.SetText("Done.")
		h.m.changed()
	})
}

func (h *History) onSendAgain() {
	h.act("send it again", func(ctx context.Context, st Scheduler, id int64) error { return st.SendAgain(ctx, id) })
}

func (h *History) onCancel() {
	h.act("cancel it", func(ctx context.Context, st Scheduler, id int64) error { return st.CancelDelivery(ctx, id) })
}
