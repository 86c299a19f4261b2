DROP INDEX postings_open_wage_idx;
CREATE INDEX postings_open_wage_idx ON postings (status, wage_unit, wage_amount_yen DESC);
