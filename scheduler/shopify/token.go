package shopify

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"minuit/internal/usererr"
)

// renewBefore is how long before a granted token expires the client asks for the
// next one, so that no call meets an expired token.
const renewBefore = 10 * time.Minute

// tokenAnswer is the client-credentials grant's answer.
type tokenAnswer struct {
	AccessToken string `json:"access_token"`
	Scope       string `json:"scope"`
	ExpiresIn   int64  `json:"expires_in"` // seconds
	// An OAuth refusal.
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

// accessToken returns the token to send: the static one, or a granted one that is
// not about to expire (asking for a new one when needed, or when renew is set
// after a 401).
func (c *Client) accessToken(ctx context.Context, renew bool) (string, error) {
	if c.cfg.Token != "" {
		return c.cfg.Token, nil
	}
	c.mu.Lock()
	tok, exp := c.token, c.expires
	c.mu.Unlock()
	if tok != "" && !renew && c.clock.Now().Before(exp.Add(-renewBefore)) {
		return tok, nil
	}
	return c.grant(ctx)
}

// grant asks for a token by the client-credentials grant.
func (c *Client) grant(ctx context.Context) (string, error) {
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {c.cfg.ClientID},
		"client_secret": {c.cfg.ClientSecret}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint("/admin/oauth/access_token"),
		strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("shopify: token request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	asked := c.clock.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return "", c.unreachable(ctx, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", c.unreachable(ctx, err)
	}
	var ans tokenAnswer
	jsonErr := json.Unmarshal(body, &ans)
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return "", c.unknownShop(resp.StatusCode)
	case resp.StatusCode >= 500:
		return "", newError(KindUnreachable, resp.StatusCode, nil, usererr.NewMsg("Shopify could not give an access token for {{.Shop}} (HTTP {{.Status}}); it will be tried again.", map[string]any{"Shop": c.shop, "Status": resp.StatusCode}))
	case resp.StatusCode != http.StatusOK || ans.Error != "":
		return "", newError(KindAuth, resp.StatusCode, oauthError(ans),
			usererr.NewMsg("Shopify refused the client id and secret for {{.Shop}}: check them in the app's settings in the Dev Dashboard, and that the app is installed on this store.", map[string]any{"Shop": c.shop}))
	case jsonErr != nil || ans.AccessToken == "":
		return "", newError(KindAPI, resp.StatusCode, jsonErr, usererr.NewMsg("Shopify's answer to the token request for {{.Shop}} could not be read.", map[string]any{"Shop": c.shop}))
	}
	exp := asked.Add(time.Duration(ans.ExpiresIn) * time.Second)
	if ans.ExpiresIn <= 0 {
		exp = asked.Add(time.Hour) // no lifetime given: ask again within the hour
	}
	c.mu.Lock()
	c.token, c.expires = ans.AccessToken, exp
	c.cost.Tokens++
	c.mu.Unlock()
	return ans.AccessToken, nil
}

func oauthError(a tokenAnswer) error {
	if a.Error == "" {
		return nil
	}
	if a.ErrorDescription != "" {
		return fmt.Errorf("%s: %s", a.Error, a.ErrorDescription)
	}
	return fmt.Errorf("%s", a.Error)
}
