DROP TRIGGER postings_fts_update;
DROP TRIGGER postings_fts_delete;
DROP TRIGGER postings_fts_insert;
DROP TABLE postings_fts;
