DROP INDEX postings_place;
ALTER TABLE postings DROP COLUMN place;
