package smsgate

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// StuckAfter is how long past its time a message may wait on the phone before
// its status says so (it stays pending: the phone may still send it).
const StuckAfter = 15 * time.Minute

// Status implements scheduler.Provider with GET /messages/{id}. The phone's
// states map as: Pending before its scheduleAt → scheduled; Pending, Processed,
// Sent, Cancelling → pending; Delivered → delivered; Failed → failed with the
// phone's error in plain words ("TTL expired" → expired); Cancelled → cancelled.
func (p *Provider) Status(ctx context.Context, providerID string) ([]scheduler.RecipientStatus, error) {
	if !validID(providerID) {
		return nil, invalidID("status", providerID)
	}
	rep, err := p.do(ctx, "status", http.MethodGet, "/messages/"+providerID, nil, nil)
	switch {
	case err != nil:
		return nil, err
	case rep.status == http.StatusNotFound:
		return nil, notFound("status", providerID)
	case !rep.ok():
		return nil, p.statusError("status", rep)
	}
	var st wireState
	if err := rep.decode(&st); err != nil {
		return nil, providerhttp.Unreadable("SMS Gateway", false, fmt.Errorf("smsgate: status: %w", err))
	}
	now := rep.phoneNow(p.now()) // compare the phone's dates with the phone's clock
	scheduleAt := parseTime(st.ScheduleAt)
	due := parseTime(st.States["Pending"])
	if scheduleAt.After(due) {
		due = scheduleAt
	}
	out := make([]scheduler.RecipientStatus, 0, len(st.Recipients))
	for _, r := range st.Recipients {
		rs := scheduler.RecipientStatus{Recipient: e164(r.PhoneNumber), Status: scheduler.DLRPending,
			At: parseTime(st.States[r.State])}
		errText := ""
		if r.Error != nil {
			errText = *r.Error
		}
		switch r.State {
		case "Pending", "Processed":
			if r.State == "Pending" && scheduleAt.After(now) {
				rs.Status = scheduler.DLRScheduled
			} else if late := now.Sub(due); !due.IsZero() && late > StuckAfter {
				rs.Reason = "still waiting on the phone " + lateness(late) + " after its time: the phone may be off, " +
					"offline, or its battery saving may have stopped SMS Gateway"
			}
		case "Delivered":
			rs.Status = scheduler.DLRDelivered
		case "Failed":
			rs.Status, rs.Reason = failure(errText)
		case "Cancelled":
			rs.Status = scheduler.DLRCancelled
		}
		out = append(out, rs)
	}
	return out, nil
}

// lateness says d in minutes, or hours past two hours.
func lateness(d time.Duration) string {
	if d < 2*time.Hour {
		return fmt.Sprintf("%d minutes", int(d/time.Minute))
	}
	return fmt.Sprintf("%d hours", int(d/time.Hour))
}

// failure puts the phone's error for a failed recipient into plain words.
func failure(errText string) (scheduler.DLR, string) {
	e := strings.ToUpper(errText)
	switch {
	case strings.Contains(e, "TTL EXPIRED"):
		return scheduler.DLRExpired, "the phone did not send it before it expired (was it off, offline or asleep?)"
	case strings.Contains(e, "INVALID PHONE NUMBER TYPE"):
		return scheduler.DLRFailed, "the number is not a mobile number"
	case strings.Contains(e, "INVALID PHONE NUMBER"):
		return scheduler.DLRFailed, "the number is not valid"
	case strings.Contains(e, "LIMIT_EXCEEDED"):
		return scheduler.DLRFailed, "Android's SMS limit was reached on the phone: lower the SMS per hour (" + errText + ")"
	case strings.Contains(e, "RADIO_OFF") || strings.Contains(e, "NO_SERVICE"):
		return scheduler.DLRFailed, "the phone had no mobile network when it tried (" + errText + ")"
	case strings.Contains(e, "NO SIMS") || strings.Contains(e, "NO_DEFAULT_SMS_APP"):
		return scheduler.DLRFailed, "the phone has no SIM card ready to send SMS (" + errText + ")"
	case strings.Contains(e, "GENERIC_FAILURE"):
		return scheduler.DLRFailed, "the phone's operator did not send it: check the SIM's credit and signal (" + errText + ")"
	case errText == "":
		return scheduler.DLRFailed, "the phone could not send it"
	default:
		return scheduler.DLRFailed, "the phone could not send it (" + errText + ")"
	}
}

// parseTime reads a date of the API (RFC 3339, any fraction); zero when absent.
func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// Balance implements scheduler.Provider: the phone has no balance, so it checks
// the address and the credentials with the cheapest authenticated read, GET
// /messages?limit=1 (GET /health answers without credentials).
func (p *Provider) Balance(ctx context.Context) (scheduler.Balance, error) {
	rep, err := p.do(ctx, "balance", http.MethodGet, "/messages", url.Values{"limit": {"1"}}, nil)
	switch {
	case err != nil:
		return scheduler.Balance{}, err
	case !rep.ok():
		return scheduler.Balance{}, p.statusError("balance", rep)
	}
	return scheduler.Balance{}, nil
}
