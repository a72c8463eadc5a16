package messagebird

import (
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"minuit/scheduler/providerhttp"
)

// callRecord is what one SDK call's transport saw (a providerhttp.Recorder):
// whether any request was (even partly) written to the wire, and the last HTTP
// status and headers received. The SDK's ErrorResponse carries no HTTP status,
// and a transport error does not say whether the request had left.
type callRecord struct {
	wrote  atomic.Bool
	status atomic.Int32
	header atomic.Pointer[http.Header]
}

// RecordWrite implements providerhttp.Recorder.
func (r *callRecord) RecordWrite() { r.wrote.Store(true) }

// RecordAnswer implements providerhttp.Recorder.
func (r *callRecord) RecordAnswer(resp *http.Response) {
	r.status.Store(int32(resp.StatusCode))
	header := resp.Header
	r.header.Store(&header)
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

// maxRetryAfter bounds the wait a Retry-After header can ask for.
const maxRetryAfter = 24 * time.Hour

// retryAfter reads the last answer's Retry-After header, measured from the
// Date header or else from now, at most maxRetryAfter; 0 when there is none.
// MessageBird does not document sending one.
func (r *callRecord) retryAfter() time.Duration {
	from := r.serverTime()
	if from.IsZero() {
		from = time.Now()
	}
	return min(providerhttp.RetryAfter(r.headerValue("Retry-After"), from), maxRetryAfter)
}
