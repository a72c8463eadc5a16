package bird_test

import (
	"encoding/json"
	"reflect"
	"sync"
	"testing"
	"time"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/bird"
	"minuit/scheduler/bird/birdemu"
	"minuit/scheduler/providertest"
)

func TestSendWritesBirdsWireFormatWithTheReferenceAsIdempotencyKey(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu)
	acc, err := p.Send(t.Context(), batch("mn-0011223344556677", delivered))
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	msgs := emu.Messages()
	if len(msgs) != 1 || acc.ID != msgs[0].ID || acc.Reference != "mn-0011223344556677" ||
		!reflect.DeepEqual(acc.Recipients, []string{delivered}) {
		t.Fatalf("Send = %+v; the emulator holds %+v", acc, msgs)
	}
	reqs := emu.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Method != "POST" || r.Path != "/v1/sms/messages" {
		t.Errorf("request %s %s, want POST /v1/sms/messages", r.Method, r.Path)
	}
	for header, want := range map[string]string{
		"Authorization":   "Bearer " + birdemu.DefaultKey,
		"User-Agent":      "Minuit/1.2.3 (+bird)",
		"Content-Type":    "application/json",
		"Accept":          "application/json",
		"Idempotency-Key": "mn-0011223344556677",
	} {
		if got := r.Header.Get(header); got != want {
			t.Errorf("%s: %q, want %q", header, got, want)
		}
	}
	var body map[string]any
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"to": delivered, "from": "Boulangerie", "text": "Pain frais à 7 h !", "category": "transactional",
		"tags":     []any{map[string]any{"name": "minuit_ref", "value": "mn-0011223344556677"}},
		"metadata": map[string]any{"minuit_reference": "mn-0011223344556677"},
	}
	if !reflect.DeepEqual(body, want) {
		t.Errorf("body %v\nwant %v", body, want)
	}
}

func TestSendMarksMarketingBatchesAsMarketingAndNeverSendsValidity(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu)
	b := batch("mn-promo", delivered)
	b.Kind = minuit.Marketing
	b.Validity = time.Hour // validity_period is a preview Bird refuses: dropped
	if _, err := p.Send(t.Context(), b); err != nil {
		t.Fatalf("Send: %v", err)
	}
	r := emu.Requests()[0]
	if r.Send.Category == nil || *r.Send.Category != "marketing" {
		t.Errorf("category %v, want marketing", r.Send.Category)
	}
	if r.Send.ValidityPeriod != nil || r.Send.ScheduledAt != nil {
		t.Errorf("preview fields were sent: %s", r.Body)
	}
}

func TestTheConfiguredSenderReplacesTheBatchOriginator(t *testing.T) {
	emu := newEmu(t)
	p := newProviderWith(t, bird.Config{Key: birdemu.DefaultKey, BaseURL: emu.URL(), From: "+33757000000"})
	if _, err := p.Send(t.Context(), batch("mn-from", delivered)); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if got := *emu.Requests()[0].Send.From; got != "+33757000000" {
		t.Errorf("from = %q, want the configured number", got)
	}
	if ua := emu.Requests()[0].Header.Get("User-Agent"); ua != "Minuit/dev (+bird)" {
		t.Errorf("User-Agent without a version = %q", ua)
	}
}

func TestAResendAfterADroppedConnectionCreatesOneMessageAndReturnsTheOriginalID(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu)
	b := batch("mn-dropped", delivered)
	emu.Inject(providertest.FaultDropAfter)
	_, err := p.Send(t.Context(), b)
	wantError(t, err, scheduler.Ambiguous, "the connection to Bird broke before it answered; the message may have been sent")
	msgs := emu.Messages()
	if len(msgs) != 1 {
		t.Fatalf("the dropped request created %d messages, want 1", len(msgs))
	}
	again, err := p.Send(t.Context(), b)
	if err != nil {
		t.Fatalf("resend: %v", err)
	}
	if again.ID != msgs[0].ID {
		t.Errorf("the resend answered %s, want the original %s", again.ID, msgs[0].ID)
	}
	if n := emu.Created(delivered, b.Body); n != 1 || len(emu.Messages()) != 1 {
		t.Errorf("the emulator created %d messages, want 1", n)
	}
	reqs := emu.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	for i, r := range reqs {
		if k := r.Header.Get("Idempotency-Key"); k != b.Reference {
			t.Errorf("request %d: Idempotency-Key %q, want the reference %q", i, k, b.Reference)
		}
	}
	if reqs[0].Fault != "drop" || reqs[0].Replay || !reqs[1].Replay {
		t.Errorf("requests %+v: want the first dropped and the second replayed", reqs)
	}
}

func TestASendWhileTheSameReferenceIsInFlightIsTransientAndThenReplayed(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	emu := newEmu(t, birdemu.WithOnCreate(func(birdemu.Message) {
		once.Do(func() { close(entered); <-release })
	}))
	p := newProvider(t, emu)
	b := batch("mn-inflight", delivered)
	type result struct {
		acc scheduler.Accepted
		err error
	}
	first := make(chan result, 1)
	go func() {
		acc, err := p.Send(t.Context(), b)
		first <- result{acc, err}
	}()
	<-entered
	_, err := p.Send(t.Context(), b)
	pe := wantError(t, err, scheduler.Transient, "Bird is still handling the same message; Minuit will ask again shortly")
	if pe.RetryAfter < time.Second || pe.Account {
		t.Errorf("RetryAfter %v, Account %v: want at least 1s and not an account problem", pe.RetryAfter, pe.Account)
	}
	close(release)
	r := <-first
	if r.err != nil {
		t.Fatalf("the first send: %v", r.err)
	}
	again, err := p.Send(t.Context(), b)
	if err != nil || again.ID != r.acc.ID {
		t.Errorf("the retry = %+v, %v; want the original %s", again, err, r.acc.ID)
	}
	if n := emu.Created(delivered, b.Body); n != 1 {
		t.Errorf("created %d messages, want 1", n)
	}
}

func TestTheSameReferenceWithAnotherTextIsRefusedForGood(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu)
	b := batch("mn-reused", delivered)
	if _, err := p.Send(t.Context(), b); err != nil {
		t.Fatalf("Send: %v", err)
	}
	b.Body = "Another text"
	_, err := p.Send(t.Context(), b)
	pe := wantError(t, err, scheduler.Permanent, "Bird already received a different message under this reference")
	var api *bird.APIError
	if !errorsAs(pe, &api) || api.Code != "E01005" || api.StatusCode != 409 {
		t.Errorf("underlying error %v, want 409 E01005", pe.Err)
	}
	if n := emu.Created(delivered, "Another text"); n != 0 {
		t.Errorf("created %d messages with the reused key", n)
	}
}

func TestSendRefusesWhatBirdCannotTakeWithoutARequest(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu)
	two := batch("mn-two", delivered)
	two.Recipients = append(two.Recipients, "+33612345679")
	later := batch("mn-later", delivered)
	later.SendAt = providertest.Start.Add(time.Hour)
	empty := batch("mn-empty", delivered)
	empty.Body = ""
	noSender := batch("mn-nosender", delivered)
	noSender.Originator = " "
	longSender := batch("mn-longsender", delivered)
	longSender.Originator = "La Boulangerie du Coin"
	none := batch("mn-none", delivered)
	none.Recipients = nil
	for _, c := range []struct {
		b      scheduler.Batch
		reason string
	}{
		{two, "Bird takes one recipient per request"},
		{later, "Bird cannot schedule messages: Minuit must send them at their time"},
		{empty, "the message is empty"},
		{noSender, "the sender ID is missing"},
		{longSender, "Bird does not accept the sender ID La Boulangerie du Coin (a number, a short code, or up to 11 letters and digits)"},
		{none, "the message has no recipient"},
		{batch("mn-local", "0612345678"), "the number is not valid"},
		{batch("", delivered), "the batch's reference cannot be used with Bird (1 to 64 letters, digits, - or _)"},
		{batch("mn ref/with:odd chars", delivered), "the batch's reference cannot be used with Bird (1 to 64 letters, digits, - or _)"},
	} {
		_, err := p.Send(t.Context(), c.b)
		wantError(t, err, scheduler.Permanent, c.reason)
	}
	if n := len(emu.Requests()); n != 0 {
		t.Errorf("%d requests reached Bird, want 0", n)
	}
}
