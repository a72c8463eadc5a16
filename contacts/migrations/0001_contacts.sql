-- Contacts, their numbers, groups and consent history. Timestamps are db.TimeFormat
-- text (fixed-width UTC), so text order is time order.
CREATE TABLE contacts (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	sort_key TEXT NOT NULL,          -- name folded for ordering: lower case, no accents
	first_name TEXT NOT NULL DEFAULT '',
	last_name TEXT NOT NULL DEFAULT '',
	company TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	bday_year INTEGER NOT NULL DEFAULT 0,
	bday_month INTEGER NOT NULL DEFAULT 0,
	bday_day INTEGER NOT NULL DEFAULT 0,
	notes TEXT NOT NULL DEFAULT '',
	uid TEXT,                         -- vCard UID or shopify:<id>; NULL when none
	fallback_key TEXT,                -- name + raw digits, for contacts with no valid number, email or UID
	phone TEXT NOT NULL DEFAULT '',   -- E.164 of the number to text
	source TEXT NOT NULL DEFAULT '',
	no_messages INTEGER NOT NULL DEFAULT 0,
	consent_status TEXT NOT NULL DEFAULT 'unknown',  -- copy of the latest consent event
	consent_source TEXT NOT NULL DEFAULT '',
	consent_proof TEXT NOT NULL DEFAULT '',
	consent_at TEXT NOT NULL DEFAULT '',
	edits TEXT NOT NULL DEFAULT '',   -- JSON {field: {at, was}} of fields edited in the app
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX contacts_by_sort_key ON contacts(sort_key, id);
CREATE UNIQUE INDEX contacts_by_uid ON contacts(uid) WHERE uid IS NOT NULL;
CREATE INDEX contacts_by_email ON contacts(lower(email)) WHERE email != '';
CREATE INDEX contacts_by_fallback ON contacts(fallback_key) WHERE fallback_key IS NOT NULL;

CREATE TABLE contact_phones (
	contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	e164 TEXT,                        -- NULL when the number cannot be valid
	raw TEXT NOT NULL,
	label TEXT NOT NULL DEFAULT '',
	kind TEXT NOT NULL,
	preferred INTEGER NOT NULL DEFAULT 0,
	problem TEXT NOT NULL DEFAULT '', -- why an invalid number is invalid ('' for valid ones: see kind)
	digits TEXT NOT NULL DEFAULT '',  -- the digits of an invalid number, for searching it; '' when valid
	PRIMARY KEY (contact_id, position)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX contact_phones_by_e164 ON contact_phones(e164) WHERE e164 IS NOT NULL;
CREATE INDEX contact_phones_by_digits ON contact_phones(digits) WHERE digits != '';

CREATE TABLE contact_groups (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	key TEXT NOT NULL UNIQUE          -- folded name
) STRICT;

CREATE TABLE contact_group_members (
	group_id INTEGER NOT NULL REFERENCES contact_groups(id) ON DELETE CASCADE,
	contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
	PRIMARY KEY (group_id, contact_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX contact_group_members_by_contact ON contact_group_members(contact_id, group_id);

-- Append-only: rows are only ever inserted, and removed with their contact on erasure.
CREATE TABLE consent_events (
	id INTEGER PRIMARY KEY,
	contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
	status TEXT NOT NULL CHECK (status IN ('unknown', 'opted-in', 'opted-out')),
	source TEXT NOT NULL,
	proof TEXT NOT NULL DEFAULT '',
	at TEXT NOT NULL
) STRICT;
CREATE INDEX consent_events_by_contact ON consent_events(contact_id, id);
CREATE TRIGGER consent_events_append_only BEFORE UPDATE ON consent_events
BEGIN
	SELECT RAISE(ABORT, 'consent history is append-only');
END;

-- Name search: one row per contact (rowid = contacts.id) with the words of its name
-- and company. Numbers are searched through contact_phones_by_e164 and, for invalid
-- ones, contact_phones_by_digits.
CREATE VIRTUAL TABLE contacts_fts USING fts5(
	words,
	content = '', contentless_delete = 1, detail = none,
	tokenize = "unicode61 remove_diacritics 2",
	prefix = '1 2'
);

-- Bumped by every change, so that a commit can tell its preview is out of date.
CREATE TABLE contacts_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	version INTEGER NOT NULL
) STRICT;
INSERT INTO contacts_version (id, version) VALUES (1, 0);
