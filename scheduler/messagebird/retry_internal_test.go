package messagebird

import (
	"net/http"
	"testing"
	"time"
)

func recordWith(header map[string]string) *callRecord {
	h := http.Header{}
	for k, v := range header {
		h.Set(k, v)
	}
	rec := &callRecord{}
	rec.header.Store(&h)
	return rec
}

func TestRetryAfterReadsSecondsOrADateMeasuredFromMessageBirdsClock(t *testing.T) {
	date := "Mon, 07 Dec 2026 10:00:00 GMT"
	cases := []struct {
		header map[string]string
		want   time.Duration
	}{
		{map[string]string{"Retry-After": "2"}, 2 * time.Second},
		{map[string]string{"Retry-After": " 7 "}, 7 * time.Second},
		{map[string]string{"Retry-After": "Mon, 07 Dec 2026 10:00:30 GMT", "Date": date}, 30 * time.Second},
		{map[string]string{"Retry-After": "Mon, 07 Dec 2026 09:59:00 GMT", "Date": date}, 0},
		{map[string]string{"Retry-After": "-3"}, 0},
		{map[string]string{"Retry-After": "999999999"}, 24 * time.Hour},
		{map[string]string{"Retry-After": "soon"}, 0},
		{map[string]string{"Date": date}, 0},
	}
	for _, c := range cases {
		if got := recordWith(c.header).retryAfter(); got != c.want {
			t.Errorf("retryAfter(%v) = %v, want %v", c.header, got, c.want)
		}
	}
	if got := (&callRecord{}).retryAfter(); got != 0 {
		t.Errorf("retryAfter without an answer = %v, want 0", got)
	}
}

func TestServerTimeIsTheDateHeader(t *testing.T) {
	got := recordWith(map[string]string{"Date": "Mon, 07 Dec 2026 10:00:00 GMT"}).serverTime()
	if want := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("serverTime = %v, want %v", got, want)
	}
	if got := recordWith(map[string]string{"Date": "yesterday"}).serverTime(); !got.IsZero() {
		t.Errorf("serverTime of a bad Date = %v, want zero", got)
	}
}
