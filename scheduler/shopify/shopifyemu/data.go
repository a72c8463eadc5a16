package shopifyemu

import (
	"strconv"
	"time"

	"minuit/scheduler/shopify"
)

// AddCustomer stores c (a new id unless c.ID is set), created and updated now
// unless c says when, and returns its id.
func (s *Server) AddCustomer(c shopify.Customer) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now().UTC()
	if c.ID == "" {
		c.ID = s.newID()
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = now
	}
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = now
	}
	s.customers[c.ID] = &c
	return c.ID
}

// UpdateCustomer changes a customer with fn and marks it updated now.
func (s *Server) UpdateCustomer(id string, fn func(*shopify.Customer)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.customers[id]; c != nil {
		fn(c)
		c.UpdatedAt = s.now().UTC()
	}
}

// AddOrder stores o, named #1001, #1002… unless o.Name is set, created and updated
// now unless o says when, and returns its id.
func (s *Server) AddOrder(o shopify.Order) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now().UTC()
	if o.ID == "" {
		o.ID = s.newID()
	}
	if o.Name == "" {
		o.Name = "#" + strconv.Itoa(s.nextOrder)
		s.nextOrder++
	}
	if o.CreatedAt.IsZero() {
		o.CreatedAt = now
	}
	if o.UpdatedAt.IsZero() {
		o.UpdatedAt = o.CreatedAt
	}
	if o.Currency == "" {
		o.Currency = "EUR"
	}
	s.orders[o.ID] = &o
	return o.ID
}

// UpdateOrder changes an order with fn and marks it updated now.
func (s *Server) UpdateOrder(id string, fn func(*shopify.Order)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o := s.orders[id]; o != nil {
		fn(o)
		o.UpdatedAt = s.now().UTC()
	}
}

// AddFulfillment ships an order: f is appended to its fulfillments, created now,
// and the order is marked updated. It returns the fulfillment's id ("" for an
// unknown order).
func (s *Server) AddFulfillment(orderID string, f shopify.Fulfillment) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.orders[orderID]
	if o == nil {
		return ""
	}
	now := s.now().UTC()
	if f.ID == "" {
		f.ID = s.newID()
	}
	if f.Status == "" {
		f.Status = "SUCCESS"
	}
	f.CreatedAt, f.UpdatedAt = now, now
	o.Fulfillments = append(o.Fulfillments, f)
	o.UpdatedAt = now
	return f.ID
}

// AddCheckout stores an abandoned checkout, created and updated now unless ch
// says when, and returns its id.
func (s *Server) AddCheckout(ch shopify.Checkout) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now().UTC()
	if ch.ID == "" {
		ch.ID = s.newID()
	}
	if ch.Name == "" {
		ch.Name = "#" + ch.ID
	}
	if ch.URL == "" {
		ch.URL = "https://ma-boutique.myshopify.com/checkouts/" + ch.ID + "/recover?key=k" + ch.ID
	}
	if ch.CreatedAt.IsZero() {
		ch.CreatedAt = now
	}
	if ch.UpdatedAt.IsZero() {
		ch.UpdatedAt = ch.CreatedAt
	}
	s.checkouts[ch.ID] = &ch
	return ch.ID
}

// CompleteCheckout marks a checkout completed now (the customer paid).
func (s *Server) CompleteCheckout(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ch := s.checkouts[id]; ch != nil {
		now := s.now().UTC()
		ch.CompletedAt, ch.UpdatedAt = now, now
	}
}

// newID returns a fresh numeric id; s.mu is held.
func (s *Server) newID() string {
	s.nextID++
	return strconv.FormatInt(s.nextID, 10)
}

// person is who an order or checkout belongs to, filled from the stored customer.
func (s *Server) person(p shopify.Person) shopify.Person {
	if c := s.customers[p.ID]; c != nil {
		p.FirstName, p.Phone = c.FirstName, c.Phone
	}
	return p
}

// rfc is how the API writes a time; nil for zero.
func rfc(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}
