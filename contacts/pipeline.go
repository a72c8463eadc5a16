package contacts

import (
	"context"
	"runtime"
	"sync"

	"minuit/contacts/vcardx"
)

// batchSize is how many cards travel together through the pipeline.
const batchSize = 256

// producer reads the source and hands each card (vCard) or record (CSV) to emit,
// stopping when emit returns false.
type producer func(emit func(*vcardx.Card, *record) bool) error

type batch struct {
	cards []*vcardx.Card
	recs  []*record
	done  chan struct{}
}

// finish maps cards to records and normalises them; it runs on a worker.
func (b *batch) finish(region string) {
	for i, c := range b.cards {
		if c != nil {
			b.recs[i] = cardRecord(c, region)
			b.cards[i] = nil
		}
		if r := b.recs[i]; r != nil && !r.orphan {
			r.finish(region)
		}
	}
	close(b.done)
}

// runPipeline reads on one goroutine, maps and normalises numbers (the costly part:
// libphonenumber) on every core, and hands batches to consume in file order on the
// calling goroutine. Memory stays bounded by the channel capacities.
func runPipeline(ctx context.Context, produce producer, region string, consume func([]*record) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := runtime.GOMAXPROCS(0)
	work := make(chan *batch, 2*workers)
	order := make(chan *batch, 2*workers+2)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				b.finish(region)
			}
		}()
	}
	var perr error
	go func() {
		defer close(order)
		defer close(work)
		cur := &batch{done: make(chan struct{})}
		send := func() bool {
			select {
			case work <- cur:
			case <-ctx.Done():
				return false
			}
			select {
			case order <- cur:
			case <-ctx.Done():
				return false
			}
			cur = &batch{done: make(chan struct{})}
			return true
		}
		perr = produce(func(c *vcardx.Card, r *record) bool {
			if c != nil && c.Card == nil {
				// problems after the last card
				r = &record{orphan: true, line: c.Problems[0].Line}
				for _, p := range c.Problems {
					r.problems = append(r.problems, lineProblem(p.Line, 0, p.Reason))
				}
				c = nil
			}
			cur.cards = append(cur.cards, c)
			cur.recs = append(cur.recs, r)
			if len(cur.recs) == batchSize {
				return send()
			}
			return ctx.Err() == nil
		})
		if perr == nil && len(cur.recs) > 0 {
			send()
		}
	}()
	var cerr error
	for b := range order {
		if cerr != nil {
			continue
		}
		select {
		case <-b.done:
		case <-ctx.Done():
			cerr = ctx.Err()
			cancel()
			continue
		}
		if err := consume(b.recs); err != nil {
			cerr = err
			cancel()
		}
	}
	wg.Wait()
	if cerr != nil {
		return cerr
	}
	if perr != nil {
		return perr
	}
	return ctx.Err()
}
