-- The start-date sort is (start_date ASC, id DESC): an index in that order lets a page walk
-- it and stop after its rows, where (start_date, id) made each start date's postings be
-- sorted again (issue 12).
DROP INDEX postings_open_start_idx;
CREATE INDEX postings_open_start_idx ON postings (status, start_date, id DESC);
-- Fresh planner statistics for the new index, so that searches use it at once.
ANALYZE postings;
