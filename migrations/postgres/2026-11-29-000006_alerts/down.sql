ALTER TABLE outbox DROP COLUMN list_unsubscribe;
DROP TABLE confirmed_emails;
DROP TABLE alert_hits;
DROP TABLE saved_searches;
