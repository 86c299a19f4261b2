-- The wage sort is (wage_amount_yen DESC, id DESC): an index in that order lets a page stop
-- after its rows, where (wage_amount_yen DESC) made every posting of an equal wage be read
-- and sorted by id again (issue 12: a doctor page at 1,000,000 postings read 6,000 rows).
DROP INDEX postings_open_wage_idx;
CREATE INDEX postings_open_wage_idx ON postings (status, wage_unit, wage_amount_yen DESC, id DESC);
-- Fresh planner statistics for the new index, so that searches use it at once.
ANALYZE postings;
