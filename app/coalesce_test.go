package app

import (
	"context"
	"testing"
	"time"
)

func TestAStormOfPokesBecomesOneRunNowAndOneAfterTheInterval(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	runs := make(chan int, 10)
	tick := make(chan time.Time)
	n := 0
	c := newCoalescer(ctx, 300*time.Millisecond, func(time.Duration) <-chan time.Time { return tick },
		func() { n++; runs <- n })
	c.Poke()
	if got := <-runs; got != 1 {
		t.Fatalf("first run %d", got)
	}
	for range 1000 { // while the interval runs
		c.Poke()
	}
	select {
	case got := <-runs:
		t.Fatalf("run %d before the interval ended", got)
	default:
	}
	tick <- time.Time{} // the interval ends: the pokes meanwhile make one run
	if got := <-runs; got != 2 {
		t.Fatalf("second run %d", got)
	}
	tick <- time.Time{}
	select {
	case got := <-runs:
		t.Fatalf("run %d with no poke", got)
	default:
	}
}
