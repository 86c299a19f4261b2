ALTER TABLE threads DROP COLUMN jobseeker_read_at;
ALTER TABLE threads DROP COLUMN facility_read_at;
ALTER TABLE interviews DROP COLUMN sequence;
