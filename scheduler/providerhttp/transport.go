package providerhttp

import (
	"context"
	"io"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A Recorder is told what the transport of one call sees, which an SDK's
// errors do not say. Its methods may be called from several goroutines.
type Recorder interface {
	// RecordWrite is called when a request is (even partly) written.
	RecordWrite()
	// RecordAnswer is called with each answer, before its body is read.
	RecordAnswer(resp *http.Response)
}

// Record is a Recorder that keeps whether any request was written, and the
// last answer's status and headers. The zero value is ready to use.
type Record struct {
	wrote  atomic.Bool
	status atomic.Int32
	header atomic.Pointer[http.Header]
}

// RecordWrite implements Recorder.
func (r *Record) RecordWrite() { r.wrote.Store(true) }

// RecordAnswer implements Recorder.
func (r *Record) RecordAnswer(resp *http.Response) {
	r.status.Store(int32(resp.StatusCode))
	header := resp.Header
	r.header.Store(&header)
}

// Written reports whether any request was (even partly) written.
func (r *Record) Written() bool { return r.wrote.Load() }

// Status is the last answer's HTTP status, 0 when none came.
func (r *Record) Status() int { return int(r.status.Load()) }

// Header is the last answer's header, nil when none came.
func (r *Record) Header() http.Header {
	if h := r.header.Load(); h != nil {
		return *h
	}
	return nil
}

// Transport is the http.RoundTripper of one call through an SDK: it ties the
// call's requests to Ctx (SDKs may build theirs without it), keeping the
// http.Client's deadline, and tells Rec what it sees.
type Transport struct {
	Ctx  context.Context
	Next http.RoundTripper
	Rec  Recorder
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	// Derive from req's context to keep the http.Client's deadline.
	ctx, cancel := context.WithCancelCause(req.Context())
	stop := context.AfterFunc(t.Ctx, func() { cancel(context.Cause(t.Ctx)) })
	release := func() { stop(); cancel(nil) }
	resp, err := t.Next.RoundTrip(req.WithContext(traceWrites(ctx, t.Rec.RecordWrite)))
	if err != nil {
		release()
		return nil, err
	}
	t.Rec.RecordAnswer(resp)
	resp.Body = &releaseBody{ReadCloser: resp.Body, release: release}
	return resp, nil
}

// releaseBody runs release once the body is closed, when the call is over.
type releaseBody struct {
	io.ReadCloser
	once    sync.Once
	release func()
}

func (b *releaseBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.release)
	return err
}

// Do sends req with client and also reports whether the request was (even
// partly) written, which tells whether a failed POST may have created its
// message.
func Do(client *http.Client, req *http.Request) (resp *http.Response, wrote bool, err error) {
	var w atomic.Bool
	resp, err = client.Do(req.WithContext(traceWrites(req.Context(), func() { w.Store(true) })))
	return resp, w.Load(), err
}

// traceWrites returns ctx with a trace that calls wrote when a request on it
// is written.
func traceWrites(ctx context.Context, wrote func()) context.Context {
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		// Headers reach the buffer before the wire; counting from there errs
		// towards "written", the safe side for a POST.
		WroteHeaders: wrote,
		WroteRequest: func(httptrace.WroteRequestInfo) { wrote() },
	})
}

// RetryAfter reads a Retry-After value (RFC 9110): whole seconds, or an HTTP
// date measured from now. It is 0 when v is empty, unreadable, negative or in
// the past.
func RetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		const most = int64(1<<63-1) / int64(time.Second)
		return time.Duration(min(max(secs, 0), most)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}
