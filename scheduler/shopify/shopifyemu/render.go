package shopifyemu

import "minuit/scheduler/shopify"

// render writes a stored record in the API's JSON shape (the fields Minuit asks
// for; a missing object is null). s.mu is held.
func (s *Server) render(x any) map[string]any {
	switch v := x.(type) {
	case *shopify.Customer:
		return customerJSON(v)
	case *shopify.Order:
		return s.orderJSON(v)
	case *shopify.Checkout:
		return s.checkoutJSON(v)
	}
	return nil
}

func gid(kind, id string) string { return "gid://shopify/" + kind + "/" + id }

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func customerJSON(c *shopify.Customer) map[string]any {
	tags := c.Tags
	if tags == nil {
		tags = []string{}
	}
	out := map[string]any{"id": gid("Customer", c.ID), "firstName": nullable(c.FirstName), "lastName": nullable(c.LastName),
		"tags": tags, "createdAt": rfc(c.CreatedAt), "updatedAt": rfc(c.UpdatedAt),
		"defaultEmailAddress": nil, "defaultPhoneNumber": nil}
	if c.Email != "" {
		out["defaultEmailAddress"] = map[string]any{"emailAddress": c.Email}
	}
	if c.Phone != "" {
		state := c.SMSState
		if state == "" {
			state = shopify.SMSNotSubscribed
		}
		out["defaultPhoneNumber"] = map[string]any{"phoneNumber": c.Phone, "marketingState": state,
			"marketingOptInLevel": nullable(c.SMSOptIn), "marketingUpdatedAt": rfc(c.SMSUpdatedAt)}
	}
	return out
}

func (s *Server) personJSON(p shopify.Person) any {
	if p.ID == "" {
		return nil
	}
	p = s.person(p)
	out := map[string]any{"id": gid("Customer", p.ID), "firstName": nullable(p.FirstName), "defaultPhoneNumber": nil}
	if p.Phone != "" {
		out["defaultPhoneNumber"] = map[string]any{"phoneNumber": p.Phone}
	}
	return out
}

func visitJSON(v *shopify.Visit) any {
	if v == nil {
		return nil
	}
	out := map[string]any{"landingPage": nullable(v.LandingPage), "utmParameters": nil}
	if v.Source != "" || v.Medium != "" || v.Campaign != "" {
		out["utmParameters"] = map[string]any{"source": nullable(v.Source), "medium": nullable(v.Medium),
			"campaign": nullable(v.Campaign)}
	}
	return out
}

func (s *Server) orderJSON(o *shopify.Order) map[string]any {
	fs := []any{}
	for i, f := range o.Fulfillments {
		if i == 5 {
			break // fulfillments(first: 5)
		}
		ti := []any{}
		for j, t := range f.Tracking {
			if j == 1 {
				break // trackingInfo(first: 1)
			}
			ti = append(ti, map[string]any{"company": nullable(t.Company), "number": nullable(t.Number), "url": nullable(t.URL)})
		}
		fs = append(fs, map[string]any{"id": gid("Fulfillment", f.ID), "status": f.Status, "createdAt": rfc(f.CreatedAt),
			"updatedAt": rfc(f.UpdatedAt), "trackingInfo": ti})
	}
	var journey any
	if o.FirstVisit != nil || o.LastVisit != nil {
		journey = map[string]any{"firstVisit": visitJSON(o.FirstVisit), "lastVisit": visitJSON(o.LastVisit)}
	}
	total := o.Total
	if total == "" {
		total = "0.0"
	}
	return map[string]any{"id": gid("Order", o.ID), "name": o.Name, "createdAt": rfc(o.CreatedAt), "updatedAt": rfc(o.UpdatedAt),
		"cancelledAt": rfc(o.CancelledAt), "phone": nullable(o.Phone), "email": nullable(o.Email),
		"totalPriceSet":          map[string]any{"shopMoney": map[string]any{"amount": total, "currencyCode": o.Currency}},
		"customer":               s.personJSON(o.Customer),
		"customerJourneySummary": journey, "fulfillments": fs}
}

func (s *Server) checkoutJSON(ch *shopify.Checkout) map[string]any {
	var ship any
	if ch.Phone != "" || ch.FirstName != "" {
		ship = map[string]any{"firstName": nullable(ch.FirstName), "phone": nullable(ch.Phone)}
	}
	return map[string]any{"id": gid("AbandonedCheckout", ch.ID), "name": ch.Name, "abandonedCheckoutUrl": ch.URL,
		"createdAt": rfc(ch.CreatedAt), "updatedAt": rfc(ch.UpdatedAt), "completedAt": rfc(ch.CompletedAt),
		"customer": s.personJSON(ch.Customer), "shippingAddress": ship}
}
