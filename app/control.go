package app

import (
	"bufio"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// The control protocol. Any local user can connect to a loopback port, so every
// command proves that its sender knows the lock's secret, which only the user can
// read (the port file is 0600 in the 0700 data folder; on Windows the data folder
// under %AppData% carries the user profile's ACL: the user, SYSTEM, Administrators).
// Each connection carries one exchange of three lines:
//
//	server: minuit1 SN          SN: 32 fresh random bytes, in hex
//	client: CN MAC CMD          CN: 32 fresh random bytes; MAC = mac("request", SN, CN, CMD)
//	server: MAC REPLY           MAC = mac("reply", SN, CN, REPLY)
//
// where mac is HMAC-SHA256 under the secret of "minuit1 KIND SN CN TEXT", in hex.
// The server's nonce makes a request good for its own connection only, so a
// recorded request cannot be replayed, with no nonce cache and no clock. The
// client's nonce makes a reply good for its own request only, so a program that
// listens on the port of a stale port file (the process was killed) cannot pose as
// Minuit: the client drops replies that do not verify and reports nothing running.
// A request that does not verify, or an unknown command, gets no answer and no
// effect. Lines have size limits and each connection a deadline. Being text, the
// exchange can be made by hand with openssl (app/testdata/smoke.sh does).
const (
	protocol    = "minuit1"
	secretLen   = 32
	nonceLen    = 32
	maxGreeting = len(protocol) + 1 + 2*nonceLen
	maxRequest  = 2*nonceLen + 1 + 2*sha256.Size + 1 + 256 // a command ≤ 256 bytes
	maxReply    = 64 << 10
)

// Time limits of one exchange. Variables so that tests can shorten them.
var (
	serverTimeout = 2 * time.Second // a connection, until its request is read, then until its reply is written; read when a lock is taken
	askTimeout    = 2 * time.Second // ask's whole exchange, the handler's time included
)

// errLongLine: a line was longer than its limit.
var errLongLine = errors.New("app: control line too long")

// answer serves one connection: a fresh challenge, one request, one signed reply.
func answer(c net.Conn, secret []byte, timeout time.Duration, handle func(string) string) {
	_ = c.SetDeadline(time.Now().Add(timeout))
	sn := newNonce()
	if _, err := io.WriteString(c, protocol+" "+sn+"\n"); err != nil {
		return
	}
	line, err := readLine(bufio.NewReader(c), maxRequest)
	if err != nil {
		return
	}
	cn, cmd, ok := verifyRequest(secret, sn, line)
	if !ok {
		return
	}
	reply := handle(cmd)
	if reply == "" {
		return
	}
	_ = c.SetDeadline(time.Now().Add(timeout))
	_, _ = io.WriteString(c, sign(secret, "reply", sn, cn, reply)+" "+reply+"\n")
}

// verifyRequest checks "CN MAC CMD" against the challenge sn and returns CN and CMD.
func verifyRequest(secret []byte, sn, line string) (cn, cmd string, ok bool) {
	parts := strings.SplitN(strings.TrimSuffix(line, "\r"), " ", 3)
	if len(parts) != 3 || !isNonce(parts[0]) || parts[2] == "" {
		return "", "", false
	}
	cn, cmd = parts[0], parts[2]
	if !macEqual(parts[1], sign(secret, "request", sn, cn, cmd)) {
		return "", "", false
	}
	return cn, cmd, true
}

// ask sends one command to the process whose port file is dir/portName and returns
// its reply; ok is false when nothing answers, or nothing that knows the secret.
func ask(dir, portName, cmd string) (string, bool) {
	addr, secret, err := readPortFile(filepath.Join(dir, portName))
	if err != nil {
		return "", false
	}
	return askAt(addr, secret, cmd)
}

// askAt makes one exchange with the control port at addr.
func askAt(addr string, secret []byte, cmd string) (string, bool) {
	deadline := time.Now().Add(askTimeout)
	c, err := net.DialTimeout("tcp", addr, askTimeout)
	if err != nil {
		return "", false
	}
	defer c.Close()
	_ = c.SetDeadline(deadline)
	r := bufio.NewReader(c)
	greeting, err := readLine(r, maxGreeting)
	if err != nil {
		return "", false
	}
	sn, found := strings.CutPrefix(greeting, protocol+" ")
	if !found || !isNonce(sn) {
		return "", false
	}
	cn := newNonce()
	if _, err := io.WriteString(c, cn+" "+sign(secret, "request", sn, cn, cmd)+" "+cmd+"\n"); err != nil {
		return "", false
	}
	line, err := readLine(r, maxReply)
	if err != nil {
		return "", false
	}
	mac, reply, found := strings.Cut(line, " ")
	if !found || !macEqual(mac, sign(secret, "reply", sn, cn, reply)) {
		return "", false
	}
	return strings.TrimSpace(reply), true
}

// poke sends cmd to the running sender of dir. It reports false when none runs.
func poke(dir, cmd string) bool {
	reply, ok := ask(dir, senderPortFile, cmd)
	return ok && strings.HasPrefix(reply, "ok")
}

// sign is the hex HMAC-SHA256 of "minuit1 KIND SN CN TEXT" under secret.
func sign(secret []byte, kind, sn, cn, text string) string {
	h := hmac.New(sha256.New, secret)
	_, _ = io.WriteString(h, protocol+" "+kind+" "+sn+" "+cn+" "+text)
	return hex.EncodeToString(h.Sum(nil))
}

// macEqual compares two hex MACs in constant time.
func macEqual(got, want string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func newNonce() string {
	b := make([]byte, nonceLen)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// isNonce reports whether s is nonceLen bytes in lower-case hex.
func isNonce(s string) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == nonceLen && s == strings.ToLower(s)
}

// readLine reads one line of at most limit bytes, without its "\n".
func readLine(r *bufio.Reader, limit int) (string, error) {
	var b []byte
	for len(b) <= limit {
		c, err := r.ReadByte()
		if err != nil {
			return "", err
		}
		if c == '\n' {
			return string(b), nil
		}
		b = append(b, c)
	}
	return "", errLongLine
}

// writePortFile writes "PORT SECRET" (the secret in hex) to path, 0600, replacing
// any previous file at once so that a reader never sees half of it.
func writePortFile(path string, port int, secret []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "%d %s\n", port, hex.EncodeToString(secret))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
	return err
}

// readPortFile reads a port file: the loopback address and the secret.
func readPortFile(path string) (addr string, secret []byte, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", nil, err
	}
	fields := strings.Fields(string(b))
	if len(fields) != 2 {
		return "", nil, fmt.Errorf("app: %s: not a port and a secret", path)
	}
	port, err := strconv.Atoi(fields[0])
	if err != nil || port < 1 || port > 65535 {
		return "", nil, fmt.Errorf("app: %s: bad port %q", path, fields[0])
	}
	if secret, err = hex.DecodeString(fields[1]); err != nil || len(secret) != secretLen {
		return "", nil, fmt.Errorf("app: %s: bad secret", path)
	}
	return net.JoinHostPort("127.0.0.1", fields[0]), secret, nil
}
