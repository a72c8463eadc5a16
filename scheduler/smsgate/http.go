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
	"net/url"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
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

// do sends one request (path below the base URL, in marshalled as JSON when not
// nil) and reads its answer whatever its status. Its error is a classified
// *scheduler.ProviderError: nothing came back.
func (p *Provider) do(ctx context.Context, op, method, path string, query url.Values, in any) (*reply, error) {
	if err := ctx.Err(); err != nil {
		return nil, providerhttp.NotSent(fmt.Errorf("smsgate: %s: %w", op, err))
	}
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, providerhttp.Error(scheduler.Permanent, "the message could not be encoded", fmt.Errorf("smsgate: %s: %w", op, err))
		}
		body = bytes.NewReader(b)
	}
	u := *p.base
	u.Path += path
	u.RawQuery = query.Encode()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, providerhttp.Error(scheduler.Permanent, "the request could not be built", fmt.Errorf("smsgate: %s: %w", op, err))
	}
	req.SetBasicAuth(p.user, p.pass)
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, wrote, err := providerhttp.Do(p.client, req)
	if err != nil {
		return nil, p.transportError(ctx, op, method, err, wrote)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		rep := &reply{status: resp.StatusCode}
		if method == http.MethodPost && rep.ok() {
			return nil, providerhttp.Error(scheduler.Ambiguous, p.who()+"'s answer was cut short; the message may have been taken",
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
	timedOut := !cancelled && providerhttp.IsTimeout(err)
	var dnsErr *net.DNSError
	switch {
	case wrote:
		return providerhttp.Lost(p.who(), method == http.MethodPost, cancelled, timedOut, "the message may have been taken", wrapped)
	case cancelled:
		return providerhttp.NotSent(wrapped)
	case p.cloud && errors.As(err, &dnsErr):
		return providerhttp.Error(scheduler.Transient, "SMS Gateway's cloud server could not be found; check the internet connection", wrapped)
	case p.cloud:
		return providerhttp.Error(scheduler.Transient, "SMS Gateway's cloud server could not be reached; check the internet connection", wrapped)
	default:
		return providerhttp.Error(scheduler.Transient,
			"the phone could not be reached: is it on the same Wi-Fi, and is SMS Gateway's local server started?", wrapped)
	}
}
