package smsgate

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
	"time"

	"minuit/scheduler"
)

// maxBody bounds the answers read (an inbox page of 500 SMS is far below it).
const maxBody = 8 << 20

// reply is an HTTP answer, read in full.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func (r *reply) ok() bool { return r.status >= 200 && r.status < 300 }

// decode reads the answer's JSON into v.
func (r *reply) decode(v any) error { return json.Unmarshal(r.body, v) }

// phoneNow is the phone's clock, from the Date header the app sets, or now.
func (r *reply) phoneNow(now time.Time) time.Time {
	if t, err := http.ParseTime(r.header.Get("Date")); err == nil {
		return t
	}
	return now
}

func providerError(class scheduler.ErrorClass, reason string, err error) *scheduler.ProviderError {
	return &scheduler.ProviderError{Class: class, Reason: reason, Err: err}
}

// do sends one request (path below the base URL, in marshalled as JSON when not
// nil) and reads its answer whatever its status. Its error is a classified
// *scheduler.ProviderError: nothing came back.
func (p *Provider) do(ctx context.Context, op, method, path string, query url.Values, in any) (*reply, error) {
	if err := ctx.Err(); err != nil {
		return nil, providerError(scheduler.Transient, "the request was cancelled before it was sent",
			fmt.Errorf("smsgate: %s: %w", op, err))
	}
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, providerError(scheduler.Permanent, "the message could not be encoded", fmt.Errorf("smsgate: %s: %w", op, err))
		}
		body = bytes.NewReader(b)
	}
	u := *p.base
	u.Path += path
	u.RawQuery = query.Encode()
	var wrote atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		// Headers reach the buffer before the wire: counting from there errs
		// towards "written", the safe side for a POST.
		WroteHeaders: func() { wrote.Store(true) },
		WroteRequest: func(httptrace.WroteRequestInfo) { wrote.Store(true) },
	})
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, providerError(scheduler.Permanent, "the request could not be built", fmt.Errorf("smsgate: %s: %w", op, err))
	}
	req.SetBasicAuth(p.user, p.pass)
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, p.transportError(ctx, op, method, err, wrote.Load())
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		rep := &reply{status: resp.StatusCode}
		if method == http.MethodPost && rep.ok() {
			return nil, providerError(scheduler.Ambiguous, p.who()+"'s answer was cut short; the message may have been taken",
				fmt.Errorf("smsgate: %s: %w", op, err))
		}
		return nil, p.transportError(ctx, op, http.MethodGet, err, true)
	}
	return &reply{status: resp.StatusCode, header: resp.Header, body: b}, nil
}

// transportError classifies a request that got no answer: nothing written is
// transient; a POST written is ambiguous (its id makes a resend safe); a GET or
// DELETE written is transient.
func (p *Provider) transportError(ctx context.Context, op, method string, err error, wrote bool) error {
	wrapped := fmt.Errorf("smsgate: %s: %w", op, err)
	cancelled := ctx.Err() != nil && !errors.Is(context.Cause(ctx), context.DeadlineExceeded)
	var ne net.Error
	timedOut := !cancelled && (errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()))
	var dnsErr *net.DNSError
	switch {
	case !wrote && cancelled:
		return providerError(scheduler.Transient, "the request was cancelled before it was sent", wrapped)
	case !wrote && p.cloud && errors.As(err, &dnsErr):
		return providerError(scheduler.Transient, "SMS Gateway's cloud server could not be found; check the internet connection", wrapped)
	case !wrote && p.cloud:
		return providerError(scheduler.Transient, "SMS Gateway's cloud server could not be reached; check the internet connection", wrapped)
	case !wrote:
		return providerError(scheduler.Transient,
			"the phone could not be reached: is it on the same Wi-Fi, and is SMS Gateway's local server started?", wrapped)
	case method == http.MethodPost && cancelled:
		return providerError(scheduler.Ambiguous, "the request was cancelled before "+p.who()+" answered; the message may have been taken", wrapped)
	case method == http.MethodPost && timedOut:
		return providerError(scheduler.Ambiguous, p.who()+" did not answer in time; the message may have been taken", wrapped)
	case method == http.MethodPost:
		return providerError(scheduler.Ambiguous, "the connection to "+p.who()+" broke before it answered; the message may have been taken", wrapped)
	case cancelled:
		return providerError(scheduler.Transient, "the request was cancelled before "+p.who()+" answered", wrapped)
	case timedOut:
		return providerError(scheduler.Transient, p.who()+" did not answer in time", wrapped)
	default:
		return providerError(scheduler.Transient, "the connection to "+p.who()+" broke", wrapped)
	}
}
