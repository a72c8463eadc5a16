package scheduler

// The figures Minuit shows, defined once here and used by the calendar's days,
// History's summary, the Reports tab, `minuit report` and the CLI:
//
//   - sent: the provider accepted the delivery and it left (AcceptedSQL): sent and
//     waiting for its report, delivered, or failed or expired at the operator;
//   - delivered: the handset's delivery report came back;
//   - failed: failed or expired at the operator, or refused by the provider;
//   - missed: its deadline passed before it could leave, or a crash left it
//     unconfirmed;
//   - skipped: the compliance rules kept it (no consent, opted out, over the cap
//     set to skip, too late): never a failure;
//   - pending: not sent yet (planned, being sent, waiting to retry, or with the
//     provider's scheduler); waiting: sent, its delivery report not in yet;
//   - the delivery rate: delivered ÷ sent (DeliveryRate).
//
// DayOutcomes.Add sorts a delivery's state into these; every count by state goes
// through it.

// Add counts n deliveries in state s under their figure.
func (d *DayOutcomes) Add(s State, n int) {
	switch s {
	case Delivered:
		d.Delivered += n
	case Sent:
		d.Waiting += n
	case Failed, Expired:
		d.Failed += n
	case Missed, Unconfirmed:
		d.Missed += n
	case Skipped:
		d.Skipped += n
	case Cancelled:
		d.Cancelled += n
	default: // scheduled, sending, retryable, handed off
		d.Pending += n
	}
}

// Total is every delivery counted, cancelled ones included.
func (d DayOutcomes) Total() int {
	return d.Delivered + d.Waiting + d.Failed + d.Missed + d.Skipped + d.Pending + d.Cancelled
}

// Done is the deliveries that left: delivered or waiting for their report.
func (d DayOutcomes) Done() int { return d.Delivered + d.Waiting }
