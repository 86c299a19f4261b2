-- Keyword search through an index that finds Japanese substrings (issue 12): FTS5 with the
-- trigram tokenizer over the public search text, case-sensitive like PostgreSQL's LIKE on
-- its pg_trgm index. Triggers keep it in step with `postings` inside the writing
-- transaction. Terms of three characters or more are looked up here; shorter ones (which no
-- trigram can find) are still matched with LIKE.
CREATE VIRTUAL TABLE postings_fts USING fts5(
    public_search_text,
    content = 'postings',
    content_rowid = 'id',
    tokenize = 'trigram case_sensitive 1'
);
CREATE TRIGGER postings_fts_insert AFTER INSERT ON postings BEGIN
    INSERT INTO postings_fts (rowid, public_search_text) VALUES (new.id, new.public_search_text);
END;
CREATE TRIGGER postings_fts_delete AFTER DELETE ON postings BEGIN
    INSERT INTO postings_fts (postings_fts, rowid, public_search_text)
        VALUES ('delete', old.id, old.public_search_text);
END;
CREATE TRIGGER postings_fts_update AFTER UPDATE OF public_search_text ON postings BEGIN
    INSERT INTO postings_fts (postings_fts, rowid, public_search_text)
        VALUES ('delete', old.id, old.public_search_text);
    INSERT INTO postings_fts (rowid, public_search_text) VALUES (new.id, new.public_search_text);
END;
INSERT INTO postings_fts (postings_fts) VALUES ('rebuild');
