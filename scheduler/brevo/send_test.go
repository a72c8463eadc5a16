package brevo_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/brevo"
	"minuit/scheduler/brevo/brevoemu"
)

// sentFields returns the JSON fields of the only request emu received.
func sentFields(t *testing.T, emu *brevoemu.Server) map[string]any {
	t.Helper()
	reqs := emu.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	var fields map[string]any
	if err := json.Unmarshal(reqs[0].Body, &fields); err != nil {
		t.Fatalf("the body %q is not JSON: %v", reqs[0].Body, err)
	}
	return fields
}

func TestSendPostsTheDocumentedJSONWithTheKeyHeader(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	acc, err := p.Send(t.Context(), batch("mn-0001", delivered))
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	r := emu.Requests()[0]
	if r.Method != "POST" || r.Path != "/v3/transactionalSMS/send" || len(r.Query) != 0 {
		t.Errorf("request = %s %s?%v, want POST /v3/transactionalSMS/send", r.Method, r.Path, r.Query)
	}
	for header, want := range map[string]string{"api-key": brevoemu.DefaultAPIKey, "accept": "application/json", "content-type": "application/json"} {
		if got := r.Header.Get(header); got != want {
			t.Errorf("header %s = %q, want %q", header, got, want)
		}
	}
	got := sentFields(t, emu)
	want := map[string]any{"sender": "Boutique", "recipient": "33612349900", "content": "Votre commande vous attend à la boutique.",
		"type": "transactional", "tag": "mn-0001"}
	if !maps.Equal(got, want) {
		t.Errorf("fields = %v, want %v (no unicodeEnabled for GSM-7 text, no organisationPrefix)", got, want)
	}
	m := emu.Messages()[0]
	if acc.ID != fmt.Sprintf("%d:33612349900", m.ID) || acc.Reference != "mn-0001" || !slices.Equal(acc.Recipients, []string{delivered}) {
		t.Errorf("Accepted = %+v, want id %d:33612349900 for %s", acc, m.ID, delivered)
	}
}

func TestSendMarksTextOutsideGSM7AsUnicodeAndMarketingAsMarketing(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	b := batch("mn-0002", delivered)
	b.Body, b.Kind = "Fête des mères 🌷 -20 %", minuit.Marketing
	if _, err := p.Send(t.Context(), b); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := sentFields(t, emu)
	if got["unicodeEnabled"] != true || got["type"] != "marketing" {
		t.Errorf("fields = %v, want unicodeEnabled true and type marketing", got)
	}
}

func TestSendAddsTheOrganisationPrefixAndFallsBackToTheConfiguredSender(t *testing.T) {
	emu := newEmu(t)
	p := newProviderWith(t, brevo.Config{Key: brevoemu.DefaultAPIKey, BaseURL: emu.URL(), Sender: "33700000000", OrganisationPrefix: "Lea"})
	b := batch("mn-0003", delivered)
	b.Originator = ""
	if _, err := p.Send(t.Context(), b); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := sentFields(t, emu)
	if got["organisationPrefix"] != "Lea" || got["sender"] != "33700000000" {
		t.Errorf("fields = %v, want organisationPrefix Lea and the configured sender", got)
	}
	if n := emu.Created(delivered, b.Body); n != 1 {
		t.Errorf("Created = %d, want 1", n)
	}
}

func TestSendRefusesWhatBrevoWouldRefuseWithoutARequest(t *testing.T) {
	cases := map[string]func(b *scheduler.Batch){
		"no sender":       func(b *scheduler.Batch) { b.Originator = "" },
		"a long sender":   func(b *scheduler.Batch) { b.Originator = "La Boutique de Lea" },
		"two recipients":  func(b *scheduler.Batch) { b.Recipients = append(b.Recipients, invalid) },
		"no recipient":    func(b *scheduler.Batch) { b.Recipients = nil },
		"an empty body":   func(b *scheduler.Batch) { b.Body = " " },
		"a hand-off":      func(b *scheduler.Batch) { b.SendAt = time.Now().Add(time.Hour) },
		"a short number":  func(b *scheduler.Batch) { b.Recipients = []string{"+3361"} },
		"a letter number": func(b *scheduler.Batch) { b.Recipients = []string{"+33 6 CALL ME"} },
	}
	for name, change := range cases {
		t.Run(name, func(t *testing.T) {
			emu := newEmu(t)
			p := newProviderWith(t, brevo.Config{Key: brevoemu.DefaultAPIKey, BaseURL: emu.URL()})
			b := batch("mn-bad", delivered)
			change(&b)
			_, err := p.Send(t.Context(), b)
			if pe := wantProviderError(t, err, scheduler.Permanent, ""); pe.Account || pe.OptedOut {
				t.Errorf("%+v is neither an account problem nor an opt-out", pe)
			}
			if n := len(emu.Requests()); n != 0 {
				t.Errorf("%d requests reached Brevo, want 0", n)
			}
		})
	}
}

func TestSendToAnInvalidNumberIsRefusedByBrevoAsAnInvalidNumber(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	_, err := p.Send(t.Context(), batch("mn-inv", invalid))
	wantProviderError(t, err, scheduler.Permanent, "the number is not valid")
	if len(emu.Requests()) != 1 || len(emu.Messages()) != 0 {
		t.Errorf("requests %d, messages %d; want Brevo to refuse the one request", len(emu.Requests()), len(emu.Messages()))
	}
}
