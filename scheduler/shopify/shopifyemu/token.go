package shopifyemu

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// token answers the client-credentials grant: POST /admin/oauth/access_token
// with grant_type=client_credentials, client_id and client_secret (a form or JSON).
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.missing {
		notFoundShop(w)
		return
	}
	var grant, id, secret string
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var b map[string]string
		_ = json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&b)
		grant, id, secret = b["grant_type"], b["client_id"], b["client_secret"]
	} else {
		r.Body = http.MaxBytesReader(w, r.Body, 1<<16)
		if err := r.ParseForm(); err == nil {
			grant, id, secret = r.PostForm.Get("grant_type"), r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
		}
	}
	switch {
	case grant != "client_credentials":
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "unsupported_grant_type",
			"error_description": "The authorization grant type is not supported by the authorization server."})
		return
	case s.clientID == "" || id != s.clientID || secret != s.secret:
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "invalid_client",
			"error_description": "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method."})
		return
	}
	s.stats.Tokens++
	tok := "shpat_emu_" + strconv.Itoa(s.stats.Tokens)
	s.granted[tok] = s.now().Add(TokenLifetime)
	scopes := make([]string, 0, len(s.scopes))
	for sc := range s.scopes {
		scopes = append(scopes, sc)
	}
	writeJSON(w, http.StatusOK, map[string]any{"access_token": tok, "scope": strings.Join(scopes, ","),
		"expires_in": int(TokenLifetime.Seconds())})
}

// validToken reports whether tok is accepted now; s.mu is held.
func (s *Server) validToken(tok string) bool {
	if tok == "" {
		return false
	}
	if s.static[tok] {
		return true
	}
	exp, ok := s.granted[tok]
	return ok && s.now().Before(exp)
}
