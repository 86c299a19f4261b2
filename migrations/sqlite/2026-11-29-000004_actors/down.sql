DROP INDEX change_log_actor;
ALTER TABLE change_log DROP COLUMN actor_account_id;
