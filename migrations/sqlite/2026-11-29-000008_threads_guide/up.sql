-- Threads that guide (issue 11): an interview's iCalendar SEQUENCE (it grows with each
-- reschedule or cancellation, so calendars replace the event), and when each side last read
-- the thread (unread counts).
ALTER TABLE interviews ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN facility_read_at TIMESTAMP;
ALTER TABLE threads ADD COLUMN jobseeker_read_at TIMESTAMP;
