package app

import (
	"errors"
	"strings"
	"testing"
	"time"

	"minuit/contacts"
	"minuit/internal/minuit"
	"minuit/scheduler"
)

func TestTheWindowsDeleteForgetsAContactAsMinuitForgetDoes(t *testing.T) {
	e, err := openEnv(t.Context(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Léa Martin\r\nTEL;TYPE=CELL:+33612345678\r\nCATEGORIES:Clients\r\nEND:VCARD\r\n"
	p, err := e.contacts.Preview(t.Context(), strings.NewReader(card), contacts.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.contacts.Commit(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	lea, _, _ := e.contacts.ByNumber(t.Context(), "+33612345678")
	at := time.Now().Add(48 * time.Hour).In(time.UTC).Format(scheduler.WallLayout)
	toLea, err := e.store.CreateMessage(t.Context(), scheduler.Message{Body: "Votre commande est prête", Kind: minuit.Transactional,
		TZ: "UTC", At: at, Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: "+33612345678"},
			{Kind: scheduler.ToNumber, Value: "+33698765432"}}})
	if err != nil {
		t.Fatal(err)
	}
	promo := strings.Repeat("Promo ", 23) // one SMS alone, two with the STOP footer
	if _, err := e.store.CreateMessage(t.Context(), scheduler.Message{Body: promo, Kind: minuit.Marketing,
		TZ: "UTC", At: at, RRule: "FREQ=WEEKLY", Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToGroup, Value: "clients"}}}); err != nil {
		t.Fatal(err)
	}

	d := uiDeps(t.Context(), e)
	plans, err := d.Plans.ToGroups(t.Context())
	if err != nil || len(plans) != 1 || plans[0].Message.Body != promo || plans[0].Parts != 2 {
		t.Fatalf("messages to groups: %+v (%v)", plans, err)
	}
	if err := d.ForgetContact(t.Context(), lea.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.contacts.Get(t.Context(), lea.ID); !errors.Is(err, contacts.ErrNotFound) {
		t.Fatalf("the contact is still there: %v", err)
	}
	m, err := e.store.Message(t.Context(), toLea)
	if err != nil || len(m.Recipients) != 1 || m.Recipients[0].Value != "+33698765432" {
		t.Fatalf("the message still goes to her number: %+v (%v)", m.Recipients, err)
	}
}
