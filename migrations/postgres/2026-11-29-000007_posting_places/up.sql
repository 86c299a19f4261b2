-- The municipality point a posting is placed at for "near me" search (api/data/
-- municipalities.tsv, e.g. 東京都千代田区; a designated city's ward at its city), or NULL when
-- the table does not know its municipality. Filled by the server when it writes a posting,
-- and for older postings when it starts.
ALTER TABLE postings ADD COLUMN place TEXT;
CREATE INDEX postings_place ON postings (place, status);
