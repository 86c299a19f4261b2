-- Keyword search on PostgreSQL already goes through the pg_trgm GIN index (foundation);
-- this step adds the SQLite counterpart (FTS5 trigram) and changes nothing here.
SELECT 1;
