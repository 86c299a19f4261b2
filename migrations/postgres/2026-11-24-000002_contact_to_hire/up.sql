-- From contact to hire: profiles, threads, messages, interviews, training reports,
-- the mail outbox, the audit log and scheduled-job bookkeeping.
ALTER TABLE jobseekers ADD COLUMN availability TEXT;
ALTER TABLE jobseekers ADD COLUMN experience TEXT;
ALTER TABLE jobseekers ADD COLUMN years_away INTEGER;
ALTER TABLE jobseekers ADD COLUMN deleted_at TIMESTAMP;
ALTER TABLE facilities ADD COLUMN suspended_at TIMESTAMP;
-- When the facility last registered a posting; month-end rest checks it on the row it updates.
ALTER TABLE facilities ADD COLUMN last_posted_at TIMESTAMP;

CREATE TABLE jobseeker_licences (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    occupation TEXT NOT NULL,
    licence_number TEXT,
    licence_year INTEGER,
    position INTEGER NOT NULL
);
CREATE INDEX jobseeker_licences_account_idx ON jobseeker_licences (account_id, position);

-- One thread per jobseeker and posting: an inquiry, possibly upgraded to an application.
CREATE TABLE threads (
    id BIGSERIAL PRIMARY KEY,
    posting_id BIGINT NOT NULL REFERENCES postings(id),
    facility_id BIGINT NOT NULL REFERENCES facilities(id),
    jobseeker_account_id BIGINT NOT NULL REFERENCES accounts(id),
    kind TEXT NOT NULL,
    stage TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    applied_at TIMESTAMP,
    first_response_at TIMESTAMP,
    last_message_at TIMESTAMP NOT NULL,
    last_message_by TEXT NOT NULL,
    reminder_sent_at TIMESTAMP,
    decided_at TIMESTAMP,
    decision_result TEXT,
    decision_message TEXT,
    UNIQUE (posting_id, jobseeker_account_id)
);
CREATE INDEX threads_facility_idx ON threads (facility_id, last_message_at DESC);
CREATE INDEX threads_jobseeker_idx ON threads (jobseeker_account_id, last_message_at DESC);
CREATE INDEX threads_first_response_idx ON threads (first_response_at, created_at);

CREATE TABLE thread_messages (
    id BIGSERIAL PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES threads(id),
    sender TEXT NOT NULL,
    sender_account_id BIGINT REFERENCES accounts(id),
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX thread_messages_thread_idx ON thread_messages (thread_id, id);

CREATE TABLE interviews (
    id BIGSERIAL PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES threads(id),
    starts_at TIMESTAMP NOT NULL,
    duration_minutes INTEGER NOT NULL,
    video_url TEXT NOT NULL,
    note TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    reminded_at TIMESTAMP
);
CREATE INDEX interviews_starts_idx ON interviews (starts_at);
CREATE INDEX interviews_thread_idx ON interviews (thread_id, id);

CREATE TABLE training_reports (
    thread_id BIGINT PRIMARY KEY REFERENCES threads(id),
    completed_on DATE NOT NULL,
    items TEXT NOT NULL,
    other_items TEXT,
    hours_tenths INTEGER NOT NULL,
    materials TEXT NOT NULL,
    reported_by BIGINT REFERENCES accounts(id),
    reported_at TIMESTAMP NOT NULL
);

-- Outgoing mail, written in the same transaction as the event it tells of, sent by the
-- worker. A row is claimed with a lease (`locked_until`) so several servers can share it.
CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    ics TEXT,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    sent_at TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);

CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    actor_account_id BIGINT REFERENCES accounts(id),
    action TEXT NOT NULL,
    posting_id BIGINT,
    thread_id BIGINT,
    subject_account_id BIGINT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_log_created_idx ON audit_log (created_at DESC, id DESC);

-- A scheduled job's run for one period (e.g. month-end for "2026-11"), once across servers.
CREATE TABLE job_runs (
    name TEXT NOT NULL,
    run_key TEXT NOT NULL,
    ran_at TIMESTAMP NOT NULL,
    PRIMARY KEY (name, run_key)
);
