-- Occurrences of a recurring message the user cancelled one by one ("only this one").
CREATE TABLE message_skips (
	message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
	occurrence TEXT NOT NULL,
	PRIMARY KEY (message_id, occurrence)
) STRICT, WITHOUT ROWID;
