package twilio

import (
	"bytes"
	"io"
	"net/http"
)

// sdkBodies mends how twilio-go treats answer bodies, so that connections go
// back to the pool: it sits between the http.Client and the call's
// providerhttp.Transport, whose release runs when a body is closed.
type sdkBodies struct{ next http.RoundTripper }

func (t sdkBodies) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode < 200 || resp.StatusCode >= 400 {
		// twilio-go decodes an error body but never closes it: read it here and
		// close it at once.
		body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		_ = resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		if rerr != nil {
			resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), errReader{rerr}))
		}
		return resp, nil
	}
	resp.Body = drainBody{resp.Body}
	return resp, nil
}

// maxErrorBody bounds how much of an error answer is kept.
const maxErrorBody = 1 << 20

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// drainBody reads what the SDK left of a body before closing it: the SDK stops
// reading after the JSON value, and a final chunk left unread would keep the
// connection from being reused.
type drainBody struct{ io.ReadCloser }

func (b drainBody) Close() error {
	_, _ = io.CopyN(io.Discard, b.ReadCloser, 64<<10)
	return b.ReadCloser.Close()
}
