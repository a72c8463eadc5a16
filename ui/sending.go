package ui

import (
	"context"
	"fmt"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/ui/l10n"
)

// Sending says where planned messages leave from with the current settings.
type Sending struct {
	// HandsOff: the provider's scheduler takes a message due at least ScheduleMin
	// ahead, and sends it even if this computer is off.
	HandsOff    bool
	ScheduleMin time.Duration
	// PerHour is a paced provider's texts per hour (the shop's phone); 0: not paced.
	PerHour float64
	// Provider is the provider's name for people ("your phone", "Twilio").
	Provider string
}

// sending reads where messages leave from; the zero Sending when the window was
// given no way to know.
func (m *Main) sending(ctx context.Context) (Sending, error) {
	if m.deps.Sending == nil {
		return Sending{}, nil
	}
	return m.deps.Sending(ctx)
}

// from says where an occurrence due at `at` leaves from, seen at now.
func (s Sending) from(at, now time.Time) string {
	if s.HandsOff && at.Sub(now) >= s.ScheduleMin {
		return lang.L("with the provider")
	}
	return lang.L("from this computer")
}

// campaignTime says how long a paced provider takes for n texts ("" when not
// paced or when it takes under a minute).
func (s Sending) campaignTime(n int) string {
	if s.PerHour <= 0 || n <= 0 {
		return ""
	}
	d := time.Duration(float64(n) / s.PerHour * float64(time.Hour)).Round(time.Minute)
	if d < time.Minute {
		return ""
	}
	h, m := int(d.Hours()), int(d.Minutes())%60
	var t string
	switch {
	case h == 0:
		t = fmt.Sprintf("%d min", m)
	case m == 0:
		t = fmt.Sprintf("%d h", h)
	default:
		t = fmt.Sprintf("%d h %02d", h, m)
	}
	return lang.L("about {{.Time}} from {{.Provider}} at {{.PerHour}} texts an hour",
		map[string]any{"Time": t, "Provider": s.Provider, "PerHour": l10n.Int(int(math.Round(s.PerHour)))})

}

// AskKeepSending asks, when the window closes without a tray, whether Minuit keeps
// sending the planned messages in the background. Keep sending is the default
// (highlighted) answer: a shop owner closing the window rarely means to stop, so
// stopping takes its own, plain button. It returns the Keep sending button.
func AskKeepSending(w fyne.Window, keep, stop func()) *widget.Button {
	var d dialog.Dialog
	keepBtn := widget.NewButtonWithIcon(lang.L("Keep sending"), theme.ConfirmIcon(), func() { d.Hide(); keep() })
	keepBtn.Importance = widget.HighImportance
	stopBtn := widget.NewButton(lang.L("Stop sending and quit"), func() { d.Hide(); stop() })
	text := widget.NewLabel(lang.L("Minuit can keep sending your planned messages in the background after this window closes.\n" +
		"Stop sending instead?"))
	text.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustomWithoutButtons(lang.L("Keep sending?"),
		container.NewVBox(text, container.NewHBox(layout.NewSpacer(), stopBtn, keepBtn)), w)
	d.Resize(fyne.NewSize(480, 180))
	d.Show()
	w.Canvas().Focus(keepBtn)
	return keepBtn
}
