package scheduler

import (
	"database/sql"
	"testing"

	"minuit/internal/db"
)

func TestErasingAContactRemovesTheirNumberAndTextsFromHistoryButKeepsTheCounts(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.schedule(Message{Body: "Bonjour Léa", At: "2026-06-01 10:00", Recipients: to("+33612345678", "+33698765432")})
	h.schedule(Message{Body: "Plus tard", At: "2026-06-02 10:00", Recipients: to("+33612345678")})
	h.pass()
	err := db.InTx(t.Context(), h.db.W, func(tx *sql.Tx) error {
		return h.store.EraseContactTx(t.Context(), tx, 7, []string{"+33612345678"})
	})
	if err != nil {
		t.Fatal(err)
	}
	var left int
	if err := h.db.R.QueryRow(`SELECT count(*) FROM deliveries WHERE recipient = '+33612345678' OR body LIKE '%Léa%' AND recipient <> '+33698765432'`).Scan(&left); err != nil || left != 0 {
		t.Fatalf("%d deliveries still name the person (%v)", left, err)
	}
	if err := h.db.R.QueryRow(`SELECT count(*) FROM message_recipients WHERE value = '+33612345678'`).Scan(&left); err != nil || left != 0 {
		t.Fatalf("%d plans still name the person (%v)", left, err)
	}
	ds := h.deliveries()
	if len(ds) != 2 {
		t.Fatalf("deliveries = %d, want both kept for the counts", len(ds))
	}
	h.clock.Set(paris(t, "2026-06-02 10:00"))
	h.pass()
	if got := h.prov.sends()["+33612345678"]; got != 1 {
		t.Fatalf("the erased number got %d messages in all, want only the one sent before", got)
	}
}
