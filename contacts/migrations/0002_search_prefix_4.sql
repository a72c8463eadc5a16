-- Name search: add a 4-character prefix index. FTS5 answers a prefix query of a
-- length it has an index for lazily, in rowid order, stopping at LIMIT; any other
-- length makes it merge the whole doclist of every matching term first, which takes
-- milliseconds for a common name at 100,000 contacts. Queries cut longer words to 4
-- characters (or 2 for 3-letter words) and check the candidates (search.go).
DROP TABLE contacts_fts;
CREATE VIRTUAL TABLE contacts_fts USING fts5(
	words,
	content = '', contentless_delete = 1, detail = none,
	tokenize = "unicode61 remove_diacritics 2",
	prefix = '1 2 4'
);
-- the same words as indexSearchSQL (fts.go)
INSERT INTO contacts_fts (rowid, words)
	SELECT c.id, c.name
		|| CASE WHEN instr(c.name, c.first_name) THEN '' ELSE ' ' || c.first_name END
		|| CASE WHEN instr(c.name, c.last_name) THEN '' ELSE ' ' || c.last_name END
		|| ' ' || c.company
	FROM contacts c;
