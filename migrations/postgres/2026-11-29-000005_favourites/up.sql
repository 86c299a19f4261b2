-- A jobseeker's favourite postings (お気に入り), newest first on their list.
CREATE TABLE favourites (
    jobseeker_account_id BIGINT NOT NULL REFERENCES accounts(id),
    posting_id BIGINT NOT NULL REFERENCES postings(id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (jobseeker_account_id, posting_id)
);
