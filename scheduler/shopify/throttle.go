package shopify

import (
	"context"
	"sync"
	"time"
)

// bucket is what the client knows of the store's leaky bucket: the last
// throttleStatus Shopify sent, when it came, and what each operation last asked for.
type bucket struct {
	mu        sync.Mutex
	known     bool
	max       float64
	available float64
	restore   float64 // points a second
	at        time.Time
	requested map[string]float64 // operation → its last requestedQueryCost
}

// throttleStatus is extensions.cost.throttleStatus.
type throttleStatus struct {
	MaximumAvailable   float64 `json:"maximumAvailable"`
	CurrentlyAvailable float64 `json:"currentlyAvailable"`
	RestoreRate        float64 `json:"restoreRate"`
}

// observe records an answer's cost extension for op.
func (b *bucket) observe(op string, requested float64, ts throttleStatus, now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if ts.MaximumAvailable <= 0 || ts.RestoreRate <= 0 {
		return
	}
	b.known, b.max, b.available, b.restore, b.at = true, ts.MaximumAvailable, ts.CurrentlyAvailable, ts.RestoreRate, now
	if requested > 0 {
		if b.requested == nil {
			b.requested = map[string]float64{}
		}
		b.requested[op] = requested
	}
}

// guess records what op is expected to ask for until Shopify says (its first
// answer), so that even the first page of a list waits for the bucket.
func (b *bucket) guess(op string, requested float64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.requested == nil {
		b.requested = map[string]float64{}
	}
	if _, ok := b.requested[op]; !ok {
		b.requested[op] = requested
	}
}

// before is how long op should wait so that the bucket holds what op last asked
// for: zero when it does, or when nothing is known yet.
func (b *bucket) before(op string, now time.Time) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	need := b.requested[op]
	if !b.known || need <= 0 {
		return 0
	}
	return b.refill(need, now)
}

// after is how long to wait after a THROTTLED answer that asked for requested:
// until the restore rate has refilled it (one second when nothing is known).
func (b *bucket) after(requested float64, ts throttleStatus) time.Duration {
	if ts.RestoreRate <= 0 || requested <= 0 {
		return time.Second
	}
	short := requested - ts.CurrentlyAvailable
	if short <= 0 {
		return time.Second / 4 // the bucket refilled meanwhile: a short pause
	}
	return time.Duration(short / ts.RestoreRate * float64(time.Second)).Round(time.Millisecond)
}

// refill is how long until the bucket holds need; b.mu is held.
func (b *bucket) refill(need float64, now time.Time) time.Duration {
	if need > b.max {
		need = b.max
	}
	avail := b.available + b.restore*now.Sub(b.at).Seconds()
	if avail >= need {
		return 0
	}
	return time.Duration((need - avail) / b.restore * float64(time.Second)).Round(time.Millisecond)
}

// sleep waits d on the client's clock, counting it, or returns ctx's error.
func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := c.clock.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C():
	}
	c.mu.Lock()
	c.cost.Waited += d
	c.mu.Unlock()
	return nil
}
