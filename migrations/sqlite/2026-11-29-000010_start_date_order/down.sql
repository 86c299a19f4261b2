DROP INDEX postings_open_start_idx;
CREATE INDEX postings_open_start_idx ON postings (status, start_date, id);
