package app

import (
	"context"
	"time"
)

// coalescer runs f at most once per interval however often it is poked, and
// always once after the last poke: a storm of engine events (a 1,000-recipient
// campaign) becomes a few window refreshes, on one goroutine that ctx stops.
type coalescer struct {
	poke chan struct{}
}

// newCoalescer starts the goroutine; after returns a channel that fires after d
// (time.After in production, a test's own in tests).
func newCoalescer(ctx context.Context, interval time.Duration, after func(time.Duration) <-chan time.Time, f func()) *coalescer {
	c := &coalescer{poke: make(chan struct{}, 1)}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-c.poke:
			}
			f()
			select { // pokes meanwhile wait in the channel's one slot
			case <-ctx.Done():
				return
			case <-after(interval):
			}
		}
	}()
	return c
}

// Poke asks for a run; it never blocks.
func (c *coalescer) Poke() {
	select {
	case c.poke <- struct{}{}:
	default:
	}
}
