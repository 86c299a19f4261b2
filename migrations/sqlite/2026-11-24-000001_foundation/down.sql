DROP TABLE posting_history;
DROP TABLE postings;
DROP TABLE refresh_tokens;
DROP TABLE one_time_tokens;
DROP TABLE jobseekers;
DROP TABLE accounts;
DROP TABLE facilities;
