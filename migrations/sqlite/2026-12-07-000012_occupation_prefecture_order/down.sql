DROP INDEX postings_open_occ_pref_idx;
CREATE INDEX postings_open_occ_pref_idx ON postings (status, occupation, prefecture_code, created_at DESC);
DROP INDEX postings_open_pref_idx;
CREATE INDEX postings_open_pref_idx ON postings (status, prefecture_code, created_at DESC);
