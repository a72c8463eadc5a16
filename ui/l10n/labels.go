package l10n

import (
	"fyne.io/fyne/v2/lang"

	"minuit/internal/minuit"
	"minuit/scheduler"
)

// StateLabel is a delivery's state as people read it, in the current language
// (the window's history and calendar, the CLI's history). The English words are
// those of scheduler.State.Label, which logs keep.
func StateLabel(s scheduler.State) string {
	switch s {
	case scheduler.Scheduled:
		return lang.L("Scheduled")
	case scheduler.Sending:
		return lang.L("Sending")
	case scheduler.HandedOff:
		return lang.L("With the provider (sends even if this computer is off)")
	case scheduler.Retryable:
		return lang.L("Waiting to retry")
	case scheduler.Sent:
		return lang.L("Sent (waiting for delivery report)")
	case scheduler.Delivered:
		return lang.L("Delivered")
	case scheduler.Failed:
		return lang.L("Failed")
	case scheduler.Expired:
		return lang.L("Expired at the operator")
	case scheduler.Cancelled:
		return lang.L("Cancelled")
	case scheduler.Missed:
		return lang.L("Missed")
	case scheduler.Unconfirmed:
		return lang.L("Unconfirmed")
	case scheduler.Skipped:
		return lang.L("Not sent (compliance rules)")
	}
	return s.Label()
}

// KindLabel is a message's kind as people read it: "transactional", "marketing".
func KindLabel(k minuit.Kind) string {
	switch k {
	case minuit.Transactional:
		return lang.L("transactional")
	case minuit.Marketing:
		return lang.L("marketing")
	}
	return string(k)
}

// ConsentLabel is a contact's marketing consent as people read it.
func ConsentLabel(s minuit.Consent) string {
	switch s {
	case minuit.ConsentOptedIn:
		return lang.L("agreed")
	case minuit.ConsentOptedOut:
		return lang.L("refused")
	case minuit.ConsentUnknown, "":
		return lang.L("not asked")
	}
	return string(s)
}
