package contacts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"minuit/internal/minuit"
)

// SourceShopifySync is the source of contacts and consent events that come from
// the connected Shopify store (the API sync), as "Shopify export" is the CSV's.
const SourceShopifySync = "Shopify"

// ShopifyCustomer is one customer of the connected Shopify store, as the sync hands
// it to the contacts (app/ converts the API's customer into it).
type ShopifyCustomer struct {
	ID        string // the Shopify customer id; the contact's UID is "shopify:<id>", as a CSV import writes it
	FirstName string
	LastName  string
	Email     string
	Phone     string   // as Shopify has it (E.164)
	Tags      []string // become groups
	// SMS is the customer's SMS marketing consent in Shopify: ConsentOptedIn
	// (subscribed), ConsentOptedOut (unsubscribed), or "" when it says nothing
	// (never subscribed, pending confirmation); SMSAt when it last changed (zero:
	// Shopify gives no date).
	SMS   minuit.Consent
	SMSAt time.Time
	// UpdatedAt is when the customer last changed in Shopify: with it, "last edit
	// wins" against fields edited in the app, as for a file's REV.
	UpdatedAt time.Time
}

// ShopifyResult is what a sync did.
type ShopifyResult struct {
	New, Updated, Unchanged, Skipped int
	OptIns, OptOuts                  int // consent events recorded from Shopify
}

// SyncShopify creates or updates the contacts of customers, in one transaction.
// A customer is the contact with its UID, else with its valid number, else (with
// no valid number) with its email. Values replace the contact's unless edited in
// the app since the customer's last change; numbers and groups (its tags) are
// added, nothing is blanked. Consent follows the newest dated decision: Shopify's
// subscribed or unsubscribed is recorded (source "Shopify", with Shopify's date)
// only when it is newer than the contact's current consent, so a STOP reply
// received by Minuit wins over an older "subscribed" and a later opt-in in
// Shopify is recorded; a consent without a date only fills a contact that has
// none. Syncing the same customers again changes nothing.
func (s *Store) SyncShopify(ctx context.Context, cs []ShopifyCustomer) (ShopifyResult, error) {
	var res ShopifyResult
	region, now := s.defaultRegion(), s.now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		w, err := newWriter(ctx, tx, now, SourceShopifySync)
		if err != nil {
			return err
		}
		defer w.close()
		pending := map[string]bool{} // keys of new contacts still buffered in w
		for _, c := range cs {
			if err := s.syncOne(ctx, tx, w, pending, c, region, now, &res); err != nil {
				return err
			}
		}
		if err := w.indexNew(); err != nil {
			return err
		}
		return w.reindex()
	})
	if err != nil {
		return ShopifyResult{}, err
	}
	return res, nil
}

func (s *Store) syncOne(ctx context.Context, tx *sql.Tx, w *writer, pending map[string]bool, c ShopifyCustomer, region string,
	now time.Time, res *ShopifyResult) error {
	rec := &spoolRec{uid: "shopify:" + strings.ToLower(strings.TrimSpace(c.ID)), first: clean(c.FirstName),
		last: clean(c.LastName), email: clean(c.Email), groups: normGroups(c.Tags), rev: c.UpdatedAt}
	var e164 string
	if clean(c.Phone) != "" {
		p := normalizePhone(c.Phone, "", true, region)
		rec.phones = []spoolPhone{{Phone: p}}
		e164 = p.Number
	}
	rec.name = clean(rec.first + " " + rec.last)
	if rec.name == "" {
		rec.nameDerived = true
		rec.name = rec.email
		if len(rec.phones) > 0 {
			rec.name = rec.phones[0].Raw
		}
	}
	if strings.TrimSpace(c.ID) == "" || rec.name == "" {
		res.Skipped++ // nothing to know the customer by
		return nil
	}
	keys := []string{"u:" + rec.uid, "t:" + e164, "m:" + emailKey(rec.email)}
	for _, k := range keys {
		if pending[k] && len(k) > 2 {
			if err := w.flush(); err != nil { // it matches a contact not written yet
				return err
			}
			clear(pending)
		}
	}
	id, err := findShopifyContact(ctx, tx, rec.uid, e164, rec.email)
	if err != nil {
		return err
	}
	st := &state{}
	if id == 0 {
		st.Source, st.Consent.Status = SourceShopifySync, minuit.ConsentUnknown
	} else {
		sts, err := loadStates(ctx, tx, []int64{id})
		if err != nil {
			return err
		}
		if st = sts[id]; st == nil {
			return fmt.Errorf("contacts: contact %d vanished during the sync", id)
		}
		if err := markTaken(ctx, tx, id, rec); err != nil {
			return err
		}
	}
	o := plan(st, rec, modeImport, c.UpdatedAt, now)
	shopifyConsent(st, &o, c, now)
	for _, e := range o.consents {
		if e.Status == minuit.ConsentOptedIn {
			res.OptIns++
		} else {
			res.OptOuts++
		}
	}
	if id == 0 {
		res.New++
		for _, k := range keys {
			pending[k] = true // later customers of the batch may match this one
		}
		return w.addNew(buildNew(st, w.nextID, o.consents))
	}
	if o.visible() {
		res.Updated++
	} else {
		res.Unchanged++
	}
	return w.update(st, o)
}

// findShopifyContact finds the contact a customer is: by UID, else by its valid
// number, else (without one) by email. 0: none.
func findShopifyContact(ctx context.Context, tx *sql.Tx, uid, e164, email string) (int64, error) {
	try := func(q string, arg string) (int64, error) {
		var id int64
		err := tx.QueryRowContext(ctx, q, arg).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		if err != nil {
			return 0, fmt.Errorf("contacts: find the customer's contact: %w", err)
		}
		return id, nil
	}
	id, err := try(`SELECT id FROM contacts WHERE uid = ?`, uid)
	if id != 0 || err != nil {
		return id, err
	}
	if e164 != "" {
		return try(`SELECT contact_id FROM contact_phones WHERE e164 = ?`, e164)
	}
	if email != "" {
		return try(`SELECT id FROM contacts WHERE lower(email) = ? ORDER BY id LIMIT 1`, emailKey(email))
	}
	return 0, nil
}

// markTaken marks the record's UID and numbers that belong to another contact
// than id: they are not copied to it.
func markTaken(ctx context.Context, tx *sql.Tx, id int64, rec *spoolRec) error {
	owner := func(q, arg string) (int64, error) {
		var other int64
		err := tx.QueryRowContext(ctx, q, arg).Scan(&other)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		if err != nil {
			return 0, fmt.Errorf("contacts: check the customer's number: %w", err)
		}
		return other, nil
	}
	other, err := owner(`SELECT id FROM contacts WHERE uid = ?`, rec.uid)
	if err != nil {
		return err
	}
	rec.uidTaken = other != 0 && other != id
	for i := range rec.phones {
		if n := rec.phones[i].Number; n != "" {
			other, err := owner(`SELECT contact_id FROM contact_phones WHERE e164 = ?`, n)
			if err != nil {
				return err
			}
			rec.phones[i].taken = other != 0 && other != id
		}
	}
	return nil
}

// shopifyConsent applies the customer's SMS consent to st: the newest dated
// decision wins (see SyncShopify).
func shopifyConsent(st *state, o *outcome, c ShopifyCustomer, now time.Time) {
	if c.SMS != minuit.ConsentOptedIn && c.SMS != minuit.ConsentOptedOut {
		return
	}
	cur, at := st.Consent, c.SMSAt.UTC()
	switch {
	case at.IsZero() && (cur.Status != minuit.ConsentUnknown || !cur.At.IsZero()):
		return // no date: it cannot be newer than what the contact has
	case at.IsZero():
		at = now
	case !at.After(cur.At):
		return // a newer decision (a STOP reply, an edit) wins; the same date again changes nothing
	}
	if cur.Status == c.SMS {
		return
	}
	state := "subscribed to"
	if c.SMS == minuit.ConsentOptedOut {
		state = "unsubscribed from"
	}
	ev := Consent{Status: c.SMS, Source: SourceShopifySync, At: at,
		Proof: fmt.Sprintf("Shopify customer %s %s SMS marketing on %s", c.ID, state, at.Format("2006-01-02 15:04 UTC"))}
	if c.SMSAt.IsZero() {
		ev.Proof = fmt.Sprintf("Shopify customer %s %s SMS marketing (no date given; read on %s)", c.ID, state, at.Format("2006-01-02 15:04 UTC"))
	}
	st.Consent = ev
	o.consents = append(o.consents, ev)
	o.changed = append(o.changed, fConsent)
}
