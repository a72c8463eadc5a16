package brevo

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

func TestTheDefaultBaseURLIsBrevosV3(t *testing.T) {
	p, err := New(Config{Key: "k"})
	if err != nil {
		t.Fatal(err)
	}
	if p.base.String() != "https://api.brevo.com/v3" || p.client.Timeout != DefaultTimeout {
		t.Errorf("base %s, timeout %v; want https://api.brevo.com/v3 and 15s", p.base, p.client.Timeout)
	}
}

func TestTheResetHeaderIsReadAsSeconds(t *testing.T) {
	for v, want := range map[string]time.Duration{
		"3": 3 * time.Second, "0.25": 250 * time.Millisecond, " 1 ": time.Second,
		"": 0, "0": 0, "-2": 0, "soon": 0, "NaN": 0, "1e9": 24 * time.Hour,
	} {
		h := http.Header{}
		if v != "" {
			h.Set("X-Sib-Ratelimit-Reset", v)
		}
		if got := resetAfter(h); got != want {
			t.Errorf("reset %q = %v, want %v", v, got, want)
		}
	}
}

func TestPhoneNumbersInEventsAreReadInEveryForm(t *testing.T) {
	for in, want := range map[string]string{
		"0033612345678": "33612345678", "+33612345678": "33612345678", "33612345678": "33612345678",
		"+33 6 12 34 56 78": "33612345678", "00911059469013": "911059469013", "": "",
	} {
		if got := phoneDigits(in); got != want {
			t.Errorf("phoneDigits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEventDatesAreReadWithOrWithoutFractionAndZone(t *testing.T) {
	want := time.Date(2017, 3, 12, 12, 30, 0, 0, time.UTC)
	for _, s := range []string{"2017-03-12T12:30:00Z", "2017-03-12T13:30:00+01:00", "2017-03-12T12:30:00.000Z", "2017-03-12T12:30:00", "2017-03-12 12:30:00"} {
		if got := parseDate(s); !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, want %v", s, got, want)
		}
	}
	if !parseDate("yesterday").IsZero() {
		t.Error("an unreadable date is not zero")
	}
}

func TestMessageIdsAreReadAsStringsOrNumbers(t *testing.T) {
	for in, want := range map[string]string{`"1472640582425378"`: "1472640582425378", `1511882900176220`: "1511882900176220", `null`: ""} {
		var id flexID
		if err := json.Unmarshal([]byte(in), &id); err != nil || string(id) != want {
			t.Errorf("messageId %s = %q, %v; want %q", in, id, err, want)
		}
	}
	var id flexID
	if err := json.Unmarshal([]byte(`{}`), &id); err == nil {
		t.Error("an object was read as a message id")
	}
}

func TestEventNamesOfBothSchemasAreNormalised(t *testing.T) {
	for in, want := range map[string]string{
		"hardBounces": evHardBounce, "hardBounce": evHardBounce, "softBounce": evSoftBounce, "unsubscribe": evUnsubscribe,
		"unsubscription": evUnsubscribe, "replied": evReply, "replies": evReply, "skip": evSkipped, "skipped": evSkipped,
		"Delivered": evDelivered, "clicked": "clicked",
	} {
		if got := (event{Event: in}).kind(); got != want {
			t.Errorf("kind(%q) = %q, want %q", in, got, want)
		}
	}
}
