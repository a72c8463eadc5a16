package twilio

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// rewriteTransport sends each request to base instead of https://api.twilio.com,
// keeping the SDK's path after base's path prefix, and its query.
type rewriteTransport struct {
	next http.RoundTripper
	base *url.URL
}

func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.URL = t.rewrite(req.URL)
	out.Host = ""
	return t.next.RoundTrip(out)
}

func (t *rewriteTransport) rewrite(orig *url.URL) *url.URL {
	u := *t.base
	u.Path = t.base.Path + orig.Path
	u.RawPath = ""
	u.RawQuery = orig.RawQuery
	return &u
}

// realURL makes a transport error name the URL really requested: http.Client
// reports the SDK's https://api.twilio.com URL, which misleads in logs.
func realURL(err error, t http.RoundTripper) error {
	rt, ok := t.(*rewriteTransport)
	ue, isURLErr := err.(*url.Error)
	if !ok || !isURLErr {
		return err
	}
	orig, perr := url.Parse(ue.URL)
	if perr != nil {
		return err
	}
	return &url.Error{Op: ue.Op, URL: rt.rewrite(orig).String(), Err: ue.Err}
}

// callRecord is what one SDK call's transport saw, which the SDK's errors do
// not tell: whether the request was (even partly) written to the wire, the last
// HTTP status, and its Retry-After header (twilio-go's errors carry no headers).
type callRecord struct {
	wrote      atomic.Bool
	status     atomic.Int32
	retryAfter atomic.Int64 // time.Duration
}

// callTransport ties one SDK call to its ctx (the SDK builds its requests with
// context.Background) and fills a callRecord.
type callTransport struct {
	ctx  context.Context
	next http.RoundTripper
	rec  *callRecord
}

func (t *callTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	// Derive from req's context to keep the http.Client's deadline.
	ctx, cancel := context.WithCancelCause(req.Context())
	stop := context.AfterFunc(t.ctx, func() { cancel(context.Cause(t.ctx)) })
	release := func() { stop(); cancel(nil) }
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		// Headers reach the buffer before the wire; counting from there errs
		// towards "written", the safe side for a POST.
		WroteHeaders: func() { t.rec.wrote.Store(true) },
		WroteRequest: func(httptrace.WroteRequestInfo) { t.rec.wrote.Store(true) },
	})
	resp, err := t.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		release()
		return nil, err
	}
	t.rec.status.Store(int32(resp.StatusCode))
	t.rec.retryAfter.Store(int64(parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())))
	if resp.StatusCode < 200 || resp.StatusCode >= 400 {
		// twilio-go decodes an error body but never closes it: read it here so
		// the connection goes back to the pool.
		body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		_ = resp.Body.Close()
		release()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		if rerr != nil {
			resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), errReader{rerr}))
		}
		return resp, nil
	}
	resp.Body = &releaseBody{ReadCloser: resp.Body, release: release}
	return resp, nil
}

// maxErrorBody bounds how much of an error answer is kept.
const maxErrorBody = 1 << 20

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// parseRetryAfter reads a Retry-After value: seconds, or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now).Round(time.Second)
	}
	return 0
}

// releaseBody runs release once the body is closed, when the call is over.
type releaseBody struct {
	io.ReadCloser
	once    sync.Once
	release func()
}

func (b *releaseBody) Close() error {
	// The SDK stops reading after the JSON value; drain what is left (a final
	// chunk) so that the connection can be reused.
	_, _ = io.CopyN(io.Discard, b.ReadCloser, 64<<10)
	err := b.ReadCloser.Close()
	b.once.Do(b.release)
	return err
}
