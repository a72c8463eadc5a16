-- Shopify: what made a message (source), the automations' firings, and the store's
-- orders and abandoned checkouts as the poller last read them (scheduler/automation).

-- source: '' for a message planned by the user; 'shopify:order-confirmation #1002'
-- for one an automation made (history --json shows it).
ALTER TABLE messages ADD COLUMN source TEXT NOT NULL DEFAULT '';

-- One row per automation and Shopify object (order, fulfillment, checkout,
-- customer): the key that makes each automation fire exactly once per object,
-- across restarts and overlapping polls. outcome 'planned': message_id was made;
-- 'skipped': message_id holds the skipped delivery that says why (reason).
CREATE TABLE automation_fires (
	automation TEXT NOT NULL,
	object_id TEXT NOT NULL,
	label TEXT NOT NULL,                -- what the shop owner knows it by: '#1002'
	message_id INTEGER REFERENCES messages (id) ON DELETE SET NULL,
	outcome TEXT NOT NULL CHECK (outcome IN ('planned', 'skipped')),
	reason TEXT NOT NULL DEFAULT '',    -- why it was skipped, a policy_reason code
	event_at TEXT NOT NULL,             -- when the object appeared in the store
	fired_at TEXT NOT NULL,
	PRIMARY KEY (automation, object_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX automation_fires_recent ON automation_fires (automation, fired_at);
CREATE INDEX automation_fires_message ON automation_fires (message_id) WHERE message_id IS NOT NULL;

-- Orders, for revenue per campaign (campaign: the message id their customer
-- journey's UTM parameters name, 0 for none) and for "no order since" before an
-- abandoned-checkout reminder. Amounts in hundredths of the shop's currency.
CREATE TABLE shop_orders (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	customer_id TEXT NOT NULL DEFAULT '',
	total_cents INTEGER NOT NULL,
	currency TEXT NOT NULL,
	campaign INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	cancelled_at TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
CREATE INDEX shop_orders_campaign ON shop_orders (created_at, campaign) WHERE campaign <> 0;
CREATE INDEX shop_orders_by_campaign ON shop_orders (campaign) WHERE campaign <> 0;
CREATE INDEX shop_orders_customer ON shop_orders (customer_id, created_at) WHERE customer_id <> '';

-- Abandoned checkouts waiting for their reminder (removed once it is decided).
CREATE TABLE shop_checkouts (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	customer_id TEXT NOT NULL DEFAULT '',
	first_name TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	url TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	completed_at TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
CREATE INDEX shop_checkouts_due ON shop_checkouts (updated_at);
