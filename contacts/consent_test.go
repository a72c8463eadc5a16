package contacts

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"testing"
	"time"

	"minuit/internal/minuit"
)

func TestConsentHistoryIsAppendOnlyAndExportsAsCSV(t *testing.T) {
	s, clk := seed(t)
	ctx := context.Background()
	id := byName(t, s, "Chloé Martin").ID
	if err := s.SetConsent(ctx, id, "maybe", "app", ""); !errors.Is(err, ErrBadConsent) {
		t.Errorf("bad status: %v", err)
	}
	if err := s.SetConsent(ctx, id, minuit.ConsentOptedIn, "in the shop", "signed form #12"); err != nil {
		t.Fatal(err)
	}
	clk.advance(time.Hour)
	if err := s.SetConsent(ctx, id, minuit.ConsentOptedOut, "STOP reply", "=cmd|' /C calc'!A0"); err != nil {
		t.Fatal(err)
	}
	h, err := s.ConsentHistory(ctx, id)
	if err != nil || len(h) != 2 || h[1].Status != minuit.ConsentOptedOut || !h[1].At.Equal(clk.now()) {
		t.Fatalf("history %+v %v", h, err)
	}
	if _, err := s.d.W.Exec(`UPDATE consent_events SET status = 'opted-in'`); err == nil {
		t.Error("consent history could be rewritten")
	}
	var b bytes.Buffer
	if err := s.WriteConsentCSV(ctx, &b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 3 || rows[2][3] != "opted-out" || rows[2][5] != "'=cmd|' /C calc'!A0" {
		t.Errorf("consent CSV %q %v", rows, err)
	}
}

func TestEraseRemovesTheContactEverywhereTogetherWithItsMessageHistory(t *testing.T) {
	s, _ := seed(t)
	ctx := context.Background()
	c := byName(t, s, "Chloé Martin")
	if err := s.SetConsent(ctx, c.ID, minuit.ConsentOptedIn, "app", ""); err != nil {
		t.Fatal(err)
	}
	// the scheduler's table, erased in the same transaction
	if _, err := s.d.W.Exec(`CREATE TABLE messages (number TEXT, body TEXT)`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.d.W.Exec(`INSERT INTO messages VALUES ('+33698765432', 'Bonjour Chloé')`); err != nil {
		t.Fatal(err)
	}
	failing := func(tx *sql.Tx) error { return errors.New("scheduler busy") }
	if err := s.Erase(ctx, c.ID, failing); err == nil {
		t.Fatal("erase succeeded although the message history could not be erased")
	}
	if _, err := s.Get(ctx, c.ID); err != nil {
		t.Fatalf("a failed erase removed the contact: %v", err)
	}
	extra := func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE messages SET number = '', body = '' WHERE number IN
			(SELECT e164 FROM contact_phones WHERE contact_id = ?)`, c.ID)
		return err
	}
	if err := s.Erase(ctx, c.ID, extra); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, c.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("get after erase: %v", err)
	}
	var left int
	for _, q := range []string{`SELECT count(*) FROM contact_phones WHERE contact_id = ?`,
		`SELECT count(*) FROM consent_events WHERE contact_id = ?`, `SELECT count(*) FROM contact_group_members WHERE contact_id = ?`,
		`SELECT count(*) FROM messages WHERE body != '' AND ? > 0`} {
		if err := s.d.R.QueryRow(q, c.ID).Scan(&left); err != nil || left != 0 {
			t.Errorf("%s: %d left (%v)", q, left, err)
		}
	}
	if found, _ := s.Search(ctx, "chloé", 5); len(found) != 0 {
		t.Errorf("search still finds %q", names(found))
	}
	if c, ok, err := s.ByNumber(ctx, "+33698765432"); ok || err != nil {
		t.Errorf("by number after erase: %v %v %v", c, ok, err)
	}
	groups, _ := s.Groups(ctx)
	for _, g := range groups {
		if g.Name == "VIP" {
			t.Error("the group only she was in is still listed")
		}
	}
}

func TestAStopReplyIsRecordedAtTheTimeItCameNotWhenItWasRead(t *testing.T) {
	s, clk := seed(t)
	ctx := context.Background()
	id := byName(t, s, "Chloé Martin").ID
	came := clk.now().Add(-3 * time.Minute).Truncate(time.Second)
	if err := s.SetConsentAt(ctx, id, minuit.ConsentOptedOut, "SMS reply", "STOP", came); err != nil {
		t.Fatal(err)
	}
	h, err := s.ConsentHistory(ctx, id)
	if err != nil || len(h) == 0 || !h[len(h)-1].At.Equal(came) {
		t.Fatalf("history %+v %v, want the opt-out at %v", h, err, came)
	}
}
