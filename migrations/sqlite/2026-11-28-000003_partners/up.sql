-- Partners (SPEC 5, 9): organisations with their scope as data, their API keys, webhook
-- endpoints and the durable queue of webhook deliveries. A scope change is recorded in the
-- change log like any other state change (entity `organisation`), and each posting it moves
-- in or out of the partner's view gets its own event, so the partner feed stays one read of
-- the log.
CREATE TABLE organisations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    email TEXT NOT NULL,
    prefecture_code TEXT,
    scope_occupations TEXT NOT NULL,
    scope_prefectures TEXT NOT NULL,
    scope_detail TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    key_prefix TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    last_used_at TIMESTAMP
);
CREATE INDEX api_keys_organisation ON api_keys (organisation_id);

CREATE TABLE webhook_endpoints (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    disabled_at TIMESTAMP,
    disabled_reason TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX webhook_endpoints_organisation ON webhook_endpoints (organisation_id);

-- One row per event per endpoint; (endpoint_id, message_id) makes the producer idempotent
-- and `message_id` is the stable `webhook-id` a receiver de-duplicates on.
CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints(id),
    message_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_status_code INTEGER,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP,
    UNIQUE (endpoint_id, message_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id DESC);

-- Partner reads of full data are audited by organisation; `detail` names the postings.
ALTER TABLE audit_log ADD COLUMN organisation_id BIGINT;
ALTER TABLE audit_log ADD COLUMN detail TEXT;
-- Repeated views of the same posting by the same person on one (Japanese) day are one entry.
ALTER TABLE audit_log ADD COLUMN times INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_log ADD COLUMN last_at TIMESTAMP;

-- The posting feed reads the log by entity in sequence.
CREATE INDEX change_log_entity_seq ON change_log (entity, seq);

-- Digests attach a CSV: mail in the outbox may carry one attachment.
ALTER TABLE outbox ADD COLUMN attachment_name TEXT;
ALTER TABLE outbox ADD COLUMN attachment_base64 TEXT;

-- Partner user accounts (role `partner`) belong to one organisation.
CREATE TABLE partner_members (
    account_id BIGINT PRIMARY KEY REFERENCES accounts(id),
    organisation_id BIGINT NOT NULL REFERENCES organisations(id)
);
CREATE INDEX partner_members_organisation ON partner_members (organisation_id);

-- Reception desks (窓口) a prefecture registers: shown publicly and in recruiters' notices.
CREATE TABLE desks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    prefecture_code TEXT NOT NULL,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    phone TEXT NOT NULL,
    hours TEXT NOT NULL,
    url TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX desks_prefecture ON desks (prefecture_code, id);

-- Postings an upstream system (G-MIS) registers by its own reference: one posting per
-- (organisation, reference); `body_hash` tells an unchanged repeat from an update.
CREATE TABLE intake_refs (
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    external_ref TEXT NOT NULL,
    posting_id BIGINT NOT NULL REFERENCES postings(id),
    body_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation_id, external_ref)
);

-- Referrals: a thread a partner (prefecture desk, Hello Work, nurse centre) opened for a
-- jobseeker it met in person; the facility sees the referring organisation.
CREATE TABLE referrals (
    thread_id BIGINT PRIMARY KEY REFERENCES threads(id),
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX referrals_organisation ON referrals (organisation_id, thread_id);
