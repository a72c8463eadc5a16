package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/scheduler"
	"minuit/ui/l10n"
)

func (h *History) showDetail(dd deliveryDetail) {
	d := dd.d
	h.current = d
	var b strings.Builder
	loc := h.m.loc
	b.WriteString(lang.L("To {{.To}} — {{.State}}", map[string]any{"To": d.To, "State": l10n.StateLabel(d.State)}) + "\n")
	b.WriteString(lang.L("Planned {{.When}}", map[string]any{"When": l10n.DateTime(d.Due.In(loc))}))
	if !d.Deadline.IsZero() {
		b.WriteString(lang.L(", no later than {{.Time}}", map[string]any{"Time": l10n.Clock(d.Deadline.In(loc))}))
	}
	b.WriteString("\n")
	if !d.SentAt.IsZero() {
		b.WriteString(lang.L("Sent {{.When}}", map[string]any{"When": moment(d.SentAt.In(loc))}))
		if d.LateMS > 1000 {
			b.WriteString(" " + lang.L("({{.Seconds}} s late)", map[string]any{"Seconds": l10n.Int(int(d.LateMS / 1000))}))
		}
		b.WriteString("\n")
	}
	if !d.FinalAt.IsZero() {
		b.WriteString(lang.L("Final report {{.When}}", map[string]any{"When": moment(d.FinalAt.In(loc))}) + "\n")
	}
	fmt.Fprintf(&b, "%s · %s · %s\n", l10n.KindLabel(d.Kind), smsCount(d.Segments), d.Provider)
	if d.Error != "" {
		b.WriteString(lang.L("Why: {{.Why}}", map[string]any{"Why": d.Error}) + "\n")
	}
	fmt.Fprintf(&b, "\n%s", d.Body)
	h.Detail.SetText(b.String())
	if len(dd.as) == 0 {
		h.Attempts.SetText("")
	} else {
		var a strings.Builder
		a.WriteString(lang.L("Attempts:") + "\n")
		for _, at := range dd.as {
			fmt.Fprintf(&a, "%d. %s — %s\n", at.N, moment(at.At.In(loc)), at.Error)
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

// act runs f on the selected delivery; failed is the start of the sentence that
// says it failed ("Could not cancel it:").
func (h *History) act(failed string,
	f func(ctx context.Context, st Scheduler, id int64) error) {
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
			h.Status.SetText(failed + " " + plainError(err))
			return
		}
		h.Status.SetText(lang.L("Done."))
		h.m.changed()
	})
}

func (h *History) onSendAgain() {
	h.act(lang.L("Could not send it again:"), func(ctx context.Context, st Scheduler, id int64) error { return st.SendAgain(ctx, id) })
}

func (h *History) onCancel() {
	h.act(lang.L("Could not cancel it:"), func(ctx context.Context, st Scheduler, id int64) error { return st.CancelDelivery(ctx, id) })
}

// moment is when something happened, to the second: "7 Dec 15:04:05".
func moment(t time.Time) string {
	return fmt.Sprintf("%d %s %s", t.Day(), l10n.ShortMonthName(t.Month()), l10n.ClockSeconds(t))
}
