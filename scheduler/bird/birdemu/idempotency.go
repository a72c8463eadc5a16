package birdemu

import (
	"crypto/sha256"
	"net/http"
	"net/http/httptest"
	"time"
)

// MaxIdempotencyKey is the longest Idempotency-Key accepted.
const MaxIdempotencyKey = 255

// idemEntry is what the server remembers of one Idempotency-Key.
type idemEntry struct {
	fingerprint [32]byte // method, path and body of the first request
	done        bool     // false while the first request is in flight
	status      int
	contentType string
	body        []byte
	at          time.Time // when the first request arrived, on the emulator's clock
}

var (
	errBadKey = APIError{Type: "bad_request_error", Code: "E01002", Name: "InvalidRequest",
		Message: "Idempotency-Key must be a non-empty string of at most 255 characters.", Param: "Idempotency-Key"}
	errInProgress = APIError{Type: "conflict_error", Code: "E01004", Name: "RequestInProgress",
		Message: "A request with this Idempotency-Key is still being processed. Retry shortly."}
	errKeyReuse = APIError{Type: "conflict_error", Code: "E01005", Name: "IdempotencyKeyReuse",
		Message: "This Idempotency-Key was already used with a different request. Generate a new key."}
)

// idempotent runs a write under the Idempotency-Key contract: the first request
// with a key is processed and its 2xx or 4xx answer kept for IdempotencyTTL (on
// the emulator's clock); an identical repeat gets that answer again with
// Idempotency-Replay: true; a repeat while the first is in flight gets 409
// E01004; a different request with the key gets 409 E01005. A 5xx is not kept.
func (s *Server) idempotent(w http.ResponseWriter, r *http.Request, key, path string, body []byte, reqID string) {
	if key == "" || len(key) > MaxIdempotencyKey {
		writeError(w, reqID, http.StatusBadRequest, errBadKey)
		return
	}
	h := sha256.New()
	h.Write([]byte(r.Method + " " + path + "\n"))
	h.Write(body)
	var fp [32]byte
	h.Sum(fp[:0])

	s.mu.Lock()
	now := s.now()
	e := s.idem[key]
	if e != nil && e.done && now.Sub(e.at) >= IdempotencyTTL {
		delete(s.idem, key)
		e = nil
	}
	switch {
	case e != nil && !e.done:
		s.mu.Unlock()
		w.Header().Set("Retry-After", "1")
		writeError(w, reqID, http.StatusConflict, errInProgress)
		return
	case e != nil && e.fingerprint != fp:
		s.mu.Unlock()
		writeError(w, reqID, http.StatusConflict, errKeyReuse)
		return
	case e != nil:
		s.mu.Unlock()
		if e.contentType != "" {
			w.Header().Set("Content-Type", e.contentType)
		}
		w.Header().Set("Idempotency-Replay", "true")
		w.WriteHeader(e.status)
		_, _ = w.Write(e.body)
		s.markReplay(reqID)
		return
	}
	e = &idemEntry{fingerprint: fp, at: now}
	s.idem[key] = e
	s.mu.Unlock()

	rec := httptest.NewRecorder()
	s.route(rec, r, path, body, reqID)

	s.mu.Lock()
	if rec.Code >= 500 {
		delete(s.idem, key)
	} else {
		e.done, e.status, e.contentType, e.body = true, rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes()
	}
	s.mu.Unlock()
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}
