-- What the sandbox "accepted": kept so that reconciliation after a crash works for
-- real in sandbox mode too.
CREATE TABLE sandbox_messages (
	id TEXT PRIMARY KEY,
	reference TEXT NOT NULL,
	originator TEXT NOT NULL,
	body TEXT NOT NULL,
	recipients TEXT NOT NULL, -- comma-separated E.164
	created_at TEXT NOT NULL
) STRICT;

CREATE INDEX sandbox_messages_reference ON sandbox_messages (reference);
