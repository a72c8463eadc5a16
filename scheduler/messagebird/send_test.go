package messagebird_test

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"minuit/scheduler"
)

func TestSendPassesReferenceValidityAndNumbersToMessageBird(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	b := batch("ref-1", "+31612345678", "+4915123456789")
	b.Validity = 90 * time.Second

	got, err := p.Send(t.Context(), b)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}

	msgs := emu.Messages()
	if len(msgs) != 1 {
		t.Fatalf("emulator holds %d messages, want 1", len(msgs))
	}
	want := scheduler.Accepted{ID: msgs[0].ID, Reference: "ref-1", Recipients: []string{"+31612345678", "+4915123456789"}}
	if got.ID != want.ID || got.Reference != want.Reference || !slices.Equal(got.Recipients, want.Recipients) {
		t.Errorf("Send = %+v, want %+v", got, want)
	}
	reqs := emu.Requests()
	if len(reqs) != 1 || reqs[0].Body == nil {
		t.Fatalf("requests = %+v, want one decoded POST", reqs)
	}
	body := reqs[0].Body
	if body.Originator != "Bakery" || body.Body != "Fresh bread at 7!" || body.Reference != "ref-1" || body.Validity != 90 {
		t.Errorf("request body = %+v", body)
	}
	if !slices.Equal([]string(body.Recipients), []string{"31612345678", "4915123456789"}) {
		t.Errorf("recipients sent = %q, want digits without +", body.Recipients)
	}
	if msgs[0].Validity != 90 || msgs[0].Reference != "ref-1" {
		t.Errorf("stored message validity %d reference %q", msgs[0].Validity, msgs[0].Reference)
	}
}

func TestSendRoundsValidityUpToWholeSeconds(t *testing.T) {
	cases := []struct {
		validity time.Duration
		want     int
	}{
		{time.Millisecond, 1},
		{1500 * time.Millisecond, 2},
		{2 * time.Second, 2},
		{48 * time.Hour, 172800},
	}
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	for i, c := range cases {
		b := batch(fmt.Sprintf("v%d", i), "+31612345678")
		b.Validity = c.validity
		if _, err := p.Send(t.Context(), b); err != nil {
			t.Fatalf("Send(validity %v): %v", c.validity, err)
		}
	}
	for i, r := range emu.Requests() {
		if r.Body.Validity != cases[i].want {
			t.Errorf("validity %v was sent as %d s, want %d", cases[i].validity, r.Body.Validity, cases[i].want)
		}
	}
}

func TestSendOmitsValidityWhenTheBatchHasNone(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	if _, err := p.Send(t.Context(), batch("r", "+31612345678")); err != nil {
		t.Fatalf("Send: %v", err)
	}
	raw := emu.Requests()[0].RawBody
	if bytes.Contains(raw, []byte(`"validity"`)) {
		t.Errorf("body %s carries a validity", raw)
	}
	if !bytes.Contains(raw, []byte(`"groupIds":null`)) || !bytes.Contains(raw, []byte(`"shortenUrls":false`)) {
		t.Errorf("body %s lacks the SDK's fixed fields groupIds:null and shortenUrls:false", raw)
	}
}

func TestSendAcceptsAFullBatch(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	numbers := make([]string, scheduler.MaxBatch)
	for i := range numbers {
		numbers[i] = fmt.Sprintf("+316%08d", i)
	}
	got, err := p.Send(t.Context(), batch("full", numbers...))
	if err != nil {
		t.Fatalf("Send(%d recipients): %v", len(numbers), err)
	}
	if !slices.Equal(got.Recipients, numbers) {
		t.Errorf("accepted recipients = %q, want %q", got.Recipients, numbers)
	}
}

func TestSendRefusesAnIncompleteBatchWithoutCallingMessageBird(t *testing.T) {
	tooMany := make([]string, scheduler.MaxBatch+1)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("+316%08d", i)
	}
	cases := map[string]struct {
		batch  scheduler.Batch
		reason string
	}{
		"no sender":     {scheduler.Batch{Reference: "r", Body: "hi", Recipients: []string{"+31612345678"}}, "the sender ID is missing"},
		"no body":       {scheduler.Batch{Reference: "r", Originator: "Bakery", Recipients: []string{"+31612345678"}}, "the message is empty"},
		"no recipients": {scheduler.Batch{Reference: "r", Originator: "Bakery", Body: "hi"}, "the message has no recipient"},
		"too many":      {batch("r", tooMany...), "one request can carry at most 50 recipients"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			emu := newEmu(t)
			p := newProvider(t, emu, 0)
			_, err := p.Send(t.Context(), c.batch)
			wantProviderError(t, err, scheduler.Permanent, c.reason)
			if n := len(emu.Requests()); n != 0 {
				t.Errorf("%d requests reached MessageBird, want 0", n)
			}
		})
	}
}

func TestSendListsOnlyTheRecipientsMessageBirdAccepted(t *testing.T) {
	p := newProvider(t, newEmu(t), 0)
	got, err := p.Send(t.Context(), batch("mixed", "+31612345678", "+31 6 CALL ME", "+4915123456789"))
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if want := []string{"+31612345678", "+4915123456789"}; !slices.Equal(got.Recipients, want) {
		t.Errorf("accepted recipients = %q, want %q", got.Recipients, want)
	}
}
