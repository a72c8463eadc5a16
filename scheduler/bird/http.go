package bird

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
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

// do runs r under ctx and decodes a 2xx JSON answer into out. Every error is a
// *scheduler.ProviderError.
func (p *Provider) do(ctx context.Context, r request, out any) error {
	wrap := func(err error) error { return fmt.Errorf("bird: %s: %w", r.op, err) }
	if err := ctx.Err(); err != nil {
		return providerhttp.NotSent(wrap(err))
	}
	u := *p.base
	u.Path = p.base.Path + r.path
	u.RawQuery = r.query.Encode()
	var body io.Reader
	if r.body != nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			return providerhttp.Error(scheduler.Permanent, "the message could not be encoded for Bird", wrap(err))
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u.String(), body)
	if err != nil {
		return providerhttp.Error(scheduler.Permanent, "the request to Bird could not be built", wrap(err))
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
	resp, wrote, err := providerhttp.Do(p.client, req)
	if err != nil {
		return providerhttp.Unanswered(ctx, "Bird", post, wrote, wrap(err))
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	ok := resp.StatusCode >= 200 && resp.StatusCode < 300
	switch {
	case ok && err != nil && post:
		return providerhttp.Error(scheduler.Ambiguous, "Bird's answer was cut short; the message may have been sent", wrap(err))
	case ok && err != nil:
		return providerhttp.Unanswered(ctx, "Bird", false, true, wrap(err))
	case !ok:
		return classifyAPI(resp.StatusCode, resp.Header, raw, wrap)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return providerhttp.Unreadable("Bird", post, wrap(err))
	}
	return nil
}
