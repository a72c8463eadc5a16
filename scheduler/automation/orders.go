package automation

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/shopify"
	"minuit/scheduler/sms"
)

func (p *Poller) orders(ctx context.Context, r *pass) error {
	// The first read goes back to the first campaign of the last 60 days (the orders
	// it may have brought), else starts at the connection.
	first, err := p.Store.FirstCampaignSince(ctx, r.cutoff.Add(-ordersBack))
	if err != nil {
		return err
	}
	if first.IsZero() || first.After(r.cutoff) {
		first = r.cutoff
	}
	since, err := p.cursor(ctx, "orders", first)
	if err != nil {
		return err
	}
	var newest time.Time
	err = p.Shop.Orders(ctx, since, func(os []shopify.Order) error {
		saved := make([]scheduler.ShopOrder, 0, len(os))
		for _, o := range os {
			saved = append(saved, shopOrder(o))
		}
		if err := p.Store.InTx(ctx, func(tx *sql.Tx) error { return p.Store.SaveOrdersTx(ctx, tx, saved) }); err != nil {
			return err
		}
		for _, o := range os {
			r.res.Orders++
			newest = later(newest, o.UpdatedAt)
			for _, ev := range orderEvents(o) {
				out, err := r.f.Fire(ctx, ev)
				if err != nil {
					return err
				}
				r.count(out)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return p.saveCursor(ctx, "orders", r, newest)
}

// orderEvents are the automations an order may answer: its confirmation, and a
// shipping notice per fulfillment with tracking.
func orderEvents(o shopify.Order) []Event {
	phone := o.Customer.Phone
	if phone == "" {
		phone = o.Phone
	}
	first := o.Customer.FirstName
	evs := []Event{{Automation: OrderConfirmation, ObjectID: o.ID, Label: o.Name, At: o.CreatedAt, Phone: phone,
		Cancelled: !o.CancelledAt.IsZero(),
		Fields:    map[string]string{FieldFirstName: first, "order_name": o.Name, "total": Money(o.Total, o.Currency)}}}
	for _, fl := range o.Fulfillments {
		if len(fl.Tracking) == 0 || fl.Tracking[0].Number == "" && fl.Tracking[0].URL == "" {
			continue // no tracking yet: a later poll sees it once added
		}
		t := fl.Tracking[0]
		evs = append(evs, Event{Automation: Shipping, ObjectID: fl.ID, Label: o.Name, At: fl.CreatedAt, Phone: phone,
			Fields: map[string]string{FieldFirstName: first, "order_name": o.Name, "tracking_company": t.Company,
				"tracking_number": t.Number, "tracking_url": t.URL}})
	}
	return evs
}

// shopOrder is what revenue per campaign keeps of an order.
func shopOrder(o shopify.Order) scheduler.ShopOrder {
	cents, _ := Cents(o.Total)
	return scheduler.ShopOrder{ID: o.ID, Name: o.Name, CustomerID: o.Customer.ID, TotalCents: cents, Currency: o.Currency,
		Campaign: Campaign(o), CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt, CancelledAt: o.CancelledAt}
}

// Campaign is the message an order's customer journey names (the UTM parameters
// of its last visit, else its first, or their landing pages): 0 for none.
func Campaign(o shopify.Order) int64 {
	for _, v := range []*shopify.Visit{o.LastVisit, o.FirstVisit} {
		if v == nil {
			continue
		}
		c := ""
		if v.Source == sms.UTMSource {
			c = v.Campaign
		}
		if c == "" {
			c = sms.UTMCampaign(v.LandingPage)
		}
		if id, err := strconv.ParseInt(c, 10, 64); err == nil && id > 0 {
			return id
		}
	}
	return 0
}
