package smsgate

import (
	"strings"
	"testing"

	"minuit/scheduler"
)

func TestThePhonesErrorsArePutInPlainWords(t *testing.T) {
	for errText, want := range map[string]struct {
		dlr    scheduler.DLR
		reason string
	}{
		"TTL expired":                          {scheduler.DLRExpired, "did not send it before it expired"},
		"sendSMS: Invalid phone number":        {scheduler.DLRFailed, "the number is not valid"},
		"sendSMS: Invalid phone number type":   {scheduler.DLRFailed, "not a mobile number"},
		"RESULT_ERROR_LIMIT_EXCEEDED (Failed)": {scheduler.DLRFailed, "Android's SMS limit was reached"},
		"RESULT_ERROR_RADIO_OFF (Failed)":      {scheduler.DLRFailed, "no mobile network"},
		"RESULT_ERROR_NO_SERVICE (Failed)":     {scheduler.DLRFailed, "no mobile network"},
		"Can't send message: No SIMs found":    {scheduler.DLRFailed, "no SIM card ready"},
		"RESULT_ERROR_GENERIC_FAILURE (Gen)":   {scheduler.DLRFailed, "check the SIM's credit and signal"},
		"":                                     {scheduler.DLRFailed, "the phone could not send it"},
		"RESULT_RIL_MODEM_ERR":                 {scheduler.DLRFailed, "the phone could not send it (RESULT_RIL_MODEM_ERR)"},
	} {
		dlr, reason := failure(errText)
		if dlr != want.dlr || !strings.Contains(reason, want.reason) {
			t.Errorf("failure(%q) = %s %q, want %s %q", errText, dlr, reason, want.dlr, want.reason)
		}
	}
}
