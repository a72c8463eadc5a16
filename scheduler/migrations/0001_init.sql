-- Messages are what the user plans; deliveries are what the scheduler sends, one per
-- recipient per occurrence. Timestamps are fixed-width UTC text (db.TimeFormat), so text
-- order is time order; '' stands for "none" where a column is optional.

CREATE TABLE messages (
	id INTEGER PRIMARY KEY,
	body TEXT NOT NULL,                 -- template with {placeholders}
	originator TEXT NOT NULL,           -- sender ID; '' = the provider setting
	kind TEXT NOT NULL CHECK (kind IN ('transactional', 'marketing')),
	local_at TEXT NOT NULL,             -- wall time 'YYYY-MM-DD HH:MM' in tz (first occurrence)
	tz TEXT NOT NULL,                   -- IANA zone
	rrule TEXT NOT NULL DEFAULT '',     -- RFC 5545 RRULE body, '' = one-off
	birthday INTEGER NOT NULL DEFAULT 0 CHECK (birthday IN (0, 1)),
	window_s INTEGER NOT NULL DEFAULT 0, -- "no later than": seconds after each occurrence, 0 = none
	status TEXT NOT NULL CHECK (status IN ('active', 'done', 'cancelled')),
	cursor TEXT NOT NULL DEFAULT '',    -- occurrences up to here are materialised
	next_at TEXT NOT NULL DEFAULT '',   -- next occurrence not yet materialised, '' = none
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX messages_next ON messages (next_at) WHERE status = 'active';

CREATE TABLE message_recipients (
	message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('number', 'contact', 'group')),
	value TEXT NOT NULL,
	PRIMARY KEY (message_id, kind, value)
) STRICT;

CREATE TABLE deliveries (
	id INTEGER PRIMARY KEY,
	message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
	occurrence TEXT NOT NULL,           -- the planned instant of this occurrence
	recipient TEXT NOT NULL,            -- E.164
	contact_id INTEGER,                 -- NULL for a typed number
	originator TEXT NOT NULL,           -- sender ID used
	kind TEXT NOT NULL,                 -- copied from the message
	body TEXT NOT NULL,                 -- rendered text
	segments INTEGER NOT NULL,
	state TEXT NOT NULL,
	due TEXT NOT NULL,                  -- when it may next be claimed
	deadline TEXT NOT NULL DEFAULT '',  -- after this it is missed; '' = none
	attempts INTEGER NOT NULL DEFAULT 0,
	uncertain INTEGER NOT NULL DEFAULT 0, -- last attempt may have reached the provider
	reference TEXT NOT NULL DEFAULT '', -- our reference of the request that carries it
	provider TEXT NOT NULL DEFAULT '',
	provider_id TEXT NOT NULL DEFAULT '',
	error TEXT NOT NULL DEFAULT '',     -- plain reason of the last failure
	claimed_at TEXT NOT NULL DEFAULT '',
	requested_at TEXT NOT NULL DEFAULT '', -- written just before the provider call
	sent_at TEXT NOT NULL DEFAULT '',
	final_at TEXT NOT NULL DEFAULT '',
	late_ms INTEGER NOT NULL DEFAULT 0, -- how late it left, against occurrence
	check_at TEXT NOT NULL DEFAULT '',  -- next delivery-report poll, '' = none
	checks INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;

-- One delivery per recipient per occurrence, whoever materialises it.
CREATE UNIQUE INDEX deliveries_once ON deliveries (message_id, occurrence, recipient, coalesce(contact_id, 0));

-- The claim: state in (scheduled, retryable) ORDER BY due, id.
CREATE INDEX deliveries_due ON deliveries (due, id) WHERE state IN ('scheduled', 'retryable');
-- History: newest first, keyset on (occurrence, id).
CREATE INDEX deliveries_history ON deliveries (occurrence DESC, id DESC);
CREATE INDEX deliveries_check ON deliveries (check_at) WHERE state = 'sent' AND check_at <> '';
CREATE INDEX deliveries_sending ON deliveries (reference) WHERE state = 'sending';
CREATE INDEX deliveries_contact ON deliveries (contact_id) WHERE contact_id IS NOT NULL;

CREATE TABLE delivery_attempts (
	delivery_id INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
	attempt INTEGER NOT NULL,
	at TEXT NOT NULL,
	reference TEXT NOT NULL,
	error TEXT NOT NULL,
	PRIMARY KEY (delivery_id, attempt)
) STRICT;

CREATE TABLE settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- Calendar counts, kept by triggers per UTC quarter-hour and state, so that a month
-- reads at most ~3,000 slots whatever the volume, and folds into local days in any
-- zone (offsets are whole quarter-hours).
CREATE TABLE delivery_slots (
	slot TEXT NOT NULL, -- 'YYYY-MM-DDTHH:MM' UTC, minutes 00/15/30/45
	state TEXT NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (slot, state)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER deliveries_slot_insert AFTER INSERT ON deliveries BEGIN
	INSERT INTO delivery_slots (slot, state, n)
	VALUES (substr(new.occurrence, 1, 14) || printf('%02d', CAST(substr(new.occurrence, 15, 2) AS INTEGER) / 15 * 15), new.state, 1)
	ON CONFLICT (slot, state) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER deliveries_slot_update AFTER UPDATE OF state, occurrence ON deliveries
WHEN old.state <> new.state OR old.occurrence <> new.occurrence BEGIN
	UPDATE delivery_slots SET n = n - 1
	WHERE slot = substr(old.occurrence, 1, 14) || printf('%02d', CAST(substr(old.occurrence, 15, 2) AS INTEGER) / 15 * 15)
		AND state = old.state;
	INSERT INTO delivery_slots (slot, state, n)
	VALUES (substr(new.occurrence, 1, 14) || printf('%02d', CAST(substr(new.occurrence, 15, 2) AS INTEGER) / 15 * 15), new.state, 1)
	ON CONFLICT (slot, state) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER deliveries_slot_delete AFTER DELETE ON deliveries BEGIN
	UPDATE delivery_slots SET n = n - 1
	WHERE slot = substr(old.occurrence, 1, 14) || printf('%02d', CAST(substr(old.occurrence, 15, 2) AS INTEGER) / 15 * 15)
		AND state = old.state;
END;
