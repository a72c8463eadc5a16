package emukit_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"minuit/scheduler/providertest/emukit"
)

func TestPrefixIsSlashAndTrimmedPathOrEmpty(t *testing.T) {
	for in, want := range map[string]string{"": "", "/": "", "v3": "/v3", "/mb/v1/": "/mb/v1"} {
		if got := emukit.Prefix(in); got != want {
			t.Errorf("Prefix(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFaultsAreSpentInOrder(t *testing.T) {
	var q emukit.Faults[int]
	q.Push(1, 2)
	q.Push(3)
	if q.Len() != 3 {
		t.Fatalf("Len = %d, want 3", q.Len())
	}
	for _, want := range []int{1, 2, 3, 0} {
		if got := q.Next(); got != want {
			t.Errorf("Next = %d, want %d", got, want)
		}
	}
}

func TestCloseReleasesHeldRequests(t *testing.T) {
	h := emukit.Start(http.NotFoundHandler(), "/x", nil)
	if !strings.HasSuffix(h.URL(), "/x") {
		t.Errorf("URL %q does not end in the prefix", h.URL())
	}
	if !h.Pause(context.Background(), time.Millisecond) {
		t.Error("a short Pause did not elapse")
	}
	done := make(chan bool)
	go func() { done <- h.Pause(context.Background(), time.Hour) }()
	h.Close()
	h.Close()
	if <-done {
		t.Error("Pause reported a full delay after Close")
	}
}
