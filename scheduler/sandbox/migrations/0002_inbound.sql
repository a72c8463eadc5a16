-- Replies simulated with Provider.SimulateReply, read back by Provider.Inbound.
CREATE TABLE sandbox_inbound (
	id TEXT PRIMARY KEY,
	originator TEXT NOT NULL, -- E.164 of the customer
	body TEXT NOT NULL,
	created_at TEXT NOT NULL
) STRICT;

CREATE INDEX sandbox_inbound_created ON sandbox_inbound (created_at);
