package smsgate_test

import (
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/smsgate"
	"minuit/scheduler/smsgate/gateemu"
)

func TestSendPostsOurReferenceAsTheMessageIDWithBasicAuth(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	acc, err := p.Send(t.Context(), batch("mn-0123456789abcdef", delivered))
	if err != nil {
		t.Fatal(err)
	}
	if acc.ID != "mn-0123456789abcdef" || acc.Reference != acc.ID || !slices.Equal(acc.Recipients, []string{delivered}) {
		t.Errorf("Accepted = %+v", acc)
	}
	r := emu.Requests()[0]
	auth := "Basic " + base64.StdEncoding.EncodeToString([]byte(gateemu.DefaultUser+":"+gateemu.DefaultPassword))
	if r.Method != "POST" || r.Path != "/messages" || r.Header.Get("Authorization") != auth ||
		r.Header.Get("Content-Type") != "application/json" {
		t.Errorf("request %s %s, headers %v", r.Method, r.Path, r.Header)
	}
	var body map[string]any
	if err := json.Unmarshal(r.RawBody, &body); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"id": "mn-0123456789abcdef", "textMessage": map[string]any{"text": "Galette des rois prête !"},
		"phoneNumbers": []any{delivered}, "withDeliveryReport": true}
	if got, _ := json.Marshal(body); string(got) != string(must(json.Marshal(want))) {
		t.Errorf("body %s, want %s", got, must(json.Marshal(want)))
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestAValidityBecomesATTLInSecondsCountedOnThePhone(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	for ref, v := range map[string]time.Duration{"v1": 90 * time.Minute, "v2": 90500 * time.Millisecond, "v3": time.Millisecond} {
		b := batch(ref, delivered)
		b.Validity = v
		if _, err := p.Send(t.Context(), b); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]int64{"v1": 5400, "v2": 91, "v3": 5} // rounded up, 5 s at least
	for _, r := range emu.Requests() {
		m := r.Message
		if m.TTL == nil || *m.TTL != want[m.ID] || m.ValidUntil != nil || m.ScheduleAt != nil {
			t.Errorf("%s: body %s; want ttl %d only", m.ID, r.RawBody, want[m.ID])
		}
	}
}

func TestAHandOffSendsScheduleAtAndValidUntilInTheAppsDateFormat(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	b := batch("later", delivered)
	b.SendAt = clk.Now().Add(2 * time.Hour)
	b.Validity = 30 * time.Minute
	if _, err := p.Send(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	raw := string(emu.Requests()[0].RawBody)
	for _, want := range []string{`"scheduleAt":"2026-12-07T12:00:00.000Z"`, `"validUntil":"2026-12-07T12:30:00.000Z"`} {
		if !strings.Contains(raw, want) {
			t.Errorf("body %s lacks %s", raw, want)
		}
	}
	if strings.Contains(raw, `"ttl"`) {
		t.Errorf("body %s has a ttl besides validUntil (the app refuses both)", raw)
	}
}

func TestAHandOffLessThanAMinuteAheadLeavesAtOnce(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	for _, ahead := range []time.Duration{30 * time.Second, -time.Minute} {
		b := batch("soon"+ahead.String(), delivered)
		b.SendAt = clk.Now().Add(ahead)
		if _, err := p.Send(t.Context(), b); err != nil {
			t.Fatalf("SendAt %v ahead: %v", ahead, err)
		}
	}
	for _, r := range emu.Requests() {
		if r.Message.ScheduleAt != nil {
			t.Errorf("%s carries scheduleAt %v", r.Message.ID, r.Message.ScheduleAt)
		}
	}
}

func TestTheSIMNumberIsSentWhenSet(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk, func(c *smsgate.Config) { c.SimNumber = 2 })
	if _, err := p.Send(t.Context(), batch("sim", delivered)); err != nil {
		t.Fatal(err)
	}
	if s := emu.Requests()[0].Message.SimNumber; s == nil || *s != 2 {
		t.Errorf("simNumber = %v, want 2", s)
	}
}

func TestSendRefusesWhatThePhoneCouldNotTakeWithoutARequest(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	far := batch("far", delivered)
	far.SendAt = clk.Now().Add(36 * 24 * time.Hour)
	two := batch("two", delivered)
	two.Recipients = append(two.Recipients, failing)
	empty := batch("empty", delivered)
	empty.Body = ""
	none := batch("none", delivered)
	none.Recipients = nil
	for _, c := range []struct {
		b      scheduler.Batch
		reason string
	}{
		{none, "no recipient"},
		{two, "one recipient per request"},
		{empty, "the message is empty"},
		{batch("../../health", delivered), "cannot be an SMS Gateway message id"},
		{batch(strings.Repeat("x", 37), delivered), "cannot be an SMS Gateway message id"},
		{batch("national", "0698765432"), "international format"},
		{far, "at most 35 days ahead"},
	} {
		_, err := p.Send(t.Context(), c.b)
		wantError(t, err, scheduler.Permanent, c.reason)
	}
	if n := len(emu.Requests()); n != 0 {
		t.Errorf("%d requests reached the phone", n)
	}
}

func TestAResendAfterALostAnswerGetsTheMessageAlreadyOnThePhone(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	b := batch("lost", delivered)
	emu.DropNext()
	_, err := p.Send(t.Context(), b)
	wantError(t, err, scheduler.Ambiguous, "the message may have been taken")
	acc, err := p.Send(t.Context(), b)
	if err != nil || acc.ID != "lost" || !slices.Equal(acc.Recipients, []string{delivered}) {
		t.Fatalf("resend: %+v, %v", acc, err)
	}
	if n := emu.Created(delivered, b.Body); n != 1 {
		t.Errorf("the phone holds %d messages, want 1", n)
	}
	want := []string{"POST /messages", "POST /messages", "GET /messages/lost"}
	if got := paths(emu); !slices.Equal(got, want) {
		t.Errorf("requests %q, want %q", got, want)
	}
}

func TestTheURLsPathPrefixIsKeptForEveryRequest(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk, gateemu.WithCloud())
	for _, suffix := range []string{"", "/"} {
		p := newProvider(t, emu, clk, func(c *smsgate.Config) { c.URL += suffix })
		ref := "prefix" + strings.TrimPrefix(suffix, "/") + "x"
		if _, err := p.Send(t.Context(), batch(ref, delivered)); err != nil {
			t.Fatal(err)
		}
		if _, err := p.Status(t.Context(), ref); err != nil {
			t.Fatal(err)
		}
		if _, err := p.Balance(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	for _, got := range paths(emu) {
		if !strings.HasPrefix(got, "POST /3rdparty/v1/messages") && !strings.HasPrefix(got, "GET /3rdparty/v1/messages") {
			t.Errorf("request %q is outside /3rdparty/v1/messages", got)
		}
	}
}
