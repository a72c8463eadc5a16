package bird

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync/atomic"

	"minuit/scheduler"
)

// maxBody bounds the answers read (a page of 100 messages is far smaller).
const maxBody = 8 << 20

// request is one API call.
type request struct {
	op      string // names the operation in errors: "send", "status", …
	method  string
	path    string // below the base URL, e.g. "/v1/sms/messages"
	query   url.Values
	body    any    // sent as JSON when not nil
	idemKey string // the Idempotency-Key header, when not ""
}

func providerError(class scheduler.ErrorClass, reason string, err error) *scheduler.ProviderError {
	return &scheduler.ProviderError{Class: class, Reason: reason, Err: err}
}

// do runs r under ctx and decodes a 2xx JSON answer into out. Every error is a
// *scheduler.ProviderError.
func (p *Provider) do(ctx context.Context, r request, out any) error {
	wrap := func(err error) error { return fmt.Errorf("bird: %s: %w", r.op, err) }
	if err := ctx.Err(); err != nil {
		return providerError(scheduler.Transient, "the request was cancelled before it was sent", wrap(err))
	}
	u := *p.base
	u.Path = p.base.Path + r.path
	u.RawQuery = r.query.Encode()
	var body io.Reader
	if r.body != nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			return providerError(scheduler.Permanent, "the message could not be encoded for Bird", wrap(err))
		}
		body = bytes.NewReader(b)
	}
	var wrote atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		// Headers reach the buffer before the wire; counting from there errs
		// towards "written", the safe side for a POST.
		WroteHeaders: func() { wrote.Store(true) },
		WroteRequest: func(httptrace.WroteRequestInfo) { wrote.Store(true) },
	})
	req, err := http.NewRequestWithContext(ctx, r.method, u.String(), body)
	if err != nil {
		return providerError(scheduler.Permanent, "the request to Bird could not be built", wrap(err))
	}
	req.Header.Set("Authorization", "Bearer "+p.key)
	req.Header.Set("User-Agent", p.userAgent)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.idemKey != "" {
		req.Header.Set("Idempotency-Key", r.idemKey)
	}
	post := r.method == http.MethodPost
	resp, err := p.client.Do(req)
	if err != nil {
		return transportError(ctx, post, wrote.Load(), wrap(err))
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	ok := resp.StatusCode >= 200 && resp.StatusCode < 300
	switch {
	case ok && err != nil && post:
		return providerError(scheduler.Ambiguous, "Bird's answer was cut short; the message may have been sent", wrap(err))
	case ok && err != nil:
		return transportError(ctx, false, true, wrap(err))
	case !ok:
		return classifyAPI(resp.StatusCode, resp.Header, raw, wrap)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		if post {
			return providerError(scheduler.Ambiguous, "Bird's answer could not be read; the message may have been sent", wrap(err))
		}
		return providerError(scheduler.Transient, "Bird's answer could not be read", wrap(err))
	}
	return nil
}

// transportError classifies a request that got no answer: nothing written
// means nothing created (Transient); a POST written but unanswered may have
// created its message (Ambiguous).
func transportError(ctx context.Context, post, wrote bool, err error) error {
	cancelled := ctx.Err() != nil
	timedOut := !cancelled && isTimeout(err)
	var dnsErr *net.DNSError
	switch {
	case !wrote && cancelled:
		return providerError(scheduler.Transient, "the request was cancelled before it was sent", err)
	case !wrote && errors.As(err, &dnsErr):
		return providerError(scheduler.Transient, "Bird's server could not be found; check the internet connection", err)
	case !wrote && timedOut:
		return providerError(scheduler.Transient, "Bird could not be reached in time", err)
	case !wrote:
		return providerError(scheduler.Transient, "Bird could not be reached", err)
	case post && cancelled:
		return providerError(scheduler.Ambiguous, "the request was cancelled before Bird answered; the message may have been sent", err)
	case post && timedOut:
		return providerError(scheduler.Ambiguous, "Bird did not answer in time; the message may have been sent", err)
	case post:
		return providerError(scheduler.Ambiguous, "the connection to Bird broke before it answered; the message may have been sent", err)
	case cancelled:
		return providerError(scheduler.Transient, "the request was cancelled before Bird answered", err)
	case timedOut:
		return providerError(scheduler.Transient, "Bird did not answer in time", err)
	default:
		return providerError(scheduler.Transient, "the connection to Bird broke", err)
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}
