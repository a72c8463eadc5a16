package shopify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"minuit/internal/usererr"
	"minuit/scheduler/providerhttp"
)

// maxAnswer bounds the size of an answer the client reads.
const maxAnswer = 64 << 20

// serverRetries is how many times a call that got no answer or a server error is
// tried again (all queries are reads).
const serverRetries = 2

type gqlRequest struct {
	Query         string         `json:"query"`
	Variables     map[string]any `json:"variables,omitempty"`
	OperationName string         `json:"operationName,omitempty"`
}

type gqlAnswer struct {
	Data       json.RawMessage `json:"data"`
	Errors     json.RawMessage `json:"errors"` // a list, or a string on 401
	Extensions struct {
		Cost *struct {
			RequestedQueryCost float64        `json:"requestedQueryCost"`
			ActualQueryCost    *float64       `json:"actualQueryCost"`
			ThrottleStatus     throttleStatus `json:"throttleStatus"`
		} `json:"cost"`
	} `json:"extensions"`
}

type gqlError struct {
	Message    string `json:"message"`
	Extensions struct {
		Code           string  `json:"code"`
		RequiredAccess string  `json:"requiredAccess"`
		Cost           float64 `json:"cost"`
		MaxCost        float64 `json:"maxCost"`
	} `json:"extensions"`
}

// costExceeded is a query Shopify refused as too costly (MAX_COST_EXCEEDED): the
// pager halves its page and asks again.
type costExceeded struct{ cost, max float64 }

func (e *costExceeded) Error() string {
	return fmt.Sprintf("shopify: the query costs %.0f, over the %.0f a query may cost", e.cost, e.max)
}

// query runs one GraphQL operation and decodes its data into out. It waits for the
// bucket before sending, retries THROTTLED answers (up to MaxWait in all), renews a
// granted token once on 401, and tries a server error or a lost answer again.
func (c *Client) query(ctx context.Context, op, text string, vars map[string]any, out any) error {
	body, err := json.Marshal(gqlRequest{Query: text, Variables: vars, OperationName: op})
	if err != nil {
		return fmt.Errorf("shopify: encode %s: %w", op, err)
	}
	var waited time.Duration
	renewed, fails := false, 0
	for {
		if d := c.bucket.before(op, c.clock.Now()); d > 0 {
			if waited+d > c.cfg.MaxWait {
				return c.throttled(waited + d)
			}
			if err := c.sleep(ctx, d); err != nil {
				return err
			}
			waited += d
		}
		tok, err := c.accessToken(ctx, false)
		if err != nil {
			return err
		}
		status, ans, err := c.post(ctx, tok, body)
		var retry time.Duration
		switch {
		case status == http.StatusTooManyRequests:
			retry = 2 * time.Second
		case err != nil || status >= 500:
			if err == nil {
				err = newError(KindUnreachable, status, nil, usererr.NewMsg("Shopify answered {{.Shop}} with a server error (HTTP {{.Status}}); it will be tried again.", map[string]any{"Shop": c.shop, "Status": status}))
			}
			if fails++; fails > serverRetries || ctx.Err() != nil {
				return err
			}
			retry = time.Duration(fails) * time.Second
		case status == http.StatusUnauthorized:
			if c.cfg.Token != "" || renewed {
				return c.refused(status)
			}
			renewed = true
			if _, err := c.accessToken(ctx, true); err != nil {
				return err
			}
			continue
		case status == http.StatusNotFound:
			return c.unknownShop(status)
		case status == http.StatusPaymentRequired || status == http.StatusLocked:
			return newError(KindUnavailable, status, nil, usererr.NewMsg("The store {{.Shop}} cannot be used now (HTTP {{.Status}}: frozen for an unpaid plan, or locked): see the store's admin.", map[string]any{"Shop": c.shop, "Status": status}))
		case status == http.StatusForbidden:
			return newError(KindScope, status, nil, usererr.NewMsg("Shopify refused access to {{.Shop}} (HTTP 403): check the app's access scopes and that it is installed on this store.", map[string]any{"Shop": c.shop}))
		case status != http.StatusOK:
			return newError(KindAPI, status, nil, usererr.NewMsg("Shopify answered {{.Shop}} with HTTP {{.Status}}.", map[string]any{"Shop": c.shop, "Status": status}))
		default:
			var terr error
			retry, terr = c.answer(op, ans, out)
			if terr != nil {
				return terr
			}
			if retry == 0 {
				return nil
			}
		}
		if waited+retry > c.cfg.MaxWait {
			if status == http.StatusOK || status == http.StatusTooManyRequests {
				return c.throttled(waited + retry)
			}
			return err
		}
		if err := c.sleep(ctx, retry); err != nil {
			return err
		}
		waited += retry
	}
}

// post sends one request; an answer of any status is returned with its body.
func (c *Client) post(ctx context.Context, token string, body []byte) (int, *gqlAnswer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint("/admin/api/"+APIVersion+"/graphql.json"), bytes.NewReader(body))
	if err != nil {
		return 0, nil, fmt.Errorf("shopify: request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-Shopify-Access-Token", token)
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, c.unreachable(ctx, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return 0, nil, c.unreachable(ctx, err)
	}
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, nil, nil
	}
	var ans gqlAnswer
	if err := json.Unmarshal(raw, &ans); err != nil {
		return resp.StatusCode, nil, newError(KindAPI, resp.StatusCode, err, usererr.NewMsg("Shopify's answer from {{.Shop}} could not be read.", map[string]any{"Shop": c.shop}))
	}
	return resp.StatusCode, &ans, nil
}

// answer reads a 200 answer: its cost, then its errors or its data. A positive
// wait means THROTTLED: try again after it.
func (c *Client) answer(op string, ans *gqlAnswer, out any) (time.Duration, error) {
	var requested float64
	var ts throttleStatus
	if cost := ans.Extensions.Cost; cost != nil {
		requested, ts = cost.RequestedQueryCost, cost.ThrottleStatus
		c.bucket.observe(op, requested, ts, c.clock.Now())
		c.mu.Lock()
		c.cost.Requests++
		c.cost.Requested += int(requested)
		if cost.ActualQueryCost != nil {
			c.cost.Actual += int(*cost.ActualQueryCost)
		}
		c.mu.Unlock()
	}
	var errs []gqlError
	if len(ans.Errors) > 0 && string(ans.Errors) != "null" {
		if err := json.Unmarshal(ans.Errors, &errs); err != nil || len(errs) == 0 {
			var msg string
			_ = json.Unmarshal(ans.Errors, &msg)
			return 0, newError(KindAPI, http.StatusOK, nil, usererr.NewMsg("Shopify answered {{.Shop}} with an error: {{.Error}}", map[string]any{"Shop": c.shop, "Error": strings.TrimSpace(msg)}))
		}
	}
	for _, e := range errs {
		switch e.Extensions.Code {
		case "THROTTLED":
			c.mu.Lock()
			c.cost.Throttled++
			c.mu.Unlock()
			return c.bucket.after(requested, ts), nil
		case "ACCESS_DENIED":
			scope := strings.Trim(strings.TrimSuffix(e.Extensions.RequiredAccess, " access scope."), "`")
			return 0, &Error{Kind: KindScope, Status: http.StatusOK, Scope: scope, err: errors.New(e.Message),
				msg: usererr.NewMsg("The Shopify app of {{.Shop}} lacks the access scope {{.Scope}}: add it to the app's scopes, then install the new version on the store.", map[string]any{"Shop": c.shop, "Scope": scope})}
		case "MAX_COST_EXCEEDED":
			return 0, &costExceeded{cost: e.Extensions.Cost, max: e.Extensions.MaxCost}
		}
	}
	if len(errs) > 0 {
		return 0, newError(KindAPI, http.StatusOK, nil, usererr.NewMsg("Shopify answered {{.Shop}} with an error: {{.Error}}", map[string]any{"Shop": c.shop, "Error": strings.TrimSpace(errs[0].Message)}))
	}
	if err := json.Unmarshal(ans.Data, out); err != nil {
		return 0, newError(KindAPI, http.StatusOK, err, usererr.NewMsg("Shopify's answer from {{.Shop}} could not be read.", map[string]any{"Shop": c.shop}))
	}
	return 0, nil
}

func (c *Client) refused(status int) error {
	if c.cfg.Token != "" {
		return newError(KindAuth, status, nil, usererr.NewMsg("Shopify refused the access token for {{.Shop}}: check that it is the Admin API access token of an app installed on this store.", map[string]any{"Shop": c.shop}))
	}
	return newError(KindAuth, status, nil, usererr.NewMsg("Shopify refused the access token it gave for {{.Shop}} twice in a row: check that the app is still installed on this store.", map[string]any{"Shop": c.shop}))
}

func (c *Client) unknownShop(status int) error {
	return newError(KindUnknownShop, status, nil, usererr.NewMsg("There is no Shopify store at {{.Shop}}: check the store's name.", map[string]any{"Shop": c.shop}))
}

func (c *Client) throttled(waited time.Duration) error {
	return newError(KindThrottled, http.StatusOK, nil, usererr.NewMsg("Shopify asked Minuit to slow down for more than {{.Wait}}; the next poll goes on from there.", map[string]any{"Wait": waited.Round(time.Second).String()}))
}

// unreachable is the error of a call that got no answer.
func (c *Client) unreachable(ctx context.Context, err error) error {
	var dns *net.DNSError
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.As(err, &dns):
		return newError(KindUnreachable, 0, err, usererr.NewMsg("Shopify's server for {{.Shop}} could not be found: check the internet connection.", map[string]any{"Shop": c.shop}))
	case providerhttp.IsTimeout(err):
		return newError(KindUnreachable, 0, err, usererr.NewMsg("Shopify did not answer in time for {{.Shop}}.", map[string]any{"Shop": c.shop}))
	}
	return newError(KindUnreachable, 0, err, usererr.NewMsg("Shopify could not be reached for {{.Shop}}: check the internet connection.", map[string]any{"Shop": c.shop}))
}
