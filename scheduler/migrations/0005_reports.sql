-- Reports: what became of the deliveries, per message and per quarter-hour, so that
-- a report, a chart or the calendar over 1,000,000 deliveries reads a few thousand
-- rows, never the deliveries themselves (scheduler/reporttotals.go).
--
-- Every change of a delivery that counts is written down in report_journal by a
-- trigger that only copies columns, cheap enough for the engine's hot path (each
-- of its statements is compiled anew, trigger included, so a trigger that
-- computed the counts itself made a campaign a third slower). Store.FoldReports
-- folds the journal into report_totals in one grouped statement, before any read
-- of report_totals and every minute in the background sender, computing the keys
-- in one place (reporttotals.go, with scheduler.AcceptedSQL).

-- report_totals counts deliveries by message, UTC quarter-hour of their planned
-- time (slot, as delivery_slots did), state ('pending' for scheduled, sending,
-- waiting to retry and handed off), whether the provider accepted them (accepted:
-- AcceptedSQL), the compliance rule that skipped them (reason, '' unless skipped),
-- the provider that took them ('' unless accepted), and the first three digits of
-- the number after '+' (prefix: its calling code, for the price per country).
-- parts sums their SMS parts; first_sent is the earliest sent_at of the accepted
-- deliveries counted in the row (it never grows back when one moves on: that text
-- did leave then). A row whose count fell to 0 stays; readers skip it.
CREATE TABLE report_totals (
	slot TEXT NOT NULL,
	message_id INTEGER NOT NULL,
	state TEXT NOT NULL,
	accepted INTEGER NOT NULL CHECK (accepted IN (0, 1)),
	reason TEXT NOT NULL,
	provider TEXT NOT NULL,
	prefix TEXT NOT NULL,
	n INTEGER NOT NULL,
	parts INTEGER NOT NULL,
	first_sent TEXT NOT NULL,
	PRIMARY KEY (slot, message_id, state, accepted, reason, provider, prefix)
) STRICT, WITHOUT ROWID;

-- A delivery's columns before (sign -1) or after (sign +1) a change, until folded.
CREATE TABLE report_journal (
	id INTEGER PRIMARY KEY,
	sign INTEGER NOT NULL CHECK (sign IN (-1, 1)),
	message_id INTEGER NOT NULL,
	occurrence TEXT NOT NULL,
	state TEXT NOT NULL,
	sent_at TEXT NOT NULL,
	policy_reason TEXT NOT NULL,
	provider TEXT NOT NULL,
	recipient TEXT NOT NULL,
	segments INTEGER NOT NULL
) STRICT;

-- Every delivery already there, to be folded on first use.
INSERT INTO report_journal (sign, message_id, occurrence, state, sent_at, policy_reason, provider, recipient, segments)
SELECT 1, message_id, occurrence, state, sent_at, policy_reason, provider, recipient, segments FROM deliveries;

CREATE TRIGGER deliveries_report_insert AFTER INSERT ON deliveries BEGIN
	INSERT INTO report_journal (sign, message_id, occurrence, state, sent_at, policy_reason, provider, recipient, segments)
	VALUES (1, new.message_id, new.occurrence, new.state, new.sent_at, new.policy_reason, new.provider, new.recipient,
		new.segments);
END;

CREATE TRIGGER deliveries_report_update AFTER UPDATE OF state, occurrence, sent_at, policy_reason, provider, recipient,
	segments, message_id ON deliveries BEGIN
	INSERT INTO report_journal (sign, message_id, occurrence, state, sent_at, policy_reason, provider, recipient, segments)
	VALUES (-1, old.message_id, old.occurrence, old.state, old.sent_at, old.policy_reason, old.provider, old.recipient,
		old.segments),
		(1, new.message_id, new.occurrence, new.state, new.sent_at, new.policy_reason, new.provider, new.recipient,
		new.segments);
END;

CREATE TRIGGER deliveries_report_delete AFTER DELETE ON deliveries BEGIN
	INSERT INTO report_journal (sign, message_id, occurrence, state, sent_at, policy_reason, provider, recipient, segments)
	VALUES (-1, old.message_id, old.occurrence, old.state, old.sent_at, old.policy_reason, old.provider, old.recipient,
		old.segments);
END;

-- report_totals replaces delivery_slots (0001), which counted the same slots by
-- state for the calendar: one journal, not two sets of triggers.
DROP TRIGGER deliveries_slot_insert;
DROP TRIGGER deliveries_slot_update;
DROP TRIGGER deliveries_slot_delete;
DROP TABLE delivery_slots;

-- Opt-outs after a message: a STOP reply's number looked up among the deliveries
-- sent to it before it came, read from the index alone (it changes only when a
-- delivery is sent, not as its state moves on).
CREATE INDEX deliveries_recipient_sent ON deliveries (recipient, sent_at, occurrence, message_id)
	WHERE sent_at <> '';

-- The price of one SMS part with a provider ('*': any) in a country (ISO 3166
-- alpha-2, '*': any), in the shop's currency; rows here override the built-in
-- estimates (scheduler.DefaultPrices).
CREATE TABLE sms_prices (
	provider TEXT NOT NULL,
	country TEXT NOT NULL,
	per_part REAL NOT NULL CHECK (per_part >= 0),
	PRIMARY KEY (provider, country)
) STRICT, WITHOUT ROWID;
