package sandbox

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"

	"time"

	"minuit/internal/db"
	"minuit/scheduler"
)

var _ scheduler.InboundProvider = (*Provider)(nil)

// SimulateReply records an SMS from a customer's number to the shop, as if the
// sandbox had received it (for example "STOP"); the scheduler reads it at its next
// inbound poll. It returns the reply's id.
func (p *Provider) SimulateReply(ctx context.Context, from, body string) (string, error) {
	from = strings.TrimSpace(from)
	if from == "" {
		return "", fmt.Errorf("sandbox: a reply needs the number it comes from")
	}
	var raw [8]byte
	_, _ = rand.Read(raw[:])
	id := "sbx-mo-" + hex.EncodeToString(raw[:])
	_, err := p.db.W.ExecContext(ctx, `INSERT INTO sandbox_inbound (id, originator, body, created_at) VALUES (?, ?, ?, ?)`,
		id, from, body, db.FormatTime(p.now()))
	if err != nil {
		return "", fmt.Errorf("sandbox: record the reply: %w", err)
	}
	return id, nil
}

// Inbound implements scheduler.InboundProvider: the simulated replies received
// since `since`, oldest first.
func (p *Provider) Inbound(ctx context.Context, since time.Time) ([]scheduler.InboundMessage, error) {
	rows, err := p.db.R.QueryContext(ctx, `SELECT id, originator, body, created_at FROM sandbox_inbound
		WHERE created_at >= ? ORDER BY created_at, id`, db.FormatTime(since))
	if err != nil {
		return nil, fmt.Errorf("sandbox: read the replies: %w", err)
	}
	defer rows.Close()
	var out []scheduler.InboundMessage
	for rows.Next() {
		var m scheduler.InboundMessage
		var at string
		if err := rows.Scan(&m.ID, &m.From, &m.Body, &at); err != nil {
			return nil, fmt.Errorf("sandbox: read the replies: %w", err)
		}
		if m.At, err = db.ParseTime(at); err != nil {
			return nil, fmt.Errorf("sandbox: read the replies: reply %s: %w", m.ID, err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sandbox: read the replies: %w", err)
	}
	return out, nil
}
