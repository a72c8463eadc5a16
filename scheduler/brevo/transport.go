package brevo

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

// maxAnswer bounds how much of an answer is read.
const maxAnswer = 4 << 20

// answer is one HTTP answer from Brevo.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// call sends one request and returns Brevo's 2xx answer, or a classified
// *scheduler.ProviderError. op names the operation in errors; path is under the
// base URL; in, when not nil, is sent as the JSON body.
func (p *Provider) call(ctx context.Context, op, method, path string, query url.Values, in any) (*answer, error) {
	a, err := p.exchange(ctx, op, method, path, query, in)
	if err != nil {
		return nil, err
	}
	if a.status < 200 || a.status > 299 {
		return nil, classifyAnswer(op, a)
	}
	return a, nil
}

// exchange is call without the classification of non-2xx answers.
func (p *Provider) exchange(ctx context.Context, op, method, path string, query url.Values, in any) (*answer, error) {
	wrap := func(err error) error { return fmt.Errorf("brevo: %s: %w", op, err) }
	if err := ctx.Err(); err != nil {
		return nil, providerhttp.NotSent(wrap(err))
	}
	u := *p.base
	u.Path = p.base.Path + path
	u.RawQuery = query.Encode()
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, providerhttp.Error(scheduler.Permanent, "the request could not be prepared", wrap(err))
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, providerhttp.Error(scheduler.Permanent, "the request could not be prepared", wrap(err))
	}
	req.Header.Set("api-key", p.key)
	req.Header.Set("accept", "application/json")
	if in != nil {
		req.Header.Set("content-type", "application/json")
	}
	post := method == http.MethodPost
	resp, wrote, err := providerhttp.Do(p.client, req)
	if err != nil {
		return nil, providerhttp.Unanswered(ctx, "Brevo", post, wrote, wrap(err))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			return nil, providerhttp.Unreadable("Brevo", post, wrap(err))
		}
		data = nil // the status alone classifies an error answer
	}
	return &answer{status: resp.StatusCode, header: resp.Header, body: data}, nil
}

// decode reads a 2xx answer's JSON into out; a GET whose answer cannot be read
// is transient, a POST's is ambiguous (Brevo said yes, but to what is unknown).
func decode(op, method string, a *answer, out any) error {
	if err := json.Unmarshal(a.body, out); err != nil {
		wrapped := fmt.Errorf("brevo: %s: the answer (HTTP %d) is not the expected JSON: %w", op, a.status, err)
		return providerhttp.Unreadable("Brevo", method == http.MethodPost, wrapped)
	}
	return nil
}
