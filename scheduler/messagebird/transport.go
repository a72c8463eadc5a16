package messagebird

import (
	"context"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// rewriteTransport sends each request to base instead of the SDK's fixed
// endpoint, keeping the SDK's path after base's path prefix and its query.
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
// reports the SDK's https://rest.messagebird.com URL, which misleads in logs.
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

// callRecord is what one SDK call's transport saw: whether any request was
// (even partly) written to the wire, and the last HTTP status and headers
// received.
type callRecord struct {
	wrote  atomic.Bool
	status atomic.Int32
	header atomic.Pointer[http.Header]
}

func (r *callRecord) headerValue(key string) string {
	if h := r.header.Load(); h != nil {
		return strings.TrimSpace(h.Get(key))
	}
	return ""
}

// serverTime is the last answer's Date header: MessageBird's clock; zero when
// there was none.
func (r *callRecord) serverTime() time.Time {
	t, err := http.ParseTime(r.headerValue("Date"))
	if err != nil {
		return time.Time{}
	}
	return t
}

// retryAfter reads the last answer's Retry-After header (RFC 9110: a number of
// seconds, or an HTTP date, measured from the Date header or else from now);
// 0 when there is none. MessageBird does not document sending one.
func (r *callRecord) retryAfter() time.Duration {
	v := r.headerValue("Retry-After")
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		return time.Duration(min(max(secs, 0), int64(24*time.Hour/time.Second))) * time.Second
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	from := r.serverTime()
	if from.IsZero() {
		from = time.Now()
	}
	return max(at.Sub(from), 0)
}

// callTransport ties one SDK call to its ctx (the SDK builds requests without
// one) and fills a callRecord, which the SDK's errors alone cannot tell: its
// ErrorResponse carries no HTTP status, and a transport error does not say
// whether the request had left.
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
	header := resp.Header
	t.rec.header.Store(&header)
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
