// Package sandbox is Minuit's default provider: it accepts messages and reports
// their delivery like a real gateway, but nothing is really sent. A new user can try
// the whole flow without an account.
//
// Test numbers, by their last four digits:
//
//	…9990  refused: "the number is not valid" (others in the same request still go)
//	…9991  accepted, then the delivery report says failed
//	…9992  accepted, then the delivery report says expired
//	…9993  the provider is unreachable: every send fails with a transient error
//	other  accepted, delivered DeliveryDelay after acceptance
package sandbox

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"minuit/internal/db"
	"minuit/scheduler"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Label is shown wherever the sandbox is the active provider.
const Label = "Sandbox: nothing is really sent"

// DeliveryDelay is how long after acceptance a sandbox message is reported delivered.
const DeliveryDelay = 5 * time.Second

// Provider is the sandbox gateway, persisted in the app's database.
type Provider struct {
	db  *db.DB
	now func() time.Time
}

// New migrates the sandbox table in d and returns the provider.
func New(ctx context.Context, d *db.DB, now func() time.Time) (*Provider, error) {
	if now == nil {
		now = time.Now
	}
	if err := d.Migrate(ctx, "sandbox", migrations, "migrations"); err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	return &Provider{db: d, now: now}, nil
}

// Name implements scheduler.Provider.
func (p *Provider) Name() string { return "sandbox" }

// Send accepts the batch unless a test number says otherwise.
func (p *Provider) Send(ctx context.Context, b scheduler.Batch) (scheduler.Accepted, error) {
	// Like MessageBird, invalid recipients are dropped and the rest accepted; a
	// request with none left is refused.
	var accepted []string
	for _, r := range b.Recipients {
		if strings.HasSuffix(r, "9993") {
			return scheduler.Accepted{}, &scheduler.ProviderError{Class: scheduler.Transient,
				Reason: "the provider could not be reached (sandbox test number " + r + ")"}
		}
		if !strings.HasSuffix(r, "9990") {
			accepted = append(accepted, r)
		}
	}
	if len(accepted) == 0 {
		return scheduler.Accepted{}, &scheduler.ProviderError{Class: scheduler.Permanent,
			Reason: "the number is not valid (sandbox test number " + strings.Join(b.Recipients, ", ") + ")"}
	}
	b.Recipients = accepted
	var raw [8]byte
	_, _ = rand.Read(raw[:])
	id := "sbx-" + hex.EncodeToString(raw[:])
	_, err := p.db.W.ExecContext(ctx, `INSERT INTO sandbox_messages (id, reference, originator, body, recipients, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, id, b.Reference, b.Originator, b.Body, strings.Join(b.Recipients, ","),
		db.FormatTime(p.now()))
	if err != nil {
		return scheduler.Accepted{}, &scheduler.ProviderError{Class: scheduler.Transient,
			Reason: "the sandbox could not record the message", Err: err}
	}
	return scheduler.Accepted{ID: id, Reference: b.Reference, Recipients: b.Recipients}, nil
}

// Status reports each recipient delivered (or failed, or expired, for test numbers)
// once DeliveryDelay has passed.
func (p *Provider) Status(ctx context.Context, id string) ([]scheduler.RecipientStatus, error) {
	var rcpts, created string
	err := p.db.R.QueryRowContext(ctx, `SELECT recipients, created_at FROM sandbox_messages WHERE id = ?`, id).Scan(&rcpts, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &scheduler.ProviderError{Class: scheduler.Permanent, Reason: "the sandbox has no message " + id}
	} else if err != nil {
		return nil, &scheduler.ProviderError{Class: scheduler.Transient, Reason: "the sandbox could not be read", Err: err}
	}
	at, err := db.ParseTime(created)
	if err != nil {
		return nil, &scheduler.ProviderError{Class: scheduler.Permanent, Reason: "the sandbox's record of message " + id + " is damaged", Err: err}
	}
	at = at.Add(DeliveryDelay)
	final := !p.now().Before(at)
	var out []scheduler.RecipientStatus
	for _, r := range strings.Split(rcpts, ",") {
		st := scheduler.RecipientStatus{Recipient: r, Status: scheduler.DLRPending}
		if final {
			st.At = at
			switch {
			case strings.HasSuffix(r, "9991"):
				st.Status, st.Reason = scheduler.DLRFailed, "the handset is unreachable (sandbox test number)"
			case strings.HasSuffix(r, "9992"):
				st.Status = scheduler.DLRExpired
			default:
				st.Status = scheduler.DLRDelivered
			}
		}
		out = append(out, st)
	}
	return out, nil
}

// Capabilities implements scheduler.Provider: batches like MessageBird, no scheduler.
func (p *Provider) Capabilities() scheduler.Capabilities {
	return scheduler.Capabilities{MaxBatch: scheduler.MaxBatch}
}

// Lookup finds accepted messages by reference.
func (p *Provider) Lookup(ctx context.Context, batches []scheduler.Batch, since time.Time) (map[string]scheduler.Accepted, error) {
	out := map[string]scheduler.Accepted{}
	for _, b := range batches {
		ref := b.Reference
		var id, rcpts string
		err := p.db.R.QueryRowContext(ctx, `SELECT id, recipients FROM sandbox_messages WHERE reference = ? AND created_at >= ?`,
			ref, db.FormatTime(since)).Scan(&id, &rcpts)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		} else if err != nil {
			return nil, &scheduler.ProviderError{Class: scheduler.Transient, Reason: "the sandbox could not be read", Err: err}
		}
		out[ref] = scheduler.Accepted{ID: id, Reference: ref, Recipients: strings.Split(rcpts, ",")}
	}
	return out, nil
}

// Balance always succeeds: the sandbox is free.
func (p *Provider) Balance(context.Context) (scheduler.Balance, error) {
	return scheduler.Balance{Amount: 0, Type: "sandbox"}, nil
}
