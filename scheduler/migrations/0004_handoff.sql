-- Hand-off: deliveries given to the provider's own scheduler ahead of their due time
-- (state 'handed_off'), so that they leave even when this computer is off.
--
-- handed_off_at: when the provider took it ('' = never handed off); for a handed-off
-- delivery sent_at is the time the provider was asked to send it (its due time).
-- withdraw: '' or the final state ('cancelled', 'skipped') a handed-off delivery must
-- reach once the provider has withdrawn it; set by a cancel, an edit or a STOP reply,
-- cleared by the engine's withdraw step.
ALTER TABLE deliveries ADD COLUMN handed_off_at TEXT NOT NULL DEFAULT '';
ALTER TABLE deliveries ADD COLUMN withdraw TEXT NOT NULL DEFAULT '';

-- Delivery reports are polled for sent and handed-off deliveries alike.
DROP INDEX deliveries_check;
CREATE INDEX deliveries_check ON deliveries (check_at) WHERE state IN ('sent', 'handed_off') AND check_at <> '';

-- The withdraw step: handed-off deliveries waiting to be withdrawn, by provider message.
CREATE INDEX deliveries_withdraw ON deliveries (provider_id) WHERE state = 'handed_off' AND withdraw <> '';

-- A STOP reply and an edit look up a number's or a message's handed-off deliveries.
CREATE INDEX deliveries_handed_off ON deliveries (recipient) WHERE state = 'handed_off';
