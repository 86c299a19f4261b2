-- Saved searches and their alert mails (issue 11), and confirmed e-mail addresses.

-- A jobseeker's saved search: the search's query string, mailed instantly or daily.
CREATE TABLE saved_searches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    jobseeker_account_id BIGINT NOT NULL REFERENCES accounts(id),
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    frequency TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_sent_at TIMESTAMP
);
CREATE INDEX saved_searches_owner ON saved_searches (jobseeker_account_id, id);

-- A posting found for a saved search: found once (the key), mailed once (sent_at).
CREATE TABLE alert_hits (
    saved_search_id BIGINT NOT NULL REFERENCES saved_searches(id),
    posting_id BIGINT NOT NULL REFERENCES postings(id),
    found_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    PRIMARY KEY (saved_search_id, posting_id)
);
CREATE INDEX alert_hits_unsent ON alert_hits (sent_at, saved_search_id);

-- The address an account confirmed by a mailed link; it counts only while it is still
-- the account's address.
CREATE TABLE confirmed_emails (
    account_id BIGINT PRIMARY KEY REFERENCES accounts(id),
    email TEXT NOT NULL,
    confirmed_at TIMESTAMP NOT NULL
);

-- RFC 8058 one-click unsubscribe target of a mail, when it has one.
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;
