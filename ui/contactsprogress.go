package ui

import (
	"context"
	"io"
	"os"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"minuit/contacts"
)

// preview reads one file in region, telling its progress as from to from+span of
// the whole step (span 0: not measured).
func (w *ImportWizard) preview(ctx context.Context, cs Contacts, u fyne.URI, region string, from, span float64) (*contacts.Preview, error) {
	stage := lang.L("Reading {{.File}}…", map[string]any{"File": u.Name()})
	w.prog.set(stage, from)
	r, err := storage.Reader(u)
	if err != nil {
		return nil, openError{err}
	}
	defer r.Close()
	opts := contacts.ImportOptions{Region: region, Source: u.Name()}
	var size int64
	if u.Scheme() == "file" {
		if fi, err := os.Stat(u.Path()); err == nil {
			opts.FileTime, size = fi.ModTime(), fi.Size()
		}
	}
	in := io.Reader(r)
	if size > 0 && span > 0 {
		in = &countingReader{r: r, f: func(n int64) { w.prog.set(stage, from+span*float64(n)/float64(size)) }}
	}
	return cs.Preview(ctx, in, opts)
}

// countingReader tells f how many bytes were read so far.
type countingReader struct {
	r io.Reader
	n int64
	f func(int64)
}

// Read reads from the file and tells how far it is.
func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n += int64(k)
	c.f(c.n)
	return k, err
}

// progress carries how far a step is from its goroutine to the window,
// coalesced: at most one update waits in fyne.Do. In tests (live false) the
// window shows it when the step ends.
type progress struct {
	mu      sync.Mutex
	stage   string
	value   float64
	waiting bool
	live    bool
	show    func(stage string, value float64) // on the UI goroutine
}

// set records how far a step is, from any goroutine.
func (p *progress) set(stage string, value float64) {
	p.mu.Lock()
	p.stage, p.value = stage, value
	send := p.live && !p.waiting
	p.waiting = p.waiting || send
	p.mu.Unlock()
	if send {
		fyne.Do(p.flush)
	}
}

// flush shows the latest progress; on the UI goroutine.
func (p *progress) flush() {
	p.mu.Lock()
	stage, value := p.stage, p.value
	p.waiting = false
	p.mu.Unlock()
	p.show(stage, value)
}

// openError is a file that could not be opened; its sentence names no path.
type openError struct{ err error }

func (e openError) Error() string { return "open: " + e.err.Error() }
func (e openError) Unwrap() error { return e.err }

// Sentence implements usererr.Sentencer.
func (e openError) Sentence() string {
	return lang.L("It was moved or deleted, or you may not read it.")
}
