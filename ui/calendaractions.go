package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler"
	"minuit/ui/l10n"
)

func (c *Calendar) onNewOnDay() { c.m.OpenCompose(nil, c.selectedDay()) }

func (c *Calendar) current() (AgendaItem, bool) {
	if c.selected < 0 || c.selected >= len(c.Agenda) {
		return AgendaItem{}, false
	}
	return c.Agenda[c.selected], true
}

func (c *Calendar) openMessage(duplicate bool) {
	it, ok := c.current()
	if !ok {
		return
	}
	st := c.m.deps.Store
	background(c.m.tk, func(ctx context.Context) (scheduler.Message, error) {
		return st.Message(ctx, it.MessageID)
	}, func(msg scheduler.Message, err error) {
		if err != nil {
			c.Status.SetText(lang.L("Could not open the message: {{.Why}}", map[string]any{"Why": plainError(err)}))
			return
		}
		if duplicate {
			msg.ID = 0
		}
		c.m.OpenCompose(&msg, time.Time{})
	})
}

func (c *Calendar) onEdit()      { c.openMessage(false) }
func (c *Calendar) onDuplicate() { c.openMessage(true) }

// onCancel asks, for a recurring message, whether to cancel this occurrence or
// every future one.
func (c *Calendar) onCancel() {
	it, ok := c.current()
	if !ok {
		return
	}
	if !it.Recurring && it.DeliveryID == 0 {
		c.cancel(it, false)
		return
	}
	var d dialog.Dialog
	one := widget.NewButton(lang.L("Only this one"), func() { d.Hide(); c.cancel(it, true) })
	if it.Birthday && it.DeliveryID == 0 {
		one.Disable() // the sender does not skip one birthday to come
	}
	all := widget.NewButton(lang.L("All future ones"), func() { d.Hide(); c.cancel(it, false) })
	all.Importance = widget.DangerImportance
	keep := widget.NewButton(lang.L("Keep it"), func() { d.Hide() })
	at := it.At.In(c.m.loc)
	msg := widget.NewLabel(lang.L("Cancel the message of {{.Day}} at {{.Time}}: this one or all future ones?",
		map[string]any{"Day": l10n.Short(at), "Time": l10n.Clock(at)}))
	msg.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustomWithoutButtons(lang.L("Cancel a repeating message"),
		container.NewVBox(msg, container.NewHBox(layout.NewSpacer(), keep, one, all)), c.m.Window)
	d.Resize(fyne.NewSize(440, 160))
	d.Show()
}

func (c *Calendar) cancel(it AgendaItem, onlyThis bool) {
	st := c.m.deps.Store
	background(c.m.tk, func(ctx context.Context) (struct{}, error) {
		if onlyThis {
			return struct{}{}, st.SkipOccurrence(ctx, it.MessageID, it.At)
		}
		return struct{}{}, st.CancelMessage(ctx, it.MessageID)
	}, func(_ struct{}, err error) {
		if err != nil {
			c.Status.SetText(lang.L("Could not cancel: {{.Why}}", map[string]any{"Why": plainError(err)}))
			return
		}
		c.Status.SetText(lang.L("Cancelled."))

		c.m.changed()
	})
}
