-- Searches in one occupation and one prefecture, or in one prefecture (a click on the map), sort
-- (created_at DESC, id DESC): with id last the index gives that order whole and a page stops
-- after its rows (issue 12: at 1,000,000 postings PostgreSQL filtered ~13,000 rows of the
-- newest-first index for nurses in Tokyo).
DROP INDEX postings_open_occ_pref_idx;
CREATE INDEX postings_open_occ_pref_idx ON postings (status, occupation, prefecture_code, created_at DESC, id DESC);
DROP INDEX postings_open_pref_idx;
CREATE INDEX postings_open_pref_idx ON postings (status, prefecture_code, created_at DESC, id DESC);
-- Fresh planner statistics for the new indexes, so that searches use them at once.
ANALYZE postings;
