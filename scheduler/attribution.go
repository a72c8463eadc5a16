package scheduler

import (
	"context"
	"fmt"
	"time"
)

// Attribution credits messages with what their recipients bought after them: the
// orders and revenue of a connected shop (Shopify fills it; see issue 13). Reports
// read it through ReportQuery.Attribution; NoAttribution is the zero one.
type Attribution interface {
	// Connected reports whether a shop is connected, so that Orders and Revenue
	// mean something (a report then shows them).
	Connected() bool
	// Attribute returns, by message id, the orders and revenue credited to each of
	// messages for its deliveries planned in [from, to) (zero: open). Messages
	// credited with nothing may be left out.
	Attribute(ctx context.Context, messages []int64, from, to time.Time) (map[int64]Attributed, error)
}

// Attributed is what one message brought.
type Attributed struct {
	Orders  int
	Revenue float64 // in the shop's currency
}

// NoAttribution is the Attribution of a Minuit with no shop connected.
type NoAttribution struct{}

// Connected is false: no shop.
func (NoAttribution) Connected() bool { return false }

// Attribute credits nothing.
func (NoAttribution) Attribute(context.Context, []int64, time.Time, time.Time) (map[int64]Attributed, error) {
	return nil, nil
}

// attribute fills Orders and Revenue from the query's Attribution.
func attribute(ctx context.Context, q ReportQuery, rep *Report) error {
	if q.Attribution == nil || !q.Attribution.Connected() {
		return nil
	}
	rep.Attributed = true
	ids := make([]int64, len(rep.Messages))
	for i, m := range rep.Messages {
		ids[i] = m.MessageID
	}
	got, err := q.Attribution.Attribute(ctx, ids, q.From, q.To)
	if err != nil {
		return fmt.Errorf("scheduler: attributed orders: %w", err)
	}
	for i := range rep.Messages {
		a := got[rep.Messages[i].MessageID]
		rep.Messages[i].Orders, rep.Messages[i].Revenue = a.Orders, a.Revenue
	}
	return nil
}
