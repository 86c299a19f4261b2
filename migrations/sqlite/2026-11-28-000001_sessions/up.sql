-- Sessions: one row per sign-in. Refresh tokens rotate inside their session (a family);
-- access tokens name their session, which every request checks, so revoking a session
-- (sign-out, a reused refresh token, a new password, an erased account) takes effect at once.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    revoke_reason TEXT
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Refresh tokens from before sessions existed belong to no family: they are dropped
-- (their holders sign in again).
DROP TABLE refresh_tokens;
CREATE TABLE refresh_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id BIGINT NOT NULL REFERENCES sessions(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Login attempts that did not succeed (and ones in flight), shared by every server on
-- the database: the limiter counts them per login ID + client address, per login ID and
-- per client address over the last minute.
CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    login_key TEXT NOT NULL,
    client TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts (login_key, created_at);
CREATE INDEX login_attempts_client ON login_attempts (client, created_at);
CREATE INDEX login_attempts_created ON login_attempts (created_at);
