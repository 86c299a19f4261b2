-- The nurse-in-Tokyo page sorts (created_at DESC, id DESC) within one occupation and one
-- prefecture: with id last the index gives that order whole and a page stops after its rows
-- (issue 12: at 1,000,000 postings PostgreSQL filtered ~13,000 rows of the newest-first index).
DROP INDEX postings_open_occ_pref_idx;
CREATE INDEX postings_open_occ_pref_idx ON postings (status, occupation, prefecture_code, created_at DESC, id DESC);
-- Fresh planner statistics for the new index, so that searches use it at once.
ANALYZE postings;
