package shopify

import (
	"context"
	"errors"
	"time"
)

// Shop reads the store's name, domain, currency and zone: the cheapest
// authenticated query, which "Test connection" runs.
func (c *Client) Shop(ctx context.Context) (ShopInfo, error) {
	var w wireShop
	if err := c.query(ctx, "MinuitShop", shopQuery, nil, &w); err != nil {
		return ShopInfo{}, err
	}
	return ShopInfo{Name: w.Shop.Name, Domain: w.Shop.MyshopifyDomain, Currency: w.Shop.CurrencyCode,
		Timezone: w.Shop.IanaTimezone}, nil
}

// Customers reads the customers updated after since (zero: all), oldest change
// first, a page at a time: fn is called with each page and may stop the reading
// by returning an error.
func (c *Client) Customers(ctx context.Context, since time.Time, fn func([]Customer) error) error {
	return paginate(ctx, c, "MinuitCustomers", customersQuery, "customers", customersPage, since,
		func(ws []wireCustomer) error {
			out := make([]Customer, len(ws))
			for i, w := range ws {
				cu := Customer{ID: gidNumber(w.ID), FirstName: str(w.FirstName), LastName: str(w.LastName), Tags: w.Tags,
					CreatedAt: w.CreatedAt.UTC(), UpdatedAt: w.UpdatedAt.UTC()}
				if w.DefaultEmailAddress != nil {
					cu.Email = w.DefaultEmailAddress.EmailAddress
				}
				if p := w.DefaultPhoneNumber; p != nil {
					cu.Phone, cu.SMSState, cu.SMSOptIn, cu.SMSUpdatedAt = p.PhoneNumber, p.MarketingState,
						p.MarketingOptInLevel, tm(p.MarketingUpdatedAt)
				}
				out[i] = cu
			}
			return fn(out)
		})
}

// Orders reads the orders updated after since (zero: all the API shows: the last
// 60 days without the read_all_orders scope), with their fulfillments and customer
// journey, a page at a time.
func (c *Client) Orders(ctx context.Context, since time.Time, fn func([]Order) error) error {
	return paginate(ctx, c, "MinuitOrders", ordersQuery, "orders", ordersPage, since, func(ws []wireOrder) error {
		out := make([]Order, len(ws))
		for i, w := range ws {
			o := Order{ID: gidNumber(w.ID), Name: w.Name, CreatedAt: w.CreatedAt.UTC(), UpdatedAt: w.UpdatedAt.UTC(),
				CancelledAt: tm(w.CancelledAt), Phone: str(w.Phone), Email: str(w.Email), Customer: person(w.Customer)}
			if w.TotalPriceSet != nil {
				o.Total, o.Currency = w.TotalPriceSet.ShopMoney.Amount, w.TotalPriceSet.ShopMoney.CurrencyCode
			}
			if j := w.CustomerJourneySummary; j != nil {
				o.FirstVisit, o.LastVisit = visit(j.FirstVisit), visit(j.LastVisit)
			}
			for _, f := range w.Fulfillments {
				ff := Fulfillment{ID: gidNumber(f.ID), Status: f.Status, CreatedAt: f.CreatedAt.UTC(), UpdatedAt: f.UpdatedAt.UTC()}
				for _, t := range f.TrackingInfo {
					ff.Tracking = append(ff.Tracking, Tracking{Company: str(t.Company), Number: str(t.Number), URL: str(t.URL)})
				}
				o.Fulfillments = append(o.Fulfillments, ff)
			}
			out[i] = o
		}
		return fn(out)
	})
}

// AbandonedCheckouts reads the abandoned checkouts updated after since, a page at
// a time (the read_orders scope, and the manage_abandoned_checkouts permission).
func (c *Client) AbandonedCheckouts(ctx context.Context, since time.Time, fn func([]Checkout) error) error {
	return paginate(ctx, c, "MinuitAbandonedCheckouts", checkoutsQuery, "abandonedCheckouts", checkoutsPage, since,
		func(ws []wireCheckout) error {
			out := make([]Checkout, len(ws))
			for i, w := range ws {
				ch := Checkout{ID: gidNumber(w.ID), Name: w.Name, URL: w.AbandonedCheckoutURL, CreatedAt: w.CreatedAt.UTC(),
					UpdatedAt: w.UpdatedAt.UTC(), CompletedAt: tm(w.CompletedAt), Customer: person(w.Customer)}
				if a := w.ShippingAddress; a != nil {
					ch.Phone, ch.FirstName = str(a.Phone), str(a.FirstName)
				}
				out[i] = ch
			}
			return fn(out)
		})
}

func person(w *wirePerson) Person {
	if w == nil {
		return Person{}
	}
	p := Person{ID: gidNumber(w.ID), FirstName: str(w.FirstName)}
	if w.DefaultPhoneNumber != nil {
		p.Phone = w.DefaultPhoneNumber.PhoneNumber
	}
	return p
}

func visit(w *wireVisit) *Visit {
	if w == nil {
		return nil
	}
	v := &Visit{LandingPage: str(w.LandingPage)}
	if u := w.UtmParameters; u != nil {
		v.Source, v.Medium, v.Campaign = str(u.Source), str(u.Medium), str(u.Campaign)
	}
	return v
}

// SearchSince is the search filter of a list read from since: Shopify's search
// syntax on updated_at, in UTC to the second ("" for zero).
func SearchSince(since time.Time) string {
	if since.IsZero() {
		return ""
	}
	return "updated_at:>='" + since.UTC().Format(time.RFC3339) + "'"
}

// paginate reads a connection page by page with cursors. A page Shopify finds too
// costly is asked again at half the size.
func paginate[N any](ctx context.Context, c *Client, op, text, root string, first int, since time.Time, fn func([]N) error) error {
	var after any
	search := SearchSince(since)
	for {
		c.bucket.guess(op, float64(2+first*nodeCost[root]))
		vars := map[string]any{"first": first, "after": after}
		if search != "" {
			vars["query"] = search
		}
		var data map[string]connection[N]
		err := c.query(ctx, op, text, vars, &data)
		var ce *costExceeded
		if errors.As(err, &ce) && first > 1 {
			first /= 2
			continue
		}
		if err != nil {
			return err
		}
		conn := data[root]
		nodes := make([]N, len(conn.Edges))
		for i, e := range conn.Edges {
			nodes[i] = e.Node
		}
		if err := fn(nodes); err != nil {
			return err
		}
		if !conn.PageInfo.HasNextPage || conn.PageInfo.EndCursor == "" {
			return nil
		}
		after = conn.PageInfo.EndCursor
	}
}
