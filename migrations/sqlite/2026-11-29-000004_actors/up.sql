-- Who made a change: the signed-in account whose request wrote it (NULL for the server's
-- own jobs, API keys and links). The audit consumer lists the changes admins make.
ALTER TABLE change_log ADD COLUMN actor_account_id BIGINT;
CREATE INDEX change_log_actor ON change_log (actor_account_id, seq);
