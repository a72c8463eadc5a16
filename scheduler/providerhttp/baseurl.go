package providerhttp

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// ParseBaseURL validates the address that replaces a vendor's endpoint (an
// emulator's, a proxy's): http or https, a host, no user name or password, no
// query or fragment. The path is kept, without its trailing slash. what names
// the setting in errors, e.g. "twilio: the base URL".
func ParseBaseURL(raw, what string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("%s %q is not a URL: %w", what, raw, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("%s %q must start with http:// or https://", what, raw)
	case u.Host == "" || u.Hostname() == "":
		return nil, fmt.Errorf("%s %q has no host name", what, raw)
	case u.User != nil:
		return nil, fmt.Errorf("%s %q must not contain a user name or password", what, raw)
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return nil, fmt.Errorf("%s %q must not have a query or fragment", what, raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// Rewrite sends each request to Base instead of the endpoint an SDK has fixed,
// keeping the SDK's path after Base's path prefix, and its query.
type Rewrite struct {
	Next http.RoundTripper
	Base *url.URL
}

// RoundTrip implements http.RoundTripper.
func (t *Rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.URL = t.URL(req.URL)
	out.Host = ""
	return t.Next.RoundTrip(out)
}

// URL is where t sends a request for orig.
func (t *Rewrite) URL(orig *url.URL) *url.URL {
	u := *t.Base
	u.Path = t.Base.Path + orig.Path
	u.RawPath = ""
	u.RawQuery = orig.RawQuery
	return &u
}

// RealURL makes a transport error name the URL really requested when t is a
// *Rewrite: http.Client reports the SDK's URL, which misleads in logs. Other
// errors and transports are returned unchanged.
func RealURL(err error, t http.RoundTripper) error {
	rt, ok := t.(*Rewrite)
	ue, isURLErr := err.(*url.Error)
	if !ok || !isURLErr {
		return err
	}
	orig, perr := url.Parse(ue.URL)
	if perr != nil {
		return err
	}
	return &url.Error{Op: ue.Op, URL: rt.URL(orig).String(), Err: ue.Err}
}
