-- Compliance: the policy gate's verdicts, STOP replies and the frequency cap.

-- policy_reason: why the rules held or skipped a delivery (compliance.Reason codes,
-- or 'opted-out-by-reply'); policy_note: the same as a plain sentence; held_until:
-- when a held delivery may next be sent ('' = never held); gated_due: the due time
-- the gate last cleared it for, so that a delivery is only claimed once the gate
-- has seen it at its current due time.
ALTER TABLE deliveries ADD COLUMN policy_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE deliveries ADD COLUMN policy_note TEXT NOT NULL DEFAULT '';
ALTER TABLE deliveries ADD COLUMN held_until TEXT NOT NULL DEFAULT '';
ALTER TABLE deliveries ADD COLUMN gated_due TEXT NOT NULL DEFAULT '';

-- The frequency cap: a number's marketing deliveries that left, by time sent.
CREATE INDEX deliveries_marketing_sent ON deliveries (recipient, sent_at)
	WHERE kind = 'marketing' AND sent_at <> '';

-- A STOP reply cancels the number's pending marketing deliveries.
CREATE INDEX deliveries_pending_recipient ON deliveries (recipient)
	WHERE state IN ('scheduled', 'retryable');

-- Replies read from the provider, once each, with what they did.
CREATE TABLE inbound_replies (
	id INTEGER PRIMARY KEY,
	provider TEXT NOT NULL,
	provider_id TEXT NOT NULL,
	number TEXT NOT NULL,                 -- E.164
	body TEXT NOT NULL,
	received_at TEXT NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('opt-out', 'opt-in', 'none')),
	created_at TEXT NOT NULL,
	UNIQUE (provider, provider_id)
) STRICT;

-- Reports: opt-outs of a number after a message was sent to it.
CREATE INDEX inbound_replies_number ON inbound_replies (number, received_at) WHERE action = 'opt-out';
